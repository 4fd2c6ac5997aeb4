"""The ``framing`` command.

One grammar for every subcommand: ``framing NOUN VERB [ARGS]`` for objects
(``framing corpus describe``, ``framing lexicon check``) and ``framing VERB`` for the
chain's steps. Exit codes: 0 success, 2 bad input (the message says what and how to fix
it), 1 internal error (a bug: please report it with the traceback printed by
``FRAMING_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable, Sequence

from framing import __version__
from framing._errors import FramingError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

_DEFAULT_CORPUS = "karabakh-2023-fr"


class _BadInput(Exception):
    """Raised by argument checks inside handlers; reported with exit code 2."""


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _print_table(df, fmt: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(df.to_string(index=False) + "\n")


# --- corpus -----------------------------------------------------------------------------


def _cmd_corpus_describe(args: argparse.Namespace) -> int:
    from framing.corpus import read_corpus

    corpus = read_corpus(args.corpus, text=args.text, doc_id=args.doc_id)
    by = args.by.split(",") if args.by else None
    table = corpus.describe(by=by)
    if args.format == "table":
        print(f"{corpus!r}\nfingerprint: {corpus.fingerprint()}\n")
    _print_table(table, args.format)
    return EXIT_OK


def _add_corpus(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "corpus",
        help="inspect a corpus",
        description="Inspect a corpus: a folder of .txt files (+ metadata.csv), a .csv/.tsv, "
        ".jsonl(.gz) or .parquet file, or the name of a bundled corpus.",
        formatter_class=_formatter,
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    d = verbs.add_parser(
        "describe",
        help="documents, empty documents, tokens and sentences, per group",
        description="Count documents, empty documents, tokens (words and numbers) and "
        "sentences, overall or per group of a metadata column.",
        epilog=_examples(
            "framing corpus describe                         # the bundled Karabakh seeds",
            "framing corpus describe an-mariage-2013 --by political_group",
            "framing corpus describe articles.csv --text body --by outlet --format csv",
        ),
        formatter_class=_formatter,
    )
    d.add_argument(
        "corpus",
        nargs="?",
        default=_DEFAULT_CORPUS,
        help=f"path or bundled corpus name (default: {_DEFAULT_CORPUS})",
    )
    d.add_argument("--by", help="metadata column(s) to group by, comma-separated")
    d.add_argument("--text", help="name of the text column (tabular files)")
    d.add_argument("--doc-id", dest="doc_id", help="name of the document id column")
    d.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default: table)",
    )
    d.set_defaults(handler=_cmd_corpus_describe)


# --- parser and entry point ------------------------------------------------------------

_SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_corpus]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``framing`` command (exposed for docs and tests)."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description=textwrap.dedent(
            """\
            framing — measure how news text frames an event through word choice.

            Read a corpus, match a lexicon of frames and naming contests, compare groups
            with sound statistics, and produce reproducible figures."""
        ),
        epilog=_examples(
            "framing corpus describe",
            "framing corpus describe an-mariage-2013 --by political_group",
            "framing COMMAND --help",
        ),
        formatter_class=_formatter,
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in _SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    try:
        return int(args.handler(args))
    except (FramingError, _BadInput, FileNotFoundError, IsADirectoryError) as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except Exception:
        if os.environ.get("FRAMING_DEBUG"):
            raise
        import traceback

        traceback.print_exc()
        print(
            "framing: internal error (a bug in framing, not in your input). Please report it "
            "with the traceback above.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
