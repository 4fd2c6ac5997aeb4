"""The bundled corpora, read as a user reads them, checked against independent counts."""

from __future__ import annotations

import collections
import gzip
import json

import numpy as np
import pytest

import framing
from framing.text import tokenize


@pytest.fixture(scope="module")
def an_corpus():
    return framing.read_corpus("an-mariage-2013")


@pytest.fixture(scope="module")
def an_raw_rows():
    path = framing.datasets.corpus_path("an-mariage-2013") / "interventions.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_an_corpus_reads_in_one_call_with_every_document(an_corpus, an_raw_rows):
    assert len(an_corpus) == 19_240 == len(an_raw_rows)
    assert an_corpus.doc_ids == [r["doc_id"] for r in an_raw_rows]
    assert "political_group" in an_corpus.metadata.columns


def test_an_corpus_dates_all_parsed(an_corpus, an_raw_rows):
    dates = an_corpus.docs["date"]
    assert dates.notna().all()
    # independent check: the French date written in each record, parsed by hand
    months = {"janvier": 1, "février": 2}
    for row, parsed in zip(an_raw_rows[::997], dates.iloc[::997], strict=True):
        _, day, month, year = row["date"].split()
        day = int(day.removesuffix("er"))
        assert (parsed.year, parsed.month, parsed.day) == (int(year), months[month], day)
    assert dates.min().strftime("%Y-%m-%d") == "2013-01-29"
    assert dates.max().strftime("%Y-%m-%d") == "2013-02-12"


def test_an_describe_by_group_agrees_with_independent_counts(an_corpus, an_raw_rows):
    table = an_corpus.describe(by="political_group")
    got = dict(zip(table["political_group"], table["n_docs"], strict=True))
    expected = collections.Counter(r["political_group"] or "(missing)" for r in an_raw_rows)
    assert got == dict(expected)
    assert table["n_docs"].sum() == 19_240
    assert expected["UMP"] == 7798 and expected["SRC"] == 3831  # sanity: the data README


def test_an_describe_token_total_matches_count_words(an_corpus, an_raw_rows):
    table = an_corpus.describe()
    total = sum(framing.text.count_words(r["text"]) for r in an_raw_rows)
    assert int(table["n_tokens"].sum()) == total


def test_karabakh_seeds_are_the_shared_texts_unchanged(shared_dir):
    corpus = framing.read_corpus("karabakh-2023-fr")
    for doc in corpus:
        raw = (shared_dir / "seeds" / f"{doc.doc_id}.txt").read_bytes().decode("utf-8")
        assert doc.text == raw


def test_karabakh_metadata_names_only_what_texts_state():
    docs = framing.read_corpus("karabakh-2023-fr").docs.set_index("doc_id")
    assert docs.loc["000_9e5079871ae24380", "outlet"] == "La Gazette"
    assert docs["outlet"].notna().sum() == 1
    assert docs["date"].isna().all()  # no text states its publication date
    assert (docs["language"] == "fr").all()


@pytest.mark.parametrize("name", ["karabakh-2023-fr", "an-mariage-2013"])
def test_every_token_of_every_bundled_document_maps_back(name):
    corpus = framing.read_corpus(name)
    checked = 0
    for doc in corpus:
        for token in tokenize(doc.text):
            assert doc.text[token.start : token.end] == token.surface
            for part in token.parts:
                assert doc.text[part.start : part.end] == part.surface
            checked += 1
    assert checked > (900_000 if name == "an-mariage-2013" else 2_000)


def test_bundled_lexicons_load_by_name():
    names = framing.datasets.list_lexicons()
    assert {"karabakh-2023-fr", "karabakh-2023-en"} <= set(names)
    fr = framing.datasets.load_lexicon("karabakh-2023-fr")
    en = framing.read_lexicon("karabakh-2023-en")
    assert fr.contest_names == en.contest_names
    for contest in fr.contest_names:
        assert fr.variants(contest) == en.variants(contest)
    assert np.array_equal(sorted(fr.frame_names), sorted(en.frame_names))
