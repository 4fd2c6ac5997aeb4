"""The lookup-table normalisation gives exactly what the segment-by-segment path gives.

``framing.text._normalize`` has two paths: lookup tables over every code point (the usual
case, issue #9) and the earlier segment-by-segment normalisation, kept for texts with
combining marks, composing characters or characters NFC changes. The segment path is the
reference here: every test runs the same text through both and compares the text and the
offset maps, for every mode (matching/tokenising, lower-cased or not, folded or not).
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
import unittest.mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import _jit as jit_module
from framing.text import _normalize as norm
from framing.text import normalize
from framing.text._chars import unicode_tables

MODES = list(itertools.product(("match", "token"), (True, False), (True, False)))

# Letters, accents, the characters that change length (œ, æ, ß, invisible ones), the
# context-dependent ones (Σ, İ, combining marks, Hangul jamo, NFC singletons), spaces of
# every kind, apostrophes, dashes, quotes and an astral character.
ALPHABET = (
    "abcEÉéèêàçÇôûïÏ"
    "œŒæÆßẞøłıİΣσς"
    "\u00ad\u200b\u200d\ufeff"
    "\u0301\u0327\u1100\u1161\u11a8\u212b\u0340"
    " \u00a0\u202f\t\n\r"
    "'’ʼ-‐–—«»“”\".,;!?"
    "\U0001f600\U0001d400"
)


def _reference(text: str, kind: str, lower: bool, fold: bool):
    return norm._normalize_segments(norm._mode(kind, lower, fold), text)


def _same(text: str, kind: str, lower: bool, fold: bool) -> object:
    out, offsets = norm.normalize_compact(text, kind, lower, fold)
    ref_out, ref_starts, ref_ends = _reference(text, kind, lower, fold)
    assert out == ref_out
    if offsets is None:  # one-for-one; the segment path may still build an identity map
        if ref_starts is not None:
            identity = np.arange(len(text) + 1)
            np.testing.assert_array_equal(ref_starts, identity)
            np.testing.assert_array_equal(ref_ends, identity)
        return None
    starts, ends = offsets.arrays() if isinstance(offsets, norm.SpotMap) else offsets
    assert ref_starts is not None
    np.testing.assert_array_equal(starts, ref_starts)
    np.testing.assert_array_equal(ends, ref_ends)
    return offsets


@pytest.mark.parametrize("compiled", [False, True], ids=["numpy", "compiled"])
@pytest.mark.parametrize(("kind", "lower", "fold"), MODES)
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_lookup_path_equals_segment_path(text, kind, lower, fold, compiled):
    # the lookup path's gather in numpy, or in the compiled loop (framing._jit)
    with unittest.mock.patch.object(jit_module, "_on", compiled):
        _same(text, kind, lower, fold)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="abé œŒß\u00ad\u200bÆ'’", max_size=30),
    data=st.data(),
)
def test_spot_map_spans_equal_array_spans(text, data):
    """SpotMap.to_original_many maps spans as NormalizedText.to_original_many does."""
    out, offsets = norm.normalize_compact(text, "match", True, True)
    n = len(out)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=10))
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    s = np.asarray([a for a, _ in spans], dtype=np.int64)
    e = np.asarray([b for _, b in spans], dtype=np.int64)
    expected = normalize(text, fold_accents=True).to_original_many(s, e)
    if offsets is None:
        got = (s, e)
    else:
        assert isinstance(offsets, norm.SpotMap)
        got = offsets.to_original_many(s, e)
    np.testing.assert_array_equal(got[0], expected[0])
    np.testing.assert_array_equal(got[1], expected[1])


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        ("cœur de l’Œuvre", True),  # œ expands: the lookup path, a compact map
        ("anti\u00adterroriste", True),  # a soft hyphen removed: lookup path
        ("\u00ad\u00ad", True),  # nothing left
        ("Ame\u0301lie", False),  # a combining mark: the segment path
        ("\u212b", False),  # NFC changes the Angstrom sign: the segment path
    ],
)
def test_path_taken(text, compact):
    """The lookup path handles single characters; marks and NFC changes take the other."""
    offsets = _same(text, "match", True, True)
    assert isinstance(offsets, norm.SpotMap) is compact


def test_every_length_changing_character_in_a_long_text():
    """Many spots of several kinds in one text, removed and expanded next to each other."""
    piece = "Sœur\u00adœil ÆSCHYLE\u200b, straße ẞ œœ\u00ad\u00adœ! "
    for kind, lower, fold in MODES:
        _same(piece * 500, kind, lower, fold)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET + "ΑΣΣ İI", max_size=40))
def test_lowering_in_the_tokeniser_pass_equals_lowering_after(text):
    """words() lowers in the tokeniser's normalisation pass; that is lowering after it."""
    tables = unicode_tables()
    plain = norm._normalize(text, "token", False, False)[0]
    lowered = norm._normalize(text, "token", True, False)[0]
    assert lowered == plain.translate(tables.pre_lower).lower()


# --- Code points read once ---------------------------------------------------------------


def test_code_points_are_remembered_for_the_last_long_texts():
    # One document is read as its text, its normalised form and that form with its spaces
    # collapsed: the three arrays are kept, so that no step encodes a text again.
    from framing.text import _chars

    texts = [("abc  dé " * 20_000) + str(i) for i in range(_chars._MEMORY + 1)]
    arrays = [_chars.code_points(t) for t in texts]
    for text, codes in zip(texts[1:], arrays[1:], strict=True):
        assert _chars.code_points(text) is codes
        assert not codes.flags.writeable
    assert _chars.code_points(texts[0]) is not arrays[0]  # forgotten, read again
    np.testing.assert_array_equal(_chars.code_points(texts[0]), arrays[0])
    short = "abc"
    assert _chars.code_points(short) is not _chars.code_points(short)  # not worth keeping


@pytest.mark.parametrize("fold", [False, True])
def test_normalised_text_hands_over_its_code_points(fold):
    from framing.match._scan import collapse_spaces
    from framing.text import _chars

    text = "L’Œuvre  de  M. Dupont\u00ad, « écrite »\n\n  à Paris. " * 5_000
    normalized, _ = norm.normalize_compact(text, "match", True, fold)
    codes = _chars.code_points(normalized)
    assert _chars.code_points(normalized) is codes  # remembered, not encoded again
    np.testing.assert_array_equal(
        codes, np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32)
    )
    collapsed, keep = collapse_spaces(normalized)
    assert "  " not in collapsed
    assert collapsed == re.sub(" {2,}", " ", normalized)
    collapsed_codes = np.frombuffer(collapsed.encode("utf-32-le"), dtype=np.uint32)
    np.testing.assert_array_equal(_chars.code_points(collapsed), collapsed_codes)
    # the map back, against the index of every kept character
    kept = np.ones(len(codes), dtype=bool)
    kept[1:] = ~((codes[1:] == 32) & (codes[:-1] == 32))
    back = keep.char_start(np.arange(len(collapsed)))
    np.testing.assert_array_equal(back, np.flatnonzero(kept))
    np.testing.assert_array_equal(codes[back], collapsed_codes)


# spacing 0: always by slices; 10**9: by np.repeat as soon as there is a spot
@pytest.mark.parametrize("spacing", [0, 10**9])
@settings(deadline=None, max_examples=200)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=60))
def test_spliced_repeats_each_spot_lens_times(spacing, counts):
    # counts: how many times each character is written (1 outside the spots); the values
    # left at the spots are placeholders, so only the other positions are compared.
    codes = np.arange(100, 100 + len(counts), dtype=np.uint32)
    spots = np.array([i for i, c in enumerate(counts) if c != 1], dtype=np.int64)
    lens = np.array([counts[i] for i in spots.tolist()], dtype=np.int64)
    first = spots + np.concatenate([[0], np.cumsum(lens - 1)[:-1]]).astype(np.int64)
    expected = [int(c) for c, n in zip(codes.tolist(), counts, strict=True) for _ in range(n)]
    with unittest.mock.patch.object(norm, "_SPLICE_SPACING", spacing):
        got = norm._spliced(codes, spots, first, lens, len(expected)).tolist()
    assert len(got) == len(expected)
    placeholder = np.zeros(len(expected), dtype=bool)
    for f, n in zip(first.tolist(), lens.tolist(), strict=True):
        placeholder[f : f + n] = True
    kept = np.flatnonzero(~placeholder).tolist()
    assert [got[i] for i in kept] == [expected[i] for i in kept]


@given(st.text(alphabet="a \n", min_size=0, max_size=80))
def test_collapsed_spaces_map_back_to_every_kept_character(text):
    from framing.match._scan import collapse_spaces

    collapsed, keep = collapse_spaces(text)
    assert collapsed == re.sub(" {2,}", " ", text)
    expected = [i for i, ch in enumerate(text) if not (ch == " " and i and text[i - 1] == " ")]
    if keep is None:
        assert expected == list(range(len(text)))
    else:
        assert keep.char_start(np.arange(len(collapsed))).tolist() == expected


@pytest.mark.parametrize(("kind", "lower", "fold"), MODES)
def test_text_without_complex_spots_is_already_nfc(kind, lower, fold):
    """The lookup path applies no NFC: a text of characters that are not complex spots
    (kind 2) must already be NFC. NFC changes a text only through a character that changes
    on its own (a singleton or an exclusion), a mark that is reordered (non-zero combining
    class), or a pair that composes (the second character of a primary composite's
    canonical decomposition, Hangul vowel and trailing jamo): all must be complex spots."""
    kinds = norm._mode(kind, lower, fold).lookup.kind
    plain = np.flatnonzero(kinds[: sys.maxunicode + 1] != 2)
    chars = [chr(c) for c in plain.tolist() if not 0xD800 <= c < 0xE000]
    changed = [c for c in chars if not unicodedata.is_normalized("NFC", c)]
    assert changed == []
    assert [c for c in chars if unicodedata.combining(c)] == []
    composing = {0x1161 + i for i in range(21)} | {0x11A8 + i for i in range(27)}
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        canonical_pair = len(parts) == 2 and not parts[0].startswith("<")
        if canonical_pair and unicodedata.is_normalized("NFC", chr(code)):  # primary composite
            composing.add(int(parts[1], 16))
    assert sorted(c for c in composing if kinds[c] != 2) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 0x10FFFF), max_size=80))
def test_unique_is_numpy_unique(values):
    arr = np.asarray(values, dtype=np.uint32)
    uniq, inverse = norm._unique(arr)
    expected, expected_inverse = np.unique(arr, return_inverse=True)
    assert uniq.dtype == expected.dtype
    np.testing.assert_array_equal(uniq, expected)
    np.testing.assert_array_equal(inverse, expected_inverse)
