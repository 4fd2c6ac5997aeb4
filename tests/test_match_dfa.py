"""The automaton's compiled transition table finds what ahocorasick_rs and str.find find.

:meth:`Automaton.find_codes` (a table built by :mod:`framing.match._dfa`, scanned by
:func:`framing.match._kernels.dfa_hits`) is compared with two independent routes: the
``ahocorasick_rs`` automaton (:meth:`Automaton.find`) and a naive search of every key with
``str.find``; then the whole matches table with the table allowed, refused and in 32 bits.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.lexicon import Lexicon
from framing.match import _api, _dfa, match_lexicon
from framing.match._compile import Automaton
from framing.text._chars import code_points
from tests.test_match_speedup import compiled

# Keys share prefixes and suffixes and nest (« a », « ab », « bab »); the texts add
# characters no key holds, a separator, a lone surrogate, an astral letter, CJK.
KEY_ALPHABET = "abé '-中𐐀"
TEXT_ALPHABET = KEY_ALPHABET + "cZ\x00\n\udc80😀"


def _rows(found: np.ndarray) -> list[tuple[int, int, int]]:
    return sorted(map(tuple, found.tolist()))


def _naive(keys: tuple[str, ...], text: str) -> list[tuple[int, int, int]]:
    rows = []
    for k, key in enumerate(keys):
        at = text.find(key)
        while at >= 0:
            rows.append((k, at, at + len(key)))
            at = text.find(key, at + 1)
    return sorted(rows)


def _find_codes(automaton: Automaton, text: str) -> np.ndarray:
    found = automaton.find_codes(code_points(text))
    assert found is not None
    assert found.dtype == np.int64 and found.shape[1:] == (3,)
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    keys=st.lists(
        st.text(KEY_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=12, unique=True
    ),
    text=st.text(TEXT_ALPHABET, max_size=80),
)
def test_table_finds_what_ahocorasick_and_str_find_find(keys, text):
    automaton = Automaton(tuple(keys))
    got = _rows(_find_codes(automaton, text))
    assert got == _rows(automaton.find(text))
    assert got == _naive(automaton.keys, text)


def test_every_overlapping_occurrence_and_a_second_scan_when_out_is_too_small():
    # 3 keys on 2,000 « a »: 5,997 hits, far more rows than the first scan makes room for
    keys = ("a", "aa", "aaa")
    text = "a" * 2000
    got = _find_codes(Automaton(keys), text)
    assert len(got) == 2000 + 1999 + 1998
    assert _rows(got) == _naive(keys, text)


def test_french_keys_on_a_press_sentence():
    keys = (
        "offensive",
        "opération militaire",
        "mesures antiterroristes",
        "haut-karabakh",
        "karabakh",
    )
    text = "l'offensive — une « opération militaire » au haut-karabakh ; mesures antiterroristes"
    got = _rows(_find_codes(Automaton(keys), text))
    assert got == _naive(keys, text)
    assert [keys[k] for k, _, _ in got] == [
        "offensive", "opération militaire", "mesures antiterroristes", "haut-karabakh", "karabakh"
    ]  # fmt: skip
    assert all(text[s:e] == keys[k] for k, s, e in got)


@pytest.mark.parametrize("cells_16", [0, _dfa.MAX_CELLS_16])
def test_states_in_16_and_32_bits(monkeypatch, cells_16):
    monkeypatch.setattr(_dfa, "MAX_CELLS_16", cells_16)
    keys = (*[f"k{i}é{j}" for i in range(30) for j in range(10)], "k1", "é")
    tables = _dfa.build_tables(keys)
    assert tables.trans.dtype == (np.uint16 if cells_16 else np.int32)
    text = " ".join(keys[::-7]) + "k1é9k2é0"
    assert _rows(_find_codes(Automaton(keys), text)) == _naive(keys, text)


def test_too_large_a_table_is_not_built(monkeypatch):
    monkeypatch.setattr(_dfa, "MAX_CELLS", 10)
    automaton = Automaton(("abc", "bcd"))
    assert automaton.find_codes(code_points("abcd")) is None  # the caller uses find()
    assert _dfa.build_tables(("abc",), max_cells=100) is not None


def test_bad_keys_are_refused():
    with pytest.raises(ValueError, match="non-empty"):
        _dfa.build_tables(("a", ""))
    with pytest.raises(ValueError, match="twice"):
        _dfa.build_tables(("ab", "ab"))


def test_pickled_automaton_scans_the_same():
    automaton = Automaton(("ab", "b"))
    before = _rows(_find_codes(automaton, "abab"))
    copy = pickle.loads(pickle.dumps(automaton))  # the table is rebuilt, not pickled
    assert _rows(_find_codes(copy, "abab")) == before == _naive(("ab", "b"), "abab")


LEXICON = {
    "name": "t",
    "version": "1.0.0",
    "language": "fr",
    "frames": {
        "f": ["offensive*", "opération militaire", "Haut-Karabakh", "Karabakh", "antiterroris*"],
        # two more normalisation configurations: two more automata
        "g": [
            {"term": "Stepanakert", "case_sensitive": True},
            {"term": "stepanakert", "fold_accents": True},
        ],
    },
}
TEXTS = [
    "L'offensive « anti-terroriste » au Haut-Karabakh, une opération\nmilitaire à Stepanakert.",
    "Les offensives — HAUT KARABAKH — et l’opération militaire ; Karabakh, antiterroristes.",
    "",
    "Stepanakert STEPANAKERT stépanakert",
]


@pytest.mark.filterwarnings("ignore:1 of 4 document")  # the empty one, on purpose
@pytest.mark.parametrize("refused", [False, True])
def test_matches_table_same_through_either_automaton(monkeypatch, refused):
    lexicon = Lexicon.from_dict(LEXICON, source="test")
    corpus = pd.DataFrame({"text": TEXTS})
    with compiled(False):
        expected = match_lexicon(corpus, lexicon)
    if refused:
        monkeypatch.setattr(_dfa, "MAX_CELLS", 0)
    _api._compile.cache_clear()  # (a cached plan keeps the tables its automata built)
    routes = []
    for name in ("find", "find_codes"):
        method = getattr(Automaton, name)

        def spy(self, arg, _method=method, _name=name):
            routes.append(_name)
            return _method(self, arg)

        monkeypatch.setattr(Automaton, name, spy)
    with compiled(True):
        got = match_lexicon(corpus, lexicon)
    assert len(expected) > 10
    assert got.equals(expected)
    # three configurations: each asks its table; only a refused table falls back to find()
    assert routes.count("find_codes") >= 3
    assert ("find" in routes) == refused
