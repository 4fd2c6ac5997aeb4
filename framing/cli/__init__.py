"""The ``framing`` command.

One grammar for every subcommand: ``framing NOUN VERB [ARGS]`` for objects
(``framing corpus describe``, ``framing lexicon check``) and ``framing VERB [METHOD]`` for
the chain's steps (``framing match``, ``framing count frames``, ``framing compare
keyness``, ``framing run``, ``framing cite``). The first arguments are positional (the
corpus, the lexicon), everything else is an option with the same name everywhere (``--by``,
``--voice``, ``--target``, ``--out``, ``--format``, ``--seed``). Exit codes: 0 success, 2
bad input (the message says what and how to fix it), 1 internal error (a bug: please
report it with the traceback printed by ``FRAMING_DEBUG=1``).

Each command group lives in a private module (``_inspect``, ``_match``, ``_count``,
``_compare``, ``_run``, ``_cite``) and imports the library lazily, so ``framing --help``
stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterator, Sequence

from framing import __version__
from framing._errors import FramingError, FramingWarning
from framing.cli._cite import add_cite
from framing.cli._common import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    BadInput,
    examples,
    formatter,
)
from framing.cli._compare import add_compare
from framing.cli._count import add_count
from framing.cli._inspect import add_corpus, add_lexicon
from framing.cli._match import add_kwic, add_match
from framing.cli._run import add_run
from framing.cli._validate import add_code_sheet, add_validate

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "build_parser", "main"]

_SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_corpus,
    add_lexicon,
    add_match,
    add_kwic,
    add_count,
    add_compare,
    add_run,
    add_cite,
    add_code_sheet,
    add_validate,
]


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
        epilog=examples(
            "framing corpus describe",
            "framing corpus describe an-mariage-2013 --by political_group",
            "framing count contest karabakh-2023-fr karabakh-2023-fr --contest region_name "
            "--by outlet",
            "framing compare keyness an-mariage-2013 --by wing --target left --stopwords fr",
            "framing run",
            "framing cite --format bibtex --lexicon karabakh-2023-fr",
            "framing COMMAND --help",
        ),
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in _SUBCOMMANDS:
        add(sub)
    return parser


@contextlib.contextmanager
def _warnings_as_messages() -> Iterator[None]:
    """Show the package's warnings as ``framing: warning: ...`` (no file and line)."""
    original = warnings.formatwarning

    def show(message, category, filename, lineno, line=None):
        if issubclass(category, FramingWarning):
            return f"framing: warning: {message}\n"
        return original(message, category, filename, lineno, line)

    warnings.formatwarning = show
    try:
        yield
    finally:
        warnings.formatwarning = original


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    try:
        with _warnings_as_messages():
            return int(args.handler(args))
    except (FramingError, BadInput, FileNotFoundError, IsADirectoryError) as exc:
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
