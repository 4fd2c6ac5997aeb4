"""``framing match`` (the matches table) and ``framing kwic`` (concordance lines)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from framing.cli._common import (
    EXIT_OK,
    BadInput,
    examples,
    formatter,
    print_table,
    write_table,
)


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
        written = write_table(matches, args.out)
        print(f"{summary}\nwrote {written}")
    else:
        print(summary, file=sys.stderr)
        print_table(matches, "csv")
    return EXIT_OK


def add_match(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "match",
        help="match a lexicon over a corpus: the matches table",
        description="Match a lexicon over a corpus and write the matches table: one row per "
        "hit with doc_id, offsets, surface, entry, frame, contest, variant, sentence, voice, "
        "distanced, cue and the corpus metadata.",
        epilog=examples(
            "framing match karabakh-2023-fr karabakh-2023-fr --out matches.csv",
            "framing match articles.parquet my-lexicon.yaml --out matches.parquet --audit",
            "framing match an-mariage-2013 lexicon.yaml --keep political_group,wing --no-voice",
        ),
        formatter_class=formatter,
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
            raise BadInput(f"--option expects KEY=VALUE (e.g. fold_accents=true), got {item!r}")
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


def add_kwic(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kwic",
        help="keyword in context: concordance lines for patterns",
        description="Concordance lines for one or more patterns, in lexicon-entry syntax "
        "(phrases, trailing * globs), matched with the same rules as a lexicon, with the voice "
        "of each hit.",
        epilog=examples(
            'framing kwic karabakh-2023-fr "antiterroris*" --option fold_accents=true',
            'framing kwic an-mariage-2013 "mariage pour tous" "mariage homosexuel" --out kwic.csv',
            'framing kwic karabakh-2023-fr "offensive" --window 12 --sort right',
        ),
        formatter_class=formatter,
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
