"""Tests for framing.corpus: building, reading, validating, selecting, describing, writing."""

from __future__ import annotations

import collections
import gzip
import hashlib
import json
import logging
import re
import sys
import types
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing._errors import CorpusError, FramingWarning
from framing.corpus import Corpus, Document, read_corpus


def make(**columns) -> Corpus:
    return Corpus(pd.DataFrame(columns))


@pytest.fixture
def small() -> Corpus:
    return Corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c", "d"],
                "text": ["Une offensive.", "Des mesures antiterroristes.", "Le Karabakh.", "x"],
                "outlet": ["X", "Y", "X", None],
                "lang": ["fr", "fr", "en", "fr"],
            }
        ),
        name="small",
    )


# --- building from a DataFrame ---------------------------------------------------------------


def test_columns_are_renamed_ordered_and_copied():
    data = pd.DataFrame({"outlet": ["X", "Y"], "body": ["un", "deux"], "id": [7, 8]})
    corpus = Corpus(data, text="body", doc_id="id")
    assert list(corpus.docs.columns) == ["doc_id", "text", "outlet"]
    assert corpus.doc_ids == ["7", "8"]
    assert corpus.texts == ["un", "deux"]
    assert list(data.columns) == ["outlet", "body", "id"]  # caller's frame untouched
    assert data["id"].tolist() == [7, 8]


def test_from_frame_is_the_constructor():
    data = pd.DataFrame({"body": ["un"], "id": ["x"]})
    a = Corpus.from_frame(data, text="body", doc_id="id", name="n")
    assert (a.doc_ids, a.texts, a.name) == (["x"], ["un"], "n")


def test_integral_float_ids_lose_the_decimal():
    corpus = Corpus(pd.DataFrame({"doc_id": [1.0, 2.0], "text": ["a", "b"]}))
    assert corpus.doc_ids == ["1", "2"]


def test_ids_generated_when_there_is_no_id_column(caplog):
    with caplog.at_level(logging.INFO, logger="framing.corpus"):
        corpus = Corpus(pd.DataFrame({"text": ["a", "b", "c"]}))
    assert corpus.doc_ids == ["doc00001", "doc00002", "doc00003"]
    assert "doc00001" in caplog.text
    assert all(r.levelno == logging.INFO for r in caplog.records)


def test_id_index_level_is_used():
    data = pd.DataFrame({"doc_id": ["p", "q"], "text": ["a", "b"]}).set_index("doc_id")
    assert Corpus(data).doc_ids == ["p", "q"]


def test_missing_text_column_suggests_close_name():
    data = pd.DataFrame({"doc_id": ["a"], "texte": ["Un."], "outlet": ["X"]})
    with pytest.raises(
        CorpusError,
        match=r"No text column 'text' in the data\. Columns present: 'doc_id', 'texte', "
        r"'outlet'\. Did you mean 'texte'\? Pass text=",
    ):
        Corpus(data)


def test_missing_text_column_suggests_common_names():
    data = pd.DataFrame({"doc_id": ["a"], "body": ["Un."]})
    with pytest.raises(CorpusError, match=r"No text column 'contents'.*Did you mean 'body'\?"):
        Corpus(data, text="contents")


def test_missing_named_id_column():
    data = pd.DataFrame({"ident": ["a"], "text": ["Un."]})
    with pytest.raises(
        CorpusError, match=r"No doc_id column 'idnet'.*Did you mean 'ident'\?.*doc_id=None"
    ):
        Corpus(data, doc_id="idnet")


def test_duplicate_ids_are_listed_with_counts():
    data = pd.DataFrame({"doc_id": ["a", "b", "a", "c", "c", "a"], "text": list("uvwxyz")})
    with pytest.raises(
        CorpusError,
        match=r"doc_id must be unique; 2 id\(s\) appear more than once: 'a' ×3, 'c' ×2",
    ):
        Corpus(data)


def test_missing_ids_are_an_error():
    data = pd.DataFrame({"doc_id": ["a", None], "text": ["u", "v"]})
    with pytest.raises(
        CorpusError, match=r"1 document\(s\) have no id in column 'doc_id' \(rows 1"
    ):
        Corpus(data)


def test_competing_text_column_is_an_error():
    data = pd.DataFrame({"text": ["old"], "body": ["new"]})
    with pytest.raises(CorpusError, match=r"has a column 'text' besides the chosen 'body'"):
        Corpus(data, text="body")


def test_not_a_dataframe():
    with pytest.raises(CorpusError, match=r"built from a pandas DataFrame, got list"):
        Corpus([{"text": "a"}])


def test_empty_texts_are_kept_and_warned_once():
    data = pd.DataFrame({"doc_id": list("abcde"), "text": ["Un.", None, "", "  \n", float("nan")]})
    with pytest.warns(FramingWarning) as record:
        corpus = Corpus(data)
    assert len(record) == 1
    assert re.search(
        r"4 of 5 document\(s\) have empty or whitespace-only text; they are kept .*: b, c, d, e",
        str(record[0].message),
    )
    assert corpus.texts == ["Un.", "", "", "  \n", ""]
    assert len(corpus) == 5


def test_non_string_texts_become_strings():
    corpus = Corpus(pd.DataFrame({"text": [12, "a"]}))
    assert corpus.texts == ["12", "a"]


# --- dates -----------------------------------------------------------------------------------


def test_dates_parsed_and_failures_kept_raw():
    data = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["u", "v", "w", "x"],
            "date": ["mardi 29 janvier 2013", "bientôt", "19/09/2023", None],
        }
    )
    with pytest.warns(FramingWarning) as record:
        corpus = Corpus(data, date="date")
    assert len(record) == 1
    assert re.search(
        r"1 of 4 value\(s\) in date column 'date' could not be parsed and are NaT; the original "
        r"values are kept in column 'date_raw'\. First: b='bientôt'\.",
        str(record[0].message),
    )
    docs = corpus.docs
    assert list(docs.columns) == ["doc_id", "text", "date", "date_raw"]
    assert docs["date"].tolist()[0] == pd.Timestamp(2013, 1, 29)
    assert docs["date"].tolist()[2] == pd.Timestamp(2023, 9, 19)
    assert docs["date"].isna().tolist() == [False, True, False, True]
    assert docs["date_raw"].tolist()[1] == "bientôt"
    assert docs["date_raw"].isna().tolist() == [True, False, True, True]


@pytest.mark.filterwarnings("error")
def test_dates_all_parsed_add_no_raw_column():
    data = pd.DataFrame({"text": ["u", "v"], "date": ["2023-09-19", "2023-09-20"]})
    corpus = Corpus(data, date="date")
    assert "date_raw" not in corpus.docs.columns
    assert str(corpus.docs["date"].dtype).startswith("datetime64")


def test_year_less_dates_completed_with_a_warning():
    data = pd.DataFrame(
        {"text": ["u", "v", "w"], "date": ["mardi 29 janvier 2013", "vendredi 1", "5/2/2013"]}
    )
    with pytest.warns(FramingWarning, match=r"'vendredi 1' → 2013-02-01") as record:
        corpus = Corpus(data, date="date")
    assert len(record) == 1
    assert corpus.docs["date"].tolist()[1] == pd.Timestamp(2013, 2, 1)
    assert corpus.docs["date_raw"].tolist()[1] == "vendredi 1"


def test_named_date_column_must_exist():
    data = pd.DataFrame({"text": ["u"], "published": ["2023-09-19"]})
    with pytest.raises(CorpusError, match=r"No date column 'publshed'.*Did you mean 'published'"):
        Corpus(data, date="publshed")


def test_default_date_column_may_be_absent():
    corpus = Corpus(pd.DataFrame({"text": ["u"]}), date="date")
    assert list(corpus.docs.columns) == ["doc_id", "text"]


# --- accessors -------------------------------------------------------------------------------


def test_len_iteration_and_accessors(small):
    assert len(small) == 4
    docs = list(small)
    assert all(isinstance(d, Document) for d in docs)
    assert docs[0] == Document("a", "Une offensive.", {"outlet": "X", "lang": "fr"})
    assert small.doc_ids == ["a", "b", "c", "d"]
    assert small.texts[1] == "Des mesures antiterroristes."
    assert list(small.metadata.columns) == ["doc_id", "outlet", "lang"]
    assert small.name == "small"
    assert small.source is None
    assert "b" in small and "z" not in small


def test_docs_is_a_copy(small):
    docs = small.docs
    docs.loc[0, "text"] = "changed"
    docs["new"] = 1
    assert small.texts[0] == "Une offensive."
    assert "new" not in small.docs.columns


def test_boolean_masks(small):
    assert small[[True, False, True, False]].doc_ids == ["a", "c"]
    assert small[np.array([False, True, False, True])].doc_ids == ["b", "d"]
    assert small[small.docs["lang"] == "fr"].doc_ids == ["a", "b", "d"]
    by_id = pd.Series([True, False, False, True], index=["d", "c", "b", "a"])
    assert small[by_id].doc_ids == ["a", "d"]
    sub = small[[True, True, False, False]]
    assert sub.name == "small"
    assert isinstance(sub, Corpus)


def test_mask_of_wrong_length(small):
    with pytest.raises(
        CorpusError,
        match=r"one value per document: the corpus has 4 documents, the mask 3 values",
    ):
        small[[True, False, True]]


def test_mask_with_missing_values(small):
    mask = pd.Series([True, None, False, True], dtype="boolean")
    with pytest.raises(CorpusError, match=r"mask has missing values"):
        small[mask]


def test_select_by_ids(small):
    assert small[["c", "a"]].doc_ids == ["c", "a"]
    doc = small["b"]
    assert doc == Document("b", "Des mesures antiterroristes.", {"outlet": "Y", "lang": "fr"})
    with pytest.raises(CorpusError, match=r"Unknown doc_id\(s\): 'e'"):
        small[["a", "e"]]
    with pytest.raises(CorpusError, match=r"doc_id\(s\) asked for more than once: 'a'"):
        small[["a", "b", "a"]]
    with pytest.raises(CorpusError, match=r"Select documents with a doc_id"):
        small[3]
    assert len(small[[]]) == 0


def test_subset(small):
    assert small.subset(outlet="X").doc_ids == ["a", "c"]
    assert small.subset(outlet=["X", "Y"]).doc_ids == ["a", "b", "c"]
    assert small.subset(outlet=None).doc_ids == ["d"]
    assert small.subset(outlet="X", lang="fr").doc_ids == ["a"]
    assert len(small.subset()) == 4


def test_subset_unknown_column(small):
    with pytest.raises(CorpusError, match=r"No metadata column 'outlat'.*Did you mean 'outlet'\?"):
        small.subset(outlat="X")


def test_subset_unknown_value_lists_values_present(small):
    with pytest.raises(
        CorpusError,
        match=r"No document has outlet='x'\. Values present in 'outlet': 'X', 'Y', "
        r"'\(missing\)'\. Did you mean 'X'\?",
    ):
        small.subset(outlet=["X", "x"])


def test_subset_on_dates():
    corpus = Corpus(
        pd.DataFrame({"text": ["u", "v"], "date": ["2023-09-19", "2023-09-20"]}), date="date"
    )
    assert corpus.subset(date="19/09/2023").doc_ids == ["doc00001"]


# --- describe --------------------------------------------------------------------------------


@pytest.fixture
def stub_text(monkeypatch):
    """A stand-in for framing.text: words split on spaces, one sentence per '.'."""
    module = types.ModuleType("framing.text")

    def count_words(text):
        return len(text.split())

    def sentence_spans(text, *, language="fr"):
        return [(i, i + 1) for i, ch in enumerate(text) if ch == "."]

    module.count_words = count_words
    module.sentence_spans = sentence_spans
    monkeypatch.setitem(sys.modules, "framing.text", module)
    return module


def test_describe_whole_corpus(small, stub_text):
    table = small.describe()
    assert table.to_dict("records") == [
        {
            "group": "all",
            "n_docs": 4,
            "n_empty": 0,
            "n_tokens": 2 + 3 + 2 + 1,
            "n_sentences": 3,
            "n_chars": 14 + 28 + 12 + 1,
            "mean_tokens": 2.0,
        }
    ]
    assert table.attrs["by"] is None
    assert table.attrs["corpus"] == "small"
    assert table.attrs["fingerprint"] == small.fingerprint()


def test_describe_by_group_keeps_missing(small, stub_text):
    table = small.describe(by="outlet")
    assert table["outlet"].tolist() == ["X", "Y", "(missing)"]
    assert table["n_docs"].tolist() == [2, 1, 1]
    assert table["n_tokens"].tolist() == [4, 3, 1]
    assert table["mean_tokens"].tolist() == [2.0, 3.0, 1.0]
    assert table.attrs["by"] == ["outlet"]


def test_describe_by_two_columns_counts_empty(stub_text):
    with pytest.warns(FramingWarning, match="1 of 3"):
        corpus = make(text=["a b", "", "c."], outlet=["X", "X", "Y"], lang=["fr", "fr", "en"])
    table = corpus.describe(by=["outlet", "lang"])
    assert table[["outlet", "lang", "n_docs", "n_empty"]].values.tolist() == [
        ["X", "fr", 2, 1],
        ["Y", "en", 1, 0],
    ]
    assert table["n_docs"].sum() == len(corpus)


def test_describe_unknown_column(small, stub_text):
    with pytest.raises(
        CorpusError,
        match=r"Cannot group by 'outelt': no such metadata column\..*Did you mean 'outlet'\?",
    ):
        small.describe(by=["lang", "outelt"])


def test_describe_with_the_real_tokeniser():
    corpus = make(doc_id=["a", "b"], text=["Le chat dort. Il pleut.", "En 2013, 3 votes."])
    table = corpus.describe()
    assert table["n_tokens"].tolist() == [5 + 4]
    assert table["n_sentences"].tolist() == [3]


# --- fingerprint -----------------------------------------------------------------------------


def _by_hand(pairs):
    total = hashlib.sha256()
    for doc_id, text in sorted(pairs):
        one = hashlib.sha256()
        for field in (doc_id, text):
            data = field.encode("utf-8")
            one.update(len(data).to_bytes(8, "big") + data)
        total.update(one.digest())
    return "sha256:" + total.hexdigest()


def test_fingerprint_follows_the_documented_recipe():
    corpus = make(doc_id=["b", "a"], text=["Stepanakert", "Khankendi « é »"])
    assert corpus.fingerprint() == _by_hand([("a", "Khankendi « é »"), ("b", "Stepanakert")])
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", corpus.fingerprint())


def test_fingerprint_separates_fields():
    assert (
        make(doc_id=["ab"], text=["c"]).fingerprint()
        != make(doc_id=["a"], text=["bc"]).fingerprint()
    )


def test_fingerprint_ignores_metadata_not_text():
    base = make(doc_id=["a"], text=["x"], outlet=["X"])
    assert base.fingerprint() == make(doc_id=["a"], text=["x"], outlet=["Y"]).fingerprint()
    assert base.fingerprint() != make(doc_id=["a"], text=["x "], outlet=["X"]).fingerprint()


@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(st.dictionaries(st.text(min_size=1), st.text(), min_size=1, max_size=8), st.randoms())
def test_fingerprint_is_order_independent(docs, random):
    pairs = list(docs.items())
    shuffled = pairs[:]
    random.shuffle(shuffled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        a = make(doc_id=[p[0] for p in pairs], text=[p[1] for p in pairs])
        b = make(doc_id=[p[0] for p in shuffled], text=[p[1] for p in shuffled])
    assert a.fingerprint() == b.fingerprint() == _by_hand(pairs)


# --- repr ------------------------------------------------------------------------------------


def test_repr(small):
    assert repr(small) == "<Corpus 'small': 4 documents, metadata: outlet, lang>"
    assert repr(make(text=["a"])) == "<Corpus: 1 document, metadata: none>"


def test_repr_html_escapes_and_truncates():
    corpus = make(doc_id=["<b>"], text=["<script>alert(1)</script> " + "x" * 200])
    page = corpus._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;" in page
    assert "x" * 100 not in page
    assert "…" in page


# --- reading folders of .txt files -----------------------------------------------------------


def test_txt_folder_encodings_and_exact_bytes(tmp_path):
    (tmp_path / "b.txt").write_bytes("Ligne un\r\nLigne « deux »\r\n".encode())
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + b"Haut-Karabakh")
    (tmp_path / "c.txt").write_bytes("Éléments d’enquête".encode("cp1252"))
    (tmp_path / "README.md").write_text("not a document")
    with pytest.warns(FramingWarning) as record:
        corpus = read_corpus(tmp_path)
    assert len(record) == 1
    message = str(record[0].message)
    assert re.search(
        r"1 file\(s\) are not valid UTF-8 and were decoded as cp1252.*: c\.txt", message
    )
    assert corpus.doc_ids == ["a", "b", "c"]
    assert corpus.texts == [
        "Haut-Karabakh",
        "Ligne un\r\nLigne « deux »\r\n",
        "Éléments d’enquête",
    ]
    assert corpus.name == tmp_path.name
    assert corpus.source == str(tmp_path)


def test_txt_folder_utf16_and_explicit_encoding(tmp_path):
    (tmp_path / "a.txt").write_bytes("Stepanakert".encode("utf-16"))
    assert read_corpus(tmp_path).texts == ["Stepanakert"]
    (tmp_path / "a.txt").write_bytes("été".encode("latin-1"))
    assert read_corpus(tmp_path, encoding="latin-1").texts == ["été"]
    with pytest.raises(CorpusError, match=r"a\.txt: byte 0 \(b'\\xe9'\) is not valid utf-8"):
        read_corpus(tmp_path, encoding="utf-8")


@pytest.mark.filterwarnings("error")
def test_txt_folder_with_metadata(tmp_path):
    (tmp_path / "x1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "x2.txt").write_text("Deux.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,outlet,date\nx2,Le Monde,19/09/2023\nx1,007,2023-09-20\n", encoding="utf-8"
    )
    corpus = read_corpus(tmp_path)
    assert corpus.doc_ids == ["x1", "x2"]
    assert corpus.docs["outlet"].tolist() == ["007", "Le Monde"]
    assert corpus.docs["date"].tolist() == [pd.Timestamp(2023, 9, 20), pd.Timestamp(2023, 9, 19)]


def test_txt_folder_metadata_row_without_file(tmp_path):
    (tmp_path / "x1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,outlet\nx1,A\nx9,B\nx8,C\n", encoding="utf-8")
    with pytest.raises(
        CorpusError,
        match=r"metadata\.csv has 2 row\(s\) whose doc_id matches no \.txt file.*'x9', 'x8'",
    ):
        read_corpus(tmp_path)


def test_txt_folder_file_without_metadata_row(tmp_path):
    for name in ("x1", "x2", "x3"):
        (tmp_path / f"{name}.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,outlet\nx2,A\n", encoding="utf-8")
    expected = r"2 text file\(s\) have no row in metadata\.csv and are kept .*: x1, x3"
    with pytest.warns(FramingWarning, match=expected):
        corpus = read_corpus(tmp_path)
    assert corpus.docs["outlet"].isna().tolist() == [True, False, True]


def test_txt_folder_metadata_needs_an_id_column(tmp_path):
    (tmp_path / "x1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("docid,outlet\nx1,A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has no 'doc_id' column.*Did you mean 'docid'\?"):
        read_corpus(tmp_path)
    assert read_corpus(tmp_path, doc_id="docid").docs["outlet"].tolist() == ["A"]


def test_txt_folder_metadata_with_text_column(tmp_path):
    (tmp_path / "x1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,text\nx1,A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has a 'text' column, but in a folder of \.txt files"):
        read_corpus(tmp_path)


def test_cp1252_metadata_warns(tmp_path):
    (tmp_path / "x1.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes("doc_id,outlet\nx1,Libération\n".encode("cp1252"))
    with pytest.warns(FramingWarning, match=r"decoded as cp1252.*metadata\.csv"):
        corpus = read_corpus(tmp_path)
    assert corpus.docs["outlet"].tolist() == ["Libération"]


def test_single_txt_file(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Un texte.", encoding="utf-8")
    corpus = read_corpus(path)
    assert (corpus.doc_ids, corpus.texts, corpus.name) == (["note"], ["Un texte."], "note")


# --- reading tables --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_utf8_keeps_ids_crlf_and_empty(tmp_path, encoding):
    path = tmp_path / "articles.csv"
    content = 'doc_id,text,outlet\n007,"Ligne un\r\nligne « deux »",NA\n008,,X\n'
    path.write_bytes(content.encode(encoding))
    with pytest.warns(FramingWarning, match=r"1 of 2 document\(s\) have empty") as record:
        corpus = read_corpus(path)
    assert len(record) == 1
    assert corpus.doc_ids == ["007", "008"]
    assert corpus.texts == ["Ligne un\r\nligne « deux »", ""]
    assert corpus.docs["outlet"].tolist() == ["NA", "X"]  # "NA" is a value, not missing
    assert corpus.name == "articles"


def test_windows_line_endings_between_rows(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_bytes(b'doc_id,text\r\n1,"Un\r\ndeux"\r\n2,Trois\r\n')
    assert read_corpus(csv_path).texts == ["Un\r\ndeux", "Trois"]
    jsonl_path = tmp_path / "a.jsonl"
    jsonl_path.write_bytes(b'\xef\xbb\xbf{"text": "Un\\r\\n"}\r\n{"text": "Deux"}\r\n')
    assert read_corpus(jsonl_path).texts == ["Un\r\n", "Deux"]


def test_csv_cp1252_warns(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes("doc_id;texte\n1;Les « mesures » d’Erevan\n".encode("cp1252"))
    with pytest.warns(FramingWarning, match=r"decoded as cp1252.*articles\.csv"):
        corpus = read_corpus(path)
    assert corpus.texts == ["Les « mesures » d’Erevan"]  # ';' detected, 'texte' found


def test_tsv_and_reader_kwargs(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("id\tbody\nk1\tUn, deux\n", encoding="utf-8")
    corpus = read_corpus(path, text="body", doc_id="id")
    assert (corpus.doc_ids, corpus.texts) == (["k1"], ["Un, deux"])
    other = tmp_path / "b.csv"
    other.write_text("id|body\nk1|Un\n", encoding="utf-8")
    assert read_corpus(other, text="body", doc_id="id", sep="|").texts == ["Un"]


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("doc_id,titre\n1,Un\n", encoding="utf-8")
    with pytest.raises(
        CorpusError,
        match=r"No text column 'text' in the data\. Columns present: 'doc_id', 'titre'\. None of "
        r"text, texte, content, body, article, contenu is present: pass text=",
    ):
        read_corpus(path)


def test_jsonl_and_generated_ids(tmp_path, caplog):
    path = tmp_path / "interventions.jsonl"
    lines = [{"text": "Un.", "n": 1}, {"text": "Deux.", "n": 2, "group": "SRC"}]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="framing.corpus"):
        corpus = read_corpus(path)
    assert corpus.doc_ids == ["interventions-00001", "interventions-00002"]
    assert "interventions-00001" in caplog.text
    assert corpus.docs["n"].tolist() == [1, 2]
    assert corpus.docs["group"].isna().tolist() == [True, False]


def test_jsonl_gz(tmp_path):
    path = tmp_path / "t.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"doc_id": 7, "text": "Un."}\n'))
    corpus = read_corpus(path)
    assert (corpus.doc_ids, corpus.texts, corpus.name) == (["7"], ["Un."], "t")


def test_malformed_jsonl_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Un."}\n\n{"text": "Deux.",}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 3, column 18: not valid JSON"):
        read_corpus(path)


def test_jsonl_line_that_is_not_an_object(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Un."}\n["Deux."]\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 2: expected a JSON object"):
        read_corpus(path)


def test_parquet(tmp_path):
    path = tmp_path / "a.parquet"
    pd.DataFrame({"doc_id": [1, 2], "contenu": ["Un.", "Deux."]}).to_parquet(path)
    corpus = read_corpus(path)
    assert (corpus.doc_ids, corpus.texts) == (["1", "2"], ["Un.", "Deux."])


def test_format_override_and_unknown_extension(tmp_path):
    path = tmp_path / "dump.dat"
    path.write_text('{"text": "Un."}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"Cannot tell the format of 'dump\.dat'.*format="):
        read_corpus(path)
    assert read_corpus(path, format="jsonl").texts == ["Un."]
    with pytest.raises(CorpusError, match=r"Unknown format 'jsnl'.*Did you mean 'jsonl'\?"):
        read_corpus(path, format="jsnl")


def test_folder_of_tables(tmp_path):
    folder = tmp_path / "an-mariage-2013"
    folder.mkdir()
    records = [{"text": "Un.", "speaker": "A"}, {"text": "Deux.", "speaker": "B"}]
    payload = "".join(json.dumps(r) + "\n" for r in records).encode()
    (folder / "interventions.jsonl.gz").write_bytes(gzip.compress(payload))
    (folder / "README.md").write_text("# About")
    (folder / "LICENSE").write_text("CC BY 3.0")
    corpus = read_corpus(folder)
    assert corpus.doc_ids == ["interventions-00001", "interventions-00002"]
    assert corpus.name == "an-mariage-2013"
    assert "source_file" not in corpus.docs.columns
    (folder / "more.csv").write_text("text,speaker\nTrois.,C\n", encoding="utf-8")
    corpus = read_corpus(folder)
    assert corpus.doc_ids == ["interventions-00001", "interventions-00002", "more-00001"]
    assert corpus.docs["source_file"].tolist() == ["interventions.jsonl.gz"] * 2 + ["more.csv"]


def test_folder_without_corpus_files(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"...")
    with pytest.raises(CorpusError, match=r"holds no \.txt, \.csv.*found: notes\.docx"):
        read_corpus(tmp_path)


# --- bundled corpora and missing paths -------------------------------------------------------


def test_bundled_corpus_by_name(seeds_dir):
    corpus = read_corpus("karabakh-2023-fr")
    assert len(corpus) == 5
    assert corpus.name == "karabakh-2023-fr"
    # the installed package's copy (a wheel ships it under framing/_bundled), not the checkout
    from framing.datasets import corpus_path

    assert corpus.source == str(corpus_path("karabakh-2023-fr"))
    first = sorted(p.stem for p in seeds_dir.glob("*.txt"))[0]
    assert corpus.doc_ids[0] == first
    assert corpus.texts[0] == (seeds_dir / f"{first}.txt").read_text(encoding="utf-8")


def test_unknown_name_lists_bundled_corpora(seeds_dir):
    with pytest.raises(
        CorpusError,
        match=r"No file or folder 'karabakh-2032-fr' .*and no bundled corpus of that name\. Did "
        r"you mean 'karabakh-2023-fr'\? Bundled corpora: .*karabakh-2023-fr",
    ):
        read_corpus("karabakh-2032-fr")


# --- writers and round trips -----------------------------------------------------------------


@pytest.fixture
def rich() -> Corpus:
    data = pd.DataFrame(
        {
            "doc_id": ["007", "b", "c"],
            "text": ['Ligne\r\nsuivante « guillemets » "quotes", virgule', "", "Haut-Karabakh\n"],
            "outlet": ["Le Monde", None, "APA"],
            "date": ["19/09/2023", "mardi 29 janvier 2013", None],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        return Corpus(data, date="date", name="rich")


@pytest.mark.parametrize(
    ("filename", "writer"),
    [
        ("out.jsonl", "to_jsonl"),
        ("out.jsonl.gz", "to_jsonl"),
        ("out.csv", "to_csv"),
        ("out.tsv", "to_csv"),
        ("out.csv.gz", "to_csv"),
        ("out.parquet", "to_parquet"),
    ],
)
def test_round_trip(tmp_path, rich, filename, writer):
    path = tmp_path / filename
    writer = getattr(rich, writer)
    assert writer(path) == path
    with pytest.warns(FramingWarning, match="1 of 3 document"):
        back = read_corpus(path)
    assert back.doc_ids == rich.doc_ids
    assert back.texts == rich.texts
    assert back.fingerprint() == rich.fingerprint()
    assert back.docs["date"].tolist()[:2] == rich.docs["date"].tolist()[:2]
    assert back.docs["date"].isna().tolist() == [False, False, True]
    assert back.docs["outlet"].tolist()[::2] == ["Le Monde", "APA"]
    assert back.docs["outlet"].isna().tolist() == [False, True, False]


def test_writers_are_byte_identical(tmp_path, rich):
    for name in ("a.jsonl.gz", "a.csv.gz"):
        writer = rich.to_jsonl if "jsonl" in name else rich.to_csv
        writer(tmp_path / f"1{name}")
        writer(tmp_path / f"2{name}")
        assert (tmp_path / f"1{name}").read_bytes() == (tmp_path / f"2{name}").read_bytes()
        assert b"doc_id" in gzip.decompress((tmp_path / f"1{name}").read_bytes())[:10]


def test_jsonl_lines_are_plain_json(tmp_path, rich):
    rich.to_jsonl(tmp_path / "a.jsonl")
    first = json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").split("\n")[0])
    assert first == {
        "doc_id": "007",
        "text": rich.texts[0],
        "outlet": "Le Monde",
        "date": "2023-09-19",
    }


def test_jsonl_numbers_are_exact_and_infinities_null(tmp_path):
    """Corpus data are written whole (every digit); ±inf, which JSON cannot hold, as null."""
    corpus = Corpus(
        pd.DataFrame(
            {"text": ["un", "deux", "trois"], "weight": [1 / 3, float("inf"), float("nan")]}
        )
    )
    corpus.to_jsonl(tmp_path / "a.jsonl")
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    weights = [json.loads(line)["weight"] for line in lines]  # strict JSON parses
    assert weights == [1 / 3, None, None]
    assert "0.3333333333333333" in lines[0]


_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)


@settings(max_examples=30, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=5))
def test_round_trip_keeps_every_character(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("rt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        corpus = make(text=texts)
        for name in ("a.jsonl", "a.csv", "a.parquet"):
            path = folder / name
            {"jsonl": corpus.to_jsonl, "csv": corpus.to_csv, "parquet": corpus.to_parquet}[
                name.split(".")[1]
            ](path)
            assert read_corpus(path).texts == texts


# --- the real Assemblée nationale data (skipped when ../shared is absent) -------------------

AN_FILE = "data/an-mariage-pour-tous-2013/interventions.jsonl.gz"


def _an_counts(path, key):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return collections.Counter(json.loads(line)[key] for line in handle if line.strip())


@pytest.mark.shared
def test_real_an_debates_read_in_full(shared_dir):
    path = shared_dir / AN_FILE
    with pytest.warns(FramingWarning, match=r"'vendredi 1' → 2013-02-01"):
        corpus = read_corpus(path, date="session_date")
    assert len(corpus) == 19_240
    docs = corpus.docs
    assert docs["session_date"].notna().all()
    assert docs["session_date"].min() == pd.Timestamp(2013, 1, 29)
    assert docs["session_date"].max() == pd.Timestamp(2013, 2, 12)
    assert corpus.doc_ids[0] == "interventions-00001"
    assert corpus.doc_ids[-1] == "interventions-19240"
    expected = _an_counts(path, "political_group")
    got = docs["political_group"].value_counts(dropna=False)
    assert {(None if pd.isna(k) else k): v for k, v in got.items()} == dict(expected)


@pytest.mark.shared
@pytest.mark.slow
def test_real_an_describe_by_group(shared_dir):
    path = shared_dir / AN_FILE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        corpus = read_corpus(path, date="session_date")
    table = corpus.describe(by="political_group")
    expected = _an_counts(path, "political_group")
    expected["(missing)"] = expected.pop(None)
    assert dict(zip(table["political_group"], table["n_docs"], strict=True)) == dict(expected)
    assert table["n_docs"].sum() == 19_240
