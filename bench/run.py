"""Benchmark framing against its peers on the same text, in one process and one run.

Usage (from the repository root)::

    python -m bench.run                       # everything on the 50 MB of ELTeC-fra novels
    python -m bench.run --quick               # the same on a ~5 MB subset
    python -m bench.run --only regex,framing  # some parts only
    python -m bench.run --big                 # add the 1 GB streaming run
    python -m bench.run --articles 3000       # the novels cut into press-sized documents

Parts (``--only``):

- ``regex``    one regex tokenisation pass, ``re.findall(r"\\w+|[^\\w\\s]", text.lower())``;
- ``spacy``    spaCy's blank tokenizer + ``PhraseMatcher(attr="LOWER")`` over ``nlp.pipe``,
               globs pre-expanded against the corpus vocabulary (see :mod:`bench.peers`);
               also compares its match counts with framing's (:mod:`bench.counts`);
- ``framing``  ``match_lexicon`` end to end (normalising, matching, voice, the full matches
               table with metadata), with voice and without;
- ``parallel`` ``match_lexicon(n_jobs=1)`` vs ``n_jobs=2``, same output, on the corpus and on
               small corpora;
- ``stream``   ``framing match CORPUS LEXICON --out X.parquet --chunksize N`` in a subprocess
               over JSONL corpora of 5, 25, 50 and 100 MB (and 1 GB with ``--big``): wall time,
               peak RSS, linearity, progress bar;
- ``stats``    ``compare_log_odds``, ``compare_keyness`` and ``compare_specificities`` over
               the corpus grouped 20 ways (``year_bin``: 20 bins of five novels by year).

Every timing is the median of ``--repeat`` runs (3 by default). The single-process routes
(regex, spaCy, framing with and without voice) run in rounds, each once per round, so that
the runs a ratio compares are close in time; the ratios are given on the medians and, per
round, paired (the median of each round's ratio). Results go to
``bench/results/<date>-<host>.json`` and a Markdown table is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import socket
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from contextlib import nullcontext
from importlib import metadata
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/run.py
    # the repository root instead of bench/, whose module names must not shadow others
    sys.path[0] = str(Path(__file__).resolve().parents[1])

import numpy as np
import pandas as pd

from bench import corpus as bcorpus
from bench import counts as bcounts
from bench.capacity import Twin, capacity, thread_pair
from bench.peers import SpacyRoute, regex_pass
from bench.report import markdown, ratio
from bench.stream import log, run_stream

PARTS = ("regex", "spacy", "framing", "parallel", "stream", "stats")
STREAM_MB = (5, 25, 50, 100)
QUICK_STREAM_MB = (1, 2.5, 5)
RESULTS = bcorpus.BENCH / "results"
PACKAGES = (
    "framing",
    "numpy",
    "pandas",
    "pyarrow",
    "ahocorasick-rs",
    "numba",
    "llvmlite",
    "scipy",
    "spacy",
    "joblib",
    "tqdm",
)


# --- small helpers -------------------------------------------------------------------------


def timed(func: Callable[[], Any], repeat: int, before: Callable[[], None] | None = None):
    """Run ``func`` ``repeat`` times; return (wall seconds, CPU seconds, last result).

    CPU seconds (``time.process_time``: this process, all its threads) are reported beside
    wall seconds because a shared machine slows wall time down without changing the work.
    """
    walls: list[float] = []
    cpus: list[float] = []
    result = None
    for _ in range(repeat):
        if before is not None:
            before()
        result = None  # free the previous result before the next run
        c0, t0 = time.process_time(), time.perf_counter()
        result = func()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return (walls, cpus), result


def timing(runs: tuple[list[float], list[float]], mb: float, **extra: Any) -> dict[str, Any]:
    """A timing record: wall and CPU runs, their medians, MB/s (wall)."""
    walls, cpus = runs
    med = statistics.median(walls)
    return {
        "runs_s": [round(r, 6) for r in walls],
        "median_s": round(med, 6),
        "mb_per_s": round(mb / med, 3) if med > 0 else None,
        "cpu_runs_s": [round(r, 6) for r in cpus],
        "cpu_median_s": round(statistics.median(cpus), 6),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        **extra,
    }


def _clear_compile_cache() -> None:
    """Forget framing's compiled lexicons so that every run compiles (end to end)."""
    from framing.match import _api

    cache_clear = getattr(getattr(_api, "_compile", None), "cache_clear", None)
    if cache_clear is not None:
        cache_clear()


def git_state() -> dict[str, Any]:
    """The checkout measured: HEAD and the files of framing/ changed since (read-only git)."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(bcorpus.REPO), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.rstrip() if done.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "framing").splitlines()]
    return {"commit": git("rev-parse", "HEAD") or None, "framing_changed": changed}


def machine() -> dict[str, Any]:
    """CPU, cores, RAM, OS, Python and package versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "git": git_state(),
        "host": socket.gethostname(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": ram_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
    }


# --- the parts -----------------------------------------------------------------------------


def spacy_setup(texts, lexicon) -> tuple[Any, dict[str, Any]]:
    """The spaCy route, built (untimed setup, reported): its vocabulary pass expands the
    globs against the corpus, then the PhraseMatcher is built."""
    log("spacy: vocabulary pass (glob expansion; untimed setup, reported)")
    route = SpacyRoute(lexicon, max_length=max(map(len, texts), default=1))
    t0 = time.perf_counter()
    vocab = route.vocabulary(texts, keep_tokens=True)
    vocab_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    route.build(vocab)
    setup = {
        "vocabulary_s": round(vocab_s, 3),
        "vocabulary_size": len(vocab),
        "build_s": round(time.perf_counter() - t0, 3),
        "n_patterns": route.n_patterns,
        "n_glob_expansions": route.n_expanded,
    }
    return route, setup


def run_rounds(
    routes: dict[str, Callable[[], Any]], repeat: int
) -> tuple[dict[str, tuple[list[float], list[float]]], dict[str, Any]]:
    """Time the routes in ``repeat`` rounds, each route once per round, in turn.

    This machine's speed drifts by 20-50 % within minutes; timed in blocks (all regex runs,
    then all spaCy runs, ...), a route could fall in a slow stretch and another in a fast
    one. In rounds, the runs that a ratio compares are minutes apart at most, and
    :func:`paired_ratios` compares each round's runs with each other. Returns the (wall,
    CPU) runs of each route and each route's last result.
    """
    runs: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in routes}
    last: dict[str, Any] = {}
    for r in range(repeat):
        log(f"round {r + 1}/{repeat}: {', '.join(routes)}")
        for name, func in routes.items():
            last.pop(name, None)  # free the previous result before the next run
            _clear_compile_cache()
            (wall, cpu), last[name] = timed(func, 1)
            runs[name][0].extend(wall)
            runs[name][1].extend(cpu)
    return runs, last


def paired_ratios(t: dict[str, Any]) -> dict[str, float]:
    """peer / framing per round (the runs of one round are adjacent in time), median over
    the rounds, on wall and CPU time (> 1: framing is faster)."""
    out = {}
    for peer in ("spacy", "regex"):
        for mine in ("framing_voice", "framing_novoice"):
            if peer not in t or mine not in t:
                continue
            for clock, key in (("wall", "runs_s"), ("cpu", "cpu_runs_s")):
                pairs = [a / b for a, b in zip(t[peer][key], t[mine][key], strict=True) if b]
                if pairs:
                    out[f"{peer}/{mine} ({clock}, paired)"] = round(statistics.median(pairs), 4)
    return out


def run_counts(corpus, lexicon, texts, spacy_result, route) -> tuple[dict[str, Any], Any]:
    from framing import match_lexicon

    log("counts: framing overlap='all' and 'longest' (voice off) vs spaCy")
    ids = corpus.doc_ids
    f_all = bcounts.framing_spans(
        match_lexicon(corpus, lexicon, voice=False, overlap="all", keep=False), lexicon, ids
    )
    f_long = bcounts.framing_spans(
        match_lexicon(corpus, lexicon, voice=False, keep=False), lexicon, ids
    )
    sp = bcounts.spacy_spans(spacy_result.spans)
    table = bcounts.per_entry(lexicon, framing_all=f_all, framing_longest=f_long, spacy=sp)
    only = bcounts.classify(
        lexicon,
        texts,
        framing_all=f_all,
        spacy=sp,
        spacy_tokens=route.tokens,
        language=lexicon.language.split("-")[0],
    )
    by_shape = table.groupby("shape")[["n_framing_all", "n_framing_longest", "n_spacy"]].sum()
    record = {
        "totals": {
            "framing_all": int(table["n_framing_all"].sum()),
            "framing_longest": int(table["n_framing_longest"].sum()),
            "spacy": int(table["n_spacy"].sum()),
            "same_spans": int(len(f_all) - (only["side"] == "framing").sum()),
            "framing_only": int((only["side"] == "framing").sum()),
            "spacy_only": int((only["side"] == "spacy").sum()),
        },
        "by_shape": {s: {k: int(v) for k, v in row.items()} for s, row in by_shape.iterrows()},
        "entries_equal": int((table["diff"] == 0).sum()),
        "entries": len(table),
        "largest_differences": table.reindex(
            table["diff"].abs().sort_values(ascending=False).index
        )
        .head(12)
        .to_dict("records"),
        "differences": bcounts.summary(only),
    }
    return record, table


def run_parallel(corpus, lexicon, mb: float, repeat: int, small: list) -> dict[str, Any]:
    import inspect

    from framing import match_lexicon

    if "n_jobs" not in inspect.signature(match_lexicon).parameters:
        return {"status": "match_lexicon has no n_jobs parameter yet: not measured"}
    out: dict[str, Any] = {"status": "ok"}
    for label, corp in [("corpus", corpus), *small]:
        size = bcorpus.text_bytes(corp.texts) / bcorpus.MB
        rec: dict[str, Any] = {"mb": round(size, 3), "n_docs": len(corp)}
        tables = {}
        walls: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        twin = label == "corpus"  # the machine's capacity for two processes, on the corpus
        pairs_s: dict[str, list[float]] = {"here": [], "twin": []}
        threads_s: dict[str, list[float]] = {"here": [], "other": []}  # two threads at once
        log(
            f"parallel: {label} ({size:.2f} MB) n_jobs=1 and 2 in turn x{repeat}"
            + (", then two n_jobs=1 processes at once" if twin else "")
        )
        _stop_kept_workers()  # the first n_jobs=2 run finds none: threads, then starts them
        # In turn (1, 2, 1, 2 ...), not all runs of one then the other: this machine's speed
        # drifts over minutes, and a ratio of neighbouring runs is what drifts least.
        with Twin(corp, lexicon, before=_clear_compile_cache) if twin else nullcontext() as tw:
            for _ in range(repeat):
                for n_jobs in (1, 2):
                    try:
                        (wall, cpu), tables[n_jobs] = timed(
                            lambda n=n_jobs, c=corp: match_lexicon(c, lexicon, n_jobs=n),
                            1,
                            _clear_compile_cache,
                        )
                    except Exception as exc:  # the feature is being built: report it
                        out["status"] = f"n_jobs={n_jobs} failed: {type(exc).__name__}: {exc}"
                        return out
                    walls[n_jobs] += wall
                    cpus[n_jobs] += cpu
                if tw is not None:
                    here, other = tw.pair(
                        lambda c=corp: match_lexicon(c, lexicon), _clear_compile_cache
                    )
                    pairs_s["here"].append(round(here, 6))
                    pairs_s["twin"].append(round(other, 6))
                    here, other = thread_pair(
                        lambda c=corp: match_lexicon(c, lexicon), _clear_compile_cache
                    )
                    threads_s["here"].append(round(here, 6))
                    threads_s["other"].append(round(other, 6))
        for n_jobs in (1, 2):
            rec[f"n_jobs_{n_jobs}"] = timing((walls[n_jobs], cpus[n_jobs]), size)
        rec["speedup"] = ratio(rec["n_jobs_1"]["median_s"], rec["n_jobs_2"]["median_s"])
        # The first n_jobs=2 run matches in threads and starts the workers; later runs use
        # them (kept pool).
        # Each is compared with the n_jobs=1 run just before it.
        pairs = [  # from the recorded (rounded) runs, so that a reader can redo them
            ratio(one, two)
            for one, two in zip(rec["n_jobs_1"]["runs_s"], rec["n_jobs_2"]["runs_s"], strict=True)
        ]
        rec["speedup_first_call"] = pairs[0]
        rec["speedup_kept"] = statistics.median(pairs[1:]) if len(pairs) > 1 else None
        # How much the kept-worker ratio varies from pair to pair (this machine's noise):
        # the quartiles of the pairs (n - 1 cut points: exclusive method, as R's type 6).
        kept = pairs[1:]
        rec["speedup_kept_quartiles"] = (
            [round(q, 4) for q in statistics.quantiles(kept, n=4)[::2]] if len(kept) >= 4 else None
        )
        if twin:  # from the recorded (rounded) runs, so that a reader can redo them
            rec["pair_s"] = pairs_s
            caps = [
                capacity(one, here, other)
                for one, here, other in zip(
                    rec["n_jobs_1"]["runs_s"], pairs_s["here"], pairs_s["twin"], strict=True
                )
            ]
            rec["capacity"] = round(statistics.median(caps), 4)
            rec["thread_pair_s"] = threads_s
            rec["thread_capacity"] = round(
                statistics.median(
                    capacity(one, here, other)
                    for one, here, other in zip(
                        rec["n_jobs_1"]["runs_s"],
                        threads_s["here"],
                        threads_s["other"],
                        strict=True,
                    )
                ),
                4,
            )
            # each kept-worker speedup as a share of what two processes gave in its round
            shares = [p / c for p, c in zip(pairs[1:], caps[1:], strict=True)]
            rec["kept_share_of_capacity"] = round(statistics.median(shares), 4) if shares else None
        rec["same_output"] = bool(tables[1].equals(tables[2]))
        if not rec["same_output"]:
            rec["differences"] = _table_differences(tables[1], tables[2])
        out[label] = rec
    return out


def _stop_kept_workers() -> None:
    """Stop the worker processes framing keeps between n_jobs calls (if it keeps any)."""
    try:
        from framing.match import _pool
    except ImportError:  # older framing: no kept pool
        return
    _pool.shutdown()


def _table_differences(a: pd.DataFrame, b: pd.DataFrame) -> dict[str, Any]:
    """Where two matches tables differ: shape, dtypes, and rows per differing column."""
    if a.shape != b.shape:
        return {"shape": [list(a.shape), list(b.shape)]}
    out: dict[str, Any] = {}
    for col in a.columns:
        if col not in b.columns:
            out[col] = "missing in n_jobs=2"
            continue
        if a[col].dtype != b[col].dtype:
            out[col] = f"dtype {a[col].dtype} vs {b[col].dtype}"
            continue
        x, y = a[col].astype(object), b[col].astype(object)
        same = (x == y) | (x.isna() & y.isna())
        if not same.all():
            first = int(np.flatnonzero(~same.to_numpy())[0])
            example = [str(x.iloc[first]), str(y.iloc[first]), str(a["doc_id"].iloc[first])]
            out[col] = {"rows": int((~same).sum()), "first": example}
    return out


def run_stats(corpus, by: str, repeat: int, mb: float) -> dict[str, Any]:
    from framing import compare_keyness, compare_log_odds, compare_specificities
    from framing._counts import term_table

    groups = sorted(corpus.docs[by].dropna().unique().tolist())
    target = groups[0]
    out: dict[str, Any] = {"by": by, "n_groups": len(groups), "target": target}
    calls = {
        "compare_log_odds": lambda data: compare_log_odds(data, by=by, target=target),
        "compare_keyness": lambda data: compare_keyness(data, by=by, target=target),
        "compare_specificities": lambda data: compare_specificities(data, by=by),
    }

    def cold() -> None:  # a Corpus keeps its term tables: measure the first call
        corpus.__dict__.pop("_term_tables", None)

    for name, call in calls.items():
        log(f"stats: {name}(corpus, by={by!r}) x{repeat}")
        runs, res = timed(lambda c=call: c(corpus), repeat, cold)
        out[name] = timing(runs, mb, n_rows=len(res))
        runs, res = timed(lambda c=call: c(corpus), repeat)  # counts kept on the corpus
        out[f"{name}_warm"] = timing(runs, mb, n_rows=len(res))
    log("stats: term table once, then each statistic on the count table")
    runs, table = timed(lambda: term_table(corpus, by=by).to_frame(), repeat, cold)
    out["tokenise_and_count"] = timing(runs, mb, n_rows=len(table))
    for name, call in calls.items():
        runs, res = timed(lambda c=call: c(table), repeat)
        out[f"{name}_on_counts"] = timing(runs, mb, n_rows=len(res))
    return out


def ratios(t: dict[str, Any]) -> dict[str, float]:
    """peer / framing time ratios, on wall and on CPU medians (> 1: framing is faster)."""
    out = {}
    for peer in ("spacy", "regex"):
        for mine in ("framing_voice", "framing_novoice"):
            for clock, key in (("wall", "median_s"), ("cpu", "cpu_median_s")):
                value = ratio(t.get(peer, {}).get(key), t.get(mine, {}).get(key))
                if value is not None:
                    out[f"{peer}/{mine} ({clock})"] = value
    return out


# --- main ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Benchmark framing against a regex pass and spaCy on the same text.",
    )
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    p.add_argument("--only", default=",".join(PARTS), help="comma-separated: " + ",".join(PARTS))
    p.add_argument("--quick", action="store_true", help="use a ~5 MB subset of the novels")
    p.add_argument("--big", action="store_true", help="also stream a 1 GB JSONL corpus")
    p.add_argument("--corpus", type=Path, help="another corpus file (read_corpus) to use")
    p.add_argument(
        "--articles",
        type=int,
        metavar="CHARS",
        help="cut the novels into documents of about CHARS characters (press-sized)",
    )
    p.add_argument("--lexicon", type=Path, default=bcorpus.LEXICON)
    p.add_argument("--by", default="year_bin", help="grouping column of the statistics")
    p.add_argument("--chunksize", type=int, default=20, help="documents per streamed chunk")
    p.add_argument("--stream-format", default="parquet", choices=("parquet", "csv"))
    p.add_argument("--results", type=Path, default=RESULTS, help="folder of the results JSON")
    p.add_argument("--no-save", action="store_true", help="print only")
    args = p.parse_args(argv)
    parts = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in parts if s not in PARTS]
    if unknown:
        p.error(f"unknown part(s) {unknown}; choose from {', '.join(PARTS)}")
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.articles is not None and (args.articles < 1 or args.corpus is not None):
        p.error("--articles takes a size of at least 1 character, and not --corpus")
    args.parts = parts
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark; return the results dict (also written to --results)."""
    args = parse_args(argv)
    warnings.simplefilter("ignore")  # corpus/lexicon warnings are not what is measured here
    from framing import Corpus, read_corpus, read_lexicon

    lexicon = read_lexicon(args.lexicon)
    if args.corpus is not None:
        corpus = read_corpus(args.corpus)
    else:
        corpus = bcorpus.load_corpus(max_mb=5 if args.quick else None, article_chars=args.articles)
    texts = corpus.texts
    mb = bcorpus.text_bytes(texts) / bcorpus.MB
    entries = lexicon.entries
    results: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "command": shlex.join(["python", "-m", "bench.run", *(argv or sys.argv[1:])]),
        "machine": machine(),
        "repeat": args.repeat,
        "parts": args.parts,
        "corpus": {
            "name": corpus.name,
            "n_docs": len(corpus),
            "mb": round(mb, 3),
            "n_chars": sum(map(len, texts)),
        },
        "lexicon": {
            "name": lexicon.name,
            "version": lexicon.version,
            "fingerprint": lexicon.fingerprint(),
            "n_entries": len(entries),
            "single": sum(len(e.words) == 1 and not any(e.globs) for e in entries),
            "multiword": sum(len(e.words) > 1 and not any(e.globs) for e in entries),
            "glob": sum(any(e.globs) for e in entries),
        },
        "timings": {},
    }
    log(f"corpus {corpus.name}: {len(corpus)} docs, {mb:.1f} MB; parts {args.parts}")
    t = results["timings"]
    # The single-process routes run in rounds (see run_rounds); spaCy's setup first.
    routes: dict[str, Callable[[], Any]] = {}
    route = None
    if "spacy" in args.parts:
        try:
            import spacy  # noqa: F401
        except ImportError:
            results["spacy"] = "spaCy is not installed (pip install 'framing[bench]')"
        else:
            route, spacy_extra = spacy_setup(texts, lexicon)
    if "regex" in args.parts:
        routes["regex"] = lambda: regex_pass(texts)
    if route is not None:
        routes["spacy"] = lambda r=route: r.run(texts, spans=True)
    if "framing" in args.parts:
        from framing import match_lexicon
        from framing.match import _api

        _clear_compile_cache()  # compile alone, once (every timed run includes it)
        t0 = time.perf_counter()
        _api._compile(lexicon, lexicon.language.split("-")[0])
        results["compile_s"] = round(time.perf_counter() - t0, 4)
        routes["framing_voice"] = lambda: match_lexicon(corpus, lexicon, voice=True)
        routes["framing_novoice"] = lambda: match_lexicon(corpus, lexicon, voice=False)
    if "framing" in args.parts or "parallel" in args.parts:
        # A process's first call also loads the compiled loops (0.5-2 s, see framing._jit),
        # as spaCy's vocabulary pass above loads spaCy's: reported, not in the rounds (nor
        # in the first n_jobs=1 run of `parallel`).
        from framing import match_lexicon

        log("framing: first call (untimed warm-up, reported)")
        _clear_compile_cache()
        t0 = time.perf_counter()
        match_lexicon(corpus, lexicon, voice=True)
        results["framing_first_call_s"] = round(time.perf_counter() - t0, 3)
    runs, last = run_rounds(routes, args.repeat)
    for name, result in last.items():
        if name == "regex":
            t[name] = timing(runs[name], mb, n_tokens=result)
        elif name == "spacy":
            t[name] = timing(
                runs[name],
                mb,
                n_matches=int(result.counts.sum()),
                n_tokens=result.n_tokens,
                **spacy_extra,
            )
        else:
            t[name] = timing(runs[name], mb, n_hits=len(result), columns=list(result.columns))
    if route is not None:
        results["counts"], table = run_counts(corpus, lexicon, texts, last["spacy"], route)
        if not args.no_save:
            args.results.mkdir(parents=True, exist_ok=True)
            table.to_csv(args.results / f"{_stem(results)}-counts.csv", index=False)
    del last
    route = None  # its tokens: memory the next parts need
    results["ratios"] = {**ratios(t), **paired_ratios(t)}
    if "parallel" in args.parts:
        small = []
        if args.corpus is None:
            one = bcorpus.load_frame(max_mb=1)
            small.append(("1 MB subset", Corpus(one, name="eltec-1mb")))
        small.append(("bundled seeds", read_corpus("karabakh-2023-fr")))
        results["parallel"] = run_parallel(corpus, lexicon, mb, args.repeat, small)
    if "stream" in args.parts:
        sizes = list(QUICK_STREAM_MB if args.quick else STREAM_MB)
        results["stream"] = run_stream(
            args.lexicon, sizes, args.repeat, args.chunksize, args.big, args.stream_format
        )
    if "stats" in args.parts:
        results["stats"] = run_stats(corpus, args.by, args.repeat, mb)
    table_md = markdown(results)
    results["markdown"] = table_md
    if not args.no_save:
        args.results.mkdir(parents=True, exist_ok=True)
        path = args.results / f"{_stem(results)}.json"
        path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=_json) + "\n")
        log(f"wrote {path}")
    print(table_md)
    return results


def _stem(results: dict[str, Any]) -> str:
    """``<date>-<host>``, plus the corpus name when not the full novels, and the parts run
    when not all of them (``2026-01-05-myhost-eltec-fra-5mb-regex+framing``)."""
    day = results["date"][:10]
    host = re.sub(r"[^A-Za-z0-9_.-]", "_", results["machine"]["host"])
    name = results["corpus"]["name"] or "corpus"
    tag = "" if name == "eltec-fra" else "-" + re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    if set(results["parts"]) != set(PARTS):
        tag += "-" + "+".join(p for p in PARTS if p in results["parts"])
    return f"{day}-{host}{tag}"


def _json(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.isoformat()
    return str(value)


if __name__ == "__main__":
    main()
