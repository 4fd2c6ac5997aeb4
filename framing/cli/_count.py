"""``framing count frames|contest``: frame rates and naming-contest shares by group."""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from framing._errors import suggest
from framing.cli._common import (
    EXIT_OK,
    BadInput,
    add_corpus_options,
    add_format,
    check_columns,
    emit,
    examples,
    formatter,
    read_corpus,
    split_list,
)

_VOICES = ("author", "quoted", "attributed")


def _read_inputs(args: argparse.Namespace):
    """Corpus, lexicon and overrides read, --by columns checked, before any matching."""
    from framing.lexicon import read_lexicon
    from framing.validate import read_overrides

    corpus = read_corpus(args)
    lexicon = read_lexicon(args.lexicon)
    by = split_list(args.by)
    check_columns(by, list(corpus.metadata.columns), "--by")
    overrides = None if args.overrides is None else read_overrides(args.overrides)
    return corpus, lexicon, by, overrides


def _match(corpus, lexicon, voice: list[str] | None, overrides=None):
    from framing.match import match_lexicon
    from framing.validate import apply_overrides

    # voice detection only when a voice filter needs it (it is the slower part)
    matches = match_lexicon(corpus, lexicon, keep=False, voice=voice is not None)
    return matches if overrides is None else apply_overrides(matches, overrides)


def _overridden(table) -> str:
    """``; overrides NAME VERSION: N hits excluded, M relabelled`` for a header, or ''."""
    attrs = table.attrs
    if attrs.get("overrides_fingerprint") is None:
        return ""
    return (
        f"; overrides {attrs.get('overrides_name')} {attrs.get('overrides_version')}: "
        f"{attrs.get('n_excluded_by_overrides')} hits excluded, "
        f"{attrs.get('n_relabelled_by_overrides')} relabelled"
    )


def _voices(value: str | None) -> list[str] | None:
    voices = split_list(value)
    for v in voices or ():
        if v not in _VOICES:
            raise BadInput(
                f"--voice {v!r}: expected author, quoted or attributed (comma-separated for "
                f"several).{suggest(v, _VOICES)}"
            )
    return voices


def _cmd_count_frames(args: argparse.Namespace) -> int:
    from framing.measure import count_frames

    voice = _voices(args.voice)
    corpus, lexicon, by, overrides = _read_inputs(args)
    matches = _match(corpus, lexicon, voice, overrides)
    table = count_frames(
        matches,
        corpus,
        by=by,
        voice=voice,
        per=args.per,
        n_boot=args.n_boot,
        random_state=args.seed,
        lexicon=lexicon,
    )
    n_hits = int(table["n_matches"].sum())  # hits counted: after the voice filter
    interval = (
        f"{table.attrs.get('ci', 0.95):.0%} interval from {args.n_boot} bootstrap replicates "
        f"over documents (seed {args.seed})"
        if args.n_boot
        else "no rate interval (--n-boot 0)"
    )
    header = (
        f"frames of {lexicon.name} {lexicon.version} in {corpus.name or corpus.source} "
        f"({len(corpus)} documents, {n_hits} frame hits counted"
        + (f", voice {'/'.join(voice)}" if voice else "")
        + f"): rates per {args.per:,} tokens, {interval}"
        + _overridden(table)
    )
    emit(table, args, header=header)
    return EXIT_OK


def _independence_line(test: dict[str, Any]) -> str:
    """One line saying what the contest's independence test found (from attrs["test"])."""
    by = test.get("by")
    if not by:
        return "test of independence: not computed (one group; pass --by to compare groups)."
    what = f"variant × {'/'.join(by)}, {test['unit']}s"
    statistic = test.get("statistic")
    if statistic is None or math.isnan(statistic):
        return (
            f"test of independence ({what}): not computed (fewer than two groups or two "
            "variants with mentions)."
        )
    p = test.get("p")
    if p is None or math.isnan(p):
        p_text = "no permutation p (--n-perm 0)"
    else:
        p_text = (
            f"permutation p = {p:.4g} ({test['n_perm']:,} permutations of "
            f"{test['n_docs']} documents)"
        )
    return (
        f"test of independence ({what}): X² = {statistic:.2f}, df = {test['df']}, {p_text}; "
        f"Cramér's V = {test['cramers_v']:.2f}; naive χ² p = {test['p_asymptotic']:.3g} "
        "(treats mentions as independent)."
    )


def _cmd_count_contest(args: argparse.Namespace) -> int:
    from framing.measure import count_contest

    voice = _voices(args.voice)
    corpus, lexicon, by, overrides = _read_inputs(args)
    contests = list(lexicon.contest_names)
    if args.contest not in contests:
        shown = ", ".join(contests) if contests else "(none)"
        raise BadInput(
            f"--contest {args.contest!r}: lexicon {lexicon.name!r} has no such contest. "
            f"Contests: {shown}.{suggest(args.contest, contests)}"
        )
    matches = _match(corpus, lexicon, voice, overrides)
    table = count_contest(
        matches,
        contest=args.contest,
        by=by,
        corpus=corpus,
        voice=voice,
        unit=args.unit,
        n_boot=args.n_boot,
        n_perm=args.n_perm,
        random_state=args.seed,
        lexicon=lexicon,
    )
    header = (
        f"naming contest {args.contest!r} of {lexicon.name} {lexicon.version} in "
        f"{corpus.name or corpus.source} ({len(corpus)} documents"
        + (f", voice {'/'.join(voice)}" if voice else "")
        + f"): shares of {args.unit}s"
        + _overridden(table)
    )
    emit(table, args, header=header)
    line = _independence_line(table.attrs.get("test") or {})
    if args.out or args.format == "table":
        print(line)
    else:  # keep stdout machine-readable
        print(line, file=sys.stderr)
    return EXIT_OK


def _common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("corpus", help="corpus path or bundled corpus name")
    p.add_argument("lexicon", help="lexicon file or bundled lexicon name")
    p.add_argument("--by", help="metadata column(s) defining the groups, comma-separated")
    p.add_argument(
        "--voice",
        metavar="V",
        help="count only hits in this voice: author, quoted, attributed (comma-separated)",
    )
    p.add_argument(
        "--overrides",
        metavar="FILE",
        help="coders' decisions applied to the hits before counting (an overrides file, "
        "see framing.validate): excluded hits are not counted, relabelled ones count "
        "under their new variant",
    )


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates (0: no CI)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    add_corpus_options(p)
    p.add_argument("--out", metavar="FILE", help="write .csv, .tsv, .parquet, .tex or .jsonl")
    add_format(p)


def add_count(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "count",
        help="frame rates or naming-contest shares by group",
        description="Match a lexicon over a corpus and count: frame rates per 1,000 tokens "
        "and share of documents (count frames), or the shares of a naming contest's variants "
        "with a test of independence (count contest). Intervals resample documents.",
        formatter_class=formatter,
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    f = verbs.add_parser(
        "frames",
        help="frame rates per 1,000 tokens and share of documents, by group",
        description="One row per group × frame: hits, rate per 1,000 tokens with a cluster "
        "bootstrap interval (documents resampled), share of documents with a Wilson "
        "interval. Every group and every frame appears, zeros included.",
        epilog=examples(
            "framing count frames karabakh-2023-fr karabakh-2023-fr --by outlet",
            "framing count frames articles.csv lexicon.yaml --by outlet --voice author",
            "framing count frames corpus/ lexicon.yaml --by outlet --out rates.tex",
            "framing count frames articles.parquet lexicon.yaml --per 10000 --format csv",
        ),
        formatter_class=formatter,
    )
    _common_options(f)
    f.add_argument("--per", type=int, default=1000, help="rates per N tokens (default: 1000)")
    _output_options(f)
    f.set_defaults(handler=_cmd_count_frames)

    c = verbs.add_parser(
        "contest",
        help="shares of a naming contest's variants by group, with a test",
        description="One row per group × variant of a naming contest: mentions, share with "
        "an interval, and a test of independence between group and variant that permutes "
        "whole documents (printed after the table).",
        epilog=examples(
            "framing count contest karabakh-2023-fr karabakh-2023-fr --contest region_name "
            "--by outlet",
            "framing count contest articles.csv lexicon.yaml --contest operation_name "
            "--by outlet --unit document",
            "framing count contest articles.csv lexicon.yaml --contest city_name --by outlet "
            "--voice author --out city.csv",
            "framing count contest articles.csv lexicon.yaml --contest operation_name "
            "--by outlet --overrides coding/overrides.yaml",
        ),
        formatter_class=formatter,
    )
    _common_options(c)
    c.add_argument("--contest", required=True, metavar="NAME", help="the naming contest")
    c.add_argument(
        "--unit",
        choices=("mention", "document"),
        default="mention",
        help="share of mentions, or of documents (each its most used variant)",
    )
    c.add_argument("--n-perm", type=int, default=9999, help="permutations of the test (0: no p)")
    _output_options(c)
    c.set_defaults(handler=_cmd_count_contest)
