"""The matches table's rows (framing.match._table.Rows): what a worker process sends back.

A worker matching a part of a corpus sends the part's sorted rows (arrays, surfaces, cues)
and the calling process makes the table; the rows are pickled with their strings joined.
Whatever the strings hold, the table made from rows that went through pickle is the table
matched in one process.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from framing import read_corpus
from framing.lexicon import read_lexicon
from framing.match import _api, _parallel, _table, match_lexicon
from framing.match._table import Labels, Rows, rows_table

# str or None, including the separator the pickled form joins them with
_TEXTS = st.text(alphabet=st.sampled_from(["a", "é", "\x00", " ", "«", "😀"]), max_size=6)


def _rows(surfaces: list[str], cues: list[str | None], reasons: list[str | None] | None) -> Rows:
    n = len(surfaces)
    ints = np.arange(n, dtype=np.int64)
    return Rows(
        doc=np.zeros(n, dtype=np.int64),
        start=ints,
        end=ints + 1,
        target=ints % 3,
        sentence=ints // 2,
        voice=(ints % 3 - 1).astype(np.int8),
        distanced=np.where(ints % 2 == 0, 1.0, np.nan),
        cue=np.array(cues, dtype=object).reshape(n),
        reason=None if reasons is None else np.array(reasons, dtype=object).reshape(n),
        surface=surfaces,
    )


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_rows_survive_pickle_whatever_their_strings(data):
    n = data.draw(st.integers(min_value=0, max_value=8))
    surfaces = data.draw(st.lists(_TEXTS, min_size=n, max_size=n))
    cues = data.draw(st.lists(st.none() | _TEXTS, min_size=n, max_size=n))
    reasons = data.draw(st.none() | st.lists(st.none() | _TEXTS, min_size=n, max_size=n))
    rows = _rows(surfaces, cues, reasons)
    back = pickle.loads(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.surface == surfaces
    assert back.cue.dtype == object and back.cue.tolist() == cues
    if reasons is None:
        assert back.reason is None
    else:
        assert back.reason.dtype == object and back.reason.tolist() == reasons
    for name in ("doc", "start", "end", "target", "sentence", "voice"):
        got, expected = getattr(back, name), getattr(rows, name)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
    assert np.array_equal(back.distanced, rows.distanced, equal_nan=True)


def test_surfaces_travel_as_one_string():
    # the point of the pickled form: one string, not one pickled object per surface
    rows = _rows(["offensive"] * 1000, [None] * 999 + ["a déclaré"], None)
    state = rows.__getstate__()
    assert state["surface"] == ("\x00".join(["offensive"] * 1000), 1000)
    n, where, cues = state["cue"]
    assert (n, where.tolist(), cues) == (1000, [999], ("a déclaré", 1))


def test_a_surface_holding_the_separator_travels_as_a_list():
    rows = _rows(["a\x00b", "c"], [None, None], None)
    assert rows.__getstate__()["surface"] == ["a\x00b", "c"]
    assert pickle.loads(pickle.dumps(rows)).surface == ["a\x00b", "c"]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"keep": ["outlet", "date"], "overlap": "all", "audit": True},
        {"keep": False, "voice": False},
    ],
)
def test_the_table_of_rows_sent_by_a_worker_is_the_in_memory_table(options):
    corpus = read_corpus("karabakh-2023-fr")
    lex = read_lexicon("karabakh-2023-fr")
    expected = match_lexicon(corpus, lex, **options)
    checked = _parallel.checked_options(corpus, lex, **options)
    sent = pickle.loads(pickle.dumps(_parallel.match_part_rows(corpus, lex, **checked)))
    labels = Labels.of(corpus, checked["keep"])
    got = _parallel.part_table(sent, labels, lex, checked)
    assert_frame_equal(got, expected, check_exact=True)
    got.attrs["corpus_fingerprint"] = expected.attrs["corpus_fingerprint"]  # a part's: None
    assert got.attrs == expected.attrs


def test_surfaces_and_cues_holding_the_separator_still_give_the_table(monkeypatch):
    # The matcher never puts the separator (NUL) into a surface, so the fallback is tried
    # with a separator that surfaces and cues do hold: "e".
    monkeypatch.setattr(_table, "_SEPARATOR", "e")
    corpus = read_corpus("karabakh-2023-fr")
    lex = read_lexicon("karabakh-2023-fr")
    expected = match_lexicon(corpus, lex)
    assert expected["surface"].str.contains("e").any() and expected["cue"].str.contains("e").any()
    checked = _parallel.checked_options(corpus, lex)
    rows, _ = _parallel.match_part_rows(corpus, lex, **checked)
    state = rows.__getstate__()
    assert isinstance(state["surface"], list) and isinstance(state["cue"][2], list)
    sent = pickle.loads(pickle.dumps(_parallel.match_part_rows(corpus, lex, **checked)))
    got = _parallel.part_table(sent, Labels.of(corpus, checked["keep"]), lex, checked)
    assert_frame_equal(got, expected, check_exact=True)


def test_rows_table_takes_only_ids_and_kept_metadata():
    corpus = read_corpus("karabakh-2023-fr")
    lex = read_lexicon("karabakh-2023-fr")
    checked = _parallel.checked_options(corpus, lex, keep=["outlet"])
    rows, _ = _api.match_rows(corpus, lex, part=True, **checked)
    table = rows_table(rows, Labels.of(corpus, ["outlet"]), _api._compile(lex, "fr"), False)
    assert list(table.columns[-1:]) == ["outlet"]
    assert table["surface"].tolist() == [
        corpus.texts[corpus.doc_ids.index(d)][a:b]
        for d, a, b in zip(table["doc_id"], table["start"], table["end"], strict=True)
    ]
