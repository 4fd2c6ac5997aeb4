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


# --------------------------------------------------------------------------------------------
# The validation sheets shipped with a bundled lexicon
# --------------------------------------------------------------------------------------------
SHEETS = ["A-documents.csv", "A-hits.csv", "B-documents.csv", "B-hits.csv"]


def _raw_sheet(path):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_validation_path_holds_each_coders_sheets_with_their_sidecars(repo_dir):
    folder = framing.datasets.validation_path("karabakh-2023-fr")
    assert folder.is_dir()
    shipped = repo_dir / "lexicons" / "validation" / "karabakh-2023-fr"
    # the installed copy (editable or not) holds the repository's files, byte for byte
    names = sorted(p.name for p in shipped.iterdir())
    assert sorted(p.name for p in folder.iterdir()) == names
    assert all((folder / n).read_bytes() == (shipped / n).read_bytes() for n in names)
    assert sorted(p.name for p in folder.glob("*.csv")) == SHEETS
    for sheet in SHEETS:
        stem = sheet.removesuffix(".csv")
        assert (folder / f"{stem}.meta.json").is_file()
        assert (folder / f"{stem}.instructions.md").is_file()
    assert (folder / "README.md").is_file()


def test_validation_sheets_are_complete_and_cover_every_hit():
    folder = framing.datasets.validation_path("karabakh-2023-fr")
    corpus = framing.read_corpus("karabakh-2023-fr")
    hits = framing.match_lexicon(corpus, "karabakh-2023-fr")
    items = [
        f"frame:{f}" if isinstance(f, str) else f"contest:{c}/{v}"
        for f, c, v in zip(hits["frame"], hits["contest"], hits["variant"], strict=True)
    ]
    spans = zip(hits["doc_id"], hits["start"], hits["end"], items, strict=True)
    expected = {f"{d}:{s}-{e}:{i}" for d, s, e, i in spans}
    for coder in ("A", "B"):
        sheet = _raw_sheet(folder / f"{coder}-hits.csv")
        assert set(sheet["unit_id"]) == expected and len(sheet) == len(expected) == 335
        assert set(sheet[f"code_{coder}"]) <= {"0", "1"}  # no empty code
        documents = _raw_sheet(folder / f"{coder}-documents.csv")
        assert len(documents) == 5 * 40
        assert set(documents["doc_id"]) == set(corpus.doc_ids)
        assert set(documents[f"code_{coder}"]) <= {"0", "1"}


def test_validation_sheets_read_back_and_name_this_corpus_and_lexicon():
    from framing.validate import read_codes

    folder = framing.datasets.validation_path("karabakh-2023-fr")
    corpus = framing.read_corpus("karabakh-2023-fr")
    lexicon = framing.read_lexicon("karabakh-2023-fr")
    for kind, n in (("hits", 335), ("documents", 200)):
        codes = read_codes([folder / f"A-{kind}.csv", folder / f"B-{kind}.csv"])
        assert len(codes) == n
        assert codes.attrs["coders"] == ["A", "B"]
        assert codes.attrs["n_missing"] == {"A": 0, "B": 0}
        # recall needs the very corpus the sheets were drawn from: same fingerprint
        assert codes.attrs["corpus"]["fingerprint"] == corpus.fingerprint()
        assert codes.attrs["lexicon"]["fingerprint"] == lexicon.fingerprint()
        assert codes.attrs["random_state"] == 2023


def test_validation_folder_is_not_a_lexicon(repo_dir):
    yaml_stems = sorted(p.stem for p in (repo_dir / "lexicons").glob("*.yaml"))
    assert framing.datasets.list_lexicons() == yaml_stems
    assert "validation" not in framing.datasets.list_lexicons()
    with pytest.raises(framing.LexiconError, match=r"No bundled lexicon named 'validation'"):
        framing.datasets.lexicon_path("validation")
    with pytest.raises(framing.LexiconError, match=r"bundled lexicons: karabakh-2023-en, kar"):
        framing.read_lexicon("validation")


def test_validation_path_unknown_name_suggests_and_lists():
    with pytest.raises(
        framing.LexiconError,
        match=r"No bundled validation for a lexicon named 'karabakh-2023'\. Did you mean "
        r"'karabakh-2023-fr'\? Lexicons with bundled validation sheets: karabakh-2023-fr\.",
    ):
        framing.datasets.validation_path("karabakh-2023")


def test_validation_path_of_a_lexicon_without_validation():
    with pytest.raises(
        framing.LexiconError,
        match=r"The bundled lexicon 'karabakh-2023-en' has no bundled validation\. Lexicons "
        r"with bundled validation sheets: karabakh-2023-fr\. To validate a lexicon yourself",
    ):
        framing.datasets.validation_path("karabakh-2023-en")


@pytest.mark.parametrize("name", [None, 3, "", "validation", "../karabakh-2023-fr"])
def test_validation_path_rejects_other_names(name):
    with pytest.raises(framing.LexiconError, match=r"Lexicons with bundled validation sheets"):
        framing.datasets.validation_path(name)
