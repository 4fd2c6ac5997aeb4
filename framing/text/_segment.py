"""Sentence and paragraph segmentation with original offsets (no downloads, no models).

How it runs (the rules themselves are in the docstrings of :func:`sentence_spans` and
:func:`paragraph_spans`). A text is cut at three kinds of candidates: line breaks (runs of
whitespace holding one or more of them), runs of terminal punctuation, and nothing else; a
candidate that ends a sentence is a cut, and the spans are the stripped pieces between cuts.

Two engines apply the same rules. Short texts go through plain Python over the candidates
(:class:`_Small`). Long texts (:data:`_BULK_MIN_CHARS` characters and more) are read once
into an array of code points and every test that most candidates need (the character
after them, the whitespace around them, the word before a full stop) is done on arrays of
positions with numpy (:class:`_Bulk`); only the few candidates that need an abbreviation
rule look at a word in Python, through a per-language cache of word verdicts. Both engines
find the line breaks once for sentences and paragraphs (:func:`segment`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from framing._errors import FramingError, suggest
from framing._jit import worth_compiling
from framing.text._abbreviations import ABBREVIATIONS
from framing.text._chars import (
    BMP,
    IGNORABLE,
    INLINE_SPACES,
    LINE_BREAK_CHARS,
    SPACE_CHARS,
    beyond_bmp,
    bmp_chars,
    bmp_lower,
    char_class,
    code_points,
    join_texts,
)
from framing.text._normalize import _check_text
from framing.text._tokenize import _check_language

LINE_BREAK_MODES = ("auto", "sentence", "space")
PARAGRAPH_MODES = ("auto", "blank", "line")

_TERM_CHARS = ".!?…‽"
# Closing marks after terminal punctuation, and those that may follow inline spaces.
_CLOSE_CHARS = ")]\"'’”»›"
_CLOSE_AFTER_SPACE = "»›”)]"
_PRE_WORD_EXTRA = ".°-"  # besides letters and digits, in the word before a full stop

_HWS = f"[{char_class(INLINE_SPACES)}]"
_TERM = f"[{re.escape(_TERM_CHARS)}]"
_CLOSE = rf"(?:[{re.escape(_CLOSE_CHARS)}]|{_HWS}+[{re.escape(_CLOSE_AFTER_SPACE)}])*"
# A run of terminal punctuation, then closing marks, before whitespace or the end. Written
# "[…][…]*" without groups, which the regex engine scans for faster than "([…]+)".
_TERMINAL = re.compile(rf"{_TERM}{_TERM}*{_CLOSE}(?=\s|$)")
_CLOSE_RE = re.compile(_CLOSE)
# The same matches, one pattern per first character: a literal first character is found
# much faster than a character class (the look-behind keeps to the start of a run).
_TERMINAL_BY_FIRST = tuple(
    (c, re.compile(rf"{re.escape(c)}(?<!{_TERM}{re.escape(c)}){_TERM}*{_CLOSE}(?=\s|$)"))
    for c in _TERM_CHARS
)
_PRE_WORD = re.compile(r"(?:[^\W_]|[.°\-])+$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)*[^\W\d_]")
_LIST_MARK = re.compile(r"\d{1,3}|[IVXLC]{1,6}|[ivxlc]{1,6}|[a-z]")
_TRIM = SPACE_CHARS + IGNORABLE
_INLINE_TRIM = INLINE_SPACES + IGNORABLE
_BREAK_CHARS = LINE_BREAK_CHARS + "\u2029"
# A run of whitespace holding line breaks, from its first break to its last: a blank line
# when it holds two or more line breaks or is U+2029, else one line break. "\r\n" is one
# line break (a lone "\r" is one too): the run "\r\n" is a single line break.
_BREAK_RUN = re.compile(rf"[{char_class(_BREAK_CHARS)}](?:{_HWS}*[{char_class(_BREAK_CHARS)}])*")
_TRIM_SET = frozenset(_TRIM)
_RARE_BREAKS = _BREAK_CHARS.replace("\n", "")
_NEWLINE_RUN = re.compile(rf"\n(?:{_HWS}*\n)*")  # _BREAK_RUN in a text with no _RARE_BREAKS
# A line or sentence does not end before these (lower-case letters are tested apart).
_CONTINUATION = ",;:)]}»›”%…"
# A line ending with these continues on the next one.
_OPEN_AT_END = "-\u2010\u2011'’(«[{“„‹"

#: Texts at least this long go through the array engine (:class:`_Bulk`).
_BULK_MIN_CHARS = 25_000
#: Vectorised steps of a scan before the few positions still moving are finished one by one.
_STEPS = 8
#: Characters before a full stop read at once by the array engine (longer words: exact rule).
_WINDOW = 16
#: Below this many full stops, the array engine checks them one by one as the other does.
_FEW = 64
#: Word verdicts cached per language before the cache is emptied.
_CACHE_SIZE = 200_000


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
    while pos < n and text[pos] in _TRIM_SET:
        pos += 1
    return text[pos] if pos < n else None


# Verdict bits of a word before a full stop (see _Rules.word_mask).
_ALWAYS, _BEFORE_NUMBER, _LIST = 1, 2, 4


class _Rules:
    """Abbreviation rules of one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        data = ABBREVIATIONS[language]
        self.always = data["always"]
        self.before_number = data["before_number"]
        self.may_end = data["may_end"]
        self._masks: dict[str, int] = {}
        # Last two characters of the abbreviations (see _blocked_at).
        self.tails = frozenset(w[-2:] for w in self.always | self.before_number if len(w) > 1)
        self._keys: np.ndarray | None = None

    @property
    def keys(self) -> np.ndarray:
        """:func:`_word_key` of every abbreviation that can block a full stop."""
        if self._keys is None:
            lower = bmp_lower()
            words = sorted(self.always | self.before_number)
            self._keys = np.unique(
                _word_key(
                    [len(w) for w in words],
                    lower.take([ord(w[0]) for w in words]),
                    lower.take([ord(w[-1]) for w in words]),
                )
            )
        return self._keys

    @staticmethod
    def _has(entries: frozenset[str], word: str) -> bool:
        if word in entries:
            return True
        low = word[:1].lower() + word[1:]
        return low != word and low in entries and low == low.lower()

    def blocked(self, text: str, dot: int, next_char: str | None) -> bool:
        """Whether the full stop at ``dot`` is an abbreviation's, not a sentence end.

        The reference rule, with a regex search for the word before the full stop; the
        engines use :meth:`word_mask` and call this only for rare shapes (a line break or a
        long run of word characters right before the full stop).
        """
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

    def word_mask(self, word: str) -> int:
        """What stops a full stop after ``word`` (already stripped of leading ``.-°``).

        Bits: ``_ALWAYS`` (always blocked: abbreviation or initials), ``_BEFORE_NUMBER``
        (blocked before a digit), ``_LIST`` (blocked at the start of a line). Together they
        give :meth:`blocked`'s answer for every context; verdicts are cached.
        """
        mask = self._masks.get(word)
        if mask is None:
            mask = 0
            if word and word not in self.may_end:
                if self._has(self.always, word) or (
                    _INITIALS.fullmatch(word) and not any(c.islower() for c in word)
                ):
                    mask |= _ALWAYS
                if self._has(self.before_number, word):
                    mask |= _BEFORE_NUMBER
                if _LIST_MARK.fullmatch(word):
                    mask |= _LIST
            if len(self._masks) >= _CACHE_SIZE:
                self._masks.clear()
            self._masks[word] = mask
        return mask


_RULES: dict[str, _Rules] = {}


def _rules(language: object, func: str) -> _Rules:
    """The rules of a language as the user spells it ("fr", "fr-FR"), checked once."""
    try:
        return _RULES[language]  # type: ignore[index]
    except (KeyError, TypeError):
        pass
    code = _check_language(language, func)
    rules = next((r for r in _RULES.values() if r.language == code), None) or _Rules(code)
    if len(_RULES) < 64:
        _RULES[language] = rules  # type: ignore[index]
    return rules


def _blocked_at(rules: _Rules, text: str, dot: int, next_char: str) -> bool:
    """:meth:`_Rules.blocked` for one full stop, finding the word by a short backward scan."""
    lo = dot - 60 if dot > 60 else 0
    if dot > lo and text[dot - 1] == "\n":
        return rules.blocked(text, dot, next_char)  # `$` also matches before a final "\n"
    # A word ending with two ASCII lower-case letters is no initials, and an abbreviation or
    # a roman list number only if it ends like one.
    pair = text[dot - 2 : dot] if dot >= 2 else ""
    if (
        len(pair) == 2
        and pair.isascii()
        and pair.isalpha()
        and pair.islower()
        and pair not in rules.tails
        and pair.strip("ivxlc")
    ):
        return False
    start = dot
    while start > lo:
        ch = text[start - 1]
        if ch.isalnum() or ch in _PRE_WORD_EXTRA:
            start -= 1
        else:
            break
    if start == dot:
        return False
    mask = rules.word_mask(text[start:dot].lstrip(".-°"))
    return bool(
        mask & _ALWAYS
        or (mask & _BEFORE_NUMBER and next_char.isdigit())
        or (mask & _LIST and _at_line_start(text, start))
    )


def _break_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of :data:`_BREAK_RUN` in ``text``."""
    if any(c in text for c in _RARE_BREAKS):
        return _BREAK_RUN.finditer(text)
    if "\n" in text:
        return _NEWLINE_RUN.finditer(text)  # the same, found faster (literal first)
    return iter(())


def _is_blank(text: str, a: int, b: int) -> bool:
    """Whether the run of line breaks ``text[a:b]`` is a blank line (else one line break)."""
    return b - a > 2 or (b - a == 2 and text[a : a + 2] != "\r\n") or text[a] == "\u2029"


# --------------------------------------------------------------------------- small texts


class _Small:
    """The candidates of a short text, examined one by one in Python.

    Attributes ``blank`` (starts of blank lines), ``singles`` (starts of single line
    breaks) and ``line_starts`` (where the line before each single break begins) are sorted
    lists; :meth:`auto_cuts`, :meth:`terminal_cuts` and :meth:`spans` as in :class:`_Bulk`.
    """

    def __init__(self, text: str, rules: _Rules) -> None:
        self.text = text
        self.rules = rules
        self.blank: list[int] = []
        self.singles: list[int] = []
        self.line_starts: list[int] = []
        line_start = 0
        for m in _break_runs(text):
            a, b = m.span()
            if _is_blank(text, a, b):
                self.blank.append(a)
            else:
                self.singles.append(a)
                self.line_starts.append(line_start)
            line_start = b
        self._auto: list[int] | None = None

    def auto_cuts(self) -> list[int]:
        """Single line breaks that end a sentence under ``line_breaks="auto"``."""
        if self._auto is not None:
            return self._auto
        text, rules = self.text, self.rules
        out = []
        for b, line_start in zip(self.singles, self.line_starts, strict=True):
            i = b
            while i > 0 and text[i - 1] in _TRIM_SET:
                i -= 1
            nxt = _next_char(text, b + 1)
            if i == 0 or nxt is None:
                out.append(b)
                continue
            last = text[i - 1]
            if last in _OPEN_AT_END:
                continue
            # Does the line end with terminal punctuation (and closing marks)?
            ends = blocked = False
            if i > line_start:
                if last in _TERM_CHARS:
                    ends = True
                    if last == "." and (i - 1 == line_start or text[i - 2] not in _TERM_CHARS):
                        blocked = _blocked_at(rules, text, i - 1, nxt)
                elif last in _CLOSE_CHARS:
                    j = i - 1
                    while j > line_start and (
                        text[j - 1] in _CLOSE_CHARS or text[j - 1] in INLINE_SPACES
                    ):
                        j -= 1
                    ends = (
                        j > line_start
                        and text[j - 1] in _TERM_CHARS
                        and _CLOSE_RE.fullmatch(text, j, i) is not None
                    )
            if (ends and not blocked) if _continues(nxt) else not blocked:
                out.append(b)
        self._auto = out
        return out

    def terminal_cuts(self) -> list[int]:
        """Ends of the runs of terminal punctuation (and closing marks) that end a sentence."""
        text, rules, n = self.text, self.rules, len(self.text)
        found: list[tuple[int, int]] = []
        patterns = 0
        for c, pattern in _TERMINAL_BY_FIRST:
            if c in text:
                found += [m.span() for m in pattern.finditer(text)]
                patterns += 1
        if patterns > 1:
            found.sort()
        out = []
        for a, e in found:
            pos = e
            while pos < n and text[pos] in _TRIM_SET:
                pos += 1
            if pos == n:
                out.append(e)
                continue
            nxt = text[pos]
            if nxt.islower() or nxt in _CONTINUATION:
                continue
            if e - a == 1 and text[a] == "." and _blocked_at(rules, text, a, nxt):
                continue
            out.append(e)
        return out

    def spans(self, *cuts: list[int]) -> list[tuple[int, int]]:
        """The stripped, non-empty pieces between sorted cuts (duplicates allowed)."""
        text = self.text
        bounds = sorted(itertools.chain([0], *cuts, [len(text)]))
        out = []
        a = 0
        for b in bounds[1:]:
            if a < b:
                start = a
                while start < b and text[start] in _TRIM_SET:
                    start += 1
                if start < b:
                    end = b
                    while text[end - 1] in _TRIM_SET:
                        end -= 1
                    out.append((start, end))
            a = b
        return out

    def span_array(self, *cuts: list[int]) -> np.ndarray:
        """:meth:`spans` as an int64 array of shape (n, 2)."""
        return np.array(self.spans(*cuts), dtype=np.int64).reshape(-1, 2)


# --------------------------------------------------------------------------- long texts

# Character flags of the array engine (Basic Multilingual Plane; other characters have none).
_F_WS, _F_BREAK, _F_TERM, _F_IGNORABLE = 1, 2, 4, 8
_F_CLOSE, _F_CLOSE_AFTER_SPACE, _F_CONTINUATION, _F_OPEN = 16, 32, 64, 128
_F_INLINE_SPACE, _F_TRIM, _F_PRE_WORD, _F_LIST_MARK = 256, 512, 1024, 2048
_FLAG_CHARS = {
    _F_WS: SPACE_CHARS,
    _F_BREAK: _BREAK_CHARS,
    _F_TERM: _TERM_CHARS,
    _F_IGNORABLE: IGNORABLE,
    _F_CLOSE: _CLOSE_CHARS,
    _F_CLOSE_AFTER_SPACE: _CLOSE_AFTER_SPACE,
    _F_CONTINUATION: _CONTINUATION,
    _F_OPEN: _OPEN_AT_END,
    _F_INLINE_SPACE: INLINE_SPACES,
    _F_TRIM: _TRIM,
    _F_PRE_WORD: _PRE_WORD_EXTRA,
    _F_LIST_MARK: "0123456789IVXLCivxlc",  # with any non-ASCII character: maybe a list mark
}
_FLAGS = np.zeros(0x10000, dtype=np.uint16)
for _flag, _chars in _FLAG_CHARS.items():
    _FLAGS[[ord(c) for c in _chars]] |= _flag
# Candidates: 1 terminal punctuation, 2 line break.
_FIND = np.where(_FLAGS & _F_TERM, 1, np.where(_FLAGS & _F_BREAK, 2, 0)).astype(np.uint8)
del _flag, _chars

# Unicode properties, from str methods: lower case, digit (str.isdigit), letter or digit.
_P_LOWER, _P_DIGIT, _P_ALNUM = 1, 2, 4


def _char_props(ch: str) -> int:
    return (_P_LOWER * ch.islower()) | (_P_DIGIT * ch.isdigit()) | (_P_ALNUM * ch.isalnum())


@functools.cache
def _props_table() -> np.ndarray:
    """:func:`_char_props` of every BMP character (the string tests mapped in bulk)."""
    chars = bmp_chars()
    out = np.zeros(BMP, dtype=np.uint8)
    for flag, test in ((_P_LOWER, str.islower), (_P_DIGIT, str.isdigit), (_P_ALNUM, str.isalnum)):
        out |= np.fromiter(map(test, chars), dtype=bool, count=BMP).astype(np.uint8) * flag
    return out


def _word_key(size: object, first: object, last: object) -> np.ndarray:
    """Key of a word's length and lower-cased first and last characters (BMP code points)."""
    size, first, last = (np.asarray(a, dtype=np.int64) for a in (size, first, last))
    return (size << 34) | (first << 17) | last


def _mask_chars(mask: int) -> str:
    return "".join(sorted(set().union(*(c for f, c in _FLAG_CHARS.items() if f & mask))))


@functools.cache
def _not_in(mask: int) -> re.Pattern[str]:
    return re.compile(f"[^{char_class(_mask_chars(mask))}]")


_EMPTY = np.zeros(0, dtype=np.int64)


class _Bulk:
    """The candidates of a long text, examined with numpy on arrays of positions.

    Same interface and answers as :class:`_Small`, with int64 arrays for lists.
    """

    def __init__(self, text: str, rules: _Rules) -> None:
        self.text = text
        self.rules = rules
        self.n = n = len(text)
        data = text.encode("utf-16-le", "surrogatepass")
        if len(data) == 2 * n:  # no character beyond U+FFFF: one code unit each
            self.cp = self.bmp = np.frombuffer(data, dtype="<u2")
            self.astral = False
        else:
            self.cp = code_points(text)
            self.bmp = np.minimum(self.cp, 0xFFFF)
            self.astral = True
        self._compiled = worth_compiling(n)  # counted once a text (see framing._jit)
        if self._compiled:
            from framing.text import _kernels  # compiled loops: imports numba

            self.term, breaks = _kernels.kinds_at(_FIND, self.bmp)
        else:
            kind = _FIND.take(self.bmp)
            found = np.flatnonzero(kind != 0)  # on a bool array: many times faster
            kind = kind[found]
            self.term, breaks = found[kind == 1], found[kind == 2]
        self._breaks(breaks)
        self._auto: np.ndarray | None = None

    # -- character tests on arrays of positions (all inside the text)

    def _flags(self, pos: np.ndarray) -> np.ndarray:
        return _FLAGS.take(self.bmp.take(pos))

    def _props(self, pos: np.ndarray) -> np.ndarray:
        out = _props_table().take(self.bmp.take(pos))
        if self.astral:
            at, props = beyond_bmp(self.cp.take(pos).ravel(), _char_props, np.uint8)
            out.flat[at] = props
        return out

    def _astral_props(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions of the characters beyond the BMP (sorted) and their properties."""
        return beyond_bmp(self.cp if self.astral else self.cp[:0], _char_props, np.uint8)

    def _continues(self, pos: np.ndarray) -> np.ndarray:
        """:func:`_continues` of the characters at ``pos``."""
        return ((self._props(pos) & _P_LOWER) != 0) | ((self._flags(pos) & _F_CONTINUATION) != 0)

    def _forward(self, start: np.ndarray, limit: np.ndarray | int, mask: int) -> np.ndarray:
        """First q >= start with q == limit or no ``mask`` flag at q."""
        q = start.astype(np.int64)  # a copy
        per = not isinstance(limit, int)
        act = (q < limit).nonzero()[0]
        for _ in range(_STEPS):
            if not act.size:
                return q
            act = act[(_FLAGS.take(self.bmp.take(q[act])) & mask) != 0]
            q[act] += 1
            act = act[q[act] < (limit[act] if per else limit)]  # type: ignore[index]
        search = _not_in(mask).search
        for k in act.tolist():
            end = int(limit[k]) if per else limit  # type: ignore[index]
            m = search(self.text, int(q[k]), end)
            q[k] = end if m is None else m.start()
        return q

    def _backward(self, end: np.ndarray, limit: np.ndarray | int, mask: int) -> np.ndarray:
        """Least q <= end such that no q' in [q, end) is below ``limit`` or lacks ``mask``."""
        q = end.astype(np.int64)  # a copy
        per = not isinstance(limit, int)
        act = (q > limit).nonzero()[0]
        for _ in range(_STEPS):
            if not act.size:
                return q
            act = act[(_FLAGS.take(self.bmp.take(q[act] - 1)) & mask) != 0]
            q[act] -= 1
            act = act[q[act] > (limit[act] if per else limit)]  # type: ignore[index]
        chars = frozenset(_mask_chars(mask))
        text = self.text
        for k in act.tolist():
            j, lo = int(q[k]), int(limit[k]) if per else limit  # type: ignore[index]
            while j > lo and text[j - 1] in chars:
                j -= 1
            q[k] = j
        return q

    # -- candidates

    def _breaks(self, brk: np.ndarray) -> None:
        """Group line-break characters into blank lines and single line breaks."""
        self.blank = self.singles = self.line_starts = _EMPTY
        if not brk.size:
            return
        run_end = self._forward(brk + 1, self.n, _F_WS)  # end of each one's whitespace run
        first = np.ones(brk.size, dtype=bool)
        first[1:] = brk[1:] >= run_end[:-1]
        heads = np.flatnonzero(first)
        start = brk[heads]
        last = brk[np.append(heads[1:] - 1, brk.size - 1)]
        first_cp = self.cp.take(start)
        crlf = (last == start + 1) & (first_cp == 0x0D) & (self.cp.take(last) == 0x0A)
        blank = ((last > start) & ~crlf) | (first_cp == 0x2029)  # "\r\n" is one line break
        end = last + 1
        line_start = np.concatenate(([0], end[:-1]))
        self.blank = start[blank]
        self.singles = start[~blank]
        self.line_starts = line_start[~blank]

    def auto_cuts(self) -> np.ndarray:
        """Single line breaks that end a sentence under ``line_breaks="auto"``."""
        if self._auto is not None:
            return self._auto
        b, line_start, n = self.singles, self.line_starts, self.n
        i = self._backward(b, 0, _F_TRIM)  # after the last solid character before the break
        nxt = self._forward(b + 1, n, _F_TRIM)  # the next solid character
        cut = (i == 0) | (nxt == n)
        rest = np.flatnonzero(~cut)
        i, nxt, line_start = i[rest], nxt[rest], line_start[rest]
        last = i - 1
        flags = self._flags(last)
        keep = (flags & _F_OPEN) == 0
        inside = keep & (i > line_start)
        ends = inside & ((flags & _F_TERM) != 0)
        # Lines ending with closing marks: terminal punctuation must stand right before them.
        closing = np.flatnonzero(inside & ((flags & _F_CLOSE) != 0))
        if closing.size:
            j = self._backward(i[closing], line_start[closing], _F_CLOSE | _F_INLINE_SPACE)
            ok = j > line_start[closing]
            ok[ok] = (self._flags(j[ok] - 1) & _F_TERM) != 0
            text = self.text
            for k in np.flatnonzero(ok).tolist():
                a, z = int(j[k]), int(i[closing[k]])
                ok[k] = _CLOSE_RE.fullmatch(text, a, z) is not None
            ends[closing] = ok
        dot = ends & (self.cp.take(last) == 0x2E)
        before = np.maximum(last[dot] - 1, 0)
        dot[dot] = (last[dot] == line_start[dot]) | ((self._flags(before) & _F_TERM) == 0)
        blocked = np.zeros(rest.size, dtype=bool)
        sel = np.flatnonzero(dot)
        blocked[sel] = self._blocked(last[sel], nxt[sel])
        cont = self._continues(nxt)
        cut[rest] = keep & np.where(cont, ends & ~blocked, ~blocked)
        self._auto = b[cut]
        return self._auto

    def _close_end(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """End of the :data:`_TERMINAL` match of each run [q, r) of terminal punctuation.

        The closing marks after the run are read one at a time (a mark, or inline spaces
        and a mark that may follow them); the match ends after the longest such sequence
        followed by whitespace or the end of the text. -1 when there is none.
        """
        n = self.n
        best = np.full(r.size, -1, dtype=np.int64)
        pos = r.copy()
        act = np.arange(r.size)
        for _ in range(_STEPS):
            if not act.size:
                return best
            p = pos[act]
            inside = p < n
            flags = np.zeros(p.size, dtype=np.uint16)
            flags[inside] = self._flags(p[inside])
            valid = ~inside | ((flags & _F_WS) != 0)
            best[act[valid]] = p[valid]
            step = (flags & _F_CLOSE) != 0
            p = p + step
            spaces = np.flatnonzero((flags & _F_INLINE_SPACE) != 0)
            if spaces.size:
                h = self._forward(p[spaces], n, _F_INLINE_SPACE)
                mark = h < n
                mark[mark] = (self._flags(h[mark]) & _F_CLOSE_AFTER_SPACE) != 0
                p[spaces[mark]] = h[mark] + 1
                step[spaces[mark]] = True
            pos[act] = p
            act = act[step]
        for k in act.tolist():  # long runs of closing marks
            m = _TERMINAL.match(self.text, int(q[k]))
            best[k] = -1 if m is None else m.end()
        return best

    def terminal_cuts(self) -> np.ndarray:
        """Ends of the runs of terminal punctuation (and closing marks) that end a sentence."""
        t, n = self.term, self.n
        if not t.size:
            return _EMPTY
        first = np.ones(t.size, dtype=bool)
        first[1:] = t[1:] != t[:-1] + 1
        heads = np.flatnonzero(first)
        q = t[heads]
        r = t[np.append(heads[1:] - 1, t.size - 1)] + 1
        e = self._close_end(q, r)
        found = np.flatnonzero(e >= 0)
        q, r, e = q[found], r[found], e[found]
        nxt = self._forward(e, n, _F_TRIM)
        cut = nxt == n
        rest = np.flatnonzero(~cut)
        go = ~self._continues(nxt[rest])
        dot = go & (e[rest] == r[rest]) & (r[rest] - q[rest] == 1)
        dot[dot] = self.cp.take(q[rest][dot]) == 0x2E
        sel = np.flatnonzero(dot)
        go[sel] = ~self._blocked(q[rest][sel], nxt[rest][sel])
        cut[rest] = go
        return e[cut]

    def _blocked(self, dots: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        """:meth:`_Rules.blocked` at full stops ``dots``, next solid characters at ``nxt``.

        The word before each full stop is read back over at most :data:`_WINDOW`
        characters (:func:`framing.text._kernels.words_before_stops`). Only words that may be
        an abbreviation, initials or a list mark (same length, first and last letters as a
        listed abbreviation; a capital after ``.``/``-``; digits or roman numerals) are
        looked up in Python (:meth:`_Rules.word_mask`); a line break right before the full
        stop or a longer word goes to the reference rule.
        """
        text, rules = self.text, self.rules
        if dots.size < _FEW or not self._compiled:  # few, or a small job so far
            return np.array(
                [
                    _blocked_at(rules, text, d, text[x])
                    for d, x in zip(dots.tolist(), nxt.tolist(), strict=True)
                ],
                dtype=bool,
            )
        from framing.text import _kernels  # compiled loops: imports numba

        out = np.zeros(dots.size, dtype=bool)
        length, size, exact, maybe = _kernels.words_before_stops(
            self.cp,
            dots,
            _props_table(),
            _FLAGS,
            bmp_lower(),
            rules.keys,
            *self._astral_props(),
            _WINDOW,
            _P_LOWER,
            _P_ALNUM,
            _F_PRE_WORD,
            _F_LIST_MARK,
        )
        sel = np.flatnonzero(maybe)
        if sel.size:
            ends = dots[sel].tolist()
            starts = (dots[sel] - size[sel]).tolist()
            mask = rules.word_mask
            masks = np.fromiter(
                (mask(text[a:z]) for a, z in zip(starts, ends, strict=True)),
                dtype=np.uint8,
                count=sel.size,
            )
            res = (masks & _ALWAYS) != 0
            number = np.flatnonzero(~res & ((masks & _BEFORE_NUMBER) != 0))
            res[number] = (self._props(nxt[sel[number]]) & _P_DIGIT) != 0
            run_starts = (dots[sel] - length[sel]).tolist()
            for k in np.flatnonzero(~res & ((masks & _LIST) != 0)).tolist():
                res[k] = _at_line_start(text, run_starts[k])
            out[sel] = res
        for k in np.flatnonzero(exact).tolist():
            out[k] = rules.blocked(text, int(dots[k]), text[int(nxt[k])])
        return out

    def span_array(self, *cuts: np.ndarray) -> np.ndarray:
        """The stripped, non-empty pieces between cuts (duplicates allowed), shape (n, 2)."""
        n = self.n
        bounds = np.sort(np.concatenate([[0], *cuts, [n]]).astype(np.int64))
        a, b = bounds[:-1], bounds[1:]
        start = self._forward(a, b, _F_TRIM)
        keep = np.flatnonzero(start < b)
        start = start[keep]
        end = self._backward(b[keep], start, _F_TRIM)
        return np.stack([start, end], axis=1)

    def spans(self, *cuts: np.ndarray) -> list[tuple[int, int]]:
        """:meth:`span_array` as a list of ``(start, end)`` tuples."""
        return _span_list(self.span_array(*cuts))


def _span_list(spans: np.ndarray) -> list[tuple[int, int]]:
    """An (n, 2) array of spans as a list of ``(start, end)`` tuples of int."""
    return list(zip(spans[:, 0].tolist(), spans[:, 1].tolist(), strict=True))


def _segmenter(text: str, rules: _Rules) -> _Small | _Bulk:
    return _Bulk(text, rules) if len(text) >= _BULK_MIN_CHARS else _Small(text, rules)


def _sentence_cuts(seg: _Small | _Bulk, line_breaks: str) -> tuple[Any, ...]:
    if line_breaks == "auto":
        singles = seg.auto_cuts()
    elif line_breaks == "sentence":
        singles = seg.singles
    else:
        singles = seg.singles[:0]
    return seg.blank, singles, seg.terminal_cuts()


def _paragraph_cuts(seg: _Small | _Bulk, mode: str) -> tuple[Any, ...]:
    if mode == "blank" or (mode == "auto" and len(seg.blank)):
        return (seg.blank,)
    if mode == "line":
        return seg.blank, seg.singles
    return (seg.auto_cuts(),)  # "auto" without blank lines


def _sentences(seg: _Small | _Bulk, line_breaks: str) -> list[tuple[int, int]]:
    return seg.spans(*_sentence_cuts(seg, line_breaks))


def _paragraphs(seg: _Small | _Bulk, mode: str) -> list[tuple[int, int]]:
    return seg.spans(*_paragraph_cuts(seg, mode))


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

    A line break is ``\\n``, ``\\r\\n`` (one line break: Windows line ends split as Unix
    ones), a lone ``\\r``, U+2028, U+0085, ``\\v``, ``\\f`` or U+001C-U+001E; a blank line is
    two line breaks with only spaces between.

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
    rules = _rules(language, "sentence_spans")
    mode = _check_choice(line_breaks, LINE_BREAK_MODES, "line_breaks", "sentence_spans")
    return _sentences(_segmenter(text, rules), mode)


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
    rules = _rules(language, "paragraph_spans")
    mode = _check_choice(mode, PARAGRAPH_MODES, "mode", "paragraph_spans")
    return _paragraphs(_segmenter(text, rules), mode)


def segment(
    text: str, *, language: str = "fr", paragraphs: bool = True
) -> tuple[list[tuple[int, int]], list[tuple[int, int]] | None]:
    """Sentences and paragraphs of a text in one pass (private; for the matcher).

    Finds the line breaks once and shares them between the two splits.

    Parameters
    ----------
    text : str
    language : {"fr", "en"}, default "fr"
    paragraphs : bool, default True
        Also split into paragraphs; ``False`` returns ``None`` in their place.

    Returns
    -------
    sentences : list of tuple of int
        Equal to ``sentence_spans(text, language=language)``.
    paragraphs : list of tuple of int or None
        Equal to ``paragraph_spans(text, mode="auto", language=language)``.

    Raises
    ------
    FramingError
        If ``text`` is not a str or ``language`` is not supported.

    Examples
    --------
    >>> text = "Titre\\nM. Macron a dit. Il part."
    >>> sentences, paragraphs = segment(text)
    >>> [text[s:e] for s, e in sentences]
    ['Titre', 'M. Macron a dit.', 'Il part.']
    >>> [text[s:e] for s, e in paragraphs]
    ['Titre', 'M. Macron a dit. Il part.']
    """
    sentences, paras = segment_arrays(text, language=language, paragraphs=paragraphs)
    return _span_list(sentences), (None if paras is None else _span_list(paras))


def segment_arrays(
    text: str, *, language: str = "fr", paragraphs: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """:func:`segment` with int64 arrays of shape (n, 2) (private; for the matcher).

    The matcher looks spans up with numpy: arrays spare it a list of tuples per document.
    """
    _check_text(text, "segment")
    seg = _segmenter(text, _rules(language, "segment"))
    sentences = seg.span_array(*_sentence_cuts(seg, "auto"))
    return sentences, (seg.span_array(*_paragraph_cuts(seg, "auto")) if paragraphs else None)


#: Joins the texts of a batch (:func:`segment_batch`): a blank line, which always ends a
#: sentence and a paragraph.
BATCH_SEPARATOR = "\n\n"


def has_blank_line(text: str) -> bool:
    """Whether ``text`` has a blank line (or U+2029): then its paragraphs (mode "auto")
    are separated by blank lines, else by the line rule (see :func:`paragraph_spans`)."""
    if "\n\n" in text or "\u2029" in text:  # (the usual answers, found fast)
        return True
    return any(_is_blank(text, *m.span()) for m in _break_runs(text))


def segment_batch(
    texts: Sequence[str], *, language: str = "fr", paragraphs: bool = True
) -> list[tuple[np.ndarray, np.ndarray | None]]:
    """:func:`segment_arrays` of each text, from one split of the texts joined by a blank
    line (private; for the matcher's short documents).

    The splitter's cost on a short text is mostly per call (about 130 µs for an article of
    3,000 characters, 20 µs of it the text itself); joined, hundreds of texts take one
    pass of the array engine. The answers are each text's own: the joining blank line is a
    cut for every rule (sentences and paragraphs both end there, a full stop before it
    ends its sentence whatever follows, no abbreviation or initial reads across it, a line
    after it starts a line as the text's first line does), so each piece between cuts lies
    in one text; cuts that differ at a text's edges only ever bound whitespace, which the
    spans leave out. The one decision taken per text, whether its paragraphs follow blank
    lines or lines, is taken on the text itself (:func:`has_blank_line`). Tested against
    :func:`segment_arrays` text by text.
    """
    if len(texts) < 2:
        return [segment_arrays(t, language=language, paragraphs=paragraphs) for t in texts]
    for t in texts:
        _check_text(t, "segment")
    joined, starts = join_texts(texts, BATCH_SEPARATOR)
    seg = _segmenter(joined, _rules(language, "segment"))
    blank, singles, terminal = _sentence_cuts(seg, "auto")
    sentences = _per_text(seg.span_array(blank, singles, terminal), starts)
    if not paragraphs:
        return [(s, None) for s in sentences]
    by_blank = _per_text(seg.span_array(blank), starts)
    by_line = _per_text(seg.span_array(blank, singles), starts)
    return [
        (s, b if has_blank_line(t) else line)
        for s, b, line, t in zip(sentences, by_blank, by_line, texts, strict=True)
    ]


def _per_text(spans: np.ndarray, starts: np.ndarray) -> list[np.ndarray]:
    """Sorted spans of joined texts cut per text (``starts``: where each text begins), in
    each text's own offsets."""
    cuts = np.searchsorted(spans[:, 0], starts).tolist()
    cuts.append(len(spans))
    return [spans[a:b] - starts[i] for i, (a, b) in enumerate(itertools.pairwise(cuts))]


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
    inside = (idx >= 0) & (off < arr[np.maximum(idx, 0), 1])  # (np.clip: 5x the call cost)
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
