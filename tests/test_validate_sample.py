"""sample_for_coding: stratified samples of hits, documents and sentences for hand coding."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing import Corpus
from framing._errors import FramingError, FramingWarning
from framing.validate import sample_for_coding
from framing.validate._strata import allocate

DATA = Path(__file__).parent / "data" / "validate"
AGENCE = "Bakou a lancé une offensive contre le Karabakh."  # "offensive" at 18-27
SPORT = "Le club a lancé une offensive en seconde période."  # "offensive" at 20-29
PLAIN = "L'armée a frappé la ville. Les mesures antiterroristes ont commencé."


def demo_corpus(n_agence: int = 30, n_sport: int = 10, n_plain: int = 0) -> Corpus:
    rows = [
        {"doc_id": f"agence-{i:02d}", "text": AGENCE, "outlet": "Agence"}
        for i in range(1, n_agence + 1)
    ]
    rows += [
        {"doc_id": f"sport-{i:02d}", "text": SPORT, "outlet": "Sport"}
        for i in range(1, n_sport + 1)
    ]
    rows += [
        {"doc_id": f"plain-{i:02d}", "text": PLAIN, "outlet": "Agence"}
        for i in range(1, n_plain + 1)
    ]
    return Corpus(pd.DataFrame(rows), name="validate-demo")


@pytest.fixture(scope="module")
def lexicon():
    return framing.read_lexicon(DATA / "demo-lexicon.yaml")


@pytest.fixture(scope="module")
def corpus():
    return demo_corpus()


@pytest.fixture(scope="module")
def matches(corpus, lexicon):
    return framing.match_lexicon(corpus, lexicon)


# --- hits -----------------------------------------------------------------------------------


def test_hit_sheet_columns_context_and_empty_code_columns(matches, corpus):
    sheet = sample_for_coding(
        matches, corpus=corpus, n=1000, coders=["A", "B"], window=3, random_state=0
    )
    assert len(sheet) == len(matches) == 80  # every hit: a frame hit and a contest hit per text
    assert sheet.columns.tolist() == [
        "unit_id", "unit", "doc_id", "start", "end", "sentence", "item", "frame", "contest",
        "variant", "entry", "surface", "voice", "distanced", "outlet", "context", "stratum",
        "weight", "code_A", "note_A", "code_B", "note_B",
    ]  # fmt: skip
    row = sheet[sheet["unit_id"] == "sport-03:20-29:contest:operation_name/offensive"].iloc[0]
    assert row["context"] == "a lancé une [[offensive]] en seconde période"
    assert (row["item"], row["frame"], row["variant"]) == (
        "contest:operation_name/offensive",
        None,
        "offensive",
    )
    frame_row = sheet[sheet["unit_id"] == "sport-03:20-29:frame:military"].iloc[0]
    assert frame_row["frame"] == "military" and frame_row["contest"] is None
    assert sheet["unit_id"].is_unique
    assert sheet[["code_A", "note_A", "code_B", "note_B"]].isna().all().all()
    assert (sheet["weight"] == 1.0).all()  # everything sampled
    assert sheet.attrs["unit"] == "hit" and sheet.attrs["coders"] == ["A", "B"]
    assert sheet.attrs["codebook"] == {
        "1": sheet.attrs["codebook"]["1"],
        "0": sheet.attrs["codebook"]["0"],
    }
    assert sheet.attrs["lexicon"]["name"] == "validate-demo"
    assert sheet.attrs["corpus"]["fingerprint"] == corpus.fingerprint()


def test_equal_allocation_over_outlets_records_weights(matches, corpus):
    sheet = sample_for_coding(matches, corpus=corpus, n=20, stratify="outlet", random_state=1)
    counts = sheet["outlet"].value_counts().to_dict()
    assert counts == {"Agence": 10, "Sport": 10}
    weights = sheet.groupby("outlet")["weight"].unique().to_dict()
    assert weights["Agence"].tolist() == [6.0] and weights["Sport"].tolist() == [
        2.0
    ]  # 60/10, 20/10
    record = {r["stratum"]: (r["population"], r["sampled"]) for r in sheet.attrs["strata"]}
    assert record == {"outlet=Agence": (60, 10), "outlet=Sport": (20, 10)}


def test_proportional_allocation(matches, corpus):
    sheet = sample_for_coding(
        matches, corpus=corpus, n=20, stratify="outlet", allocation="proportional", random_state=1
    )
    assert sheet["outlet"].value_counts().to_dict() == {"Agence": 15, "Sport": 5}
    assert (sheet["weight"] == 4.0).all()


def test_auto_strata_are_outlet_item_voice(matches, corpus):
    sheet = sample_for_coding(matches, corpus=corpus, n=8, random_state=2)
    assert sheet.attrs["stratify"] == ["outlet", "item", "voice"]
    assert sheet["stratum"].nunique() == 4  # 2 outlets x 2 items x 1 voice, 2 units each
    assert sheet["stratum"].value_counts().tolist() == [2, 2, 2, 2]


def test_sample_does_not_depend_on_row_order_and_follows_the_seed(matches, corpus, lexicon):
    first = sample_for_coding(matches, corpus=corpus, n=10, random_state=5)
    again = sample_for_coding(matches, corpus=corpus, n=10, random_state=5)
    assert first["unit_id"].tolist() == again["unit_id"].tolist()
    reversed_corpus = Corpus(corpus.docs.iloc[::-1].reset_index(drop=True), name="validate-demo")
    reversed_matches = matches.iloc[::-1].reset_index(drop=True)
    reversed_matches.attrs = dict(matches.attrs)
    shuffled = sample_for_coding(reversed_matches, corpus=reversed_corpus, n=10, random_state=5)
    assert shuffled["unit_id"].tolist() == first["unit_id"].tolist()
    other = sample_for_coding(matches, corpus=corpus, n=10, random_state=6)
    assert set(other["unit_id"]) != set(first["unit_id"])


def test_rejected_hits_are_not_sampled(corpus):
    lexicon = framing.Lexicon.from_dict(
        {
            "name": "near-demo",
            "version": "1.0.0",
            "language": "fr",
            "frames": {"op": [{"term": "offensive", "near": ["Bakou"]}]},
        }
    )
    audited = framing.match_lexicon(corpus, lexicon, audit=True)
    assert audited["rejected"].notna().sum() == 10  # the football texts
    sheet = sample_for_coding(audited, corpus=corpus, n=100, random_state=0)
    assert len(sheet) == 30 and set(sheet["outlet"]) == {"Agence"}


def test_fewer_units_than_strata_warns(matches, corpus):
    with pytest.warns(FramingWarning, match=r"n=1 is smaller than the number of strata \(4\)"):
        sheet = sample_for_coding(matches, corpus=corpus, n=1, random_state=0)
    assert len(sheet) == 1


# --- documents and sentences (blind) ----------------------------------------------------------


def test_document_sheet_is_blind_and_asks_about_every_item(lexicon):
    corpus = demo_corpus(n_agence=3, n_sport=2, n_plain=3)
    hits = framing.match_lexicon(corpus, lexicon)
    sheet = sample_for_coding(hits, corpus=corpus, n=100, unit="document", random_state=0)
    items = [
        "frame:military",
        "contest:operation_name/offensive",
        "contest:operation_name/counter_terrorism",
        "contest:operation_name/operation",
    ]
    assert sheet.attrs["items"] == items
    assert len(sheet) == 8 * 4
    assert sheet["doc_id"].ne(sheet["doc_id"].shift()).sum() == 8  # a text's rows together
    assert sheet["item"].tolist()[:4] == items
    for column in ("entry", "surface", "voice", "distanced"):
        assert column not in sheet.columns  # no lexicon output on a blind sheet
    assert sheet.attrs["blind"] is True and sheet.attrs["stratify"] == ["outlet", "matched"]
    plain = sheet[sheet["unit_id"] == "plain-01:frame:military"].iloc[0]
    assert plain["context"] == PLAIN and (plain["start"], plain["end"]) == (0, len(PLAIN))
    assert pd.isna(plain["sentence"])
    # the matched stratum: plain texts have a counter_terrorism hit, so they are matched too
    assert set(sheet["stratum"]) == {"outlet=Agence | matched=yes", "outlet=Sport | matched=yes"}


def test_unmatched_documents_are_sampled_for_recall(lexicon):
    corpus = demo_corpus(n_agence=4, n_sport=0, n_plain=0)
    corpus = Corpus(
        pd.concat(
            [
                corpus.docs,
                pd.DataFrame({"doc_id": ["none-1", "none-2"], "text": ["Rien.", "Non."]}),
            ]
        ),
        name="with-unmatched",
    )
    hits = framing.match_lexicon(corpus, lexicon)
    sheet = sample_for_coding(
        hits,
        corpus=corpus,
        n=4,
        unit="document",
        items="military",
        stratify="matched",
        random_state=0,
    )
    assert sheet["stratum"].value_counts().to_dict() == {"matched=no": 2, "matched=yes": 2}
    weights = sheet.groupby("stratum")["weight"].first().to_dict()
    assert weights == {"matched=no": 1.0, "matched=yes": 2.0}


def test_sentence_sheet_from_a_corpus_alone(lexicon):
    corpus = demo_corpus(n_agence=0, n_sport=0, n_plain=2)
    sheet = sample_for_coding(
        corpus, unit="sentence", n=10, lexicon=lexicon, items=["operation_name"], random_state=0
    )
    assert len(sheet) == 2 * 2 * 3  # 2 texts x 2 sentences x 3 variants
    row = sheet[sheet["unit_id"] == "plain-02:s1:contest:operation_name/counter_terrorism"]
    assert row["context"].iloc[0] == "Les mesures antiterroristes ont commencé."
    assert int(row["sentence"].iloc[0]) == 1
    assert "matched" not in sheet.attrs["stratify"]  # no matches given: unknown


def test_item_names(lexicon, matches, corpus):
    sheet = sample_for_coding(
        matches,
        corpus=corpus,
        unit="document",
        n=2,
        items=["military", "operation_name/offensive"],
        lexicon=lexicon,
        random_state=0,
    )
    assert sheet.attrs["items"] == ["frame:military", "contest:operation_name/offensive"]
    descriptions = sheet.attrs["item_descriptions"]
    assert descriptions["frame:military"] == "Le vocabulaire militaire (combats, armes)."
    assert descriptions["contest:operation_name"] == "Comment l'opération est-elle nommée ?"
    with pytest.raises(FramingError, match=r"item 'militar' is not .*Did you mean 'military'"):
        sample_for_coding(matches, corpus=corpus, unit="document", items="militar")


# --- errors -------------------------------------------------------------------------------


def test_errors(matches, corpus):
    with pytest.raises(FramingError, match="unit='hit' samples the lexicon's hits"):
        sample_for_coding(corpus, unit="hit")
    with pytest.raises(FramingError, match="the corpus the matches were made from is needed"):
        sample_for_coding(matches)
    with pytest.raises(FramingError, match=r"unit must be one of .*Did you mean 'document'"):
        sample_for_coding(matches, corpus=corpus, unit="documents")
    with pytest.raises(FramingError, match=r"cannot stratify by 'outlets'.*Did you mean 'outlet'"):
        sample_for_coding(matches, corpus=corpus, stratify="outlets")
    with pytest.raises(FramingError, match="cannot stratify documents by 'voice', a property"):
        sample_for_coding(matches, corpus=corpus, unit="document", stratify="voice")
    with pytest.raises(FramingError, match="n must be a positive integer"):
        sample_for_coding(matches, corpus=corpus, n=0)
    with pytest.raises(FramingError, match="coder name 'anne marie' is not valid"):
        sample_for_coding(matches, corpus=corpus, coders=["anne marie"])
    with pytest.raises(FramingError, match="coder names must be unique"):
        sample_for_coding(matches, corpus=corpus, coders=["A", "A"])
    with pytest.raises(FramingError, match="a codebook needs at least two codes"):
        sample_for_coding(matches, corpus=corpus, codebook={"1": "yes"})
    with pytest.raises(FramingError, match=r"keep names 'outlt'.*Did you mean 'outlet'"):
        sample_for_coding(matches, corpus=corpus, keep=["outlt"])
    with pytest.raises(FramingError, match="not a matches table"):
        sample_for_coding(corpus.docs, corpus=corpus)
    other = demo_corpus(n_agence=2, n_sport=0)
    with pytest.raises(FramingError, match=r"38 document\(s\) of the matches are not in the"):
        sample_for_coding(matches, corpus=other)
    with pytest.raises(FramingError, match="allocation must be one of"):
        sample_for_coding(matches, corpus=corpus, allocation="neyman")


def test_lexicon_other_than_the_matches_is_refused(matches, corpus):
    other = framing.Lexicon.from_dict(
        {"name": "other", "version": "1.0.0", "language": "fr", "frames": {"x": ["y"]}}
    )
    with pytest.raises(FramingError, match="the matches were made with lexicon 'validate-demo'"):
        sample_for_coding(matches, corpus=corpus, lexicon=other)


# --- allocation ----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 30), min_size=1, max_size=8),
    st.integers(1, 120),
    st.sampled_from(["equal", "proportional"]),
    st.integers(0, 2**16),
)
def test_allocation_properties(sizes, n, method, seed):
    alloc = allocate(sizes, n, method, np.random.default_rng(seed))
    caps = np.asarray(sizes)
    assert alloc.sum() == min(n, caps.sum())
    assert (alloc >= 0).all() and (alloc <= caps).all()
    if method == "equal":
        open_strata = alloc < caps  # strata that could have taken more
        if open_strata.any():
            assert alloc[open_strata].min() >= alloc.max() - 1
    else:
        quota = min(n, caps.sum()) * caps / max(caps.sum(), 1)
        assert (np.abs(alloc - quota) < 1 + 1e-9).all()
