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


# --- lexicon ----------------------------------------------------------------------------


def _cmd_lexicon_check(args: argparse.Namespace) -> int:
    from framing.lexicon import check_lexicon

    report = check_lexicon(args.lexicon, format=args.input_format, language=args.language)
    print(report)
    if not report.ok:
        return EXIT_BAD_INPUT
    if args.strict and report.warnings:
        print("framing: --strict: warnings count as errors", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _cmd_lexicon_convert(args: argparse.Namespace) -> int:
    from framing.lexicon import convert_lexicon

    out = convert_lexicon(
        args.source,
        args.destination,
        to=args.to,
        format=args.input_format,
        language=args.language,
        overwrite=args.force,
    )
    print(f"wrote {out}")
    return EXIT_OK


def _cmd_lexicon_show(args: argparse.Namespace) -> int:
    from framing.lexicon import read_lexicon

    lexicon = read_lexicon(args.lexicon, format=args.input_format, language=args.language)
    if args.format == "yaml":
        sys.stdout.write(lexicon.to_yaml())
        return EXIT_OK
    table = lexicon.summary()
    if args.format == "table":
        print(f"{lexicon!r}\nfingerprint: {lexicon.fingerprint()}\n")
        table = table.astype(object).where(table.notna(), "")
        table["description"] = [_shorten(str(d), 60) for d in table["description"]]
    _print_table(table, args.format)
    return EXIT_OK


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _lexicon_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from",
        dest="input_format",
        choices=("yaml", "quanteda", "liwc"),
        help="input format (default: from the extension; quanteda must be named)",
    )
    p.add_argument("--language", help="language code for formats that do not record one")


def _add_lexicon(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lexicon",
        help="check, convert or show a lexicon",
        description="Work with lexicon files: framing YAML (frames and naming contests), "
        "quanteda YAML dictionaries and LIWC .dic files, or a bundled lexicon's name.",
        formatter_class=_formatter,
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    c = verbs.add_parser(
        "check",
        help="validate a lexicon file; every problem with its line",
        description="Validate a lexicon and report every error and warning with its file "
        "and line. Exit code 2 when there are errors (or warnings, with --strict).",
        epilog=_examples(
            "framing lexicon check lexicons/karabakh-2023-fr.yaml",
            "framing lexicon check my-dictionary.yml --from quanteda --language fr",
            "framing lexicon check karabakh-2023-en --strict",
        ),
        formatter_class=_formatter,
    )
    c.add_argument("lexicon", help="lexicon file or bundled lexicon name")
    _lexicon_input_options(c)
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    c.set_defaults(handler=_cmd_lexicon_check)

    v = verbs.add_parser(
        "convert",
        help="convert between framing YAML, quanteda YAML and LIWC .dic",
        description="Convert a lexicon. The output format comes from --to, else from the "
        "destination's extension (.yaml/.yml: framing YAML, .dic: LIWC). What the target "
        "format cannot express is reported as a warning.",
        epilog=_examples(
            "framing lexicon convert karabakh-2023-fr karabakh.dic",
            "framing lexicon convert karabakh-2023-fr karabakh-quanteda.yml --to quanteda",
            "framing lexicon convert laver-garry.yml lg.yaml --from quanteda --language en",
        ),
        formatter_class=_formatter,
    )
    v.add_argument("source", help="lexicon file or bundled lexicon name")
    v.add_argument("destination", help="file to write")
    v.add_argument("--to", choices=("yaml", "quanteda", "liwc"), help="output format")
    _lexicon_input_options(v)
    v.add_argument("--force", action="store_true", help="overwrite an existing destination")
    v.set_defaults(handler=_cmd_lexicon_convert)

    s = verbs.add_parser(
        "show",
        help="frames, contests and variants of a lexicon, with entry counts",
        description="Summarise a lexicon: one row per frame and per contest variant, with "
        "its number of entries and description; or print it back as YAML.",
        epilog=_examples(
            "framing lexicon show karabakh-2023-fr",
            "framing lexicon show karabakh-2023-fr --format csv > lexicon-summary.csv",
        ),
        formatter_class=_formatter,
    )
    s.add_argument("lexicon", help="lexicon file or bundled lexicon name")
    _lexicon_input_options(s)
    s.add_argument("--format", choices=("table", "csv", "json", "yaml"), default="table")
    s.set_defaults(handler=_cmd_lexicon_show)


# --- match and kwic ---------------------------------------------------------------------


def _write_table(df, out: str) -> str:
    """Write a result table by extension (.csv, .tsv, .parquet, .jsonl); returns the path."""
    from pathlib import Path

    path = Path(out)
    suffix = path.suffix.lower()
    table = df.copy()
    table.attrs = {}
    if suffix == ".parquet":
        table.to_parquet(path, index=False)
    elif suffix in (".csv", ".tsv"):
        table.to_csv(path, index=False, sep="\t" if suffix == ".tsv" else ",", lineterminator="\n")
    elif suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        raise _BadInput(
            f"cannot write {out!r}: unknown extension {suffix or '(none)'!r}. "
            "Use .csv, .tsv, .parquet or .jsonl."
        )
    return str(path)


def _cmd_match(args: argparse.Namespace) -> int:
    from framing.corpus import read_corpus
    from framing.lexicon import read_lexicon
    from framing.match import match_lexicon

    corpus = read_corpus(args.corpus)
    lexicon = read_lexicon(args.lexicon)
    keep = args.keep.split(",") if args.keep else True
    matches = match_lexicon(
        corpus,
        lexicon,
        keep=keep,
        overlap=args.overlap,
        audit=args.audit,
        voice=not args.no_voice,
    )
    n_docs_with = matches["doc_id"].nunique()
    summary = (
        f"{len(matches)} hits in {n_docs_with} of {len(corpus)} documents "
        f"({lexicon.name} {lexicon.version} on {corpus.name or corpus.source}); "
        f"{matches.attrs.get('n_rejected', 0)} hits rejected by proximity constraints"
        + (" (included, see the 'rejected' column)" if args.audit else "")
    )
    if args.out:
        written = _write_table(matches, args.out)
        print(f"{summary}\nwrote {written}")
    else:
        print(summary, file=sys.stderr)
        _print_table(matches, "csv")
    return EXIT_OK


def _add_match(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "match",
        help="match a lexicon over a corpus: the matches table",
        description="Match a lexicon over a corpus and write the matches table: one row per "
        "hit with doc_id, offsets, surface, entry, frame, contest, variant, sentence, voice, "
        "distanced, cue and the corpus metadata.",
        epilog=_examples(
            "framing match karabakh-2023-fr karabakh-2023-fr --out matches.csv",
            "framing match articles.parquet my-lexicon.yaml --out matches.parquet --audit",
            "framing match an-mariage-2013 lexicon.yaml --keep political_group,wing --no-voice",
        ),
        formatter_class=_formatter,
    )
    p.add_argument("corpus", help="corpus path or bundled corpus name")
    p.add_argument("lexicon", help="lexicon file or bundled lexicon name")
    p.add_argument(
        "--out", help="file to write (.csv, .tsv, .parquet, .jsonl); default: stdout CSV"
    )
    p.add_argument("--keep", help="metadata columns to keep, comma-separated (default: all)")
    p.add_argument(
        "--overlap",
        choices=("longest", "all"),
        default="longest",
        help="overlap policy within a frame or contest (default: longest)",
    )
    p.add_argument(
        "--audit",
        action="store_true",
        help="include hits rejected by near/not_near, with a 'rejected' reason",
    )
    p.add_argument("--no-voice", action="store_true", help="skip voice detection (faster)")
    p.set_defaults(handler=_cmd_match)


def _parse_options(items: Sequence[str] | None) -> dict[str, object]:
    options: dict[str, object] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise _BadInput(f"--option expects KEY=VALUE (e.g. fold_accents=true), got {item!r}")
        low = value.strip().lower()
        options[key.strip()] = True if low == "true" else False if low == "false" else value
    return options


def _cmd_kwic(args: argparse.Namespace) -> int:
    from framing.concordance import kwic, write_kwic
    from framing.corpus import read_corpus

    corpus = read_corpus(args.corpus)
    table = kwic(
        corpus,
        args.pattern,
        window=args.window,
        unit=args.unit,
        lexicon_options=_parse_options(args.option),
        voice=args.voice,
        sort=args.sort,
        keep=False,
    )
    if args.out:
        print(f"{len(table)} hits; wrote {write_kwic(table, args.out)}")
        return EXIT_OK
    columns = ["doc_id", "left", "match", "right", "voice", "distanced"]
    print(table[columns].to_string(index=False, max_colwidth=60))
    return EXIT_OK


def _add_kwic(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kwic",
        help="keyword in context: concordance lines for patterns",
        description="Concordance lines for one or more patterns, in lexicon-entry syntax "
        "(phrases, trailing * globs), matched with the same rules as a lexicon, with the voice "
        "of each hit.",
        epilog=_examples(
            'framing kwic karabakh-2023-fr "antiterroris*" --option fold_accents=true',
            'framing kwic an-mariage-2013 "mariage pour tous" "mariage homosexuel" --out kwic.csv',
            'framing kwic karabakh-2023-fr "offensive" --window 12 --sort right',
        ),
        formatter_class=_formatter,
    )
    p.add_argument("corpus", help="corpus path or bundled corpus name")
    p.add_argument(
        "pattern", nargs="+", help="pattern(s): a word, a phrase, a glob such as terror*"
    )
    p.add_argument("--window", type=int, default=8, help="context size (default: 8)")
    p.add_argument("--unit", choices=("words", "chars"), default="words")
    p.add_argument(
        "--option",
        action="append",
        metavar="KEY=VALUE",
        help="matching option, repeatable (fold_accents=true, case_sensitive=true …)",
    )
    p.add_argument(
        "--voice", choices=("author", "quoted", "attributed"), help="keep only hits in this voice"
    )
    p.add_argument("--sort", choices=("left", "right", "match"), help="sort the lines")
    p.add_argument("--out", help="write a CSV (UTF-8 with BOM, for spreadsheets)")
    p.set_defaults(handler=_cmd_kwic)


# --- parser and entry point ------------------------------------------------------------

_SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_corpus,
    _add_lexicon,
    _add_match,
    _add_kwic,
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
