"""framing.dask: matching the partitions of a Dask DataFrame on a real distributed cluster.

The cluster is a ``distributed.LocalCluster`` with two workers in this process
(``processes=False``): the real scheduler, workers, task graph submission and result
gathering, without starting processes or opening TCP ports, which is what makes clusters
slow and flaky on shared CI runners. Pickling across processes (what a multi-machine
cluster adds) is covered by the spawn workers of tests/test_parallel.py, which pickle the
same per-part function, lexicon, parts and tables, and by the round trip below.
"""

from __future__ import annotations

import importlib
import pickle
import sys

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import framing.dask as fdask  # noqa: E402
from framing import Corpus, read_corpus  # noqa: E402
from framing._errors import CorpusError, FramingError  # noqa: E402
from framing.lexicon import Lexicon, read_lexicon  # noqa: E402
from framing.match import match_lexicon  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def karabakh() -> tuple[pd.DataFrame, Lexicon]:
    return read_corpus("karabakh-2023-fr").docs, read_lexicon("karabakh-2023-fr")


def in_memory(ddf, lexicon, **options) -> pd.DataFrame:
    """The reference: the in-memory matcher on the computed Dask DataFrame."""
    return match_lexicon(Corpus(ddf.compute()), lexicon, **options)


def test_partitions_give_the_in_memory_table(client, karabakh):
    docs, lex = karabakh
    ddf = dd.from_pandas(docs, npartitions=3)
    options = {"keep": ["outlet", "title"], "audit": True}
    matches = fdask.match_lexicon(ddf, lex, **options)
    assert matches.npartitions == 3
    assert not matches.known_divisions
    got = matches.compute()
    assert got.index[0] == 0 and not got.index.is_unique  # one index per partition
    expected = in_memory(ddf, lex, **options)
    assert len(expected) > 0
    assert_frame_equal(got.reset_index(drop=True), expected, check_exact=True)
    assert matches.dtypes.equals(expected.dtypes)  # the meta is exact


def test_partition_order_is_corpus_order(client, karabakh):
    docs, lex = karabakh
    ddf = dd.from_pandas(docs, npartitions=5)  # one document per partition
    parts = fdask.match_lexicon(ddf, lex, voice=False).to_delayed()
    ids = [p.compute()["doc_id"].unique().tolist() for p in parts]
    assert ids == [[doc] for doc in docs["doc_id"]]  # every seed has hits


def test_provenance_is_the_in_memory_attrs(client, karabakh):
    docs, lex = karabakh
    ddf = dd.from_pandas(docs, npartitions=2)
    run = fdask.provenance(ddf, lex, keep=["outlet"], name="seeds")
    expected = match_lexicon(Corpus(ddf.compute(), name="seeds"), lex, keep=["outlet"]).attrs
    assert expected["n_rejected"] > 0
    assert run == expected


def test_lemma_entries_expand_against_every_partition(client):
    # « operations » only matches through the form « opérations » of another partition
    lex = Lexicon.from_dict(
        {
            "name": "demo",
            "version": "1.0.0",
            "language": "fr",
            "options": {"fold_accents": True},
            "frames": {"f": [{"term": "opération", "match": "lemma"}]},
        }
    )
    docs = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": ["Les opérations.", "Des operations.", "Rien."]}
    )
    ddf = dd.from_pandas(docs, npartitions=3)
    got = fdask.match_lexicon(ddf, lex).compute().reset_index(drop=True)
    assert got["surface"].tolist() == ["opérations", "operations"]
    assert_frame_equal(got, in_memory(ddf, lex), check_exact=True)


def test_other_column_names(client, karabakh):
    docs, lex = karabakh
    renamed = docs.rename(columns={"doc_id": "id", "text": "body"})
    ddf = dd.from_pandas(renamed, npartitions=2)
    got = fdask.match_lexicon(ddf, lex, doc_id="id", text="body", keep=False).compute()
    expected = match_lexicon(Corpus(ddf.compute(), doc_id="id", text="body"), lex, keep=False)
    assert_frame_equal(got.reset_index(drop=True), expected, check_exact=True)


def test_duplicate_ids_across_partitions(client):
    docs = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["x", "y", "z"]})
    ddf = dd.from_pandas(docs, npartitions=3, sort=False)
    with pytest.raises(CorpusError, match=r"unique across the partitions; 1 id\(s\).*'a' ×2"):
        fdask.provenance(ddf, "karabakh-2023-fr")


def test_errors_name_the_fix(karabakh):
    docs, lex = karabakh
    ddf = dd.from_pandas(docs, npartitions=1)
    with pytest.raises(CorpusError, match=r"no text column 'txt'.*Did you mean 'text'"):
        fdask.match_lexicon(ddf, lex, text="txt")
    no_ids = dd.from_pandas(docs.drop(columns="doc_id"), npartitions=1)
    with pytest.raises(CorpusError, match=r"no doc_id column 'doc_id'.*add an id column"):
        fdask.match_lexicon(no_ids, lex)
    with pytest.raises(FramingError, match=r"must be a dask DataFrame.*framing.match_lexicon"):
        fdask.match_lexicon(docs, lex)
    with pytest.raises(FramingError, match=r"overlap='longuest' is not valid"):
        fdask.match_lexicon(ddf, lex, overlap="longuest")


def test_the_task_pickles(karabakh):
    # what a multi-machine cluster sends: the function, the lexicon, the options
    docs, lex = karabakh
    options = {"keep": [], "overlap": "longest", "language": "fr", "audit": False, "voice": False}
    task = (fdask._match_partition, lex, "text", "doc_id", None, None, options)
    function, *args = pickle.loads(pickle.dumps(task))
    expected = match_lexicon(Corpus(docs), lex, keep=[], voice=False)
    assert_frame_equal(function(docs, *args), expected, check_exact=True)


def test_missing_dask_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.delitem(sys.modules, "framing.dask")
    with pytest.raises(ImportError, match=r"pip install 'framing\[dask\]'"):
        importlib.import_module("framing.dask")


def test_docstring_examples():
    import doctest

    result = doctest.testmod(fdask, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
