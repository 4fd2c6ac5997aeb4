"""The matcher's compiled loops give the answers of the regular expressions they replace.

Each test compares the compiled loop (:mod:`framing.match._kernels`) with the regular
expression that defines the rule (:func:`framing.match._boundaries.glob_body`), and the whole
matches table with the loops on and off; nothing is checked against the loop alone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import _jit as jit_module
from framing.lexicon import Lexicon
from framing.match import match_lexicon
from framing.match._boundaries import TABLE_SIZE, boundaries, is_word_char, word_table
from framing.text._chars import code_points

# Word characters, the joiners and what follows them, a combining mark, characters beyond
# the loop's table (a CJK letter, a Deseret letter: both word characters; an emoji: not).
ALPHABET = "abséS'- _0\u0301.«»\n中𐐀😀"
LANGUAGES = ("fr", "en")


@contextlib.contextmanager
def compiled(on: bool) -> Iterator[None]:
    """The compiled loops on, or off however much the test process has scanned."""
    saved = jit_module._on, jit_module._scanned
    jit_module._on = on
    if not on:
        jit_module._scanned = -(10**18)
    try:
        yield
    finally:
        jit_module._on, jit_module._scanned = saved


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, max_size=40), st.sampled_from(LANGUAGES), st.booleans())
def test_glob_ends_is_the_glob_regex(text, language, parts):
    from framing.match import _kernels

    bounds = boundaries(language)
    regex = bounds.glob(parts)
    codes = code_points(text)
    ends = np.arange(len(text) + 1, dtype=np.int64)
    got = _kernels.glob_ends(
        codes, word_table(), ends, np.full(len(ends), not parts), language == "en"
    )
    for p, stop in zip(ends.tolist(), got.tolist(), strict=True):
        if stop < 0:  # the loop gives up only where it meets a character beyond its table
            assert any(ord(c) >= TABLE_SIZE for c in text[p:])
        else:
            assert stop == regex.match(text, p).end(), (text, p)


WORDS = [
    "sa", "s", "abs", "é", "sé", "a_b", "0s", "中", "𐐀", "l", "qu", "jusqu", "d", "anti",
    "non", "Karabakh", "haut", "pro", "x̌",
]  # fmt: skip


@st.composite
def _matching_text(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    glue = draw(
        st.lists(st.sampled_from([" ", "'", "-", "’", " - ", "'s ", ". ", "'", "-"]), min_size=12)
    )
    return "".join(w + g for w, g in zip(pieces, glue, strict=False))


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_matching_text(), parts=st.booleans())
def test_tables_same_with_and_without_the_loops(language, text, parts):
    lex = Lexicon.from_dict(
        {
            "name": "t",
            "version": "1.0.0",
            "language": language,
            "options": {"parts": parts},
            "frames": {
                "f": ["s*", "a*", "ab* s", "é*", "sa* 中*", "0*", "Karabakh", "abs"],
                "g": ["haut-karabakh", "anti*", "s", "karabakh*", "sa", "x", "中"],
                "h": ["sa.", "-pro", "'s", "s-", "d'abs"],  # non-word first or last
            },
        }
    )
    with compiled(False):
        expected = match_lexicon(text, lex, voice=False)
    with compiled(True):
        got = match_lexicon(text, lex, voice=False)
    assert got.equals(expected)


@settings(max_examples=300, deadline=None)
@given(st.text("as'S-é_ 中", max_size=12), st.sampled_from(LANGUAGES), st.data())
def test_right_joined_is_right(text, language, data):
    bounds = boundaries(language)
    codes = code_points(text)
    # the hits right_joined is asked about: a hyphen or an apostrophe, then a word character
    ends = [e for e in range(len(text) - 1) if text[e] in "-'" and is_word_char(text[e + 1])]
    drawn = data.draw(st.lists(st.booleans(), min_size=len(ends), max_size=len(ends)))
    parts = np.asarray(drawn, dtype=bool)
    got = bounds.right_joined(codes, np.asarray(ends, dtype=np.int64), parts)
    expected = [bounds.right(text, e, bool(p)) for e, p in zip(ends, parts, strict=True)]
    assert got.tolist() == expected
