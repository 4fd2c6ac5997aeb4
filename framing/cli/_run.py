"""``framing run``: the whole chain for a declared study (framing.study)."""

from __future__ import annotations

import argparse
import sys

from framing.cli._common import EXIT_INTERNAL, EXIT_OK, examples, formatter


def _cmd_run(args: argparse.Namespace) -> int:
    try:
        from framing.study import run_study
    except ImportError as exc:  # the module, or run_study in it, is missing
        if exc.name != "framing.study":
            raise
        print(
            "framing: error: this installation of framing has no study runner "
            "(framing.study); reinstall framing.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    result = run_study(args.study, out=args.out, progress=False if args.quiet else None)
    if not args.quiet:
        print(result.summary())
    return EXIT_OK


def add_run(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "run",
        help="run a declared study: figures, tables and provenance",
        description="Run the whole chain declared in a study file (corpus, lexicon, "
        "measures, comparisons, figures) and write its figures, tables and provenance. "
        "Deterministic: a second run changes no byte. Without STUDY, the bundled Karabakh "
        "study.",
        epilog=examples(
            "framing run                                   # the bundled Karabakh study",
            "framing run study.yaml --out results/",
            "framing run study.yaml --quiet                # no progress bars, no summary",
        ),
        formatter_class=formatter,
    )
    p.add_argument(
        "study", nargs="?", default=None, help="study file or bundled study name (optional)"
    )
    p.add_argument("--out", metavar="DIR", help="output folder (default: the study's own)")
    p.add_argument(
        "--quiet", action="store_true", help="no progress bars and no summary (errors only)"
    )
    p.set_defaults(handler=_cmd_run)
