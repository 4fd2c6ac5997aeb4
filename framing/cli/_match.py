"""``framing match`` (the matches table) and ``framing kwic`` (concordance lines)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from framing.cli._common import (
    _TABLE_SUFFIXES,
    EXIT_OK,
    BadInput,
    _bad_suffix,
    examples,
    formatter,
    print_table,
)

#: Documents per chunk when ``framing match --out`` streams (``--chunksize``).
CHUNKSIZE = 2000
#: A chunk also ends before its texts pass this many characters, so that memory stays
#: bounded whatever the length of the documents (a longer document is a chunk of its own):
#: about 290 MB peak in all, measured on French novels (ELTeC) with a 17-entry lexicon.
CHUNK_CHARS = 8_000_000


def _summary(n_hits: int, n_with: int, n_docs: int, lexicon, corpus, n_rejected, audit) -> str:
    return (
        f"{n_hits} hits in {n_with} of {n_docs} documents "
        f"({lexicon.name} {lexicon.version} on {corpus.name or corpus.source}); "
        f"{n_rejected} hits rejected by proximity constraints"
        + (" (included, see the 'rejected' column)" if audit else "")
    )


def _cmd_match(args: argparse.Namespace) -> int:
    from framing.corpus import read_corpus
    from framing.lexicon import read_lexicon
    from framing.match import match_lexicon

    keep = args.keep.split(",") if args.keep else True
    options = {
        "keep": keep,
        "overlap": args.overlap,
        "audit": args.audit,
        "voice": not args.no_voice,
        "n_jobs": args.n_jobs,
    }
    if args.out:
        from framing.match._stream import write_matches

        suffix = Path(args.out).suffix.lower()
        if suffix not in _TABLE_SUFFIXES:  # before the corpus is read
            raise _bad_suffix(args.out, suffix, _TABLE_SUFFIXES)
        if args.chunksize < 1:
            raise BadInput(f"--chunksize must be at least 1 document; got {args.chunksize}.")
        chunks = read_corpus(args.corpus, chunksize=args.chunksize, chunk_chars=CHUNK_CHARS)
        lexicon = read_lexicon(args.lexicon)
        written = write_matches(chunks, lexicon, args.out, progress=args.progress, **options)
        summary = _summary(
            written.n_hits,
            written.n_docs_with_hits,
            written.n_docs,
            lexicon,
            chunks,
            written.n_rejected,
            args.audit,
        )
        print(f"{summary}\nwrote {written.path}")
        return EXIT_OK
    corpus = read_corpus(args.corpus)
    lexicon = read_lexicon(args.lexicon)
    from framing.match._parallel import no_workers_for_later

    with no_workers_for_later():  # one call, then exit: no worker would be used
        matches = match_lexicon(corpus, lexicon, **options)
    summary = _summary(
        len(matches),
        matches["doc_id"].nunique(),
        len(corpus),
        lexicon,
        corpus,
        matches.attrs.get("n_rejected", 0),
        args.audit,
    )
    print(summary, file=sys.stderr)
    print_table(matches, "csv")
    return EXIT_OK


def add_match(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "match",
        help="match a lexicon over a corpus: the matches table",
        description="Match a lexicon over a corpus and write the matches table: one row per "
        "hit with doc_id, offsets, surface, entry, frame, contest, variant, sentence, voice, "
        "distanced, cue and the corpus metadata.\n\nWith --out the corpus is streamed: read "
        f"in chunks of --chunksize documents (a chunk also ends before its texts pass "
        f"{CHUNK_CHARS:,} characters), each chunk's hits written as they are found, so "
        "memory stays bounded whatever the size of the corpus; the file is the same as "
        "matching the whole corpus in memory. A progress bar shows on a terminal.",
        epilog=examples(
            "framing match karabakh-2023-fr karabakh-2023-fr --out matches.csv",
            "framing match articles.parquet my-lexicon.yaml --out matches.parquet --audit",
            "framing match an-mariage-2013 lexicon.yaml --keep political_group,wing --no-voice",
            "framing match big.jsonl.gz lexicon.yaml --out matches.parquet --n-jobs 4",
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
    p.add_argument(
        "--chunksize",
        type=int,
        default=CHUNKSIZE,
        metavar="N",
        help=f"with --out: documents per chunk (default: {CHUNKSIZE})",
    )
    p.add_argument(
        "--n-jobs",
        dest="n_jobs",
        type=int,
        default=1,
        metavar="K",
        help="worker processes (default: 1; -1: every CPU)",
    )
    shown = p.add_mutually_exclusive_group()
    shown.add_argument(
        "--progress",
        dest="progress",
        action="store_const",
        const=True,
        help="with --out: a progress bar on stderr even when it is not a terminal",
    )
    shown.add_argument(
        "--no-progress",
        dest="progress",
        action="store_const",
        const=False,
        help="with --out: no progress bar (default: one when stderr is a terminal)",
    )
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
