"""The per-process Unicode tables, built in bulk, against the character-by-character rules."""

from __future__ import annotations

import itertools
import unicodedata

import numpy as np

from framing.text import _chars, _segment
from framing.voice import _chars as voice_chars


def _reference_tables() -> dict:
    """What unicode_tables() derived from the database, one character at a time."""
    marks, unstable, decomposable = [], [], []
    trail: set[str] = set()
    pre_lower = {ord("Σ"): "σ"}
    lowered = {}
    for cp in itertools.chain(*_chars._SCAN):
        ch = chr(cp)
        if unicodedata.category(ch).startswith("M") or unicodedata.combining(ch) != 0:
            marks.append(ch)
        low = ch.lower()
        if len(low) != 1:
            pre_lower[cp] = low[0]
        if low != ch:
            lowered[ch] = low[0]
        dec = unicodedata.decomposition(ch)
        if dec and not dec.startswith("<"):
            decomposable.append(ch)
            if unicodedata.normalize("NFC", ch) != ch:
                unstable.append(ch)
            elif len(dec.split()) == 2:
                trail.add(chr(int(dec.split()[1], 16)))
    return {
        "marks": "".join(marks),
        "unstable": "".join(unstable),
        "pre_lower": pre_lower,
        "trail_decomposed": trail,
        "lowered": lowered,
    }


def test_unicode_tables_match_the_one_by_one_rules():
    got = _chars.unicode_tables()
    ref = _reference_tables()
    assert got.marks == ref["marks"]
    assert got.unstable == ref["unstable"]
    assert got.pre_lower == ref["pre_lower"]
    assert ref["trail_decomposed"] <= set(got.trail)
    assert set(ref["marks"]) <= set(got.trail)
    assert got.pre_lower[0x130] == "i"  # İ lowers to two characters: its simple mapping
    # after lower-casing, a character is a folding spot when its lower case is one (Œ -> œ)
    spots = set(got.fold_spots)
    assert set(got.fold_spots_lower) == spots | {
        ch for ch, low in ref["lowered"].items() if low in spots
    }


def test_bmp_lower_is_each_character_lowered_on_its_own():
    expected = []
    for cp in range(_chars.BMP):
        low = chr(cp).lower()
        expected.append(ord(low) if len(low) == 1 else cp)
    table = _chars.bmp_lower()
    assert table.dtype == np.uint32 and not table.flags.writeable
    assert table.tolist() == expected
    assert table[ord("Σ")] == ord("σ")  # never the final sigma of a word's end
    assert table[0x130] == 0x130  # İ: its lower case is two characters
    assert voice_chars._tables()[1] is table  # one table for the voice scans and sentences


def test_sentence_props_table_is_each_character_tested_on_its_own():
    expected = [_segment._char_props(chr(cp)) for cp in range(_chars.BMP)]
    assert _segment._props_table().tolist() == expected


def test_the_voice_mark_flag_covers_every_mark_the_quote_scan_tells_apart():
    from framing.text import QUOTE_CHARS
    from framing.voice import _quotes

    told_apart = set(QUOTE_CHARS) | set(_quotes._SINGLE_OPENERS + _quotes._SINGLE_CLOSERS)
    assert set(voice_chars.QUOTE_MARK_CHARS) == told_apart
    flagged = np.flatnonzero(voice_chars._classes() & voice_chars._MARK_BIT)
    assert {chr(c) for c in flagged.tolist()} == told_apart
    word, _ = voice_chars._tables()
    assert np.array_equal((voice_chars._classes() & voice_chars._WORD_BIT) != 0, word)
