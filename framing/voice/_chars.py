"""Code points of a stretch of text and per-character flags, for the vectorised voice scans.

The voice scans look at every character of the sentences and paragraphs that hold hits. A
regular expression tried at every position costs about a tenth of a microsecond per
character in Python's ``re``; the same questions asked of an array of code points in a
compiled loop (is it a word character? which quotation mark?) cost a few nanoseconds. The
flags agree with ``re`` exactly: "word character" is what ``\\w`` matches in a ``str``
pattern.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from framing._jit import worth_compiling
from framing.text._chars import (
    BMP,
    QUOTE_CHARS,
    beyond_bmp,
    bmp_chars,
    bmp_lower,
    code_points,
)

_BMP = BMP  # tables cover the Basic Multilingual Plane; other code points are looked up
# The arrays and compiled loops cost some microseconds each whatever the length, then a few
# nanoseconds per character of the stretch they cover; a regex tried at every position costs
# some tenths of a microsecond per character scanned. Below _SMALL_TEXT characters to scan,
# or when the scanned parts are scattered over a much longer stretch, or before the process
# has scanned enough to repay loading the compiled loops, the regexes are used. (1,000 when
# the scans were numpy passes; with the compiled loops 100 was measured best: documents of
# 400 / 800 / 1,500 characters matched 6 / 18 / 13 % faster than with 1,000.)
_SMALL_TEXT = 100
_SCATTER = 20
_WORD_RE = re.compile(r"\w")


def _is_word(ch: str) -> bool:
    """Whether ``ch`` is a word character (``\\w``)."""
    return _WORD_RE.match(ch) is not None


def _lower_code(ch: str) -> int:
    """The code point of ``ch.lower()`` when that is one character, else of ``ch``."""
    low = ch.lower()
    return ord(low) if len(low) == 1 else ord(ch)


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """``(word, lower)`` for every BMP code point: ``\\w`` flag and :func:`_lower_code`."""
    chars = "".join(bmp_chars())
    word = np.zeros(_BMP, dtype=bool)
    for m in re.finditer(r"\w+", chars):
        word[m.start() : m.end()] = True
    return word, bmp_lower()


#: The characters that may be quotation marks: double marks, and the single marks that
#: :mod:`framing.voice._quotes` tells apart from apostrophes by their context.
QUOTE_MARK_CHARS = "".join(sorted(QUOTE_CHARS)) + "'‘’"
_WORD_BIT, _MARK_BIT = 1, 2


@functools.cache
def _classes() -> np.ndarray:
    """Per BMP code point: :data:`_WORD_BIT` for ``\\w``, :data:`_MARK_BIT` for a mark."""
    word, _ = _tables()
    out = word.astype(np.uint8) * _WORD_BIT
    out[[ord(c) for c in QUOTE_MARK_CHARS]] |= _MARK_BIT
    return out


class _Codes:
    """``text[offset:offset + n]`` as code points, with their word flags.

    Arrays are padded with two zero code points at the end, so that ``i + 1`` and ``i + 2``
    can be read for every ``i < n`` (a zero code point is not a word character). Both
    flags come from one lookup per character (:func:`_classes`), in one compiled pass
    (:func:`framing.voice._kernels.code_flags`): a ``_Codes`` is only made for the scans
    that use the compiled loops.
    """

    __slots__ = ("astral", "classes", "cp", "n", "offset", "word")

    def __init__(self, text: str, start: int, stop: int) -> None:
        from framing.voice import _kernels  # compiled loops: imports numba

        self.offset = start
        self.n = stop - start
        # Most often the stretch is most of the text, whose code points are at hand.
        whole = self.n > len(text) // 2
        src = code_points(text)[start:stop] if whole else code_points(text[start:stop])
        self.cp, self.classes, self.word, astral = _kernels.code_flags(src, _classes(), _WORD_BIT)
        self.astral = astral > 0
        if self.astral:  # beyond the BMP the table gave U+FFFF's flags
            at, flags = beyond_bmp(self.cp[: self.n], _is_word, bool)
            self.word[at] = flags

    def marks(self, first: int, last: int) -> np.ndarray:
        """Indices in ``[first, last)`` of the characters that may be quotation marks
        (astral characters never are)."""
        return np.flatnonzero((self.classes[first:last] & _MARK_BIT) != 0) + first

    def astral_lower(self) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the characters outside the BMP (sorted), and their lowered code
        points (:func:`_lower_code`), which the BMP table cannot give."""
        return beyond_bmp(self.cp[: self.n] if self.astral else self.cp[:0], _lower_code)


def _vectorise(starts: np.ndarray, ends: np.ndarray) -> bool:
    """Whether to scan these (sorted, disjoint) spans with the arrays and compiled loops
    rather than a regex: they are long and close enough, and the process has scanned
    enough to repay loading the compiled loops (:func:`framing._jit.worth_compiling`)."""
    if not len(starts):
        return False
    total = int((ends - starts).sum())
    near = total >= _SMALL_TEXT and int(ends[-1] - starts[0]) <= _SCATTER * total
    return near and worth_compiling(total)


def _table_of(chars: str) -> np.ndarray:
    """A BMP lookup table that is True at the given characters."""
    table = np.zeros(_BMP, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table
