"""``framing cite``: how to cite framing and the lexicon a study measured with."""

from __future__ import annotations

import argparse
import sys

from framing.cli._common import EXIT_OK, BadInput, examples, formatter


def _cmd_cite(args: argparse.Namespace) -> int:
    from framing.cite import citation, lexicon_citation

    if args.format == "cff" and args.lexicon:
        raise BadInput(
            "--format cff writes the software's CITATION.cff only; cite a lexicon with "
            "--format text, apa or bibtex."
        )
    parts = [lexicon_citation(name, format=args.format) for name in args.lexicon or ()]
    if not args.lexicon_only:
        parts.insert(0, citation(args.format))
    elif not parts:
        raise BadInput("--lexicon-only needs --lexicon NAME_OR_PATH.")
    sys.stdout.write("\n".join(parts))
    return EXIT_OK


def add_cite(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cite",
        help="how to cite framing and a lexicon (text, APA, BibTeX, CFF)",
        description="Print how to cite framing and, with --lexicon, the lexicon you "
        "measured with: its own citation, authors, version, licence and fingerprint. "
        "--format cff prints the CITATION.cff file of this version of framing.",
        epilog=examples(
            "framing cite",
            "framing cite --format bibtex --lexicon karabakh-2023-fr >> references.bib",
            "framing cite --format apa --lexicon my-lexicon.yaml",
            "framing cite --format cff > CITATION.cff",
        ),
        formatter_class=formatter,
    )
    p.add_argument(
        "--format",
        choices=("text", "apa", "bibtex", "cff"),
        default="text",
        help="citation format (default: text)",
    )
    p.add_argument(
        "--lexicon",
        action="append",
        metavar="NAME_OR_PATH",
        help="also cite this lexicon (bundled name or file; repeatable)",
    )
    p.add_argument(
        "--lexicon-only", action="store_true", help="cite only the lexicon(s), not framing"
    )
    p.set_defaults(handler=_cmd_cite)
