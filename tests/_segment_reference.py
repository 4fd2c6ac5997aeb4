# Pre-optimisation reference of framing/text/_segment.py, kept to pin behaviour (issue #9).
#
# Private and test-only. Everything below this header is a verbatim copy of the module as it
# was before the speed-up (git commit 1c66e4d). tests/test_segment_speedup.py checks that the
# optimised framing.text._segment returns exactly the same spans, and raises the same errors,
# as this copy. Do not edit it to follow later changes: a deliberate change of behaviour
# changes the tests instead.
#
# One exception, patched here on 2026-11-22 for this bug only: "\r\n" counted as two line
# breaks, hence a blank line, so that every line of a text with Windows line ends was a
# paragraph and ended a sentence. Two spots (marked "\r\n") now read "\r\n" as one line
# break, as the optimised module does: `_LB`, which no longer backtracks "\r\n" into "\r"
# then "\n", and `_Rules.blocked`, where "\r\n" right before a full stop is read as the lone
# "\n" there (before which `$` also matches). Everything else is unchanged.

"""Sentence and paragraph segmentation with original offsets (no downloads, no models)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import numpy as np

from framing._errors import FramingError, suggest
from framing.text._abbreviations import ABBREVIATIONS
from framing.text._chars import IGNORABLE, INLINE_SPACES, LINE_BREAK_CHARS, SPACE_CHARS, char_class
from framing.text._normalize import _check_text
from framing.text._tokenize import _check_language

LINE_BREAK_MODES = ("auto", "sentence", "space")
PARAGRAPH_MODES = ("auto", "blank", "line")

_LB = rf"(?:\r\n|(?!\r\n)[{char_class(LINE_BREAK_CHARS)}])"  # "\r\n" is one break
_HWS = f"[{char_class(INLINE_SPACES)}]"
# A blank line (two line breaks with only spaces between) or U+2029; else one line break.
_BREAKS = re.compile(
    rf"(?P<blank>(?:{_LB}|\u2029)(?:{_HWS}*(?:{_LB}|\u2029))+|\u2029)|(?P<single>{_LB})"
)
_TERM = r"[.!?…‽]+"
_CLOSE = rf"(?:[)\]\"'’”»›]|{_HWS}+[»›”)\]])*"
_TERMINAL = re.compile(rf"(?P<term>{_TERM})(?P<close>{_CLOSE})(?=\s|$)")
_TERMINAL_AT_END = re.compile(rf"(?P<term>{_TERM})(?P<close>{_CLOSE})$")
_PRE_WORD = re.compile(r"(?:[^\W_]|[.°\-])+$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)*[^\W\d_]")
_LIST_MARK = re.compile(r"\d{1,3}|[IVXLC]{1,6}|[ivxlc]{1,6}|[a-z]")
_TRIM = SPACE_CHARS + IGNORABLE
_INLINE_TRIM = INLINE_SPACES + IGNORABLE
_BREAK_CHARS = LINE_BREAK_CHARS + "\u2029"
# A line or sentence does not end before these (lower-case letters are tested apart).
_CONTINUATION = ",;:)]}»›”%…"
# A line ending with these continues on the next one.
_OPEN_AT_END = "-\u2010\u2011'’(«[{“„‹"


def _check_choice(value: object, choices: tuple[str, ...], name: str, func: str) -> str:
    if value in choices:
        return value  # type: ignore[return-value]
    raise FramingError(
        f"{func}(): {name}={value!r} is not valid; expected one of "
        f"{', '.join(map(repr, choices))}." + suggest(str(value), choices)
    )


def _continues(ch: str | None) -> bool:
    """True when a sentence carries on with this character (lower case, closing marks)."""
    return ch is not None and (ch.islower() or ch in _CONTINUATION)


def _at_line_start(text: str, pos: int) -> bool:
    """Whether only spaces stand between the previous line break (or the start) and pos."""
    while pos > 0 and text[pos - 1] in _INLINE_TRIM:
        pos -= 1
    return pos == 0 or text[pos - 1] in _BREAK_CHARS


def _next_char(text: str, pos: int) -> str | None:
    n = len(text)
    while pos < n and text[pos] in _TRIM:
        pos += 1
    return text[pos] if pos < n else None


class _Rules:
    """Abbreviation rules of one language."""

    def __init__(self, language: str) -> None:
        data = ABBREVIATIONS[language]
        self.always = data["always"]
        self.before_number = data["before_number"]
        self.may_end = data["may_end"]

    @staticmethod
    def _has(entries: frozenset[str], word: str) -> bool:
        if word in entries:
            return True
        low = word[:1].lower() + word[1:]
        return low != word and low in entries and low == low.lower()

    def blocked(self, text: str, dot: int, next_char: str | None) -> bool:
        """Whether the full stop at ``dot`` is an abbreviation's, not a sentence end."""
        crlf = dot >= 2 and text[dot - 2 : dot] == "\r\n"
        # "\r\n" right before the stop is read as a lone "\n", before which `$` also matches.
        end = dot - 2 if crlf else dot
        m = _PRE_WORD.search(text, max(0, end - 60 + crlf), end)
        if m is None or (crlf and m.end() < end):
            return False
        word = m.group().lstrip(".-°")
        if not word or word in self.may_end:
            return False
        if self._has(self.always, word):
            return True
        if next_char is not None and next_char.isdigit() and self._has(self.before_number, word):
            return True
        if _INITIALS.fullmatch(word) and not any(c.islower() for c in word):
            return True  # E. Macron, J.-L. Mélenchon, U.S.
        if _LIST_MARK.fullmatch(word):  # "1. Les unités" at the start of a line
            return _at_line_start(text, m.start())
        return False

    def punct_ends(self, text: str, m: re.Match[str]) -> bool:
        """Whether a terminal-punctuation match ends a sentence."""
        nxt = _next_char(text, m.end())
        if nxt is None:
            return True
        if _continues(nxt):
            return False
        if m.group("term") == "." and not m.group("close"):
            return not self.blocked(text, m.start("term"), nxt)
        return True

    def line_break_ends(self, text: str, line_start: int, start: int, end: int) -> bool:
        """Whether the line break text[start:end] ends a sentence (mode "auto").

        ``line_start`` is the offset where the line before the break begins.
        """
        i = start
        while i > 0 and text[i - 1] in _TRIM:
            i -= 1
        nxt = _next_char(text, end)
        if i == 0 or nxt is None:
            return True
        if text[i - 1] in _OPEN_AT_END:
            return False
        m = _TERMINAL_AT_END.search(text, line_start, i)
        blocked = bool(
            m
            and m.group("term") == "."
            and not m.group("close")
            and self.blocked(text, m.start("term"), nxt)
        )
        if _continues(nxt):
            return bool(m) and not blocked
        return not blocked


def _spans(text: str, cuts: set[int]) -> list[tuple[int, int]]:
    bounds = sorted(cuts | {0, len(text)})
    out = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        stripped = piece.lstrip(_TRIM)
        if not stripped:
            continue
        a += len(piece) - len(stripped)
        b -= len(stripped) - len(stripped.rstrip(_TRIM))
        out.append((a, b))
    return out


def _line_cuts(text: str, rules: _Rules, mode: str) -> tuple[set[int], set[int], bool]:
    """(blank-line cuts, single-line-break cuts, whether the text has blank lines)."""
    blank: set[int] = set()
    single: set[int] = set()
    line_start = 0
    for m in _BREAKS.finditer(text):
        if m.lastgroup == "blank":
            blank.add(m.start())
        elif mode == "sentence" or (
            mode == "auto" and rules.line_break_ends(text, line_start, *m.span())
        ):
            single.add(m.start())
        line_start = m.end()
    return blank, single, bool(blank)


def sentence_spans(
    text: str, *, language: str = "fr", line_breaks: str = "auto"
) -> list[tuple[int, int]]:
    """Split a text into sentences, as half-open offsets of the original text.

    Each span runs from the sentence's first to its last non-whitespace character (closing
    quotes included); every non-whitespace character of the text is in exactly one span.

    A sentence ends:

    - at a blank line (or U+2029), always;
    - after ``.``, ``!``, ``?``, ``…``, ``...`` or a run of them (``?!``), and the closing
      quotes or brackets right after (« … nos cibles. » Il …), when the next character
      starts a sentence: not a lower-case letter, not ``, ; : ) ] » ”`` (« … détruits »,
      a déclaré … and « Pourquoi ? demanda-t-il » do not end). A full stop does not end a
      sentence after an abbreviation (M., Mme, Dr, cf., p. 12, av., Mr., e.g. …; the lists
      are per language in ``framing.text._abbreviations``), after initials (« E. Macron »,
      « J.-L. », « U.S. »), after a list number at the start of a line (« 1. Les unités »),
      or inside a number (« 19.9.2023 », « 3.5 »);
    - at a single line break, depending on ``line_breaks``.

    Parameters
    ----------
    text : str
    language : {"fr", "en"}, default "fr"
        Selects the abbreviation lists.
    line_breaks : {"auto", "sentence", "space"}, default "auto"
        ``"sentence"``: every line break ends a sentence. ``"space"``: a line break is a
        space (hard-wrapped text). ``"auto"``: a line break ends a sentence unless the line
        ends with an abbreviation, an elision apostrophe, a hyphen or an opening quote, or
        the next line continues the sentence — starts in lower case (or with ``,`` ``)`` …)
        after a line without final punctuation. So a title line with no final period
        followed by a capitalised line is a sentence of its own, and a hard-wrapped
        lower-case continuation joins its sentence. A hard-wrapped line that starts with a
        capitalised name is taken as a new sentence: use ``"space"`` for such texts.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` pairs, ordered and non-overlapping. With the defaults, every
        sentence lies inside one paragraph of :func:`paragraph_spans` (default mode).

    Raises
    ------
    FramingError
        If ``text`` is not a str, or ``language`` or ``line_breaks`` is not supported.

    Examples
    --------
    >>> text = "M. Macron a dit. Il part."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['M. Macron a dit.', 'Il part.']
    >>> text = "« Nos cibles », a-t-il déclaré. Le 19.9.2023, Bakou a agi."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['« Nos cibles », a-t-il déclaré.', 'Le 19.9.2023, Bakou a agi.']
    """
    _check_text(text, "sentence_spans")
    rules = _Rules(_check_language(language, "sentence_spans"))
    mode = _check_choice(line_breaks, LINE_BREAK_MODES, "line_breaks", "sentence_spans")
    blank, single, _ = _line_cuts(text, rules, mode)
    cuts = blank | single
    cuts.update(m.end() for m in _TERMINAL.finditer(text) if rules.punct_ends(text, m))
    return _spans(text, cuts)


def paragraph_spans(
    text: str, *, mode: str = "auto", language: str = "fr"
) -> list[tuple[int, int]]:
    """Split a text into paragraphs, as half-open offsets of the original text.

    Each span runs from the paragraph's first to its last non-whitespace character.

    Parameters
    ----------
    text : str
    mode : {"auto", "blank", "line"}, default "auto"
        ``"blank"``: paragraphs are separated by blank lines (or U+2029). ``"line"``: each
        non-blank line is a paragraph. ``"auto"``: ``"blank"`` if the text has a blank line;
        otherwise each line is a paragraph (one paragraph per line, as exported by many
        sites), except that a line continuing the previous one (the ``"auto"`` line rule of
        :func:`sentence_spans`: a hard-wrapped lower-case continuation) joins it — so
        sentences never straddle two paragraphs.
    language : {"fr", "en"}, default "fr"
        Abbreviation lists used by the ``"auto"`` line rule.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` pairs, ordered and non-overlapping.

    Raises
    ------
    FramingError
        If ``text`` is not a str, or ``mode`` or ``language`` is not supported.

    Examples
    --------
    >>> text = "Titre\\n\\nPremier paragraphe.\\nSuite.\\n\\nSecond."
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['Titre', 'Premier paragraphe.\\nSuite.', 'Second.']
    >>> text = "Un.\\nDeux, en\\ncontinuant."  # no blank line: one paragraph per line
    >>> [text[s:e] for s, e in paragraph_spans(text)]
    ['Un.', 'Deux, en\\ncontinuant.']
    """
    _check_text(text, "paragraph_spans")
    rules = _Rules(_check_language(language, "paragraph_spans"))
    mode = _check_choice(mode, PARAGRAPH_MODES, "mode", "paragraph_spans")
    line_mode = {"auto": "auto", "blank": "space", "line": "sentence"}[mode]
    blank, single, has_blank = _line_cuts(text, rules, line_mode)
    if mode == "blank" or (mode == "auto" and has_blank):
        return _spans(text, blank)
    return _spans(text, blank | single)


def span_index(spans: Sequence[tuple[int, int]] | np.ndarray, offsets) -> np.ndarray:
    """Index of the span containing each character offset, vectorised.

    Parameters
    ----------
    spans : sequence of (start, end)
        Ordered, non-overlapping half-open spans (as from :func:`sentence_spans` or
        :func:`paragraph_spans`).
    offsets : int or array-like of int
        Character offsets.

    Returns
    -------
    numpy.ndarray
        int64, same shape as ``offsets``: the index ``i`` with
        ``spans[i][0] <= offset < spans[i][1]``, or -1 when the offset is in no span
        (whitespace between spans, or outside the text).

    Examples
    --------
    >>> span_index([(0, 5), (7, 12)], [0, 4, 5, 8, 20]).tolist()
    [0, 0, -1, 1, -1]
    """
    arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    off = np.asarray(offsets, dtype=np.int64)
    idx = np.searchsorted(arr[:, 0], off, side="right") - 1
    if not len(arr):
        return np.full(off.shape, -1, dtype=np.int64)
    inside = (idx >= 0) & (off < arr[np.clip(idx, 0, None), 1])
    return np.where(inside, idx, -1)


def sentence_index(
    text: str, offsets, *, language: str = "fr", line_breaks: str = "auto"
) -> np.ndarray:
    """Sentence number of each character offset of a text (``-1`` between sentences).

    Splits ``text`` with :func:`sentence_spans` once, then looks every offset up with
    :func:`numpy.searchsorted`: use it for thousands of hits at once.

    Parameters
    ----------
    text : str
    offsets : int or array-like of int
        Character offsets in ``text`` (for example the starts of matches).
    language, line_breaks
        As in :func:`sentence_spans`.

    Returns
    -------
    numpy.ndarray
        int64, same shape as ``offsets``; sentences are numbered from 0.

    Raises
    ------
    FramingError
        As :func:`sentence_spans`.

    Examples
    --------
    >>> sentence_index("Il part. Elle reste.", [0, 9, 19]).tolist()
    [0, 1, 1]
    """
    spans = sentence_spans(text, language=language, line_breaks=line_breaks)
    return span_index(spans, offsets)
