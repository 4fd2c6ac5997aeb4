"""``framing corpus describe`` and ``framing lexicon check|convert|show``."""

from __future__ import annotations

import argparse
import sys

from framing.cli._common import (
    DEFAULT_CORPUS,
    EXIT_BAD_INPUT,
    EXIT_OK,
    examples,
    formatter,
    print_table,
    shorten,
)

# --- corpus -----------------------------------------------------------------------------


def _cmd_corpus_describe(args: argparse.Namespace) -> int:
    from framing.corpus import read_corpus

    corpus = read_corpus(args.corpus, text=args.text, doc_id=args.doc_id)
    by = args.by.split(",") if args.by else None
    table = corpus.describe(by=by)
    if args.format == "table":
        print(f"{corpus!r}\nfingerprint: {corpus.fingerprint()}\n")
    print_table(table, args.format)
    return EXIT_OK


def add_corpus(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "corpus",
        help="inspect a corpus",
        description="Inspect a corpus: a folder of .txt files (+ metadata.csv), a .csv/.tsv, "
        ".jsonl(.gz) or .parquet file, or the name of a bundled corpus.",
        formatter_class=formatter,
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    d = verbs.add_parser(
        "describe",
        help="documents, empty documents, tokens and sentences, per group",
        description="Count documents, empty documents, tokens (words and numbers) and "
        "sentences, overall or per group of a metadata column.",
        epilog=examples(
            "framing corpus describe                         # the bundled Karabakh seeds",
            "framing corpus describe an-mariage-2013 --by political_group",
            "framing corpus describe articles.csv --text body --by outlet --format csv",
        ),
        formatter_class=formatter,
    )
    d.add_argument(
        "corpus",
        nargs="?",
        default=DEFAULT_CORPUS,
        help=f"path or bundled corpus name (default: {DEFAULT_CORPUS})",
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
        table["description"] = [shorten(str(d), 60) for d in table["description"]]
    print_table(table, args.format)
    return EXIT_OK


def _lexicon_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from",
        dest="input_format",
        choices=("yaml", "quanteda", "liwc"),
        help="input format (default: from the extension; quanteda must be named)",
    )
    p.add_argument("--language", help="language code for formats that do not record one")


def add_lexicon(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lexicon",
        help="check, convert or show a lexicon",
        description="Work with lexicon files: framing YAML (frames and naming contests), "
        "quanteda YAML dictionaries and LIWC .dic files, or a bundled lexicon's name.",
        formatter_class=formatter,
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    c = verbs.add_parser(
        "check",
        help="validate a lexicon file; every problem with its line",
        description="Validate a lexicon and report every error and warning with its file "
        "and line. Exit code 2 when there are errors (or warnings, with --strict).",
        epilog=examples(
            "framing lexicon check lexicons/karabakh-2023-fr.yaml",
            "framing lexicon check my-dictionary.yml --from quanteda --language fr",
            "framing lexicon check karabakh-2023-en --strict",
        ),
        formatter_class=formatter,
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
        epilog=examples(
            "framing lexicon convert karabakh-2023-fr karabakh.dic",
            "framing lexicon convert karabakh-2023-fr karabakh-quanteda.yml --to quanteda",
            "framing lexicon convert laver-garry.yml lg.yaml --from quanteda --language en",
        ),
        formatter_class=formatter,
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
        epilog=examples(
            "framing lexicon show karabakh-2023-fr",
            "framing lexicon show karabakh-2023-fr --format csv > lexicon-summary.csv",
        ),
        formatter_class=formatter,
    )
    s.add_argument("lexicon", help="lexicon file or bundled lexicon name")
    _lexicon_input_options(s)
    s.add_argument("--format", choices=("table", "csv", "json", "yaml"), default="table")
    s.set_defaults(handler=_cmd_lexicon_show)
