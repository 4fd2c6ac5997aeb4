"""Shared pieces of the ``framing`` command: exit codes, help layout, table output."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing._digits import written_frame
from framing._errors import suggest
from framing._writers import json_records, json_text, write_jsonl

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

DEFAULT_CORPUS = "karabakh-2023-fr"


class BadInput(Exception):
    """Raised by argument checks inside handlers; reported with exit code 2."""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions wrapped to the terminal, paragraph by paragraph; examples kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return super()._fill_text(text, width, indent)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
        return "\n\n".join(
            textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent)
            for p in paragraphs
        )


def formatter(prog: str) -> argparse.HelpFormatter:
    return _HelpFormatter(prog, max_help_position=32)


def examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def add_format(p: argparse.ArgumentParser, choices: Sequence[str] = ("table", "csv", "json")):
    p.add_argument(
        "--format",
        choices=tuple(choices),
        default=choices[0],
        help=f"output format on stdout (default: {choices[0]}; ignored with --out)",
    )


def add_corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text", help="name of the text column (tabular files)")
    p.add_argument("--doc-id", dest="doc_id", help="name of the document id column")


def read_corpus(args: argparse.Namespace):
    from framing.corpus import read_corpus as _read

    return _read(args.corpus, text=args.text, doc_id=args.doc_id)


def split_list(value: str | None) -> list[str] | None:
    """``"a,b"`` -> ``["a", "b"]`` (blanks dropped); None or "" -> None."""
    if not value:
        return None
    items = [v.strip() for v in value.split(",") if v.strip()]
    return items or None


def check_columns(columns: Sequence[str] | None, available: Sequence[str], option: str) -> None:
    """Fail fast (before matching or tokenising) on a column the corpus does not have."""
    for column in columns or ():
        if column not in available:
            shown = ", ".join(repr(c) for c in available)
            raise BadInput(
                f"{option} {column!r}: no such column in the corpus metadata (columns: "
                f"{shown}).{suggest(column, available)}"
            )


def print_table(df, fmt: str) -> None:
    if fmt in ("csv", "json"):
        df = written_frame(df)  # floats to 12 significant digits, as in written files
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        sys.stdout.write(json_text(json_records(df), indent=2) + "\n")
    else:
        sys.stdout.write(df.to_string(index=False, float_format=_short_float) + "\n")


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


_TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".jsonl")
_RESULT_SUFFIXES = (".csv", ".tsv", ".parquet", ".tex", ".jsonl")


def _bad_suffix(out: str, suffix: str, allowed: Sequence[str]) -> BadInput:
    names = ", ".join(allowed[:-1]) + " or " + allowed[-1]
    return BadInput(
        f"cannot write {out!r}: unknown extension {suffix or '(none)'!r}. Use {names}."
    )


def write_table(df, out: str) -> str:
    """Write a table by extension (.csv, .tsv, .parquet, .jsonl); returns the path."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in _TABLE_SUFFIXES:
        raise _bad_suffix(out, suffix, _TABLE_SUFFIXES)
    table = df.copy()
    table.attrs = {}
    if suffix == ".parquet":
        table.to_parquet(path, index=False)
    elif suffix in (".csv", ".tsv"):
        table.to_csv(path, index=False, sep="\t" if suffix == ".tsv" else ",", lineterminator="\n")
    else:
        table.to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")
    return str(path)


def write_result(df, out: str) -> str:
    """Write a result table by extension; returns what was written, for the user.

    ``.csv`` goes through :func:`framing.tables.to_csv` (byte-identical on every run, with
    the provenance JSON beside it), ``.tex`` through :func:`framing.tables.to_latex`
    (booktabs); ``.tsv``, ``.parquet`` and ``.jsonl`` as for the matches table, floats
    to 12 significant digits as in the CSV (Parquet keeps every bit).
    """
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in _RESULT_SUFFIXES:
        raise _bad_suffix(out, suffix, _RESULT_SUFFIXES)
    if suffix == ".csv":
        from framing.tables import to_csv

        to_csv(df, path)
        return f"{path} (provenance: {path.with_suffix('.json')})"
    if suffix == ".tex":
        from framing.tables import to_latex

        to_latex(df, path)
        return str(path)
    table = df if suffix == ".parquet" else written_frame(df)
    if suffix == ".jsonl":  # json, not pandas' to_json: that one writes 10 digits by default
        write_jsonl(table, path)
        return str(path)
    return write_table(table, out)


def emit(df, args: argparse.Namespace, *, header: str | None = None) -> None:
    """The result table to ``--out`` or to stdout in ``--format``; ``header`` before it."""
    if args.out:
        written = write_result(df, args.out)
        if header:
            print(header)
        print(f"wrote {written}")
        return
    if header:
        if args.format == "table":
            print(header + "\n")
        else:  # keep stdout machine-readable
            print(header, file=sys.stderr)
    print_table(df, args.format)


def plain(value: Any) -> Any:
    """A numpy scalar as a Python scalar (for messages)."""
    return value.item() if hasattr(value, "item") else value


def _short_float(value: float) -> str:
    """Four significant digits for reading on screen (csv and json keep every digit)."""
    return f"{value:.4g}"
