"""Streaming: ``read_corpus(..., chunksize=N)``, ``match_chunks``, ``write_matches`` and
``framing match --out``.

The contract: the chunks of a corpus, concatenated, are the in-memory corpus (values, dtypes,
warnings, errors), and the matches of the chunks are the in-memory matches (rows, dtypes,
attrs), whatever the chunk size and the format.
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from framing._errors import CorpusError, FramingError, FramingWarning
from framing.cli import EXIT_BAD_INPUT, EXIT_OK, main
from framing.cli._common import write_table
from framing.corpus import Corpus, CorpusChunks, read_corpus
from framing.lexicon import Lexicon, read_lexicon
from framing.match import _stream, match_lexicon
from framing.match._stream import PROVENANCE_SUFFIX, match_chunks, write_matches

SIZES = (1, 2, 7, 1000)

# Eight documents with what the readers must carry across chunks: an empty and a missing
# text, dates that parse, fail, lack their year (completed from the others) or are missing,
# a string column with gaps, an integer column with a gap (float64 in memory), a boolean
# column with a gap (object in memory).
ROWS = [
    {"doc_id": "a1", "text": "Bakou parle de mesures antiterroristes.", "date": "2023-09-19",
     "outlet": "X", "n": 1, "flag": True},
    {"doc_id": "a2", "text": "", "date": "19/09/2023", "outlet": None, "n": 2, "flag": False},
    {"doc_id": "a3", "text": "Une offensive au Haut-Karabakh.", "date": "mercredi 20 septembre",
     "outlet": "Y", "n": None, "flag": None},
    {"doc_id": "a4", "text": "Stepanakert, selon l'AFP, « tombe ».", "date": "bientôt",
     "outlet": "X", "n": 4, "flag": True},
    {"doc_id": "a5", "text": None, "date": None, "outlet": "Z", "n": 5, "flag": False},
    {"doc_id": "a6", "text": "L'offensive de l'armée azerbaïdjanaise.", "date": "2023-09-21",
     "outlet": "Y", "n": 6, "flag": True},
    {"doc_id": "a7", "text": "   ", "outlet": "X", "n": 7, "flag": True},
    {"doc_id": "a8", "text": "Khankendi ou Stepanakert ?", "date": "2023-09-22", "outlet": "Z",
     "n": 8, "flag": False},
]  # fmt: skip


def _jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _frame() -> pd.DataFrame:
    return pd.DataFrame.from_records(ROWS)


def _write(fmt: str, folder: Path) -> Path:
    """The eight documents in one format."""
    if fmt == "jsonl":
        path = folder / "docs.jsonl"
        path.write_text(_jsonl(ROWS), encoding="utf-8")
    elif fmt == "jsonl.gz":
        path = folder / "docs.jsonl.gz"
        path.write_bytes(gzip.compress(_jsonl(ROWS).encode("utf-8")))
    elif fmt == "csv":
        path = folder / "docs.csv"
        _frame().to_csv(path, index=False)
    elif fmt == "tsv":
        path = folder / "docs.tsv"
        _frame().to_csv(path, index=False, sep="\t")
    elif fmt == "csv.gz":
        path = folder / "docs.csv.gz"
        path.write_bytes(gzip.compress(_frame().to_csv(index=False).encode("utf-8")))
    elif fmt == "parquet":
        path = folder / "docs.parquet"
        frame = _frame()
        frame["n"] = frame["n"].astype("Int64").astype("float64").astype("Int64")
        frame.to_parquet(path, row_group_size=3)
    elif fmt == "txt":
        path = folder / "docs"
        path.mkdir()
        for row in ROWS:
            (path / f"{row['doc_id']}.txt").write_text(row["text"] or "", encoding="utf-8")
        _frame().drop(columns="text").iloc[:-1].to_csv(path / "metadata.csv", index=False)
    else:  # pragma: no cover
        raise ValueError(fmt)
    return path


def _read(path, **kwargs):
    """The result of read_corpus and the sorted messages of the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read_corpus(path, **kwargs)
        if isinstance(result, CorpusChunks):
            result = list(result)
    return result, sorted(str(w.message) for w in caught)


def _assert_same_corpus(path, chunksize, chunk_chars=None, **kwargs):
    whole, expected = _read(path, **kwargs)
    chunks, messages = _read(path, chunksize=chunksize, chunk_chars=chunk_chars, **kwargs)
    assert all(isinstance(c, Corpus) and 0 < len(c) <= chunksize for c in chunks)
    for chunk in chunks:  # every chunk has the whole corpus' types, dates included
        assert chunk.docs.dtypes.to_dict() == whole.docs.dtypes.to_dict()
        assert (chunk.name, chunk.source) == (whole.name, whole.source)
    assert_frame_equal(pd.concat([c.docs for c in chunks], ignore_index=True), whole.docs)
    assert messages == expected
    return whole, chunks, messages


# --- read_corpus(chunksize=...) --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "jsonl.gz", "csv", "tsv", "csv.gz", "parquet", "txt"])
@pytest.mark.parametrize("chunksize", SIZES)
def test_chunks_concatenate_to_the_corpus(tmp_path, fmt, chunksize):
    path = _write(fmt, tmp_path)
    whole, chunks, messages = _assert_same_corpus(path, chunksize)
    assert len(chunks) == -(-8 // chunksize)
    assert len(whole) == 8
    # what the data were built to exercise: the warnings come once, over the whole corpus
    assert any(m.startswith("3 of 8 document(s) have empty") for m in messages)
    assert "date_raw" in whole.docs.columns


def test_chunk_where_every_date_is_missing_stays_datetime(tmp_path):
    path = _write("jsonl", tmp_path)
    chunks = list(read_corpus(path, chunksize=1))
    fifth = chunks[4].docs  # a5: no date
    assert fifth["date"].isna().all()
    assert pd.api.types.is_datetime64_any_dtype(fifth["date"].dtype)


def test_warnings_are_those_of_the_whole_corpus(tmp_path):
    path = _write("jsonl", tmp_path)
    _, messages = _read(path, chunksize=2)
    text = "\n".join(messages)
    # counted over the whole corpus, not per chunk
    assert "3 of 8 document(s) have empty or whitespace-only text; they are kept " in text
    assert "1 of 8 value(s) in date column 'date' lack a year" in text  # completed: 2023-09-20
    assert "1 of 8 value(s) in date column 'date' could not be parsed" in text


def test_date_and_id_warnings_come_before_the_first_chunk(tmp_path):
    path = _write("jsonl", tmp_path)
    with pytest.warns(FramingWarning, match="could not be parsed"):
        chunks = read_corpus(path, chunksize=3)
    with pytest.warns(FramingWarning, match="empty or whitespace-only") as record:
        list(chunks)
    assert not any("could not be parsed" in str(w.message) for w in record)


def test_chunks_can_be_read_again(tmp_path):
    chunks = read_corpus(_write("csv", tmp_path), chunksize=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = [c.doc_ids for c in chunks]
        second = [c.doc_ids for c in chunks]
    assert first == second == [["a1", "a2", "a3"], ["a4", "a5", "a6"], ["a7", "a8"]]
    assert chunks.n_docs == 8
    assert chunks.columns[:2] == ["doc_id", "text"]
    assert repr(chunks) == "<CorpusChunks 'docs': 8 documents in chunks of 3>"


@pytest.mark.parametrize("chunksize", SIZES)
def test_bundled_karabakh(chunksize):
    _assert_same_corpus("karabakh-2023-fr", chunksize)


def test_bundled_an_corpus():
    whole, chunks, _ = _assert_same_corpus("an-mariage-2013", 5000)
    assert [len(c) for c in chunks] == [5000, 5000, 5000, 4240]
    # the three sittings of Friday 1 February keep their date
    assert whole.docs["date"].notna().all()


@pytest.fixture(scope="module")
def an_slice(tmp_path_factory):
    """The first 400 interventions of the bundled AN corpus, as JSONL."""
    source = Path(__file__).resolve().parents[1] / "corpus" / "an-mariage-2013"
    lines = gzip.decompress((source / "interventions.jsonl.gz").read_bytes()).split(b"\n")
    path = tmp_path_factory.mktemp("an") / "an-slice.jsonl"
    path.write_bytes(b"\n".join(lines[:400]) + b"\n")
    return path


@pytest.mark.parametrize("chunksize", [7, 128])
def test_an_slice_jsonl(an_slice, chunksize):
    _assert_same_corpus(an_slice, chunksize)


def test_an_slice_in_other_formats(an_slice, tmp_path):
    raw = pd.read_json(an_slice, lines=True, dtype=False)
    raw.to_csv(tmp_path / "an.csv", index=False)
    raw.drop(columns="doc_id").to_parquet(tmp_path / "an-noid.parquet", row_group_size=50)
    raw.set_index("doc_id").to_parquet(tmp_path / "an-index.parquet")
    for name in ("an.csv", "an-noid.parquet", "an-index.parquet"):
        _assert_same_corpus(tmp_path / name, 37)


def test_parquet_index_of_ids_is_the_id_column(tmp_path):
    frame = pd.DataFrame({"doc_id": ["x1", "x2", "x3"], "text": ["a", "b", "c"]})
    frame.set_index("doc_id").to_parquet(tmp_path / "indexed.parquet")
    whole, _, _ = _assert_same_corpus(tmp_path / "indexed.parquet", 2)
    assert whole.doc_ids == ["x1", "x2", "x3"]


def test_generated_ids_count_across_chunks(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text(_jsonl([{"text": f"t{i}"} for i in range(12)]), encoding="utf-8")
    chunks = list(read_corpus(path, chunksize=5))
    assert [c.doc_ids[0] for c in chunks] == ["notes-00001", "notes-00006", "notes-00011"]


def test_folder_of_tables(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    frame = _frame()
    frame.iloc[:3].drop(columns="doc_id").to_json(
        folder / "a.jsonl", orient="records", lines=True, force_ascii=False
    )
    frame.iloc[3:].drop(columns="flag").to_csv(folder / "b.csv", index=False)
    (folder / "README.md").write_text("not a table")
    whole, _, _ = _assert_same_corpus(folder, 2)
    assert whole.docs["source_file"].tolist() == ["a.jsonl"] * 3 + ["b.csv"] * 5
    assert whole.doc_ids[:3] == ["a-00001", "a-00002", "a-00003"]


def test_cp1252_file_falls_back_and_warns_once(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes("doc_id;texte\n1;Les « mesures » d’Erevan\n2;Déjà\n".encode("cp1252"))
    _, chunks, messages = _assert_same_corpus(path, 1)
    assert chunks[0].texts == ["Les « mesures » d’Erevan"]
    assert len([m for m in messages if "decoded as cp1252" in m]) == 1


def test_cp1252_text_files_warn_once_after_the_last_chunk(tmp_path):
    (tmp_path / "a.txt").write_text("Déjà", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Éléments d’enquête".encode("cp1252"))
    (tmp_path / "c.txt").write_bytes("Écrit".encode("cp1252"))
    _, _, messages = _assert_same_corpus(tmp_path, 1)
    assert messages == [
        "2 file(s) are not valid UTF-8 and were decoded as cp1252 (Windows-1252): b.txt, "
        "c.txt. Check that accented letters look right; pass encoding= to choose another "
        "encoding, or re-save the files as UTF-8."
    ]


def test_byte_order_mark_is_not_text(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + _jsonl(ROWS[:2]).encode("utf-8"))
    _assert_same_corpus(path, 1)


def test_undecodable_file_names_the_offset(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "caf\xc3"}\n{"text": "\x81"}\n')
    with pytest.raises(CorpusError, match=r"bad\.jsonl: not UTF-8 \(invalid byte at offset 13"):
        read_corpus(path, chunksize=1)
    with pytest.raises(CorpusError, match=r"byte 13 \(b'\\xc3'\) is not valid utf-8"):
        read_corpus(path, chunksize=1, encoding="utf-8")


def _same_error(path, **kwargs):
    """read_corpus raises the same CorpusError whole and in chunks; returns its message."""
    with pytest.raises(CorpusError) as whole:
        read_corpus(path, **kwargs)
    with pytest.raises(CorpusError) as chunked:
        list(read_corpus(path, chunksize=1, **kwargs))
    assert str(chunked.value) == str(whole.value)
    return str(whole.value)


def test_decoding_errors_are_the_in_memory_errors(tmp_path):
    bom = tmp_path / "bom.csv"  # after a UTF-8 byte-order mark, neither UTF-8 nor cp1252
    bom.write_bytes(b"\xef\xbb\xbftext\nd\xc3j\x81\n")
    assert "invalid byte at offset 6" in _same_error(bom)
    assert "byte 9 (b'\\xc3') is not valid utf-8" in _same_error(bom, encoding="utf-8")
    assert "Unknown encoding 'utf-9'" in _same_error(bom, encoding="utf-9")
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(_jsonl(ROWS).encode("utf-8"))[:-12])
    assert "starts like gzip but cannot be decompressed" in _same_error(broken)


def test_header_only_csv_is_one_empty_chunk(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("doc_id,text,date,outlet\n", encoding="utf-8")
    whole = read_corpus(path)
    chunks = list(read_corpus(path, chunksize=3))
    assert len(chunks) == 1 and len(chunks[0]) == 0
    assert_frame_equal(chunks[0].docs, whole.docs)


def test_long_lines_are_cut_on_newlines_only(tmp_path):
    # a JSON string may hold U+2028 and a text may be longer than a decoding block
    rows = [{"text": "a\u2028b " * 300_000}, {"text": "c"}]
    path = tmp_path / "long.jsonl"
    path.write_text(_jsonl(rows), encoding="utf-8")
    _assert_same_corpus(path, 1)


# --- errors -------------------------------------------------------------------------------


def test_duplicate_id_across_chunks_is_the_in_memory_error(tmp_path):
    rows = [dict(r) for r in ROWS]
    rows[6]["doc_id"] = "a2"
    path = tmp_path / "dup.jsonl"
    path.write_text(_jsonl(rows), encoding="utf-8")
    message = (
        r"doc_id must be unique; 1 id\(s\) appear more than once: 'a2' ×2\. "
        r"Rows \(counting from 0\): 'a2' at 1, 6\."
    )
    with pytest.raises(CorpusError, match=message):
        read_corpus(path)
    with pytest.raises(CorpusError, match=message):  # before any chunk is read
        read_corpus(path, chunksize=2)


def test_missing_id_is_the_in_memory_error(tmp_path):
    rows = [dict(r) for r in ROWS]
    del rows[5]["doc_id"]
    path = tmp_path / "noid.jsonl"
    path.write_text(_jsonl(rows), encoding="utf-8")
    message = r"1 document\(s\) have no id in column 'doc_id' \(rows 5, counting from 0\)"
    with pytest.raises(CorpusError, match=message):
        read_corpus(path)
    with pytest.raises(CorpusError, match=message):
        read_corpus(path, chunksize=2)


def test_malformed_json_line_is_named(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(_jsonl(ROWS[:2]) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.jsonl, line 4, column 2: not valid JSON"):
        read_corpus(path, chunksize=1)


def test_missing_text_column_is_the_in_memory_error(tmp_path):
    path = tmp_path / "notext.csv"
    path.write_text("doc_id,corps\n1,x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"No text column 'text' in the data\. Columns present"):
        read_corpus(path, chunksize=1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"chunksize": 0}, r"chunksize must be a positive whole number of documents.*got 0"),
        ({"chunksize": 2.5}, r"chunksize must be a positive whole number.*got 2\.5"),
        ({"chunk_chars": 10}, r"chunksize must be .*got None \(chunk_chars needs chunksize\)"),
        ({"chunksize": 2, "chunk_chars": -1}, r"chunk_chars must be a positive whole number"),
    ],
)
def test_bad_chunk_sizes(kwargs, message):
    with pytest.raises(CorpusError, match=message):
        read_corpus("karabakh-2023-fr", **kwargs)


def test_parquet_options_other_than_columns_are_refused(tmp_path):
    path = _write("parquet", tmp_path)
    with pytest.raises(CorpusError, match=r"in chunks accepts columns= only; got filters"):
        read_corpus(path, chunksize=2, filters=[("n", ">", 1)])
    _assert_same_corpus(path, 3, columns=["doc_id", "text", "outlet"])


# --- chunk_chars ---------------------------------------------------------------------------


def test_chunk_chars_bounds_the_text_of_a_chunk(tmp_path):
    lengths = [30, 30, 30, 100, 10, 10, 10]
    rows = [{"doc_id": f"d{i}", "text": "x" * n} for i, n in enumerate(lengths)]
    path = tmp_path / "sizes.jsonl"
    path.write_text(_jsonl(rows), encoding="utf-8")
    chunks = list(read_corpus(path, chunksize=100, chunk_chars=65))
    # 30+30 fit in 65, a third 30 does not; 100 alone is over the budget, alone in its chunk
    assert [[len(t) for t in c.texts] for c in chunks] == [[30, 30], [30], [100], [10, 10, 10]]
    _assert_same_corpus(path, 2, chunk_chars=65)


# --- properties ----------------------------------------------------------------------------

_json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_infinity=False),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    records=st.lists(
        st.dictionaries(st.sampled_from(["text", "a", "b", "date"]), _json_values, max_size=4),
        min_size=1,
        max_size=12,
    ),
    chunksize=st.integers(min_value=1, max_value=13),
)
@example(records=[{"a": math.nan}, {"a": ""}], chunksize=1)  # NaN alone, then text
@example(records=[{"a": math.nan}, {"a": 2}], chunksize=1)
def test_any_json_lines_in_any_chunks(tmp_path_factory, records, chunksize):
    for record in records:
        record["text"] = record.get("text") if isinstance(record.get("text"), str) else "t"
    path = tmp_path_factory.mktemp("prop") / "p.jsonl"
    path.write_text(_jsonl(records), encoding="utf-8")
    try:
        read_corpus(path)
    except Exception as exc:  # e.g. a list as a date: the chunked read fails the same way
        with pytest.raises(type(exc)) as caught:
            list(read_corpus(path, chunksize=chunksize))
        assert str(caught.value) == str(exc)
        return
    _assert_same_corpus(path, chunksize)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    chunksize=st.integers(min_value=1, max_value=9), chars=st.integers(min_value=1, max_value=90)
)
def test_any_chunking_of_the_csv(tmp_path_factory, chunksize, chars):
    path = _write("csv", tmp_path_factory.mktemp("csv"))
    _assert_same_corpus(path, chunksize, chunk_chars=chars)


# --- match_chunks --------------------------------------------------------------------------


def _assert_same_matches(got, expected):
    assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs


@pytest.mark.parametrize("chunksize", [1, 2, 5])
@pytest.mark.parametrize("audit", [False, True])
def test_match_chunks_is_match_lexicon_on_karabakh(chunksize, audit):
    expected = match_lexicon(read_corpus("karabakh-2023-fr"), "karabakh-2023-fr", audit=audit)
    chunks = read_corpus("karabakh-2023-fr", chunksize=chunksize)
    got = match_chunks(chunks, "karabakh-2023-fr", audit=audit, progress=False)
    _assert_same_matches(got, expected)
    assert got.attrs["n_docs"] == 5 and got.attrs["corpus_name"] == "karabakh-2023-fr"


AN_LEXICON = Lexicon.from_dict(
    {
        "name": "an-demo",
        "version": "1.0.0",
        "language": "fr",
        "frames": {"famille": ["famille*", "enfant*"], "egalite": ["égalité"]},
        "contests": {
            "nom": {
                "variants": {
                    "pour_tous": ["mariage pour tous"],
                    "homosexuel": ["mariage homosexuel"],
                    "meme_sexe": ["mariage entre personnes de même sexe"],
                }
            }
        },
    }
)


@pytest.mark.parametrize("chunksize", [7, 150])
def test_match_chunks_is_match_lexicon_on_an_slice(an_slice, chunksize):
    expected = match_lexicon(read_corpus(an_slice), AN_LEXICON, keep=True)
    assert len(expected) > 50  # a slice with hits in many chunks
    got = match_chunks(read_corpus(an_slice, chunksize=chunksize), AN_LEXICON, progress=False)
    _assert_same_matches(got, expected)
    assert list(got.columns[12:]) == list(read_corpus(an_slice).metadata.columns[1:])


def test_match_chunks_expands_lemmas_over_the_whole_corpus():
    # « opérations » in one document lets « operations » (accents folded) match in another
    lex = Lexicon.from_dict(
        {
            "name": "l",
            "version": "1.0.0",
            "language": "fr",
            "options": {"fold_accents": True},
            "frames": {"op": [{"term": "opération", "match": "lemma"}]},
        }
    )
    corpus = Corpus(pd.DataFrame({"text": ["Les opérations.", "Des operations.", "Rien."]}))
    expected = match_lexicon(corpus, lex)
    chunks = [corpus[[i]] for i in corpus.doc_ids]
    _assert_same_matches(match_chunks(chunks, lex, progress=False), expected)
    with pytest.raises(FramingError, match=r"lemma or stem entries.*must be re-iterable"):
        match_chunks(iter(chunks), lex, progress=False)


def test_match_chunks_accepts_frames_and_checks_ids():
    frames = [pd.DataFrame({"doc_id": ["a"], "text": ["offensive"]})] * 2
    with pytest.raises(CorpusError, match=r"'a' appears more than once \(in chunk\(s\) 0, 1"):
        match_chunks(frames, "karabakh-2023-fr", progress=False)
    with pytest.raises(CorpusError, match=r"no chunk to match"):
        match_chunks([], "karabakh-2023-fr", progress=False)


def test_match_chunks_wants_the_same_columns():
    parts = [
        pd.DataFrame({"doc_id": ["a"], "text": ["x"], "outlet": ["X"]}),
        pd.DataFrame({"doc_id": ["b"], "text": ["y"]}),
    ]
    with pytest.raises(CorpusError, match=r"Chunk 1 has the columns \['doc_id', 'text'\]"):
        match_chunks(parts, "karabakh-2023-fr", progress=False)


def test_match_chunks_passes_option_errors_on():
    with pytest.raises(FramingError, match=r"keep names 'outlett'.*Did you mean 'outlet'"):
        match_chunks(
            read_corpus("karabakh-2023-fr", chunksize=2), "karabakh-2023-fr", keep="outlett"
        )


def test_progress_bar_goes_to_stderr(capsys):
    chunks = read_corpus("karabakh-2023-fr", chunksize=2)
    match_chunks(chunks, "karabakh-2023-fr", progress=True)
    err = capsys.readouterr().err
    assert "matching" in err and "5/5" in err
    match_chunks(chunks, "karabakh-2023-fr", progress=False)
    assert capsys.readouterr().err == ""
    with pytest.raises(FramingError, match=r"progress must be True .* got 'yes'"):
        match_chunks(chunks, "karabakh-2023-fr", progress="yes")


def test_n_jobs_gives_the_same_table():
    expected = match_lexicon(read_corpus("karabakh-2023-fr"), "karabakh-2023-fr")
    got = match_chunks(
        read_corpus("karabakh-2023-fr", chunksize=2),
        "karabakh-2023-fr",
        n_jobs=2,
        progress=False,
    )
    _assert_same_matches(got, expected)


# --- write_matches -------------------------------------------------------------------------


def _objects(table: pd.DataFrame) -> pd.DataFrame:
    """String columns as object columns holding str and None (what the matcher makes)."""
    table = table.copy()
    for name in table.columns:
        if isinstance(table[name].dtype, pd.StringDtype):
            values = table[name].astype(object)
            table[name] = values.where(values.notna(), None)
    return table


def _read_back(path: Path) -> pd.DataFrame:
    """A Parquet file of matches as pandas reads it: pandas makes Parquet strings ``str``,
    where the matches table holds them as objects; they are turned back (attrs kept)."""
    table = pd.read_parquet(path)
    attrs = table.attrs
    table = _objects(table)
    table.attrs = attrs
    return table


@pytest.mark.parametrize("chunksize", [1, 3])
def test_parquet_reads_back_as_the_in_memory_table(tmp_path, chunksize):
    expected = match_lexicon(read_corpus("karabakh-2023-fr"), "karabakh-2023-fr", audit=True)
    out = tmp_path / "m.parquet"
    summary = write_matches(
        read_corpus("karabakh-2023-fr", chunksize=chunksize),
        "karabakh-2023-fr",
        out,
        audit=True,
        progress=False,
    )
    back = _read_back(out)
    assert_frame_equal(back, _objects(expected))
    assert back.attrs == expected.attrs
    assert list(back["voice"].cat.categories) == ["author", "quoted", "attributed"]
    import pyarrow.parquet as pq

    stored = json.loads(pq.ParquetFile(out).metadata.metadata[b"framing"])
    assert stored == expected.attrs
    assert summary.n_hits == len(expected)
    assert summary.n_docs == 5 and summary.n_docs_with_hits == expected["doc_id"].nunique()
    assert summary.n_rejected == expected.attrs["n_rejected"] > 0
    assert summary.provenance is None and summary.attrs == expected.attrs
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob("*.rows"))


def test_parquet_row_groups_spilled_then_copied(tmp_path, monkeypatch, an_slice):
    monkeypatch.setattr(_stream, "ROW_GROUP_ROWS", 20)
    expected = match_lexicon(read_corpus(an_slice), AN_LEXICON)
    out = tmp_path / "m.parquet"
    write_matches(read_corpus(an_slice, chunksize=40), AN_LEXICON, out, progress=False)
    back = _read_back(out)
    assert back.attrs == expected.attrs
    assert_frame_equal(back, _objects(expected))
    assert not list(tmp_path.glob("*.rows"))


def test_parquet_kept_column_missing_in_the_first_chunks(tmp_path):
    # an object column (booleans and gaps) with nothing but gaps in the first chunks
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ["offensive", "offensive", "offensive", "Stepanakert"],
            "flag": pd.Series([None, None, True, False], dtype=object),
            "gone": pd.Series([None] * 4, dtype=object),
        }
    )
    corpus = Corpus(frame)
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    out = tmp_path / "m.parquet"
    chunks = [corpus[[i]] for i in corpus.doc_ids]
    write_matches(chunks, "karabakh-2023-fr", out, progress=False)
    assert_frame_equal(_read_back(out), expected)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl"])
def test_text_formats_are_the_in_memory_files(tmp_path, suffix, an_slice):
    expected = match_lexicon(read_corpus(an_slice), AN_LEXICON)
    write_table(expected, str(tmp_path / f"whole{suffix}"))
    out = tmp_path / f"streamed{suffix}"
    summary = write_matches(read_corpus(an_slice, chunksize=33), AN_LEXICON, out, progress=False)
    assert out.read_bytes() == (tmp_path / f"whole{suffix}").read_bytes()
    assert summary.provenance == tmp_path / f"streamed{suffix}{PROVENANCE_SUFFIX}"
    assert json.loads(summary.provenance.read_text(encoding="utf-8")) == expected.attrs


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_no_hit_writes_an_empty_table(tmp_path, suffix):
    corpus = Corpus(pd.DataFrame({"text": ["Rien.", "Toujours rien."]}))
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    write_table(expected, str(tmp_path / f"whole{suffix}"))
    out = tmp_path / f"streamed{suffix}"
    summary = write_matches(
        [corpus[["doc00001"]], corpus[["doc00002"]]], "karabakh-2023-fr", out, progress=False
    )
    assert summary.n_hits == 0
    if suffix == ".parquet":
        assert len(pd.read_parquet(out)) == 0
        assert list(pd.read_parquet(out).columns) == list(expected.columns)
    else:
        assert out.read_bytes() == (tmp_path / f"whole{suffix}").read_bytes()


def test_error_leaves_no_file(tmp_path):
    frames = [pd.DataFrame({"doc_id": ["a"], "text": ["offensive"]})] * 2
    out = tmp_path / "m.parquet"
    with pytest.raises(CorpusError, match="appears more than once"):
        write_matches(frames, "karabakh-2023-fr", out, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_unknown_extension_before_reading(tmp_path):
    with pytest.raises(FramingError, match=r"cannot write .*'\.xlsx'\. Use \.parquet, \.csv"):
        write_matches(None, "karabakh-2023-fr", tmp_path / "m.xlsx")


# --- framing match --out -------------------------------------------------------------------


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_cli_match_out_streams(tmp_path, capsys, suffix):
    out = tmp_path / f"m{suffix}"
    argv = ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--out", str(out)]
    code, stdout, _ = _run([*argv, "--chunksize", "2", "--no-progress"], capsys)
    assert code == EXIT_OK
    expected = match_lexicon(read_corpus("karabakh-2023-fr"), read_lexicon("karabakh-2023-fr"))
    lexicon = read_lexicon("karabakh-2023-fr")
    n_with = expected["doc_id"].nunique()
    assert stdout == (
        f"{len(expected)} hits in {n_with} of 5 documents ({lexicon.name} {lexicon.version} "
        f"on karabakh-2023-fr); {expected.attrs['n_rejected']} hits rejected by proximity "
        f"constraints\nwrote {out}\n"
    )
    if suffix == ".csv":
        write_table(expected, str(tmp_path / "whole.csv"))
        assert out.read_bytes() == (tmp_path / "whole.csv").read_bytes()
        assert (tmp_path / f"m.csv{PROVENANCE_SUFFIX}").is_file()
    else:
        assert pd.read_parquet(out).attrs == expected.attrs


def test_cli_match_without_out_is_unchanged(capsys):
    code, stdout, err = _run(["match", "karabakh-2023-fr", "karabakh-2023-fr"], capsys)
    assert code == EXIT_OK
    expected = match_lexicon(read_corpus("karabakh-2023-fr"), "karabakh-2023-fr")
    assert len(stdout.splitlines()) == len(expected) + 1
    assert f"{len(expected)} hits in" in err


def test_cli_progress_can_be_forced(tmp_path, capsys):
    argv = ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--out", str(tmp_path / "m.csv")]
    code, _, err = _run([*argv, "--chunksize", "2", "--progress"], capsys)
    assert code == EXIT_OK and "5/5" in err
    code, _, err = _run(argv, capsys)  # stderr is not a terminal here: no bar
    assert code == EXIT_OK and "5/5" not in err


def test_cli_bad_chunksize_exits_2(tmp_path, capsys):
    argv = ["match", "karabakh-2023-fr", "karabakh-2023-fr", "--out", str(tmp_path / "m.csv")]
    code, _, err = _run([*argv, "--chunksize", "0"], capsys)
    assert code == EXIT_BAD_INPUT
    assert "--chunksize must be at least 1 document; got 0" in err


def test_cli_help_documents_streaming(capsys):
    assert main(["match", "--help"]) == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())
    assert "--chunksize N" in text and "--n-jobs K" in text and "--no-progress" in text
    assert "--progress" in text
    assert "8,000,000 characters" in text


def test_copying_the_bundled_folder_reads_the_same(tmp_path):
    folder = Path(__file__).resolve().parents[1] / "corpus" / "karabakh-2023-fr"
    copy = tmp_path / "k"
    shutil.copytree(folder, copy)
    _assert_same_corpus(copy, 2)
