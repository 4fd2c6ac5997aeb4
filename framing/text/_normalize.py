"""Normalisation for matching, with a map back to the original offsets."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from framing import _jit
from framing._errors import FramingError
from framing.text._chars import (
    IGNORABLE,
    MATCH_TABLE,
    TOKEN_TABLE,
    UnicodeTables,
    char_class,
    char_set,
    code_points,
    decoded,
    fold,
    from_code_points,
    unicode_tables,
)

_WS_RUN = re.compile(" {2,}")


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A text normalised for matching, and the way back to the original offsets.

    Attributes
    ----------
    original : str
        The text as given; never changed.
    text : str
        The normalised text.
    offsets : numpy.ndarray or None
        ``None`` when the normalisation is one-for-one (same length, index ``i`` of
        :attr:`text` is index ``i`` of :attr:`original`: the usual case). Otherwise an
        int64 array of ``len(text) + 1`` entries: ``offsets[i]`` is the original index of
        the character (or character cluster) that normalised character ``i`` comes from,
        and ``offsets[len(text)] == len(original)``.
    fold_accents, case_sensitive : bool
        The options the text was normalised with.
    """

    original: str
    text: str
    offsets: np.ndarray | None = None
    fold_accents: bool = False
    case_sensitive: bool = False
    _ends: np.ndarray | None = field(default=None, repr=False, kw_only=True)

    def __post_init__(self) -> None:
        if self.offsets is None:
            return
        offsets = np.asarray(self.offsets, dtype=np.int64)
        ends = self._ends
        if ends is None:  # built by hand: a span ending inside a cluster runs to its end
            n = len(offsets)
            boundary = np.concatenate([[True], offsets[1:] != offsets[:-1]])
            idx = np.where(boundary, np.arange(n), n - 1)
            ends = offsets[np.minimum.accumulate(idx[::-1])[::-1]]
        ends = np.asarray(ends, dtype=np.int64)
        offsets.flags.writeable = False
        ends.flags.writeable = False
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "_ends", ends)

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return (
            f"NormalizedText({preview!r}, {len(self.original)} -> {len(self.text)} chars, "
            f"one_for_one={self.offsets is None}, fold_accents={self.fold_accents}, "
            f"case_sensitive={self.case_sensitive})"
        )

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of :attr:`text` to the span of :attr:`original` it comes from.

        A span that covers whole original characters maps back exactly, so that
        ``original[s:e]`` is the text that was normalised into ``text[start:end]``; a span
        that cuts through the output of one original character (the ``o`` of ``œ`` -> ``oe``)
        is widened to that whole character.

        Parameters
        ----------
        start, end : int
            ``0 <= start <= end <= len(self.text)``.

        Returns
        -------
        tuple of int
            ``(s, e)`` in the original text.

        Raises
        ------
        FramingError
            If the span is not inside the normalised text.

        Examples
        --------
        >>> n = normalize("co\\u0153ur")  # cœur
        >>> n.to_original(0, 4)
        (0, 4)
        """
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise FramingError(
                f"Span ({start}, {end}) is outside the normalised text: expected "
                f"0 <= start <= end <= {n}. Pass offsets of NormalizedText.text."
            )
        if self.offsets is None:
            return int(start), int(end)
        s = int(self.offsets[start])
        if end == start:
            return s, s
        return s, int(self._ends[end])

    def to_original_many(self, starts, ends) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`to_original` for arrays of spans.

        Parameters
        ----------
        starts, ends : array-like of int
            Spans of the normalised text, same shape.

        Returns
        -------
        tuple of numpy.ndarray
            Original starts and ends (int64).

        Raises
        ------
        FramingError
            If the arrays differ in shape or a span is outside the normalised text.

        Examples
        --------
        >>> n = normalize("L\\u2019OPÉRATION")
        >>> [a.tolist() for a in n.to_original_many([0, 2], [2, 11])]
        [[0, 2], [2, 11]]
        """
        s = np.asarray(starts, dtype=np.int64)
        e = np.asarray(ends, dtype=np.int64)
        if s.shape != e.shape:
            raise FramingError(
                f"starts and ends must have the same shape; got {s.shape} and {e.shape}."
            )
        n = len(self.text)
        if s.size and not ((s >= 0).all() and (s <= e).all() and (e <= n).all()):
            raise FramingError(
                "Some spans are outside the normalised text: expected "
                f"0 <= start <= end <= {n} for every span. Pass offsets of NormalizedText.text."
            )
        if self.offsets is None:
            return s.copy(), e.copy()
        return spans_to_original((self.offsets, self._ends), s, e)


@dataclass(frozen=True)
class _Mode:
    lower: bool
    table: dict[int, str | None]  # applied after lower-casing, to one-for-one runs
    table_keys: re.Pattern[str]  # the characters of ``table``
    pre_keys: re.Pattern[str]  # the characters of ``UnicodeTables.pre_lower``
    fold: bool
    cluster_table: dict[int, str | None]
    spot_check: re.Pattern[str]  # any character that defeats the one-for-one fast path
    spots: re.Pattern[str]  # mark runs and characters normalised one at a time
    mark_chars: str  # the ``marks`` group of ``spots``
    other_chars: str  # its other alternative

    @functools.cached_property
    def tables(self) -> tuple[np.ndarray, np.ndarray]:
        """``spots`` as two lookup tables over every code point (marks, other spots)."""
        return _table(self.mark_chars), _table(self.other_chars)

    @functools.cached_property
    def lookup(self) -> _Lookup | None:
        """The normalisation of every code point as lookup tables (None if not possible)."""
        return _lookup(self)


@dataclass(frozen=True)
class _Lookup:
    """A mode's normalisation as lookup tables over every code point.

    ``out[c]`` is what :func:`_run` makes of character ``c`` outside the spots (one
    character each). ``kind[c]`` is 0 for those, 1 for a *simple* spot (a character
    normalised on its own whatever its neighbours, to ``expansion[c]``: an invisible
    character removed, ``œ`` folded to ``oe``) and 2 for the others (combining marks, Hangul
    jamo and other characters that compose with their neighbours, characters that NFC
    changes), which only the segment-by-segment path handles.
    """

    out: np.ndarray  # uint32 per code point
    kind: np.ndarray  # uint8 per code point
    expansion: dict[int, str]

    @functools.cached_property
    def packed(self) -> np.ndarray:
        """``out | kind << KIND_SHIFT``: both tables read with one lookup per character
        (code points need 21 bits)."""
        return self.out | (self.kind.astype(np.uint32) << KIND_SHIFT)


#: Where :attr:`_Lookup.packed` keeps a character's kind.
KIND_SHIFT = 24


def _lookup(mode: _Mode) -> _Lookup | None:
    tables = unicode_tables()
    marks_table, other_table = mode.tables
    spot = marks_table | other_table
    every = np.arange(sys.maxunicode + 1, dtype=np.uint32)
    # _run over every code point at once (spots masked): its two translations as lookups.
    codes = np.where(spot, ord("x"), every)
    if mode.lower:
        codes = _mapped(codes, tables.pre_lower)
        if codes is None:
            return None
        lowered = from_code_points(codes).lower()
        if len(lowered) != len(every):  # a character lowers to several
            return None
        codes = code_points(lowered)
    codes = _mapped(codes, mode.table)
    if codes is None:  # a character outside the spots changes length
        return None
    out = from_code_points(codes)
    kind = np.where(spot, 2, 0).astype(np.uint8)
    complex_ = set(tables.marks) | set(tables.trail) | set(tables.unstable)
    simple = [c for c in mode.other_chars if c not in complex_]
    kind[code_points("".join(simple))] = 1
    expansion = {ord(c): _cluster(mode, c, tables) for c in simple}
    return _Lookup(code_points(out).copy(), kind, expansion)


def _mapped(codes: np.ndarray | None, table: dict[int, str | None]) -> np.ndarray | None:
    """``codes`` with ``table`` applied (``str.translate``), or None if it changes a length."""
    if codes is None:
        return None
    lookup = np.arange(sys.maxunicode + 1, dtype=np.uint32)
    for key, value in table.items():
        if value is None or len(value) != 1:
            if (codes == key).any():
                return None
            continue
        lookup[key] = ord(value)
    return lookup[codes]


def _normalize_lookup(mode: _Mode, text: str) -> tuple[str, SpotMap | None] | None:
    """:func:`_normalize` through the lookup tables, or None where they do not apply.

    The usual case: each character is normalised on its own, so the output is a gather
    over the code points, with the few simple spots (``œ`` -> ``oe``, an invisible
    character removed) spliced in; each output character maps back to the one original
    character it comes from. None when the text holds a combining mark, a composing
    character or a character NFC changes (the segment-by-segment path handles those).
    """
    look = mode.lookup
    if look is None:
        return None
    codes = code_points(text)
    # the output code point, and the kind in the high bits
    if _jit.enabled():
        from framing.text import _kernels  # imports numba

        packed, spots = _kernels.looked_up(look.packed, codes, 1 << KIND_SHIFT)
    else:
        packed = look.packed.take(codes)  # (twice as fast as look.packed[codes])
        spots = np.flatnonzero(packed >= (1 << KIND_SHIFT))
    if not len(spots):
        return decoded(packed), None
    # Every character that NFC could change, compose or reorder is a spot of another kind
    # (tested over every code point), so a text with simple spots only is already NFC.
    if (packed[spots] >> KIND_SHIFT != 1).any():
        return None
    uniq, inverse = _unique(codes[spots])
    expansions = [look.expansion[c] for c in uniq.tolist()]
    lens = np.asarray([len(e) for e in expansions], dtype=np.int64)[inverse]
    # Output position of each spot's first character: everything before it shifted by
    # what the earlier spots added or removed.
    first = spots + np.concatenate([[0], np.cumsum(lens - 1)[:-1]])
    n_out = len(codes) + int((lens - 1).sum())
    out_codes = packed if (lens == 1).all() else _spliced(packed, spots, first, lens, n_out)
    for u, expansion in enumerate(expansions):
        at = first[inverse == u]
        for j, ch in enumerate(expansion):
            out_codes[at + j] = ord(ch)
    return decoded(out_codes), SpotMap(len(codes), n_out, spots, first, lens)


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)``; in Python for a few values (a news
    article has a handful of « œ »), where numpy's call costs more than the work."""
    if len(values) > 32:
        return np.unique(values, return_inverse=True)
    listed = values.tolist()
    uniq = sorted(set(listed))
    index = {v: i for i, v in enumerate(uniq)}
    inverse = np.fromiter(map(index.__getitem__, listed), dtype=np.intp, count=len(listed))
    return np.asarray(uniq, dtype=values.dtype), inverse


#: Below one spot in this many characters, the stretches between spots are copied one by
#: one; above, every character is repeated 0, 1 or more times at once (np.repeat), which
#: costs a pass over arrays as long as the text whatever the number of spots.
_SPLICE_SPACING = 200


def _spliced(
    codes: np.ndarray, spots: np.ndarray, first: np.ndarray, lens: np.ndarray, n_out: int
) -> np.ndarray:
    """``codes`` with the character at each spot written ``lens`` times (0: dropped), the
    others once: the output of :func:`_normalize_lookup` before the spots' expansions are
    written in at ``first`` (the values left at the spots are placeholders)."""
    if len(spots) * _SPLICE_SPACING >= len(codes):
        counts = np.ones(len(codes), dtype=np.int64)
        counts[spots] = lens
        return np.repeat(codes, counts)
    out = np.empty(n_out, dtype=codes.dtype)
    src_starts = np.concatenate([[0], spots + 1]).tolist()
    src_ends = np.concatenate([spots, [len(codes)]]).tolist()
    dst_starts = np.concatenate([[0], first + lens]).tolist()
    for a, b, d in zip(src_starts, src_ends, dst_starts, strict=True):
        out[d : d + b - a] = codes[a:b]
    return out


@dataclass(frozen=True)
class SpotMap:
    """The offset map of a normalisation in which only single characters change length.

    Every output character comes from one original character; only the *spots* (original
    positions ``spots``, output ``first[k] : first[k] + lens[k]``) do not map one-for-one.
    Offsets are computed where asked, without arrays as long as the text.
    """

    n_orig: int
    n_out: int
    spots: np.ndarray  # int64, original positions, increasing
    first: np.ndarray  # int64, output position of each spot's first character
    lens: np.ndarray  # int64, output length of each spot (0 when removed)

    @functools.cached_property
    def _shift(self) -> np.ndarray:
        """What the spots before position ``k + 1`` of ``spots`` added to the output."""
        return np.concatenate([[0], np.cumsum(self.lens - 1)])

    def char_start(self, o: np.ndarray) -> np.ndarray:
        """Original index of output characters ``o`` (``o == n_out`` gives ``n_orig``)."""
        o = np.asarray(o, dtype=np.int64)
        k = np.searchsorted(self.first, o, side="right") - 1
        shift = self._shift[k + 1]
        kk = np.maximum(k, 0)
        inside = (k >= 0) & (o < self.first[kk] + self.lens[kk])
        return np.where(inside, self.spots[kk], o - shift)

    def starts_ends(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ``starts[idx]`` and ``ends[idx]`` of :func:`_normalize`'s maps."""
        idx = np.asarray(idx, dtype=np.int64)
        before = self.char_start(np.maximum(idx - 1, 0)) + 1
        first = self.char_start(np.zeros(1, dtype=np.int64))[0]
        return self.char_start(idx), np.where(idx > 0, before, first)

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The full ``starts`` and ``ends`` maps (``n_out + 1`` entries each)."""
        return self.starts_ends(np.arange(self.n_out + 1, dtype=np.int64))

    def to_original_many(self, s: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Spans of the output mapped back, as :meth:`NormalizedText.to_original_many`."""
        starts = self.char_start(s)
        ends = self.char_start(np.maximum(np.asarray(e) - 1, 0)) + 1
        return starts, np.where(np.asarray(e) > np.asarray(s), ends, starts)


def spans_to_original(
    offsets: SpotMap | tuple[np.ndarray, np.ndarray] | None, s: np.ndarray, e: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Spans ``[s, e)`` of a normalised text mapped back to the original text.

    ``offsets`` is a map of :func:`normalize_compact`: None (one-for-one), a
    :class:`SpotMap`, or the ``(starts, ends)`` arrays. An empty span maps to a point.
    """
    if offsets is None:
        return s, e
    if isinstance(offsets, SpotMap):
        return offsets.to_original_many(s, e)
    starts, ends = offsets
    first = starts[s]
    return first, np.where(e > s, ends[e], first)


def _table(chars: str) -> np.ndarray:
    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    table[code_points(chars)] = True
    return table


def _spots(mode: _Mode, text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is_mark_run)`` of the matches of ``mode.spots`` in ``text``, in order.

    The same matches as ``mode.spots.finditer(text)`` (a maximal run of combining marks,
    or one other spot character), found with lookup tables instead of the regex engine,
    whose scan of a class this large runs at about 12 MB/s.
    """
    marks_table, other_table = mode.tables
    codes = code_points(text)
    is_mark = marks_table[codes]
    other = np.flatnonzero(other_table[codes] & ~is_mark)
    if not is_mark.any():
        return [(a, a + 1, False) for a in other.tolist()]
    edges = np.diff(is_mark.astype(np.int8), prepend=0, append=0)
    run_a = np.flatnonzero(edges == 1)
    run_b = np.flatnonzero(edges == -1)
    starts = np.concatenate([run_a, other])
    ends = np.concatenate([run_b, other + 1])
    kinds = np.concatenate([np.ones(len(run_a), bool), np.zeros(len(other), bool)])
    order = np.argsort(starts, kind="stable")
    return list(
        zip(starts[order].tolist(), ends[order].tolist(), kinds[order].tolist(), strict=True)
    )


@functools.cache
def _mode(kind: str, lower: bool, fold_accents: bool) -> _Mode:
    tables = unicode_tables()
    base = MATCH_TABLE if kind == "match" else TOKEN_TABLE
    table = dict(base)
    special = IGNORABLE
    if fold_accents:
        table = {**tables.fold_table, **base}
        special += tables.fold_spots_lower if lower else tables.fold_spots
    marks = set(tables.marks)
    composing = "".join(c for c in tables.trail if c not in marks)  # Hangul V and T jamo
    spot_check = re.compile(char_set(special, any_astral=True))
    others = special + tables.unstable + composing
    spots = re.compile(f"(?P<marks>{char_set(marks)}+)|{char_set(others)}")
    return _Mode(
        lower,
        table,
        re.compile(f"[{char_class(map(chr, table))}]"),
        re.compile(f"[{char_class(map(chr, tables.pre_lower))}]"),
        fold_accents,
        dict(base),
        spot_check,
        spots,
        "".join(sorted(marks)),
        "".join(sorted(set(others))),
    )


#: From this length on, _translate finds the characters present by counting code points.
_COUNT_FROM = 20_000


def _translate(s: str, table: dict[int, str | None], keys: re.Pattern[str]) -> str:
    """``s.translate(table)``, faster when few of the table's characters occur in ``s``.

    ``str.translate`` looks every character up in the dict; here the characters present
    are found by one regex pass and replaced with ``str.replace``. The table's values must
    not be keys themselves.
    """
    if len(s) >= _COUNT_FROM:  # one count of code points beats collecting every match
        counts = np.bincount(code_points(s))
        present = {chr(c) for c in np.flatnonzero(counts).tolist() if c in table}
    else:
        present = set(keys.findall(s))
    if len(present) > 24:
        return s.translate(table)
    for ch in present:
        s = s.replace(ch, table[ord(ch)] or "")
    return s


def _run(mode: _Mode, s: str, pre: dict[int, str]) -> str:
    if mode.lower:
        s = _translate(s, pre, mode.pre_keys).lower()
    return _translate(s, mode.table, mode.table_keys)


def _cluster(mode: _Mode, s: str, tables: UnicodeTables) -> str:
    s = unicodedata.normalize("NFC", s)
    if mode.lower:
        s = s.translate(tables.pre_lower).lower()
    s = s.translate(mode.cluster_table)
    return fold(s, tables) if mode.fold else s


def _runs_at_once(mode: _Mode, text: str, pre: dict[int, str]) -> str | None:
    """:func:`_run` of the whole text with every spot character masked, or None.

    Outside the spots, :func:`_run` maps each character to one character whatever its
    neighbours (the pre-lowering table removes the one context-dependent lower-casing,
    final sigma), so the run segments' outputs are slices of this one call: one translate
    and one lower() instead of one per segment. None when the masked text does not keep
    its length (then each segment is run on its own).
    """
    marks_table, other_table = mode.tables
    codes = code_points(text).copy()
    codes[marks_table[codes] | other_table[codes]] = ord("x")
    masked = from_code_points(codes)
    out = _run(mode, masked, pre)
    return out if len(out) == len(text) else None


def _normalize(
    text: str, kind: str, lower: bool, fold_accents: bool
) -> tuple[str, np.ndarray | None, np.ndarray | None]:
    """Normalised text, and (starts, ends) maps or (None, None) when one-for-one."""
    out, spot_map = normalize_compact(text, kind, lower, fold_accents)
    if isinstance(spot_map, SpotMap):
        return out, *spot_map.arrays()
    if spot_map is None:
        return out, None, None
    return out, *spot_map


def normalize_compact(
    text: str, kind: str, lower: bool, fold_accents: bool
) -> tuple[str, SpotMap | tuple[np.ndarray, np.ndarray] | None]:
    """:func:`_normalize`, with the offset map kept compact when it can be.

    The map is None (one-for-one), a :class:`SpotMap`, or the ``(starts, ends)`` arrays of
    the segment-by-segment path.
    """
    mode = _mode(kind, lower, fold_accents)
    looked_up = _normalize_lookup(mode, text)
    if looked_up is not None:
        return looked_up
    out, starts, ends = _normalize_segments(mode, text)
    return out, None if starts is None else (starts, ends)


def normalize_lookup(
    text: str, kind: str, lower: bool, fold_accents: bool
) -> tuple[str, SpotMap | None] | None:
    """:func:`normalize_compact` through the lookup tables only: None when the text needs
    the segment-by-segment path (a combining mark, a composing character, a character NFC
    changes). Where it answers, each character is normalised on its own, so the
    normalisation of texts joined by a character it leaves alone is the join of theirs."""
    return _normalize_lookup(_mode(kind, lower, fold_accents), text)


def _normalize_segments(
    mode: _Mode, text: str
) -> tuple[str, np.ndarray | None, np.ndarray | None]:
    """:func:`_normalize` segment by segment: runs, and clusters normalised as a whole."""
    tables = unicode_tables()
    if unicodedata.is_normalized("NFC", text) and not mode.spot_check.search(text):
        return _run(mode, text, tables.pre_lower), None, None
    # Segments of the original text: one-for-one runs, and clusters normalised as a whole
    # (a character with the marks that follow it, a character that NFC changes, an
    # invisible one). A cluster's output maps back to the whole cluster.
    pieces: list[str] = []
    seg_a: list[int] = []
    seg_b: list[int] = []
    seg_run: list[bool] = []
    pos = 0
    runs = _runs_at_once(mode, text, tables.pre_lower)

    def add(a: int, b: int, is_run: bool) -> None:
        if is_run:
            pieces.append(
                runs[a:b] if runs is not None else _run(mode, text[a:b], tables.pre_lower)
            )
        else:
            pieces.append(_cluster(mode, text[a:b], tables))
        seg_a.append(a)
        seg_b.append(b)
        seg_run.append(is_run)

    for a, b, is_marks in _spots(mode, text):
        merge = bool(seg_b) and seg_b[-1] == a and not seg_run[-1]
        left = text[seg_a[-1] : a] if merge else text[a - 1 : a] if a > pos else ""
        if not left or left[-1].isspace():
            attach = False
        elif is_marks:
            attach = True  # combining marks belong to the character before them
        else:  # a Hangul jamo joins the syllable before it only if they compose
            nfc = unicodedata.normalize
            attach = len(nfc("NFC", left + text[a:b])) <= len(nfc("NFC", left))
        if attach and merge:
            a = seg_a[-1]
            for seg in (pieces, seg_a, seg_b, seg_run):
                seg.pop()
        elif attach:
            a -= 1
        if a > pos:
            add(pos, a, True)
        add(a, b, False)
        pos = b
    if pos < len(text):
        add(pos, len(text), True)
    seg_len = [len(p) for p in pieces]
    out = "".join(pieces)
    k = np.asarray(seg_len, dtype=np.int64)
    a_ = np.repeat(np.asarray(seg_a, dtype=np.int64), k)
    b_ = np.repeat(np.asarray(seg_b, dtype=np.int64), k)
    is_run = np.repeat(np.asarray(seg_run, dtype=bool), k)
    first = np.repeat(np.cumsum(k) - k, k)
    local = np.arange(len(out), dtype=np.int64) - first
    char_start = np.where(is_run, a_ + local, a_)
    char_end = np.where(is_run, a_ + local + 1, b_)
    n_orig = np.array([len(text)], dtype=np.int64)
    starts = np.concatenate([char_start, n_orig])
    ends = np.concatenate([starts[:1], char_end])
    return out, starts, ends


def _check_text(text: object, func: str) -> str:
    if not isinstance(text, str):
        raise FramingError(
            f"{func}() expects a str, got {type(text).__name__} ({text!r:.40}). "
            "Missing texts (NaN/None) should be replaced by '' before processing."
        )
    return text


def normalize(
    text: str, *, fold_accents: bool = False, case_sensitive: bool = False
) -> NormalizedText:
    """Normalise a text for matching, keeping the way back to the original offsets.

    The original text is never changed. The operations, in order:

    1. Unicode NFC composition (text typed in NFD, ``e`` + U+0301, becomes ``é``).
    2. Lower-casing unless ``case_sensitive``, with the one-for-one *simple* case mapping:
       ``İ`` -> ``i`` (not ``i`` + combining dot), ``Σ`` -> ``σ`` everywhere.
    3. Apostrophes ``’ ʼ ′ ‘ ` ´ ‛`` -> ``'``; hyphens and dashes ``‐ ‑ ‒ – — ― ⁃ −`` -> ``-``;
       every whitespace character (no-break U+00A0, narrow no-break U+202F, thin and figure
       spaces, tabs, ``\\n``, ``\\r``, U+2028/2029) -> one space each (``\\r\\n`` gives two).
       Invisible characters are removed: soft hyphen U+00AD (a hyphenation hint, not a
       hyphen: ``anti\\u00adterroriste`` -> ``antiterroriste``), zero-width space / joiners,
       word joiner, byte-order mark.
    4. With ``fold_accents``: diacritics removed (``é`` -> ``e``, ``ç`` -> ``c``), and the
       letters ``œ æ ß`` expanded (``oe ae ss``), ``ø ł đ ħ ı`` mapped to ``o l d h i``.

    Typographic double quotes and guillemets are left as they are (voice detection needs
    them). Steps that change the length (NFD input, removed characters, ``œ`` -> ``oe``)
    are recorded in :attr:`NormalizedText.offsets`; in the usual case the normalisation is
    one-for-one and ``offsets`` is ``None``.

    Parameters
    ----------
    text : str
        The original text.
    fold_accents : bool, default False
        Remove diacritics (and expand œ, æ, ß).
    case_sensitive : bool, default False
        Keep the case.

    Returns
    -------
    NormalizedText

    Raises
    ------
    FramingError
        If ``text`` is not a str.

    Examples
    --------
    >>> n = normalize("L\\u2019OPÉRATION\\u00a0militaire")
    >>> n.text
    "l'opération militaire"
    >>> n.offsets is None
    True
    >>> normalize("L\\u2019OPÉRATION", fold_accents=True).text
    "l'operation"
    >>> n = normalize("œuvre", fold_accents=True)
    >>> n.text, n.offsets.tolist(), n.to_original(0, 6)
    ('oeuvre', [0, 0, 1, 2, 3, 4, 5], (0, 5))
    """
    _check_text(text, "normalize")
    out, starts, ends = _normalize(text, "match", not case_sensitive, fold_accents)
    return NormalizedText(text, out, starts, fold_accents, case_sensitive, _ends=ends)


def normalize_term(term: str, *, fold_accents: bool = False, case_sensitive: bool = False) -> str:
    """Normalise a lexicon entry with the rules of :func:`normalize`, whitespace collapsed.

    Lexicon side and text side then agree: a term matches where its normalised form occurs
    in the normalised text. Runs of whitespace become one space and the ends are stripped.

    Parameters
    ----------
    term : str
        A lexicon entry (one or more words, possibly with a trailing ``*``).
    fold_accents, case_sensitive : bool
        As in :func:`normalize`.

    Returns
    -------
    str

    Raises
    ------
    FramingError
        If ``term`` is not a str.

    Examples
    --------
    >>> normalize_term("  Mesures\\u00a0 anti\\u2011terroristes ")
    'mesures anti-terroristes'
    >>> normalize_term("Opération", fold_accents=True)
    'operation'
    """
    _check_text(term, "normalize_term")
    out = normalize(term, fold_accents=fold_accents, case_sensitive=case_sensitive).text
    return _WS_RUN.sub(" ", out).strip(" ")


def fold_accents(s: str) -> str:
    """Remove diacritics, without any other change (case, apostrophes and spaces are kept).

    ``é`` -> ``e``, ``Ç`` -> ``C``, NFD combining marks dropped, ``œ æ ß`` -> ``oe ae ss``
    (``Œ Æ ẞ`` -> ``OE AE SS``), ``ø ł đ ħ ı`` -> ``o l d h i``. The result is in NFC. It may
    be longer or shorter than the input; use ``normalize(s, fold_accents=True)`` when you
    need offsets.

    Parameters
    ----------
    s : str

    Returns
    -------
    str

    Raises
    ------
    FramingError
        If ``s`` is not a str.

    Examples
    --------
    >>> fold_accents("Haut-Karabakh, Azerbaïdjan, cœur, Ä")
    'Haut-Karabakh, Azerbaidjan, coeur, A'
    """
    _check_text(s, "fold_accents")
    return fold(s, unicode_tables())
