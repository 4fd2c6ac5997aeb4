"""match_lexicon in worker processes (framing.match._parallel): the same table as in memory."""

from __future__ import annotations

import itertools
import multiprocessing
import tempfile
import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from framing import Corpus, read_corpus
from framing._errors import FramingError
from framing.lexicon import Lexicon, read_lexicon
from framing.match import _api, _parallel, _pool, match_lexicon
from framing.match._expand import Expander, vocabulary
from framing.match._parallel import check_n_jobs, match_parallel, split_parts


def assert_same_table(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


class SpyPool:
    """Stands in for ProcessPoolExecutor: counts pools, optionally delegates to a real one."""

    created: ClassVar[list[dict]] = []
    real: ClassVar[type | None] = None

    def __init__(self, **kwargs):
        SpyPool.created.append(kwargs)
        self._pool = SpyPool.real(**kwargs) if SpyPool.real else None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._pool is not None:
            self._pool.shutdown()

    def submit(self, function, *args, **kwargs):
        return self._pool.submit(function, *args, **kwargs)

    def shutdown(self, **kwargs):
        if self._pool is not None:
            self._pool.shutdown(**kwargs)


@pytest.fixture
def spy_pool(monkeypatch):
    """Count the process pools match_parallel starts; they still run for real."""
    SpyPool.created = []
    SpyPool.real = _parallel.ProcessPoolExecutor
    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", SpyPool)
    return SpyPool


@pytest.fixture(autouse=True)
def no_kept_pool(monkeypatch):
    """Each test starts without a kept pool and leaves none behind; calls without kept
    workers start processes (as with n_jobs above THREAD_JOBS) unless a test of the
    thread route sets THREAD_JOBS back."""
    monkeypatch.setattr(_parallel, "THREAD_JOBS", 0)
    _pool.shutdown()
    yield
    _pool.shutdown()


@pytest.fixture
def tiny_parts(monkeypatch):
    """No size threshold, and as many parts as documents allow."""
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_PART_CHARS", 1)


def lexicon(frames: dict) -> Lexicon:
    return Lexicon.from_dict(
        {
            "name": "demo",
            "version": "1.0.0",
            "language": "fr",
            "options": {"fold_accents": True},
            "frames": frames,
        }
    )


# ---------------------------------------------------------------------------------------------
# n_jobs
# ---------------------------------------------------------------------------------------------
def test_n_jobs_values(monkeypatch):
    monkeypatch.setattr(_parallel, "available_cpus", lambda: 6)
    assert check_n_jobs(None) == 1
    assert check_n_jobs(1) == 1
    assert check_n_jobs(3) == 3
    assert check_n_jobs(np.int64(2)) == 2
    assert check_n_jobs(-1) == 6


def test_available_cpus_is_positive():
    assert _parallel.available_cpus() >= 1


@pytest.mark.parametrize("bad", [0, -2, -8])
def test_n_jobs_out_of_range(bad):
    with pytest.raises(FramingError, match=rf"n_jobs={bad} is not a number of worker processes"):
        check_n_jobs(bad)


@pytest.mark.parametrize("bad", [True, 2.0, "2", [2]])
def test_n_jobs_wrong_type(bad):
    with pytest.raises(FramingError, match=r"n_jobs must be a whole number .* Fix: pass n_jobs=2"):
        check_n_jobs(bad)


def test_bad_n_jobs_through_match_lexicon():
    with pytest.raises(FramingError, match=r"n_jobs=0 is not a number of worker processes"):
        match_lexicon("Une offensive.", lexicon({"f": ["offensive"]}), n_jobs=0)


def test_bad_option_is_checked_before_any_worker_starts(spy_pool):
    corpus = read_corpus("karabakh-2023-fr")
    with pytest.raises(FramingError, match=r"overlap='longuest' is not valid"):
        match_parallel(corpus, lexicon({"f": ["offensive"]}), n_jobs=2, overlap="longuest")
    assert spy_pool.created == []


def test_bad_voice_flag_is_checked_here(spy_pool):
    corpus = read_corpus("karabakh-2023-fr")
    with pytest.raises(FramingError, match=r"voice must be True or False; got 'yes'"):
        match_parallel(corpus, lexicon({"f": ["offensive"]}), n_jobs=2, voice="yes")
    assert spy_pool.created == []


# ---------------------------------------------------------------------------------------------
# splitting
# ---------------------------------------------------------------------------------------------
def test_split_follows_factoring():
    # By hand (Hummel et al. 1992, batches of P parts, each ceil(remaining / 2P) characters,
    # at least `smallest`): 16 documents of 100, P = 2, smallest 100 -> 400, 400 | 200, 200
    # | 100, 100 | then 200 / 4 = 50 < 100, so 100, 100.
    bounds = split_parts([100] * 16, 2, smallest=100)
    assert [b - a for a, b in bounds] == [4, 4, 2, 2, 1, 1, 1, 1]
    # three processes, 48 documents of 10: 80 x 3 | 40 x 3 | 20 x 3 | 10 x 3 | then
    # 30 / 6 = 5 < 10, so 10 x 3
    bounds = split_parts([10] * 48, 3, smallest=10)
    assert [b - a for a, b in bounds] == [8, 8, 8, 4, 4, 4, 2, 2, 2] + [1] * 6


def test_split_stops_at_the_smallest_part():
    # 1,000 characters, at least 300 per part: 300, 300, 300 and the remaining 100
    assert split_parts([100] * 10, 2, smallest=300) == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert split_parts([100] * 10, 2, smallest=10_000) == [(0, 10)]  # one part: too small


def test_split_never_cuts_a_long_document():
    # 100 of 103 characters in the first document: it is a part on its own, the rest another
    # (the targets 26, 52, 65, ... 100 all fall in it; 102 cuts the rest in two)
    assert split_parts([100, 1, 1, 1], 2, smallest=1) == [(0, 1), (1, 3), (3, 4)]
    assert split_parts([1, 1, 100, 1], 2, smallest=10) == [(0, 3), (3, 4)]


def test_split_edge_cases():
    assert split_parts([], 4) == []
    assert split_parts([7], 4) == [(0, 1)]
    # empty texts count 1 character each, so they are spread too
    assert split_parts([0, 0, 0, 0], 2, smallest=1) == [(0, 1), (1, 2), (2, 3), (3, 4)]


@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=1, max_value=5_000),
)
def test_split_covers_every_document_once_in_order(lengths, processes, smallest):
    bounds = split_parts(lengths, processes, smallest=smallest)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(lengths)
    assert all(a < b for a, b in bounds)  # no empty part
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(bounds))  # contiguous
    sizes = [sum(max(n, 1) for n in lengths[a:b]) for a, b in bounds]
    total = sum(sizes)
    # the targets are at least `smallest` apart, and a part ends at one of them
    assert len(bounds) <= -(-total // smallest)
    # the first part overruns its target (the largest) by at most one document
    assert sizes[0] <= max(-(-total // (2 * processes)), smallest) + max(max(lengths), 1)


# ---------------------------------------------------------------------------------------------
# the same table as in memory
# ---------------------------------------------------------------------------------------------
def test_karabakh_in_tiny_parts_is_the_in_memory_table(tiny_parts, spy_pool):
    corpus = read_corpus("karabakh-2023-fr")
    options = {"keep": ["outlet", "date"], "overlap": "all", "audit": True}
    expected = match_lexicon(corpus, "karabakh-2023-fr", **options)
    assert expected.attrs["n_rejected"] > 0  # constraints reject hits: their sum is checked
    got = match_parallel(corpus, karabakh(), n_jobs=2, **options)
    assert_same_table(got, expected)
    assert len(spy_pool.created) == 1  # it did run in worker processes
    assert spy_pool.created[0]["max_workers"] == 1  # n_jobs=2: this process and one worker
    assert spy_pool.created[0]["mp_context"].get_start_method() == "spawn"


def test_parts_and_tables_travel_through_files_that_are_removed(
    tiny_parts, spy_pool, monkeypatch, tmp_path
):
    # A part goes to its worker, and its table comes back, as a file in the temporary
    # folder (a pipe would need this busy process to take part in every 64 kB sent); no
    # file is left behind.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sent = []
    real_submit = SpyPool.submit

    def submit(self, function, *args, **kwargs):
        sent.append((function.__name__, args))
        return real_submit(self, function, *args, **kwargs)

    monkeypatch.setattr(SpyPool, "submit", submit)
    monkeypatch.setattr(_parallel, "_CALLER_TAKES_PARTS", False)
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    through_files = [args for name, args in sent if name == "_through_files"]
    assert len(through_files) >= 2
    # a worker sends the part's rows back, made into its table here (cheaper to send)
    ran = [args[0] for args in through_files]
    assert _parallel.match_part_rows in ran and _parallel.match_part not in ran
    assert all(str(args[1]).startswith(str(tmp_path)) for args in through_files)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_temporary_folder_gives_the_fix(tiny_parts, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    corpus = read_corpus("karabakh-2023-fr")
    with pytest.raises(FramingError, match=r"temporary folder .*missing.* TMPDIR .* n_jobs=1"):
        match_parallel(corpus, karabakh(), n_jobs=2)


def test_a_full_disk_gives_the_fix(tiny_parts, spy_pool, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(_parallel, "_CALLER_TAKES_PARTS", False)

    def full(obj, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_parallel, "_dump", full)
    corpus = read_corpus("karabakh-2023-fr")
    with pytest.raises(FramingError, match=r"No space left on device.*TMPDIR"):
        match_parallel(corpus, karabakh(), n_jobs=2)
    assert list(tmp_path.iterdir()) == []


def test_tables_are_read_as_workers_send_them(tiny_parts, monkeypatch, tmp_path):
    # A worker's table is read back when the worker is done with its part, not at the end
    # of the call: with this process matching no part, at most one table per worker waits
    # on disk at any time.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(_parallel, "_CALLER_TAKES_PARTS", False)
    waiting = []
    real_load = _parallel._load

    def load(path):
        if path.endswith(".out"):
            waiting.append(len(list(Path(path).parent.glob("*.out"))))
        return real_load(path)

    monkeypatch.setattr(_parallel, "_load", load)
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=3), expected)
    assert len(waiting) == len(corpus)  # one part per document, all through the workers
    assert max(waiting) <= 2  # two workers
    assert list(tmp_path.iterdir()) == []


def test_tables_are_read_by_the_calling_thread_not_the_executors(tiny_parts, monkeypatch):
    # The done-callback runs on the executor's thread, which sends a worker its next part
    # only once the callback returns: reading a table there kept the worker waiting at
    # every hand-over. Tables are read by the thread that called match_parallel.
    monkeypatch.setattr(_parallel, "_CALLER_TAKES_PARTS", False)  # every part to a worker
    readers = []
    real_load = _parallel._load

    def load(path):
        if path.endswith(".out"):
            readers.append(threading.current_thread())
        return real_load(path)

    monkeypatch.setattr(_parallel, "_load", load)
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=3), expected)
    assert readers  # some parts went through the workers
    assert set(readers) == {threading.current_thread()}


def test_the_workers_first_parts_are_written_before_this_process_starts_on_its_own(
    tiny_parts, monkeypatch
):
    # Written on the executor's thread once this thread is matching, a 12 MB part took
    # 30-40 ms instead of 10 (this thread holds the interpreter lock), while a warm worker
    # waited: each worker's first part is written by the calling thread, before its own.
    events = []
    real_dump, real_match = _parallel._dump, _api.match_checked

    def dump(obj, path):
        if path.endswith(".in"):
            events.append(("write", threading.current_thread()))
        return real_dump(obj, path)

    def match_checked(*args, **kwargs):
        events.append(("match", threading.current_thread()))
        return real_match(*args, **kwargs)

    monkeypatch.setattr(_parallel, "_dump", dump)
    monkeypatch.setattr(_api, "match_checked", match_checked)  # in this process only
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    events.clear()
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=3), expected)
    this = threading.current_thread()
    # the options' check (no document) is the first match; then the two workers' first
    # parts are written here; then this process matches its first part
    assert events[:4] == [("match", this), ("write", this), ("write", this), ("match", this)]


def test_parts_written_for_workers_that_never_get_ready_are_matched_here(
    tiny_parts, monkeypatch, tmp_path
):
    # Workers still starting when this process runs out of parts: it takes back the parts
    # written for them, and does not wait.
    class NeverReady(SpyPool):
        def submit(self, function, *args, **kwargs):
            return Future()  # a warm-up that never ends

    NeverReady.real = None
    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", NeverReady)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=3), expected)
    assert list(tmp_path.iterdir()) == []


def test_parts_share_the_texts_already_read(monkeypatch):
    # Reading the texts out of the frame costs ~1 ms a million characters (pyarrow strings
    # to Python): a corpus' parts share the ones it has read.
    corpus = read_corpus("karabakh-2023-fr")
    texts = corpus.texts
    part = corpus._rows(1, 4)
    assert all(a is b for a, b in zip(part.texts, texts[1:4], strict=True))
    assert part.doc_ids == corpus.doc_ids[1:4]
    pd.testing.assert_frame_equal(part.metadata, corpus.metadata.iloc[1:4].reset_index(drop=True))
    rows = []
    real = Corpus._rows
    monkeypatch.setattr(Corpus, "_rows", lambda c, a, b: rows.append((a, b)) or real(c, a, b))
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_PART_CHARS", 1)
    match_parallel(corpus, karabakh(), n_jobs=2)
    assert rows and rows[0][0] == 0 and rows[-1][1] == len(corpus)


@pytest.mark.parametrize("caller_takes_parts", [True, False])
def test_every_part_through_a_worker_or_this_process(tiny_parts, monkeypatch, caller_takes_parts):
    # With the calling process kept out, every part is pickled to a worker, matched there
    # and sent back; with it, whoever is free takes the next part. Same table either way.
    monkeypatch.setattr(_parallel, "_CALLER_TAKES_PARTS", caller_takes_parts)
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr", keep=["outlet"])
    got = match_parallel(corpus, karabakh(), n_jobs=3, keep=["outlet"])
    assert_same_table(got, expected)


@pytest.mark.parametrize("lemma", [False, True])
def test_a_part_is_not_fingerprinted(monkeypatch, lemma):
    # Joining the parts gives the whole corpus' fingerprint, so a part's own (a hash of
    # its texts, ~1.5 ms a million characters) is not computed: None until joined.
    corpus = read_corpus("karabakh-2023-fr")
    lex = LEMMA_LEXICON if lemma else karabakh()
    options = _parallel.checked_options(corpus, lex)
    expansions = None
    if lemma:
        types = _parallel.expansion_types(corpus, lex, language="fr")
        expansions = _parallel.expand_entries(types, lex, language="fr")
    calls = []
    real = Corpus.fingerprint
    monkeypatch.setattr(Corpus, "fingerprint", lambda self: calls.append(1) or real(self))
    table = _parallel.match_part(corpus, lex, expansions=expansions, **options)
    assert calls == []
    assert table.attrs["corpus_fingerprint"] is None
    expected = match_lexicon(corpus, lex)
    pd.testing.assert_frame_equal(table, expected)
    assert {**table.attrs, "corpus_fingerprint": expected.attrs["corpus_fingerprint"]} == (
        expected.attrs
    )


def karabakh() -> Lexicon:
    return read_lexicon("karabakh-2023-fr")


@pytest.fixture(scope="module")
def an_slice(repo_dir) -> Corpus:
    path = repo_dir / "corpus" / "an-mariage-2013"
    if not path.is_dir():
        pytest.skip("corpus/an-mariage-2013 is not bundled")
    corpus = read_corpus(path)
    return corpus[corpus.doc_ids[:2000]]


AN_LEXICON = {
    "name": "an-demo",
    "version": "1.0.0",
    "language": "fr",
    "options": {"fold_accents": True},
    "frames": {
        "famille": ["enfant*", "filiation", "adoption*"],
        "egalite": ["égalité", "discrimin*"],
    },
    "contests": {
        "reform": {
            "variants": {
                "pour_tous": ["mariage pour tous"],
                "homosexuel": ["mariage* homosexuel*"],
                "meme_sexe": [
                    "mariage* de personnes de même sexe",
                    "mariage* des personnes de même sexe",
                    "mariage* entre personnes de même sexe",
                ],
                "mariage": [{"term": "mariage", "near": ["projet", "loi"], "window": 5}],
            }
        }
    },
}


def test_an_slice_through_match_lexicon(an_slice, spy_pool, monkeypatch):
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_PART_CHARS", 50_000)  # parts of 50 to ~150 kB
    lex = Lexicon.from_dict(AN_LEXICON)
    expected = match_lexicon(an_slice, lex, keep=["political_group"], audit=True)
    assert expected["rejected"].notna().sum() > 0  # the proximity rule rejects some hits
    assert expected["variant"].nunique() == 4
    got = match_lexicon(an_slice, lex, keep=["political_group"], audit=True, n_jobs=2)
    assert_same_table(got, expected)
    assert len(spy_pool.created) == 1


def test_lemma_forms_come_from_the_whole_corpus(tiny_parts):
    # « operations » has no lemma of its own (simplemma), but accent folding lets it match
    # the form « opérations », met in another document. Expanding part by part would miss it.
    lex = lexicon({"f": [{"term": "opération", "match": "lemma"}]})
    texts = ["Les opérations.", "Des operations.", "Rien ici."]
    corpus = Corpus(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": texts}))
    assert match_lexicon(corpus[["b"]], lex).empty  # b alone: no hit
    expected = match_lexicon(corpus, lex)
    assert expected[["doc_id", "surface"]].values.tolist() == [
        ["a", "opérations"],
        ["b", "operations"],
    ]
    assert_same_table(match_parallel(corpus, lex, n_jobs=2), expected)


WORDS = [
    "opérations",
    "operations",
    "Opération",
    "opéra",
    "enfants",
    "Enfant",
    "enfance",
    "anti-terroristes",
    "antiterroriste",
    "terroristes",
    "mesure",
    "mesures",
    "Mesures",
]
LEMMA_LEXICON = lexicon(
    {
        "f": [
            {"term": "opération", "match": "lemma"},
            {"term": "enfant", "match": "stem", "case_sensitive": True},
            {"term": "mesure anti-terroriste", "match": "lemma"},
        ]
    }
)


@settings(deadline=None, max_examples=30)  # the first call loads simplemma's French dictionary
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=6),
)
def test_expanding_from_the_parts_types_is_expanding_from_the_whole(docs, n_parts):
    texts = [" ".join(words) for words in docs]
    corpus = Corpus(pd.DataFrame({"text": texts}))
    bounds = split_parts([len(t) for t in texts], n_parts, smallest=1)
    types = set().union(
        *(
            _parallel.expansion_types(corpus[corpus.doc_ids[a:b]], LEMMA_LEXICON, language="fr")
            for a, b in bounds
        )
    )
    whole = Expander(vocabulary(texts, "fr"), "fr")
    expected = tuple(
        (i, tuple(whole.expand(e.words, e.globs, e.match, e.case_sensitive)))
        for i, e in enumerate(LEMMA_LEXICON.entries)
    )
    assert _parallel.expand_entries(types, LEMMA_LEXICON, language="fr") == expected


# ---------------------------------------------------------------------------------------------
# threads: a call that finds no kept workers ready
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def thread_route(monkeypatch, tiny_parts):
    """The thread route as shipped (THREAD_JOBS), no size threshold, tiny parts, and no
    workers started for later; records the calls of the thread route."""
    monkeypatch.setattr(_parallel, "THREAD_JOBS", 2)
    monkeypatch.setattr(_parallel, "MIN_TEXT_THREADS", 0)
    monkeypatch.setattr(_parallel, "START_FOR_LATER", False)
    calls = []
    real = _parallel._run_threads
    monkeypatch.setattr(
        _parallel, "_run_threads", lambda *a, **k: calls.append(a[0]) or real(*a, **k)
    )
    return calls


@pytest.fixture
def threads_first(monkeypatch, thread_route):
    """:func:`thread_route`, recording which thread matched which part (the spy cannot be
    pickled: for calls that stay in this process only)."""
    seen: list[tuple[str, tuple[str, ...]]] = []
    real = _parallel.match_part

    def spy(part, *args, **kwargs):
        seen.append((threading.current_thread().name, tuple(part.doc_ids)))
        return real(part, *args, **kwargs)

    monkeypatch.setattr(_parallel, "match_part", spy)
    return seen


def test_without_kept_workers_two_jobs_run_in_two_threads(threads_first, spy_pool):
    corpus = read_corpus("karabakh-2023-fr")
    options = {"keep": ["outlet", "date"], "overlap": "all", "audit": True}
    expected = match_lexicon(corpus, "karabakh-2023-fr", **options)
    threads_first.clear()
    got = match_parallel(corpus, karabakh(), n_jobs=2, **options)
    assert_same_table(got, expected)
    assert spy_pool.created == []  # no process started, none for later (switched off)
    names = {name for name, _ in threads_first}
    assert threading.current_thread().name in names  # this thread is one of the two
    assert len(names) == 2 and any(n.startswith("framing-match") for n in names)
    # every document matched once, in one part
    ids = [i for _, part in threads_first for i in part]
    assert sorted(ids) == sorted(corpus.doc_ids)


def test_lemma_forms_come_from_the_whole_corpus_in_threads(threads_first, spy_pool):
    lex = lexicon({"f": [{"term": "opération", "match": "lemma"}]})
    texts = ["Les opérations.", "Des operations.", "Rien ici."]
    corpus = Corpus(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": texts}))
    expected = match_lexicon(corpus, lex)
    assert len(expected) == 2
    assert_same_table(match_parallel(corpus, lex, n_jobs=2), expected)
    assert spy_pool.created == []


@settings(
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # set once, same for all
)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=0, max_size=8), min_size=2, max_size=12),
    st.integers(min_value=2, max_value=4),
)
def test_threads_give_the_in_memory_table(monkeypatch, docs, n_jobs):
    monkeypatch.setattr(_parallel, "THREAD_JOBS", 4)
    monkeypatch.setattr(_parallel, "START_FOR_LATER", False)
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_CHARS_WARM", 0)
    monkeypatch.setattr(_parallel, "MIN_PART_CHARS", 1)
    corpus = Corpus(pd.DataFrame({"text": [" ".join(words) + "." for words in docs]}))
    for lex in (LEMMA_LEXICON, karabakh()):
        assert_same_table(match_parallel(corpus, lex, n_jobs=n_jobs), match_lexicon(corpus, lex))


def test_an_error_in_a_thread_stops_the_others_and_is_raised(threads_first, monkeypatch):
    corpus = read_corpus("karabakh-2023-fr")
    real = _parallel.match_part
    started = []

    def failing(part, *args, **kwargs):
        started.append(part.doc_ids[0])
        if len(started) == 2:
            raise ValueError("part failed")
        time.sleep(0.05)
        return real(part, *args, **kwargs)

    monkeypatch.setattr(_parallel, "match_part", failing)
    n_parts = len(split_parts([len(t) + _parallel.DOC_CHARS for t in corpus.texts], 2))
    assert n_parts >= 4
    with pytest.raises(ValueError, match="part failed"):
        match_parallel(corpus, karabakh(), n_jobs=2)
    assert len(started) <= 3  # after the failure, no thread took a new part
    assert not [t for t in threading.enumerate() if t.name.startswith("framing-match")]


def test_kept_workers_that_are_ready_are_used_instead_of_threads(
    thread_route, spy_pool, monkeypatch
):
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    monkeypatch.setattr(_parallel, "START_FOR_LATER", True)
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert len(thread_route) == 1  # in threads, ...
    assert len(spy_pool.created) == 1  # ... then workers started for later
    _parallel._started.result(timeout=120)
    kept, submitted = _pool._kept, []
    submit = kept.submit
    monkeypatch.setattr(kept, "submit", lambda *a, **k: submitted.append(a) or submit(*a, **k))
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert len(thread_route) == 1 and submitted  # the kept worker, not threads
    assert len(spy_pool.created) == 1


def test_too_little_text_for_threads_runs_in_one_thread_and_starts_workers(
    thread_route, spy_pool, monkeypatch
):
    """Enough work for workers (many documents) but too few characters for threads: the
    per-document work holds the interpreter lock, so the call stays in one thread."""
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    monkeypatch.setattr(_parallel, "MIN_TEXT_THREADS", sum(map(len, corpus.texts)) + 1)
    monkeypatch.setattr(_parallel, "START_FOR_LATER", True)
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert thread_route == []  # not in threads
    assert len(spy_pool.created) == 1  # workers started for the next calls
    _parallel._started.result(timeout=120)
    monkeypatch.setattr(_parallel, "MIN_TEXT_THREADS", 0)


def test_more_jobs_than_thread_jobs_start_processes_at_once(thread_route, spy_pool):
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=3), expected)
    assert thread_route == []
    assert len(spy_pool.created) == 1 and spy_pool.created[0]["max_workers"] == 2


# ---------------------------------------------------------------------------------------------
# staying in this process
# ---------------------------------------------------------------------------------------------
def test_small_corpus_is_matched_in_this_process(spy_pool):
    corpus = read_corpus("karabakh-2023-fr")  # ~20 kB, far below MIN_CHARS
    assert sum(map(len, corpus.texts)) < _parallel.MIN_CHARS
    got = match_lexicon(corpus, "karabakh-2023-fr", n_jobs=2)
    assert spy_pool.created == []
    assert_same_table(got, match_lexicon(corpus, "karabakh-2023-fr"))


def karabakh_sized(monkeypatch, *, warm: int = 0) -> tuple[Corpus, int, pd.DataFrame]:
    """The bundled corpus, its work and its table; every size threshold just above its
    work, but MIN_CHARS_WARM ``warm`` above its work less one (0: at its work), and
    MIN_TEXT_THREADS at its characters."""
    monkeypatch.setattr(_parallel, "MIN_PART_CHARS", 1)
    corpus = read_corpus("karabakh-2023-fr")
    monkeypatch.setattr(_parallel, "MIN_TEXT_THREADS", sum(map(len, corpus.texts)))
    size = _parallel.work([len(t) for t in corpus.texts])
    monkeypatch.setattr(_parallel, "MIN_CHARS", size + 1)
    monkeypatch.setattr(_parallel, "MIN_CHARS_WARM", size + warm)
    return corpus, size, match_lexicon(corpus, "karabakh-2023-fr")


def test_kept_workers_lower_the_size_threshold(spy_pool, monkeypatch):
    # Starting workers pays only for large corpora (MIN_CHARS); workers kept from an
    # earlier call have nothing to start, and are used from MIN_CHARS_WARM on.
    corpus, size, expected = karabakh_sized(monkeypatch, warm=1)
    assert _parallel.min_chars() == size + 1
    assert_same_table(match_lexicon(corpus, "karabakh-2023-fr", n_jobs=2), expected)
    assert spy_pool.created == []  # too small to start a worker for, even for later
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    assert_same_table(match_lexicon(corpus, "karabakh-2023-fr", n_jobs=2), expected)
    assert len(spy_pool.created) == 1  # started, and kept
    monkeypatch.setattr(_parallel, "MIN_CHARS", size + 1)
    monkeypatch.setattr(_parallel, "MIN_CHARS_WARM", size)
    assert _parallel.min_chars(1) == size
    kept, submitted = _pool._kept, []
    submit = kept.submit
    monkeypatch.setattr(kept, "submit", lambda *a, **k: submitted.append(a) or submit(*a, **k))
    assert_same_table(match_lexicon(corpus, "karabakh-2023-fr", n_jobs=2), expected)
    assert len(spy_pool.created) == 1 and submitted  # the kept worker was used again
    monkeypatch.setattr(_parallel, "MIN_CHARS_WARM", size + 1)
    assert _parallel.min_chars(1) == size + 1


def test_work_counts_each_document(monkeypatch):
    assert _parallel.work([]) == 0
    assert _parallel.work([10, 0, 5]) == 15 + 3 * _parallel.DOC_CHARS
    # many short documents pass a threshold their characters alone would not
    corpus = Corpus(pd.DataFrame({"text": ["Une offensive."] * 40}))
    chars = sum(map(len, corpus.texts))
    monkeypatch.setattr(_parallel, "MIN_CHARS", chars + 1)
    monkeypatch.setattr(_parallel, "MIN_CHARS_WARM", chars + 1)
    called = []
    monkeypatch.setattr(_parallel, "match_parallel", lambda *a, **k: called.append(1))
    match_lexicon(corpus, lexicon({"f": ["offensive"]}), n_jobs=2)
    assert called  # handed to the parallel route, which decides


def test_a_middle_sized_corpus_starts_workers_for_the_next_call(spy_pool, monkeypatch):
    # Between MIN_CHARS_WARM and MIN_CHARS with no kept workers: this call matches in
    # threads of this process (a worker's start-up would cost more than it saves) and
    # then starts workers, which the next call uses.
    corpus, _, expected = karabakh_sized(monkeypatch)
    threaded = []
    real_threads = _parallel._run_threads
    monkeypatch.setattr(
        _parallel, "_run_threads", lambda *a, **k: threaded.append(1) or real_threads(*a, **k)
    )
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert threaded == [1]
    assert len(spy_pool.created) == 1 and _pool._kept is not None  # started for later
    started = _parallel._started
    assert started is not None
    started.result(timeout=120)  # the worker warmed up
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert threaded == [1]  # not in threads: ...
    assert len(spy_pool.created) == 1  # ... the same workers, now used
    assert _pool._kept is not None


def test_workers_still_warming_up_do_not_lower_the_threshold(monkeypatch):
    # A call right after the one that started workers would wait for their start-up:
    # until their warm-up is done, the threshold for starting workers applies.
    class Fake:
        def __init__(self, **kwargs):
            pass

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", Fake)
    assert _pool.start(1, _parallel.START_METHOD, Fake) is not None
    assert _pool.start(1, _parallel.START_METHOD, Fake) is None  # one kept pool at most
    warming = Future()
    monkeypatch.setattr(_parallel, "_started", warming)
    assert _parallel.min_chars(1) == _parallel.MIN_CHARS
    warming.set_result(None)
    assert _parallel.min_chars(1) == _parallel.MIN_CHARS_WARM


def test_workers_started_for_later_that_stop_are_reported(monkeypatch):
    class BrokenPool(SpyPool):
        def submit(self, function, *args, **kwargs):
            future = Future()
            future.set_exception(BrokenProcessPool("terminated abruptly"))
            return future

    SpyPool.created, BrokenPool.real = [], None  # (SpyPool counts every pool)
    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", BrokenPool)
    corpus, _, expected = karabakh_sized(monkeypatch)
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)  # in process
    assert len(SpyPool.created) == 1
    with pytest.raises(FramingError, match=r"earlier call stopped.*if __name__"):
        match_parallel(corpus, karabakh(), n_jobs=2)
    _pool.shutdown()
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)  # said once


def test_no_workers_are_started_by_a_worker_importing_the_script(spy_pool, monkeypatch):
    # A script without `if __name__ == "__main__":` runs again in each spawned worker;
    # there, asking for workers raises at once instead of matching the corpus first.
    monkeypatch.setattr(multiprocessing.current_process(), "_inheriting", True, raising=False)
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    monkeypatch.setattr(_parallel, "MIN_CHARS_WARM", 0)
    monkeypatch.setattr(_parallel, "MIN_PART_CHARS", 1)
    with pytest.raises(FramingError, match=r"while a worker imports the script.*if __name__"):
        match_parallel(read_corpus("karabakh-2023-fr"), karabakh(), n_jobs=2)
    assert spy_pool.created == []


def test_one_document_or_one_cpu_stays_in_this_process(spy_pool, monkeypatch):
    monkeypatch.setattr(_parallel, "MIN_CHARS", 0)
    lex = lexicon({"f": ["offensive"]})
    one = Corpus(pd.DataFrame({"text": ["Une offensive."]}))
    assert_same_table(match_parallel(one, lex, n_jobs=4), match_lexicon(one, lex))
    monkeypatch.setattr(_parallel, "available_cpus", lambda: 1)
    two = Corpus(pd.DataFrame({"text": ["Une offensive.", "Une autre offensive."]}))
    assert_same_table(match_parallel(two, lex, n_jobs=-1), match_lexicon(two, lex))
    assert spy_pool.created == []


def test_a_worker_that_dies_gives_the_fix(monkeypatch, tiny_parts, tmp_path):
    class BrokenPool(SpyPool):
        def submit(self, function, *args, **kwargs):
            future = Future()
            future.set_exception(BrokenProcessPool("terminated abruptly"))
            return future

    BrokenPool.real = None
    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", BrokenPool)
    corpus = read_corpus("karabakh-2023-fr")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(FramingError, match=r'under `if __name__ == "__main__":`.* n_jobs=1'):
        match_parallel(corpus, karabakh(), n_jobs=2)
    assert _pool._kept is None  # a pool that failed is not kept for the next call
    assert list(tmp_path.iterdir()) == []  # the parts written for it are removed


def test_the_pool_is_kept_for_the_next_call_and_stopped_when_idle(
    tiny_parts, spy_pool, monkeypatch
):
    corpus = read_corpus("karabakh-2023-fr")
    expected = match_lexicon(corpus, "karabakh-2023-fr")
    # long enough for the second call to come, however loaded the machine (a CI run once
    # took more than 0.5 s between two calls and found the pool stopped)
    monkeypatch.setattr(_pool, "IDLE_SECONDS", 60)
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=2), expected)
    assert len(spy_pool.created) == 1  # the second call reused the first call's workers
    monkeypatch.setattr(_pool, "IDLE_SECONDS", 0.5)  # read when the call releases its pool
    assert_same_table(match_parallel(corpus, karabakh(), n_jobs=3), expected)
    assert len(spy_pool.created) == 2  # another number of workers: a new pool
    kept = _pool._kept
    assert kept is not None
    deadline = time.monotonic() + 30
    while _pool._kept is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _pool._kept is None  # stopped after IDLE_SECONDS unused


@pytest.mark.parametrize("caller_takes_parts", [True, False])
def test_a_pool_that_refuses_work_gives_the_fix(
    monkeypatch, tiny_parts, caller_takes_parts, tmp_path
):
    # submit() itself raises (a pool broken before this call): no hang, the fix is named
    class RefusingPool(SpyPool):
        def submit(self, function, *args, **kwargs):
            raise BrokenProcessPool("a child process terminated abruptly")

    RefusingPool.real = None
    monkeypatch.setattr(_parallel, "ProcessPoolExecutor", RefusingPool)
    monkeypatch.setattr(_parallel, "_CALLER_TAKES_PARTS", caller_takes_parts)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(FramingError, match=r'under `if __name__ == "__main__":`'):
        match_parallel(read_corpus("karabakh-2023-fr"), karabakh(), n_jobs=2)
    assert _pool._kept is None
    assert list(tmp_path.iterdir()) == []


def test_a_second_thread_gets_a_pool_of_its_own(monkeypatch):
    created = []

    class Fake:
        def __init__(self, **kwargs):
            created.append(self)
            self.stopped = False

        def shutdown(self, **kwargs):
            self.stopped = True

    first = _pool.acquire(1, "spawn", Fake)
    second = _pool.acquire(1, "spawn", Fake)  # the kept pool is in use
    assert first is not second
    _pool.release(second, keep=True)
    assert second.stopped  # a thread's own pool is not kept
    _pool.release(first, keep=True)
    assert not first.stopped
    assert _pool.acquire(1, "spawn", Fake) is first  # kept, and free again
    _pool.release(first, keep=False)
    assert first.stopped and _pool._kept is None
