"""Quotation marks: the quoted stretches of a text (:func:`quote_spans`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import numpy as np

from framing._sort import lexsort_ints
from framing.text import QUOTE_CHARS, QUOTE_PAIRS
from framing.text._chars import SPACE_CHARS
from framing.voice import _chars
from framing.voice._chars import _Codes, _table_of
from framing.voice._checks import _check_text, _paragraph_arrays

# Double quotation marks (framing.text.QUOTE_CHARS) pair as framing.text.QUOTE_PAIRS says: by
# kind (“ closes an open „ or ‟, else opens), straight " by alternation. Single quotation
# marks keep rules of their own, not QUOTE_PAIRS, because ’ is also the French apostrophe and
# ' stands for both marks: ‘ ' open and ’ ' close a single quote only in quote-like context
# (not between letters: l'armée, aujourd’hui), any opening mark pairs with any closing one, and
# ‚ ‛ are not taken for quotes. Quotes nest (« … “ … ” … »); a closing mark closes any quote
# opened inside it. A double quote left open closes at the paragraph end; a single quote left
# open is dropped (too often an apostrophe); a stray closing mark is ignored.

_OPENERS = "".join(mark for mark in QUOTE_PAIRS if mark in QUOTE_CHARS)  # « ‹ “ „ ‟ "
_CLOSES = {  # a double mark -> the opening marks it closes
    closer: "".join(mark for mark in _OPENERS if closer in QUOTE_PAIRS[mark])
    for closer in sorted({c for mark in _OPENERS for c in QUOTE_PAIRS[mark]})
}
_DOUBLE_RX = "".join(map(re.escape, sorted(QUOTE_CHARS)))
_OPENERS_RX = "".join(map(re.escape, _OPENERS))
_QUOTE_RE = re.compile(  # the marks, as found on a short text (the tables below: a long one)
    rf"(?P<d>[{_DOUBLE_RX}])"
    r"|(?P<so>(?<!\w)['‘](?=\w))"
    rf"|(?P<sc>(?<=[\w.,!?;:…])['’](?![\w{_OPENERS_RX}]))"
)
_SINGLE_OPENERS = "'‘"  # open a single quote before a word character, not after one
_SINGLE_CLOSERS = "'’"  # close one after a word character or . , ! ? ; : …
_DOUBLE = _table_of("".join(QUOTE_CHARS))
_SINGLE_OPEN = _table_of(_SINGLE_OPENERS)
_SINGLE_CLOSE = _table_of(_SINGLE_CLOSERS)
_BEFORE_CLOSE = _table_of(".,!?;:…")  # besides word characters
_NOT_AFTER_CLOSE = _table_of(_OPENERS)  # besides word characters
_SPACE = _table_of(SPACE_CHARS)  # str.isspace
_DOUBLE_MARK, _SINGLE_OPEN_MARK, _SINGLE_CLOSE_MARK = 0, 1, 2
_NO_QUOTES = (np.zeros(0, dtype=np.int64),) * 3


def _scan_quotes(
    text: str,
    para_s: np.ndarray,
    para_e: np.ndarray,
    used: Iterable[int] | None = None,
    codes: _Codes | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quote contents in the paragraphs ``used`` (default: all), as :func:`quote_spans`
    gives them: ``(starts, ends, marks)``, the marks as code points.

    ``codes`` (optional) are reused when they cover the used paragraphs, the character
    before them and, without ``used``, the one after them.
    On long stretches a compiled loop tells the marks apart, pairs them and trims the
    quotes (:func:`framing.voice._kernels.quote_pairs`); on short ones a regex finds them,
    :func:`_pair` pairs them and :func:`_trimmed` trims them, with the same rules. A
    single-quote mark looks at the next character up to the paragraph end when ``used``
    is given, up to the text end otherwise.
    """
    if not len(para_s):
        return _NO_QUOTES
    if used is None:
        keep = np.ones(len(para_s), dtype=bool)
    else:
        keep = np.zeros(len(para_s), dtype=bool)
        used = used if isinstance(used, np.ndarray) else list(used)
        keep[np.asarray(used, dtype=np.intp)] = True
        if not keep.any():
            return _NO_QUOTES
    paras = np.flatnonzero(keep)
    if not _chars._vectorise(para_s[paras], para_e[paras]):
        found = _trimmed(text, _scan_quotes_regex(text, para_s, para_e, paras, whole=used is None))
        return (
            np.array([q[0] for q in found], dtype=np.int64),
            np.array([q[1] for q in found], dtype=np.int64),
            np.array([ord(q[2]) for q in found], dtype=np.int64),
        )
    lo, hi = int(para_s[paras[0]]), int(para_e[paras[-1]])
    stop = hi if used is not None else min(hi + 1, len(text))
    if codes is None or codes.offset > max(lo - 1, 0) or codes.offset + codes.n < stop:
        codes = _Codes(text, max(lo - 1, 0), stop)
    from framing.voice import _kernels  # compiled loops: imports numba

    starts, ends, marks = _kernels.quote_pairs(
        codes.cp,
        codes.word,
        codes.marks(max(lo - codes.offset, 0), hi - codes.offset),
        codes.offset,
        para_s,
        para_e,
        keep,
        len(text) if used is None else -1,
        _DOUBLE,
        _SINGLE_OPEN,
        _SINGLE_CLOSE,
        _BEFORE_CLOSE,
        _NOT_AFTER_CLOSE,
        *_opener_tables(),
        _SPACE,
    )
    order = lexsort_ints((-ends, starts))  # stable: outer quotes before inner ones
    return starts[order], ends[order], marks[order]


@functools.cache
def _opener_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per BMP code point: its index in :data:`_OPENERS` (-1: none), and for a closing
    double mark the bit mask of the openers it closes (:data:`_CLOSES`)."""
    opener = np.full(_chars._BMP, -1, dtype=np.int8)
    for i, mark in enumerate(_OPENERS):
        opener[ord(mark)] = i
    closes = np.zeros(_chars._BMP, dtype=np.int64)
    for closer, openers in _CLOSES.items():
        closes[ord(closer)] = sum(1 << _OPENERS.index(mark) for mark in openers)
    return opener, closes


def _scan_quotes_regex(
    text: str, para_s: np.ndarray, para_e: np.ndarray, paras: np.ndarray, *, whole: bool
) -> list[tuple[int, int, str]]:
    """:func:`_scan_quotes` with a regex tried at every position, for short stretches.

    ``whole``: one pass over the text, the marks grouped by paragraph (marks look at the
    next character up to the text end); else one pass per paragraph.
    """
    kinds = {"d": _DOUBLE_MARK, "so": _SINGLE_OPEN_MARK, "sc": _SINGLE_CLOSE_MARK}
    marks: list[tuple[int, int, str, int]] = []
    if whole:
        found = list(_QUOTE_RE.finditer(text))
        where = np.searchsorted(para_s, [m.start() for m in found], side="right") - 1
        for m, k in zip(found, where.tolist(), strict=True):
            if k >= 0 and m.start() < para_e[k]:
                marks.append((m.start(), kinds[m.lastgroup], m.group(), int(para_e[k])))
    else:
        for k in paras.tolist():
            end = int(para_e[k])
            marks += [
                (m.start(), kinds[m.lastgroup], m.group(), end)
                for m in _QUOTE_RE.finditer(text, int(para_s[k]), end)
            ]
    if not marks:
        return []
    positions, kind, chars, ends = map(list, zip(*marks, strict=True))
    return _pair(positions, kind, chars, ends)


def _pair(
    positions: list[int], kinds: list[int], chars: list[str], para_ends: list[int]
) -> list[tuple[int, int, str]]:
    """Pair quotation marks (sorted, with their paragraph's end) into raw quote contents."""
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int, bool]] = []  # (opening mark, content start, single quote?)

    def close(k: int, pos: int, *, paired: bool) -> None:
        # Quotes opened inside the one closed here close with it; single quotes only
        # count when paired with their own closing mark.
        for i, (mark, start, single) in enumerate(stack[k:]):
            if not single or (paired and i == 0):
                found.append((start, pos, mark))
        del stack[k:]

    para_end = -1
    for pos, kind, ch, end in zip(positions, kinds, chars, para_ends, strict=True):
        if end != para_end:  # a new paragraph: quotes left open close at the previous end
            close(0, para_end, paired=False)
            para_end = end
        if kind == _SINGLE_OPEN_MARK:
            stack.append((ch, pos + 1, True))
        elif kind == _SINGLE_CLOSE_MARK:
            if stack and stack[-1][2]:
                close(len(stack) - 1, pos, paired=True)
        else:
            openers = _CLOSES.get(ch, "")
            k = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] in openers), None)
            if k is not None:
                close(k, pos, paired=True)
            elif ch in _OPENERS:
                stack.append((ch, pos + 1, False))
    close(0, para_end, paired=False)
    return found


def _trimmed(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Quote contents without surrounding spaces, empty ones dropped, outer before inner."""
    spans = []
    for start, end, mark in found:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end, mark))
    return sorted(spans, key=lambda s: (s[0], -s[1]))


def quote_spans(
    text: str, *, paragraphs: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """Quoted stretches of a text: ``(start, end, opening_mark)`` of each quotation's content.

    Parameters
    ----------
    text : str
        One document.
    paragraphs : list of (start, end), optional
        Paragraph spans; quotes never cross a paragraph end, and a quotation left open
        closes there. Default: ``framing.text.paragraph_spans(text, mode="auto")``.

    Returns
    -------
    list of (int, int, str)
        Content spans without the marks and surrounding spaces, sorted by start, outer
        quotes before the quotes nested in them. Single quotes (‘ ’ ') count only in
        quote-like context and when closed; « » ‹ › “ ” „ ‟ and straight double quotes
        (paired by alternation) close at the paragraph end when left open; a closing mark
        with no opener is ignored.

    Examples
    --------
    >>> text = "Il le qualifie d’« antiterroriste »."
    >>> [(text[s:e], mark) for s, e, mark in quote_spans(text, paragraphs=[(0, len(text))])]
    [('antiterroriste', '«')]
    """
    _check_text(text)
    para_s, para_e = _paragraph_arrays(text, paragraphs)
    starts, ends, marks = _scan_quotes(text, para_s, para_e)
    return list(zip(starts.tolist(), ends.tolist(), map(chr, marks.tolist()), strict=True))
