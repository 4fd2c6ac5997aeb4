"""Where two threads, or two kept processes, pay on press-sized documents.

``match_lexicon(..., n_jobs=2)`` matches a first call in two threads and later calls with
a kept worker process. Threads share only the work that releases the interpreter lock
(the compiled scans), which is per character; a document's own work is Python, under the
lock. This script measures, on the benchmark's novels cut into articles
(:func:`bench.corpus.articles`, 3,000 characters by default) and subsampled to N
documents, for each N: one thread (median of six calls), the thread route (one call, no
workers yet; every size threshold switched off), and the kept-worker route (median of
three calls after the workers warmed up). Run from the repository root::

    python -m bench.thread_sizes 4000 8000 12000 16000

Each N runs in a fresh process, so that the first ``n_jobs=2`` call finds no workers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings

import pandas as pd


def measure(n_docs: int, size: int, corpus: str | None = None) -> dict[str, float | int | bool]:
    """One size: the three routes on ``n_docs`` articles of ``size`` characters, cut from
    the ELTeC novels or from the documents of the JSON Lines file ``corpus``."""
    from bench import corpus as bench_corpus
    from framing import Corpus, _jit, match_lexicon, read_lexicon
    from framing.match import _parallel

    warnings.simplefilter("ignore")
    lexicon = read_lexicon(bench_corpus.LEXICON)
    source = bench_corpus.load_frame() if corpus is None else pd.read_json(corpus, lines=True)
    frame = bench_corpus.articles(source[["doc_id", "text"]], size)
    step = max(1, len(frame) // n_docs)
    corpus = Corpus(frame.iloc[::step].head(n_docs).reset_index(drop=True))
    for name in ("MIN_CHARS_WARM", "MIN_TEXT_THREADS"):
        setattr(_parallel, name, 0)  # every route at every size
    _jit.use_compiled()
    expected = match_lexicon(corpus, lexicon)  # untimed: first-call costs

    def timed(**kwargs: int) -> tuple[float, object]:
        start = time.perf_counter()
        table = match_lexicon(corpus, lexicon, **kwargs)
        return time.perf_counter() - start, table

    one = [timed()[0] for _ in range(3)]
    first, threaded = timed(n_jobs=2)
    time.sleep(4)  # the workers started for later warm up
    kept, same = [], threaded.equals(expected)
    for _ in range(3):
        seconds, table = timed(n_jobs=2)
        kept.append(seconds)
        same = same and table.equals(expected)
        one.append(timed()[0])
    alone = statistics.median(one)
    return {
        "n_docs": len(corpus),
        "chars": sum(map(len, corpus.texts)),
        "one_thread_s": round(alone, 3),
        "threads_first_call": round(alone / first, 3),
        "kept_workers": round(alone / statistics.median(kept), 3),
        "same_output": bool(same),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n_docs", type=int, nargs="+", help="numbers of articles")
    parser.add_argument("--size", type=int, default=3000, help="article size (characters)")
    parser.add_argument("--corpus", help="JSON Lines of doc_id, text (default: the novels)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:  # the child process: one size, printed as JSON
        print(json.dumps(measure(args.n_docs[0], args.size, args.corpus)))
        return 0
    for n in args.n_docs:
        command = [sys.executable, "-m", "bench.thread_sizes", str(n), "--one"]
        command += ["--size", str(args.size)]
        command += ["--corpus", args.corpus] if args.corpus else []
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        print(
            f"{row['n_docs']:6d} articles {row['chars'] / 1e6:5.1f} M characters: one thread "
            f"{row['one_thread_s']:.2f} s, first call in threads "
            f"{row['threads_first_call']:.2f}x, kept workers {row['kept_workers']:.2f}x, "
            f"same table {row['same_output']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
