"""Matching a corpus in threads or worker processes: ``match_lexicon(..., n_jobs=2)``.

Threads first, then kept workers
--------------------------------
``n_jobs=N`` matches N parts at once, either in N threads of the calling process or in
the calling process and N - 1 worker processes. Threads start at once and share
everything, but only the compiled loops and large numpy operations release the
interpreter lock: about 43 % of the matching time holds it (sampled with ``py-spy
--gil`` on the 50 MB benchmark), so two threads matching a corpus each reach 1.37–1.47×
the throughput of one (two processes 1.53–1.91× on the same machine), and more threads
cannot go much further. Processes scale with the CPUs but start slowly (1.5–2 s). So a
call that finds workers kept from an earlier call, warmed up, uses them; one that finds
none matches in ``n_jobs`` threads when ``n_jobs`` is at most :data:`THREAD_JOBS` (2),
and starts workers for the next calls once it is done (:func:`_start_for_later`); with
more jobs, a corpus of :data:`MIN_CHARS` or more starts workers and uses them at once.
On the benchmark (50 MB, two virtual CPUs) a first call gained 1.39× in threads, against
0.73–1.17× when it started its worker; calls with the kept worker 1.41× (median,
ninth session), 1.53–1.68× since they send rows (thirteenth session, a slower day).

How the work is shared
----------------------
The corpus is cut into consecutive parts of decreasing size (:func:`split_parts`:
batches of N parts, each half the remaining characters over N, down to
:data:`MIN_PART_CHARS`), so that the processes finish within one small part of each
other. In threads, whichever thread is free takes the largest part left
(:func:`_run_threads`); with workers, N processes run at once: the calling process and
N - 1 workers of a
:class:`concurrent.futures.ProcessPoolExecutor`. Whichever process is free takes the
largest part left: the calling process, whose tables are already built, starts at once;
a worker is handed its next part as soon as it finishes one. Each part is matched by
:func:`match_part` (:func:`~framing.match.match_lexicon` with ``n_jobs=1``) wherever it
runs, and the parts' tables are joined in corpus order by
:func:`~framing.match._combine.combine_matches`, which gives the whole corpus'
provenance. The table is the in-memory run's table, row for row and ``attrs`` included,
whatever ``n_jobs`` and whoever matched which part.

Workers are started with the ``spawn`` method on every platform (the only one Windows has,
the default on macOS; on Linux it avoids forking a process that may run threads), warm up
on a 200,000-character sample of the corpus before they get parts (once: a worker kept
for the next call is ready at once), and are kept for the next call
(:mod:`framing.match._pool`: stopped after five minutes unused, at exit, or by
``framing.match.stop_workers()``).

A part (ids, texts and metadata) goes to its worker, and its matches come back, as a
pickle file in a folder of :func:`tempfile.gettempdir` (``TMPDIR``), each file removed
once read and the folder at the end of the call. What comes back is not the part's table
but its sorted rows (:func:`match_part_rows`: offsets, entry numbers, voice codes and the
surfaces joined into one string, :class:`~framing.match._table.Rows`), which this process
makes into the table with the part's ids and metadata (:func:`part_table`): the table's
columns of Python strings took 90 ms to pickle and 65 ms to read back for a 190,000-row
part, its rows 20 and 17 ms, plus 50-70 ms here to make the table, and the worker no
longer builds its string columns (40 ms). On the benchmark (2026-11-23), kept workers
reached 0.86-0.90 of what two processes can do on the machine in the two runs alternated
with the previous code's three (0.80-0.84), 0.79-0.90 over five runs. Pickling a part
is cheap (about 10 ms per 12 MB); sending through the executor's pipe was not: the pipe
takes 64 kB at a time, and each needs a thread of the calling process, which is busy
matching its own parts and holds the interpreter lock for tens of milliseconds at a time
(regular expressions, the automaton). A worker waited up to 0.4 s to send a table back or
to receive its next part; through a file, it waits for one short message.

Lemma and stem entries
----------------------
These are expanded against the corpus vocabulary, and expanding against one part's
vocabulary is *not* the same: a form met in one document can match, through accent folding
or compound spellings, a word of another document whose own lemma differs (« opérations »
in one document lets « operations » match ``opération`` in another). So a lexicon with such
entries is matched in two rounds: the workers first collect, from their parts' vocabulary,
the word types that share a lemma or stem with an entry word (:func:`expansion_types`); the
entries are expanded once against their union (:func:`expand_entries`), which gives the
forms the whole corpus gives; the workers then match with those forms.

Small corpora
-------------
Each worker pays a fixed start-up: about 0.6–0.9 s to import pandas and framing, and
0.1–0.2 s more on its warm-up sample for the tables and regular expressions the text and
voice modules build once per process, and 0.5–0.7 s to load the compiled loops
(:mod:`framing._jit`; lemma/stem entries add simplemma's dictionary and, for stems,
NLTK). Matching itself costs about 26 ns a character and 0.1 ms a document in one
process (the ELTeC novels with the 312-entry benchmark lexicon, voice on, since the
seventh session's batches of short documents): a document counts as :data:`DOC_CHARS`
(4,000) characters of work (:func:`work`). On two CPUs (the calling process and one
worker, medians of three calls each, 2026-11-22), a call that has to start its worker
breaks even at about 70 M characters of work: novels 0.84× at 10 M, 0.86× at 20 M, 0.95×
at 50 M, 1.13× at 100 M; with the worker kept from an earlier call 0.81× at 5.5 M, 0.84×
at 10 M, 1.29× at 20 M, 1.38× at 50 M, 1.55× at 100 M. Articles of 3,000 characters, with
the thresholds below (first call / a call 3 s later): 4,000 articles (29 M of work)
1.06× / 1.25×, 8,000 (58 M) 0.95× / 1.45×, 14,748 (107 M) 1.11× / 1.33×.

So a corpus of less than :data:`MIN_CHARS_WARM` (25 million characters of work) is
matched in this process, by one thread (threads, measured on the benchmark's novels:
0.90× at 5 MB, 1.05× at 10 MB, 1.14× at 25 MB, 1.4× at 50 MB); from there, kept
workers are used when they are waiting; otherwise the call runs in threads (in one
thread below :data:`MIN_TEXT_THREADS`, 40 million characters of text: on articles,
whose per-document work holds the interpreter lock, two threads lose up to there) and
starts workers for the next calls, or, with more than
:data:`THREAD_JOBS` jobs and :data:`MIN_CHARS` (70 million) or more, starts its workers
and uses them at once.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import itertools
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np
import pandas as pd

from framing import _jit
from framing._errors import FramingError
from framing.corpus import Corpus
from framing.lexicon import Lexicon, Term
from framing.match import _api, _options, _pool
from framing.match._combine import combine_matches
from framing.match._compile import Plan, build_plan
from framing.match._expand import Expander, vocabulary
from framing.match._table import Labels, Rows

#: What a document weighs beyond its characters in the size thresholds below (:func:`work`),
#: counted in characters. Measured first as the cost of one document in one process (the
#: same 50 MB took 1.3 s as 100 novels and 2.9 s as 14,748 articles: 0.11 ms a document,
#: 26 ns a character). Since short documents' hits are kept in batches, one process pays
#: only ~0.07 ms a document (1,500–1,800 characters' worth), but the weight is kept: kept
#: workers gain on articles from fewer characters than on novels (1.30–1.32× on 4,000
#: articles, 12 M characters, 28 M of work; novels 0.84× at 10 M), whose few long
#: documents cut into unequal parts. It is what the thresholds need, not a cost.
DOC_CHARS = 4_000
#: From this much work (:func:`work`) on, workers are started and used at once; below, the
#: corpus is matched in the calling process unless kept workers are waiting (see the
#: module docstring for the measurements) ...
MIN_CHARS = 70_000_000
#: ... and below this much, even when they are waiting. From this size on, a call that
#: finds no kept workers starts them for the next calls.
MIN_CHARS_WARM = 25_000_000
#: Work of the smallest parts (see :func:`split_parts`): about 15 ms of matching, several
#: times what handing a part to a worker and its table back costs.
MIN_PART_CHARS = 500_000
#: How worker processes are started (the same on Linux, macOS and Windows).
START_METHOD = "spawn"
#: Up to this ``n_jobs``, a call that finds no kept workers ready matches in ``n_jobs``
#: threads of this process (:func:`_run_threads`) instead of starting worker processes
#: and waiting for them; more jobs start processes from :data:`MIN_CHARS` on, as threads
#: cannot go past the interpreter lock (see the module docstring). Tests set it to 0 to
#: send every part through a worker process.
THREAD_JOBS = 2
#: Characters of text (documents not counted) a corpus needs to be matched in threads:
#: the per-document work runs mostly under the interpreter lock, so threads only share the
#: per-character part. Articles of 3,000 characters (``python -m bench.thread_sizes``, a
#: first call in two threads against one thread, three runs): 0.94× at 6.6 M characters,
#: 0.77–0.97× at 13 M, 0.79–1.08× at 26 M, 0.91–1.14× at 40 M, 0.92–1.22× at 48 M; novels
#: 1.05× at 10 M, 1.14× at 25 M, 1.38× at 50 M. Below it, the call runs in one thread
#: (and still starts workers, which gain on articles from 13 M on, for the next calls).
MIN_TEXT_THREADS = 40_000_000
#: Whether a call that matched without workers starts them for the next calls
#: (:func:`_start_for_later`); ``framing match``, which makes one call and exits, does not.
START_FOR_LATER = True
#: Whether the calling process matches parts too (tests switch it off to make sure every
#: part goes through a worker).
_CALLER_TAKES_PARTS = True
#: The warm-up of workers started for later calls (:func:`_start_for_later`), whose
#: failure the next call reports.
_started: Future | None = None
#: Characters of the sample a new worker matches before its first part (see :func:`_run`
#: and :func:`_warm`): enough to reach every compiled loop (20,000 left four of them to
#: the worker's first part, ~0.1 s of loading there).
WARM_UP_CHARS = 200_000
#: The functions this process has warmed up for (:func:`_warm`; in a worker).
_warmed: set[Callable[..., Any]] = set()

#: Per lemma/stem entry (its index in ``lexicon.entries``), the word tuples it expands to.
Expansions = tuple[tuple[int, tuple[tuple[str, ...], ...]], ...]

# ProcessPoolExecutor refuses more workers on Windows.
_WINDOWS_MAX_WORKERS = 61
# The options match_lexicon records in attrs, in their checked form.
_OPTIONS = ("keep", "overlap", "language", "audit", "voice")


# --- n_jobs --------------------------------------------------------------------------------


def available_cpus() -> int:
    """CPUs this process may run on (its affinity where the platform tells it), at least 1."""
    counter = getattr(os, "process_cpu_count", None)  # Python >= 3.13
    if counter is not None:
        return max(1, counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def check_n_jobs(n_jobs: Any) -> int:
    """The number of worker processes ``n_jobs`` asks for: None -> 1, -1 -> every CPU.

    Raises
    ------
    FramingError
        When ``n_jobs`` is not None, -1 or a whole number of at least 1.
    """
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, (bool, np.bool_)) or not isinstance(n_jobs, (int, np.integer)):
        raise FramingError(
            "match_lexicon(): n_jobs must be a whole number of worker processes (1: this "
            f"process only, -1: every CPU) or None; got {n_jobs!r} "
            f"({type(n_jobs).__name__}). Fix: pass n_jobs=2, for instance."
        )
    n = int(n_jobs)
    if n == -1:
        return available_cpus()
    if n < 1:
        raise FramingError(
            f"match_lexicon(): n_jobs={n} is not a number of worker processes; expected 1 "
            f"or more, or -1 for every CPU ({available_cpus()} here). Other negative values "
            "(joblib's 'all CPUs but one') are not accepted: pass the number itself."
        )
    return n


def work(lengths: Sequence[int]) -> int:
    """The work of matching documents of these lengths, in characters: their characters
    plus :data:`DOC_CHARS` for each document (what every size threshold compares)."""
    return sum(lengths) + DOC_CHARS * len(lengths)


def min_chars(workers: int | None = None) -> int:
    """Work (:func:`work`) a corpus needs for worker processes to be used:
    :data:`MIN_CHARS`, or :data:`MIN_CHARS_WARM` when a kept pool of ``workers`` workers is
    waiting, warmed up (None: the smaller of the two, the bar any corpus must clear to be
    matched by more than one thread or process)."""
    if workers is None or _ready(workers):
        return min(MIN_CHARS, MIN_CHARS_WARM)
    return MIN_CHARS


def _ready(workers: int) -> bool:
    """Whether a kept pool of ``workers`` workers is waiting, warmed up (not still warming
    up after :func:`_start_for_later`, not in use by another thread)."""
    warming = _started is not None and not _started.done()
    return not warming and _pool.ready(workers, START_METHOD, ProcessPoolExecutor)


# --- splitting -----------------------------------------------------------------------------


def split_parts(
    lengths: Sequence[int], processes: int, *, smallest: int | None = None
) -> list[tuple[int, int]]:
    """Consecutive ``(start, stop)`` document ranges of decreasing size, for ``processes``.

    The sizes follow *factoring* (Hummel, Schonberg & Flynn 1992): the parts come in
    batches of ``processes`` parts, each part of a batch half the remaining characters
    divided by ``processes``, down to ``smallest`` characters (:data:`MIN_PART_CHARS` by
    default). Taken largest first by whichever process is free, the early parts are long
    (few hand-overs) and the last ones short, so the processes finish within about one
    small part of each other, even when a worker starts late or runs slower.

    ``lengths`` are the documents' lengths in characters. A document is never cut, so a
    document longer than a part makes its part longer and the parts fewer. Every document
    counts at least 1, so empty documents are spread too.

    References
    ----------
    Hummel, S. F., Schonberg, E., & Flynn, L. E. (1992). Factoring: a method for scheduling
    parallel loops. *Communications of the ACM*, 35(8), 90–101.
    https://doi.org/10.1145/135226.135232
    """
    n = len(lengths)
    if n == 0:
        return []
    processes = max(1, processes)
    smallest = max(1, MIN_PART_CHARS if smallest is None else smallest)
    ends = np.cumsum(np.maximum(np.asarray(lengths, dtype=np.int64), 1))
    total = int(ends[-1])
    targets = []
    done = 0
    while done < total:
        size = max(-(-(total - done) // (2 * processes)), smallest)
        for _ in range(processes):
            done = min(done + size, total)
            targets.append(done)
    # cut after the first document whose end reaches the target
    cuts = np.unique(np.searchsorted(ends, targets[:-1], side="left") + 1)
    bounds = [0, *(int(c) for c in cuts if 0 < c < n), n]
    return list(itertools.pairwise(bounds))


# --- lemma and stem entries ----------------------------------------------------------------


def _expanded_entries(lexicon: Lexicon) -> list[int]:
    """Indices (in ``lexicon.entries``) of the entries expanded against the vocabulary."""
    return [i for i, entry in enumerate(lexicon.entries) if entry.match != "exact"]


def expansion_types(corpus: Corpus, lexicon: Lexicon, *, language: str) -> set[str]:
    """The corpus' word types that share a lemma or stem with a lemma/stem entry's word.

    Run on each part of a corpus; expanding the entries against the union of the parts'
    types (:func:`expand_entries`) gives the forms the whole corpus' vocabulary gives,
    because an entry word's forms are the vocabulary types with its lemma (or stem).
    """
    wanted = [lexicon.entries[i] for i in _expanded_entries(lexicon)]
    if not wanted:
        return set()
    vocab = vocabulary(corpus.texts, language)
    expander = Expander(vocab, language)
    found: set[str] = set()
    for entry in wanted:
        for word, glob in zip(entry.words, entry.globs, strict=True):
            if not glob:
                found.update(expander.forms(word, entry.match, entry.case_sensitive))
    return found & vocab  # an entry word absent from the corpus is not a corpus type


def expand_entries(types: set[str], lexicon: Lexicon, *, language: str) -> Expansions:
    """Expand every lemma/stem entry against ``types`` (the union of :func:`expansion_types`).

    Raises
    ------
    FramingError
        When an entry expands to more forms than the matcher allows (the in-memory
        run raises the same error).
    """
    expander = Expander(types, language)
    out = []
    for i in _expanded_entries(lexicon):
        entry = lexicon.entries[i]
        words = expander.expand(entry.words, entry.globs, entry.match, entry.case_sensitive)
        out.append((i, tuple(words)))
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _expanded_plan(lexicon: Lexicon, language: str, expansions: Expansions) -> Plan:
    """The lexicon's plan plus its lemma/stem entries' forms (what ``_plan_for`` builds)."""
    compiled = _api._compile(lexicon, language)
    items = list(compiled.items)
    for i, forms in expansions:
        entry = compiled.entries[i]
        for words in forms:
            items.append(_api._item(i, Term(entry.pattern, words, entry.globs), entry))
    return build_plan(items, language)


def _empty(corpus: Corpus) -> Corpus:
    """A corpus with the same name, source and columns, and no document."""
    return corpus._subcorpus(corpus._frame.iloc[:0])


# --- one part ------------------------------------------------------------------------------


def match_part(
    corpus: Corpus,
    lexicon: Lexicon,
    *,
    expansions: Expansions | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Match one part of a corpus: the function each thread (or Dask partition) runs.

    Parameters
    ----------
    corpus : Corpus
        The part.
    lexicon : Lexicon
    expansions : tuple, optional
        The lemma/stem entries' forms for the *whole* corpus (:func:`expand_entries`);
        required when the lexicon has such entries, ignored otherwise.
    **options
        :func:`~framing.match.match_lexicon`'s options, checked (``keep`` a list).

    Returns
    -------
    pandas.DataFrame
        The part's matches table, as :func:`~framing.match.match_lexicon` gives it, but for
        ``attrs["corpus_fingerprint"]`` (None: the whole corpus' replaces it when the parts
        are joined, :func:`~framing.match._combine.combine_matches`).
    """
    plan = _part_plan(lexicon, options["language"], expansions)
    return _api.match_checked(corpus, lexicon, plan=plan, part=True, **options)


def match_part_rows(
    corpus: Corpus,
    lexicon: Lexicon,
    *,
    expansions: Expansions | None = None,
    **options: Any,
) -> tuple[Rows, dict[str, Any]]:
    """What a worker process sends back for a part: :func:`match_part`'s table as its rows
    and ``attrs``, which :func:`part_table` makes into the table in the calling process
    (see :mod:`framing.match._table`: rows travel between processes several times faster
    than the table's columns of strings)."""
    plan = _part_plan(lexicon, options["language"], expansions)
    return _api.match_rows(corpus, lexicon, plan=plan, part=True, **options)


#: :func:`match_part`'s table of a part from what :func:`match_part_rows` sent and the part's
#: ids and metadata (``Labels.of(part, options["keep"])``), made in the calling process.
part_table = _api.table_from_rows


def _part_plan(lexicon: Lexicon, language: str, expansions: Expansions | None) -> Plan | None:
    """The plan a part is matched with: None (the lexicon's, with the lemma/stem forms found
    in the part) unless the forms of the whole corpus are given."""
    if expansions is not None and _expanded_entries(lexicon):
        return _expanded_plan(lexicon, language, expansions)
    return None


def checked_options(corpus: Corpus, lexicon: Lexicon, **options: Any) -> dict[str, Any]:
    """``match_lexicon``'s options checked and resolved, by running it on no document.

    Raises what :func:`~framing.match.match_lexicon` raises for bad options. The run is
    without voice, so this process does not load the voice cues only the workers use.
    """
    voice = _options.check_flag(options.get("voice", True), "voice")
    unvoiced = {**options, "voice": False}
    attrs = _api.match_lexicon(_empty(corpus), lexicon, n_jobs=1, **unvoiced).attrs
    return {**options, **{name: attrs[name] for name in _OPTIONS}, "voice": voice}


# --- the pool ------------------------------------------------------------------------------


def _run(
    pool: ProcessPoolExecutor,
    workers: int,
    function: Callable[..., Any],
    parts: list[Corpus],
    sizes: list[int],
    *,
    warm_up: Corpus | None = None,
    meanwhile: Callable[[], object] | None = None,
    remote: Callable[..., Any] | None = None,
    receive: Callable[[int, Any], Any] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """``function(part, **kwargs)`` for every part; results in part order.

    Workers run ``remote`` instead when it is given, and what they send back for part
    ``i`` is ``receive(i, sent)`` here (:func:`match_part_rows` and :func:`part_table`).

    Whichever process is free takes the largest part left, until none is left. A worker
    gets its first part only once it has run ``function(warm_up)`` (a short sample: the
    worker has started and built its tables), so a part never waits for a worker that is
    still starting while this process could match it (its first part is written to disk
    meanwhile, by this thread, which takes it back if it runs out of parts first); then
    it is handed its next part as soon as it finishes one (from the finished future's
    callback), through a file (:func:`_through_files`). Its tables are read by this
    thread, between its own parts and then as they come: the callback runs on the
    executor's thread, which sends the worker its next part only once the callback
    returns, and reading a 100,000-row table takes about 30 ms (a worker waited that long
    at every hand-over). On a small corpus this process may match every part.
    ``meanwhile`` is called once this process has no part left, before it waits for the
    workers' last parts.
    """
    try:
        spool = tempfile.mkdtemp(prefix="framing-parts-")
    except OSError as exc:
        raise _spool_error(exc, tempfile.gettempdir()) from exc
    remotely = function if remote is None else remote
    queue = collections.deque(sorted(range(len(parts)), key=lambda i: (-sizes[i], i)))
    written: collections.deque[int] = collections.deque()  # a worker's next, on disk
    lock = threading.Lock()
    futures: dict[int, Future] = {}
    results: dict[int, Any] = {}
    stopping = threading.Event()
    failures: list[BaseException] = []

    def sent(i: int) -> str:
        return os.path.join(spool, f"{i}.in")

    # Who takes which part: a worker, one already written for it first (on disk: True);
    # this process, the largest unwritten one, then those written last (taken back); the
    # first parts written here, only unwritten ones.
    def take_for_worker() -> tuple[int | None, bool]:
        with lock:
            if written:
                return written.popleft(), True
            return (queue.popleft() if queue else None), False

    def take() -> int | None:
        with lock:
            return queue.popleft() if queue else written.pop() if written else None

    def take_unwritten() -> int | None:
        with lock:
            return queue.popleft() if queue else None

    def collect_done() -> None:
        # Read the tables of the parts the workers have finished (this thread only). Not
        # in the callback below: that runs on the executor's thread, which must be free
        # to send the worker its next part (reading a 100,000-row table takes ~30 ms).
        with lock:
            done = [(i, f) for i, f in futures.items() if i not in results and f.done()]
        for i, future in done:
            sent = _load(future.result())  # raises the worker's error
            results[i] = sent if receive is None else receive(i, sent)

    def hand_out(done: Future | None = None) -> None:
        if done is not None and not done.cancelled() and done.exception() is not None:
            failures.append(done.exception())  # raised below; the worker gets no more
            return
        if stopping.is_set():
            return
        i, on_disk = take_for_worker()
        if i is None:
            return
        try:
            if not on_disk:
                _dump(parts[i], sent(i))
            future = pool.submit(_through_files, remotely, sent(i), sent(i)[:-2] + "out", **kwargs)
        except Exception as exc:  # the pool broke: this process takes the part, and says so
            with lock:
                queue.appendleft(i)
            failures.append(exc)
            return
        with lock:
            futures[i] = future
        future.add_done_callback(hand_out)  # the worker's next part, at once

    try:
        for _ in range(workers):
            if warm_up is None:
                hand_out()
            else:
                try:
                    pool.submit(_warm, remotely, warm_up, **kwargs).add_done_callback(hand_out)
                except Exception as exc:  # raised once this process has matched the parts
                    failures.append(exc)
        # While the workers warm up, their first parts are written here, before this
        # thread starts on its own: about 10 ms a 12 MB part, but 30-40 ms on the
        # executor's thread once this thread is matching (it holds the interpreter lock
        # most of the time), which a warm worker spent waiting. This process takes them
        # back (the last written first) if it runs out of parts before a worker is ready.
        for _ in range(workers if warm_up is not None else 0):
            if (i := take_unwritten()) is None:
                break
            _dump(parts[i], sent(i))
            with lock:
                written.append(i)
        while _CALLER_TAKES_PARTS and (i := take()) is not None:
            results[i] = function(parts[i], **kwargs)
            collect_done()
        if meanwhile is not None:
            meanwhile()
        while len(results) < len(parts):
            if failures:
                raise failures[0]
            collect_done()
            with lock:
                waiting = [f for i, f in futures.items() if i not in results]
                unsent = len(parts) - len(results) - len(waiting)
            if unsent:  # being handed out, waiting for a worker, or given back
                # (a part a broken pool refused comes back)
                j = take() if _CALLER_TAKES_PARTS else None
                if j is not None:
                    results[j] = function(parts[j], **kwargs)
                    continue
            if waiting:  # tables are read as they come, in whatever order
                wait(waiting, timeout=0.05, return_when=FIRST_COMPLETED)
            else:
                time.sleep(0.001)
        if failures:  # this process matched everything, but the workers are broken
            raise failures[0]
    except OSError as exc:  # writing or reading a part's or a table's file
        raise _spool_error(exc, spool) from exc
    except BrokenProcessPool as exc:
        raise _stopped_error("a worker process stopped before finishing") from exc
    finally:
        stopping.set()
        with lock:
            pending = list(futures.values())
        for future in pending:
            future.cancel()
        if not pending or all(f.done() for f in pending):
            shutil.rmtree(spool, ignore_errors=True)
        else:  # a worker may still write its table: removed once every part is done
            _remove_when_done(pending, spool)
    return [results[i] for i in range(len(parts))]


def _run_threads(
    function: Callable[..., Any],
    parts: list[Corpus],
    sizes: list[int],
    threads: int,
    *,
    meanwhile: Callable[[], object] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """``function(part, **kwargs)`` for every part, in ``threads`` threads of this process
    (this one included); results in part order.

    Whichever thread is free takes the largest part left, as in :func:`_run`; nothing is
    pickled, nothing starts. After a failure no thread takes a new part, and the first
    error is raised once every thread has stopped. ``meanwhile`` is called once this
    thread has no part left, while the others finish theirs.
    """
    queue = collections.deque(sorted(range(len(parts)), key=lambda i: (-sizes[i], i)))
    lock = threading.Lock()
    results: dict[int, Any] = {}
    failures: list[BaseException] = []

    def loop() -> None:
        while True:
            with lock:
                if failures or not queue:
                    return
                i = queue.popleft()
            try:
                results[i] = function(parts[i], **kwargs)
            except BaseException as exc:  # (KeyboardInterrupt too: the others stop)
                with lock:
                    failures.append(exc)
                return

    with ThreadPoolExecutor(threads - 1, thread_name_prefix="framing-match") as pool:
        others = [pool.submit(loop) for _ in range(threads - 1)]
        loop()
        if meanwhile is not None and not failures:
            meanwhile()
        wait(others)
    if failures:
        raise failures[0]
    return [results[i] for i in range(len(parts))]


def _stopped_error(what: str) -> FramingError:
    return FramingError(
        f"match_lexicon(): {what} (n_jobs > 1). Workers are started with "
        f"{START_METHOD!r}, which runs the calling script again in each worker: a script "
        "that calls match_lexicon(..., n_jobs=...) must do so under "
        '`if __name__ == "__main__":`. Otherwise the machine may have run out of memory: '
        "use fewer workers, or n_jobs=1."
    )


def _spool_error(exc: OSError, folder: str) -> FramingError:
    return FramingError(
        "match_lexicon(): with n_jobs > 1, parts of the corpus and their matches travel "
        f"between the processes as files in the temporary folder {folder!r}, and that "
        f"failed: {exc}. Fix: point the TMPDIR environment variable (TEMP on Windows) at a "
        "folder with room to write, or pass n_jobs=1."
    )


def _through_files(function: Callable[..., Any], sent: str, back: str, **kwargs: Any) -> str:
    """In a worker: ``function`` on the part pickled at ``sent``; its result pickled at
    ``back``, whose path is returned (see the module docstring: why files)."""
    part = _load(sent)
    _dump(function(part, **kwargs), back)
    return back


def _dump(obj: Any, path: str) -> None:
    with open(path, "wb") as file:
        pickle.dump(obj, file, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: str) -> Any:
    """The object pickled at ``path``, which is then removed."""
    with open(path, "rb") as file:
        obj = pickle.load(file)
    os.remove(path)
    return obj


def _remove_when_done(futures: list[Future], folder: str) -> None:
    remaining = [len(futures)]
    lock = threading.Lock()

    def done(_: Future) -> None:
        with lock:
            remaining[0] -= 1
            if remaining[0] == 0:
                shutil.rmtree(folder, ignore_errors=True)

    for future in futures:
        future.add_done_callback(done)


@contextlib.contextmanager
def no_workers_for_later() -> Iterator[None]:
    """Within this block, calls do not start workers for later calls
    (:data:`START_FOR_LATER`): for a program that matches once and exits, whose exit would
    otherwise wait for workers that no call will use."""
    global START_FOR_LATER
    before, START_FOR_LATER = START_FOR_LATER, False
    try:
        yield
    finally:
        START_FOR_LATER = before


def _start_for_later(workers: int, corpus: Corpus, lexicon: Lexicon, options: dict) -> None:
    """Start ``workers`` workers, warming up on ``corpus``, and keep them for the next calls.

    For a corpus too small to repay starting workers now but large enough to repay kept
    ones (between :data:`MIN_CHARS_WARM` and :data:`MIN_CHARS` characters): this call
    matches in this process while the workers start on the other CPUs, and the next call
    finds them ready. Nothing is started when a pool is kept already (or in use).
    """
    global _started
    pool = _pool.start(workers, START_METHOD, ProcessPoolExecutor)
    if pool is None:
        return
    try:
        _started = pool.submit(_warm, match_part_rows, _sample(corpus), lexicon=lexicon, **options)
    except Exception:  # the pool cannot start: nothing lost, no worker is kept
        _pool.shutdown()


def _check_workers_can_start() -> None:
    """Raise the fix when workers cannot be started, or the ones started earlier stopped.

    In a worker that is importing the calling script (a script without
    ``if __name__ == "__main__":``), starting workers again would match the corpus in
    the worker before failing: this raises at once instead, as Python's own check does.
    Workers started for later by an earlier call (:func:`_start_for_later`) that stopped
    while warming up are reported here, once.
    """
    global _started
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise _stopped_error("workers cannot be started while a worker imports the script")
    started = _started
    if started is None or not started.done():
        return
    _started = None
    if not started.cancelled() and isinstance(started.exception(), BrokenProcessPool):
        raise _stopped_error(
            "the workers started by an earlier call stopped while starting"
        ) from started.exception()


def _warm(function: Callable[..., Any], sample: Corpus, **kwargs: Any) -> Any:
    """A worker's first task in a call: the compiled loops turned on (a worker only ever
    gets parts of a large corpus; see :mod:`framing._jit`), then, the first time this
    process warms up for ``function``, ``function`` on the warm-up sample, which loads
    them (and builds the tables the text and voice modules build once) while the calling
    process is matching. A worker kept from an earlier call has done that already: it
    returns None at once, ready for its first part (a new lexicon is compiled there)."""
    _jit.use_compiled()
    if function in _warmed:
        return None
    result = function(sample, **kwargs)
    _warmed.add(function)
    return result


def _sample(corpus: Corpus) -> Corpus:
    """The start of the corpus' longest document: what a worker warms up on."""
    frame = corpus._frame
    longest = int(np.argmax([len(t) for t in corpus.texts]))
    row = frame.iloc[longest : longest + 1].copy()
    row["text"] = row["text"].str.slice(0, WARM_UP_CHARS)
    return corpus._subcorpus(row)


def _expansions_of(
    run: Callable[..., list[Any]], lexicon: Lexicon, language: str
) -> Expansions | None:
    """The lemma/stem entries' forms for the whole corpus (None without such entries),
    from each part's types found by ``run(expansion_types, ...)``."""
    if not _expanded_entries(lexicon):
        return None
    found = run(expansion_types, lexicon=lexicon, language=language)
    return expand_entries(set().union(*found), lexicon, language=language)


def _match_in_threads(
    corpus: Corpus,
    lexicon: Lexicon,
    parts: list[Corpus],
    sizes: list[int],
    threads: int,
    options: dict[str, Any],
) -> list[pd.DataFrame]:
    """The parts' tables, matched by ``threads`` threads of this process."""

    def run(function: Callable[..., Any], **kwargs: Any) -> list[Any]:
        return _run_threads(function, parts, sizes, threads, **kwargs)

    expansions = _expansions_of(run, lexicon, options["language"])
    return run(
        match_part, meanwhile=corpus.fingerprint, lexicon=lexicon, expansions=expansions, **options
    )


def _match_in_processes(
    corpus: Corpus,
    lexicon: Lexicon,
    parts: list[Corpus],
    sizes: list[int],
    workers: int,
    options: dict[str, Any],
) -> list[pd.DataFrame]:
    """The parts' tables, matched by this process and ``workers`` worker processes."""
    pool = _pool.acquire(workers, START_METHOD, ProcessPoolExecutor)
    keep = False
    warm_up: Corpus | None = _sample(corpus)  # None once the workers have started

    def run(function: Callable[..., Any], **kwargs: Any) -> list[Any]:
        nonlocal warm_up
        got = _run(pool, workers, function, parts, sizes, warm_up=warm_up, **kwargs)
        warm_up = None
        return got

    try:
        expansions = _expansions_of(run, lexicon, options["language"])
        tables = run(
            match_part,
            remote=match_part_rows,  # the workers send rows, made into tables here
            receive=lambda i, sent: part_table(
                sent, Labels.of(parts[i], options["keep"]), lexicon, options
            ),
            meanwhile=corpus.fingerprint,  # computed while the workers finish their parts
            lexicon=lexicon,
            expansions=expansions,
            **options,
        )
        keep = True
    finally:
        # Kept for the next call unless something went wrong. (A pool is always shut down
        # with wait=True: wait=False is unreliable across Python versions, with errors at
        # exit, python/cpython#83386.)
        _pool.release(pool, keep=keep)
    return tables


def match_parallel(
    corpus: Corpus, lexicon: Lexicon, *, n_jobs: int | None, **options: Any
) -> pd.DataFrame:
    """The table of ``match_lexicon(corpus, lexicon, **options)``, by ``n_jobs`` processes.

    Parameters
    ----------
    corpus : Corpus
    lexicon : Lexicon
    n_jobs : int or None
        Parts matched at once (threads or processes, see Notes); -1 for every CPU this
        process may use, None for 1.
    **options
        :func:`~framing.match.match_lexicon`'s keyword options (``keep``, ``overlap``,
        ``language``, ``audit``, ``voice``).

    Returns
    -------
    pandas.DataFrame
        The same table as :func:`~framing.match.match_lexicon` with ``n_jobs=1``, rows,
        dtypes and ``attrs`` included.

    Raises
    ------
    FramingError
        A bad ``n_jobs`` or option; a worker that stopped (see Notes).

    Notes
    -----
    A corpus of less than :data:`MIN_CHARS_WARM` characters of work, one document, or
    ``n_jobs`` resolving to 1 is matched in this process by one thread. A larger one is
    matched by workers kept from an earlier call when they are waiting; otherwise in
    ``n_jobs`` threads (up to :data:`THREAD_JOBS` jobs, from :data:`MIN_TEXT_THREADS`
    characters of text; below, in one thread; more jobs start workers at once from
    :data:`MIN_CHARS` on), after which workers are started for the next calls (kept
    five minutes; not within :func:`no_workers_for_later`). Workers are started with
    ``spawn``, which imports the calling script in each worker: a script must call this
    under ``if __name__ == "__main__":`` (notebooks need nothing).
    """
    workers = check_n_jobs(n_jobs)
    options = checked_options(corpus, lexicon, **options)
    texts = corpus.texts
    lengths = [len(t) + DOC_CHARS for t in texts]  # each document's work (see work())
    bounds = split_parts(lengths, workers)
    # The calling process is one of the n_jobs: it matches parts too.
    workers = min(workers, len(bounds)) - 1
    if sys.platform == "win32":
        workers = min(workers, _WINDOWS_MAX_WORKERS)
    total = sum(lengths)  # work(), as lengths count DOC_CHARS
    if workers < 1 or total < min_chars():
        return _api.match_lexicon(corpus, lexicon, n_jobs=1, **options)
    _check_workers_can_start()
    _jit.use_compiled()  # a corpus this large repays loading the compiled loops
    in_processes = _ready(workers) or (workers + 1 > THREAD_JOBS and total >= MIN_CHARS)
    # threads share only the per-character work: the text, without DOC_CHARS, decides
    in_threads = not in_processes and total - DOC_CHARS * len(texts) >= MIN_TEXT_THREADS
    if in_processes or in_threads:
        parts = [corpus._rows(a, b) for a, b in bounds]
        sizes = [sum(lengths[a:b]) for a, b in bounds]
        if in_processes:
            tables = _match_in_processes(corpus, lexicon, parts, sizes, workers, options)
        else:
            tables = _match_in_threads(corpus, lexicon, parts, sizes, workers + 1, options)
        fingerprint = corpus.fingerprint()
        table = combine_matches(tables, corpus_fingerprint=fingerprint, n_docs=len(corpus))
    else:  # too little text for threads to gain: one thread
        table = _api.match_lexicon(corpus, lexicon, n_jobs=1, **options)
    if not in_processes and START_FOR_LATER:  # no kept workers: start them for next calls
        _start_for_later(workers, corpus, lexicon, options)
    return table
