"""Where ``match_lexicon``'s time goes: a pyinstrument profile on the benchmark corpus.

Usage (from the repository root; pyinstrument comes with the ``bench`` extra)::

    python -m bench.profile_match            # 50 MB, voice on, the full matches table
    python -m bench.profile_match --quick --no-voice

Writes ``bench/results/<date>-<host>-profile[-quick][-novoice].txt`` (the text tree, library
frames folded), with ``--html`` also the interactive ``.html`` beside it, and prints the top
of the tree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import socket
import sys
import warnings
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/profile_match.py
    # the repository root instead of bench/, whose module names must not shadow others
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench import corpus as bcorpus

RESULTS = bcorpus.BENCH / "results"


def main(argv: list[str] | None = None) -> Path:
    """Profile one ``match_lexicon`` call; return the text report's path."""
    p = argparse.ArgumentParser(prog="python -m bench.profile_match", description=__doc__)
    p.add_argument("--quick", action="store_true", help="~5 MB subset")
    p.add_argument("--no-voice", action="store_true", help="match_lexicon(voice=False)")
    p.add_argument("--lines", type=int, default=60, help="lines of the tree to print")
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--html", action="store_true", help="also write pyinstrument's HTML view")
    args = p.parse_args(argv)
    warnings.simplefilter("ignore")

    from pyinstrument import Profiler

    from framing import match_lexicon, read_lexicon

    corpus = bcorpus.load_corpus(max_mb=5 if args.quick else None)
    lexicon = read_lexicon(bcorpus.LEXICON)
    profiler = Profiler(interval=0.001)
    profiler.start()
    table = match_lexicon(corpus, lexicon, voice=not args.no_voice)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False, time="seconds")
    host = re.sub(r"[^A-Za-z0-9_.-]", "_", socket.gethostname())
    stem = f"{dt.date.today().isoformat()}-{host}-profile"
    stem += ("-quick" if args.quick else "") + ("-novoice" if args.no_voice else "")
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"{stem}.txt"
    header = (
        f"match_lexicon({corpus.name}: {len(corpus)} docs, "
        f"{bcorpus.text_bytes(corpus.texts) / bcorpus.MB:.1f} MB; {lexicon.name} "
        f"{lexicon.version}, voice={not args.no_voice}) -> {len(table):,} hits\n"
    )
    path.write_text(header + text, encoding="utf-8")
    if args.html:
        (args.results / f"{stem}.html").write_text(profiler.output_html(), encoding="utf-8")
    print(header + "\n".join(text.splitlines()[: args.lines]))
    print(f"\nwrote {path}", file=sys.stderr)
    return path


if __name__ == "__main__":
    main()
