"""Character sets and translation tables shared by normalisation, tokenisation and segmentation.

Everything that depends on the Unicode database (combining marks, canonical decompositions,
accent folding) is computed once, lazily, from :mod:`unicodedata`, so importing the package
stays cheap and the tables follow the Python version's Unicode version.
"""

from __future__ import annotations

import functools
import itertools
import types
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

#: Characters normalised to the ASCII apostrophe ``'``.
APOSTROPHES = "'\u2019\u02bc\u2032\u2018\u0060\u00b4\u201b\uff07"

#: Hyphens that join the parts of a compound word (« Haut-Karabakh »).
WORD_HYPHENS = "-\u2010\u2011"

#: Hyphens and dashes normalised to ``-`` for matching (hyphens plus the dashes).
DASHES = WORD_HYPHENS + "\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"

#: Invisible characters removed by normalisation (through the offset map): soft hyphen,
#: zero-width space / non-joiner / joiner, word joiner, byte-order mark.
IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: Quotation marks that are never apostrophes: guillemets, typographic double quotes, the
#: ASCII double quote. Normalisation leaves them alone.
QUOTE_CHARS = frozenset('«»‹›“”„‟"')

#: Single quotation marks. ’ is also the French apostrophe, and normalisation turns ‘ ’ ‛
#: into ``'``: look for single quotes in the original text, and expect apostrophes.
SINGLE_QUOTE_CHARS = frozenset("‘’‚‛")

#: Opening quotation mark -> the closing marks that may pair with it.
QUOTE_PAIRS = types.MappingProxyType(
    {
        "«": "»",
        "‹": "›",
        "“": "”",
        "„": "“”",
        "‟": "”",
        '"': '"',
        "‘": "’",
        "‚": "‘’",
        "‛": "’",
    }
)

#: Line breaks (a paragraph separator U+2029 counts as a blank line).
LINE_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028"

#: Letters that are not accented letters but are folded with the accents (œ, æ, ß expand).
FOLD_EXTRA = types.MappingProxyType(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ẞ": "SS",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ħ": "h",
        "Ħ": "H",
        "ı": "i",
    }
)

# Code points scanned for combining marks and decompositions: the BMP and plane 1, plus the
# variation selectors of plane 14 (planes 2-13 hold no marks and no decomposable letters
# beyond CJK compatibility ideographs of plane 2, which are handled by NFC checks).
_SCAN = (range(0x20000), range(0x2F800, 0x2FA20), range(0xE0000, 0xE1000))


@dataclass(frozen=True)
class UnicodeTables:
    """Tables derived from the Unicode database (built once by :func:`unicode_tables`)."""

    marks: str  # combining marks (category M*, or a non-zero combining class)
    trail: str  # marks plus characters that compose with the preceding character
    unstable: str  # characters that NFC changes on their own (singletons, exclusions)
    pre_lower: dict[int, str]  # characters whose full lower-case has several characters
    fold_table: dict[int, str]  # one-for-one accent folding (é -> e)
    fold_spots: str  # characters whose folded form is not one character (œ, marks)
    fold_spots_lower: str  # the same after lower-casing
    mark_delete: dict[int, None]


#: From this length on, :func:`code_points` remembers a text and its array.
_REMEMBER_FROM = 100_000
#: How many texts it remembers: a document, its normalised form and that form with its
#: spaces collapsed are all read during one document's matching.
_MEMORY = 3
_remembered: tuple[tuple[str, np.ndarray], ...] = ()


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (uint32, read-only), one per character, lone surrogates
    included.

    Normalising, segmenting and the voice scans each read a document's code points; the
    arrays of the last few long texts are remembered (the text objects themselves as the
    keys), so a document is encoded once, not once per step.
    """
    for known, codes in _remembered:  # one read: another thread may replace it
        if known is text:
            return codes
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return remember(text, codes)


def remember(text: str, codes: np.ndarray) -> np.ndarray:
    """Let :func:`code_points` return ``codes`` for ``text`` (if long enough to be worth it).

    ``codes`` must be the code points of ``text`` as uint32: a caller that has built a text
    from its code points (:func:`from_code_points`) hands them over instead of having them
    encoded again. Returns them read-only (a read-only view if ``codes`` is writeable).
    """
    global _remembered
    if codes.dtype != np.uint32 or len(codes) != len(text):  # pragma: no cover - a bug
        raise ValueError("remember() takes the text's own code points, as uint32")
    if codes.flags.writeable:
        codes = codes.view()
        codes.flags.writeable = False
    if len(text) >= _REMEMBER_FROM:
        kept = [(t, c) for t, c in _remembered if t is not text]
        _remembered = ((text, codes), *kept[: _MEMORY - 1])
    return codes


def from_code_points(codes: np.ndarray) -> str:
    """The text of an array of code points (the inverse of :func:`code_points`)."""
    return np.asarray(codes, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")


def decoded(codes: np.ndarray) -> str:
    """:func:`from_code_points`, and :func:`remember` the codes for the text it gives.

    For texts built from code points that the next steps read again (a normalised text):
    they are not encoded a second time.
    """
    text = from_code_points(codes)
    remember(text, codes)
    return text


def join_texts(texts: Sequence[str], separator: str) -> tuple[str, np.ndarray]:
    """``separator.join(texts)`` and where each text starts in it (int64, one per text):
    for the steps that handle many short documents in one call and hand each its part."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        np.cumsum(lengths[:-1] + len(separator), out=starts[1:])
    return separator.join(texts), starts


def char_class(chars: Iterable[str]) -> str:
    """A regular-expression character class body (no brackets) for a set of characters."""
    cps = sorted({ord(c) for c in chars})
    out = []
    for _, group in itertools.groupby(enumerate(cps), lambda pair: pair[1] - pair[0]):
        run = [cp for _, cp in group]
        lo, hi = run[0], run[-1]
        out.append(_esc(lo) if lo == hi else f"{_esc(lo)}-{_esc(hi)}")
    return "".join(out)


_ASTRAL = "\\U00010000-\\U0010ffff"


def char_set(chars: Iterable[str], *, any_astral: bool = False) -> str:
    """A regex fragment matching one character of a set, fast in ``re``.

    ``re`` compiles a class of characters of the Basic Multilingual Plane to a bitmap, but
    checks astral ranges (above U+FFFF) one by one; so the astral part is tried only behind
    a one-range guard. With ``any_astral``, every astral character matches (a cheap
    conservative test).
    """
    chars = set(chars)
    bmp = char_class(c for c in chars if ord(c) <= 0xFFFF)
    astral = char_class(c for c in chars if ord(c) > 0xFFFF)
    if any_astral:
        return f"[{bmp}{_ASTRAL}]"
    if not astral:
        return f"[{bmp}]" if bmp else "(?!)"
    guarded = f"(?=[{_ASTRAL}])[{astral}]"
    return f"(?:[{bmp}]|{guarded})" if bmp else guarded


def _esc(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def fold(s: str, tables: UnicodeTables) -> str:
    """Remove diacritics: NFD, drop combining marks, expand œ/æ/ß, map ø ł đ ħ ı, NFC."""
    s = unicodedata.normalize("NFD", s).translate(tables.mark_delete)
    return unicodedata.normalize("NFC", s.translate(_FOLD_EXTRA_TABLE))


_FOLD_EXTRA_TABLE = {ord(k): v for k, v in FOLD_EXTRA.items()}


#: The Basic Multilingual Plane: code points below this have a one-code-unit lookup table.
BMP = 0x10000


def beyond_bmp(
    cp: np.ndarray, value: Callable[[str], int], dtype: type = np.uint32
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the code points beyond the BMP (sorted), and ``value`` of each character:
    what the tables over the BMP cannot say (rare, so asked one character at a time)."""
    if not len(cp):  # (the usual call, for a text without such characters: no numpy pass)
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=dtype)
    at = np.flatnonzero(cp >= BMP)
    values = np.fromiter((value(chr(c)) for c in cp[at].tolist()), dtype=dtype, count=len(at))
    return at, values


def bmp_chars() -> list[str]:
    """Every BMP character, as one-character strings (for ``map``; built in about 5 ms
    for the tables that need it, not kept: 3 MB)."""
    return list(map(chr, range(BMP)))


@functools.cache
def bmp_lower() -> np.ndarray:
    """For every BMP code point, the code point of its lower case when that is one
    character, else the code point itself (read-only uint32).

    Each character is lowered on its own (« Σ » gives « σ », never the final « ς »); the
    few whose lower case is longer (« İ » → « i̇ ») keep their own code point.
    """
    chars = bmp_chars()
    lowered = list(map(str.lower, chars))
    lengths = np.fromiter(map(len, lowered), dtype=np.int64, count=BMP)
    for i in np.flatnonzero(lengths != 1).tolist():
        lowered[i] = chars[i]
    table = np.frombuffer("".join(lowered).encode("utf-32-le", "surrogatepass"), np.uint32)
    return table  # frombuffer over bytes: read-only


@functools.cache
def unicode_tables() -> UnicodeTables:
    """Build (once) the tables that depend on the Unicode database."""
    # The database is read with map() over every scanned character (each question asked in
    # bulk, in code point order), then the few characters that need more are looked at.
    chars = list(map(chr, itertools.chain(*_SCAN)))
    categories = map(unicodedata.category, chars)
    classes = map(unicodedata.combining, chars)
    marks = [
        ch for ch, cat, cls in zip(chars, categories, classes, strict=True) if cat[0] == "M" or cls
    ]
    lowers = list(map(str.lower, chars))
    pre_lower: dict[int, str] = {ord("Σ"): "σ"}  # no final-sigma context rule
    # Unicode simple case mapping where the full one is longer: İ -> i
    pre_lower.update(
        (ord(ch), low[0]) for ch, low in zip(chars, lowers, strict=True) if len(low) != 1
    )
    # character -> its (simple) lower-case, where different
    lowered = {ch: low[0] for ch, low in zip(chars, lowers, strict=True) if low != ch}
    decompositions = map(unicodedata.decomposition, chars)
    canonical = [
        (ch, dec) for ch, dec in zip(chars, decompositions, strict=True) if dec and dec[0] != "<"
    ]
    decomposable = [ch for ch, _ in canonical]
    unstable: list[str] = []
    trail: set[str] = set()
    for ch, dec in canonical:
        if unicodedata.normalize("NFC", ch) != ch:
            unstable.append(ch)
        else:
            parts = dec.split()
            if len(parts) == 2:
                trail.add(chr(int(parts[1], 16)))
    # Hangul vowel and trailing-consonant jamo compose with the preceding jamo.
    trail.update(chr(cp) for cp in range(0x1161, 0x1176))
    trail.update(chr(cp) for cp in range(0x11A8, 0x11C3))
    trail.update(marks)
    mark_delete: dict[int, None] = dict.fromkeys(ord(m) for m in marks)
    tables = UnicodeTables(
        marks="".join(marks),
        trail="".join(sorted(trail)),
        unstable="".join(unstable),
        pre_lower=pre_lower,
        fold_table={},
        fold_spots="",
        fold_spots_lower="",
        mark_delete=mark_delete,
    )
    fold_table: dict[int, str] = {}
    spots: set[str] = set(marks)
    candidates = set(decomposable) | set(FOLD_EXTRA)
    candidates |= {c.lower() for c in candidates if len(c.lower()) == 1}
    candidates |= {chr(cp) for cp in pre_lower}
    for ch in candidates:
        folded = fold(ch, tables)
        if len(folded) == 1:
            if folded != ch:
                fold_table[ord(ch)] = folded
        else:
            spots.add(ch)
    # After lower-casing, a character is a spot when its lower-case is (Œ -> œ).
    spots_lower = spots | {ch for ch, low in lowered.items() if low in spots}
    return UnicodeTables(
        marks=tables.marks,
        trail=tables.trail,
        unstable=tables.unstable,
        pre_lower=pre_lower,
        fold_table=fold_table,
        fold_spots="".join(sorted(spots)),
        fold_spots_lower="".join(sorted(spots_lower)),
        mark_delete=mark_delete,
    )


def _space_chars() -> str:
    return "".join(chr(cp) for cp in range(0x3001) if chr(cp).isspace())


SPACE_CHARS = _space_chars()
INLINE_SPACES = "".join(c for c in SPACE_CHARS if c not in LINE_BREAK_CHARS + "\u2029")

#: Translation table of normalisation for matching (one-for-one, or deletion of IGNORABLE).
MATCH_TABLE: dict[int, str | None] = {
    **{ord(c): "'" for c in APOSTROPHES[1:]},
    **{ord(c): "-" for c in DASHES[1:]},
    **{ord(c): " " for c in SPACE_CHARS if c != " "},
    **dict.fromkeys(map(ord, IGNORABLE)),
}

#: Translation table the tokeniser works through: apostrophes, word hyphens, inline spaces.
TOKEN_TABLE: dict[int, str | None] = {
    **{ord(c): "'" for c in APOSTROPHES[1:]},
    **{ord(c): "-" for c in WORD_HYPHENS[1:]},
    **{ord(c): " " for c in INLINE_SPACES if c not in " \t"},
    **dict.fromkeys(map(ord, IGNORABLE)),
}
