"""``framing compare log-odds|keyness|specificities``: which terms set groups apart."""

from __future__ import annotations

import argparse
import re
from typing import Any

from framing._errors import suggest
from framing.cli._common import (
    EXIT_OK,
    BadInput,
    add_corpus_options,
    add_format,
    emit,
    examples,
    formatter,
    plain,
    read_corpus,
)

_NGRAM = re.compile(r"([1-9])(?:-([1-9]))?")


def _ngram(value: str) -> int | tuple[int, int]:
    found = _NGRAM.fullmatch(value.strip())
    if found is None:
        raise BadInput(
            f"--ngram {value!r}: expected an order such as 1, 2 or 3, or a range such as 1-3."
        )
    low, high = found.group(1), found.group(2)
    return int(low) if high is None else (int(low), int(high))


def _group_values(corpus, by: str, values: list[str] | None) -> list[Any] | None:
    """The groups named on the command line, as the values of the ``by`` column.

    The command line gives text; a column of years or dates holds numbers or timestamps.
    A name that matches no value is passed on as written, and the compare_* function says
    which groups exist.
    """
    if not values:
        return None
    meta = corpus.metadata
    if by not in meta.columns:
        return list(values)  # compare_* reports the unknown column, with a suggestion
    lookup: dict[str, Any] = {}
    for value in meta[by].dropna().unique():
        value = plain(value)
        lookup.setdefault(str(value), value)
        if hasattr(value, "date") and hasattr(value, "hour") and not value.hour:
            lookup.setdefault(value.date().isoformat(), value)  # 2013-01-29 for a timestamp
    return [lookup.get(v, v) for v in values]


def _one_or_list(values: list[Any] | None) -> Any:
    if values is None:
        return None
    return values[0] if len(values) == 1 else values


def _shared_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "by": args.by,
        "min_count": args.min_count,
        "top_n": args.top_n or None,
        "ngram": _ngram(args.ngram),
        "stopwords": None if args.stopwords == "none" else args.stopwords,
        "language": args.language,
    }


def _header(kind: str, corpus, args: argparse.Namespace, table) -> str:
    attrs = table.attrs
    sides = ""
    if "target" in attrs:
        target = ", ".join(map(str, attrs.get("target") or []))
        reference = attrs.get("reference")
        sides = f": {target} vs " + (
            ", ".join(map(str, reference)) if reference else "all other groups"
        )
    top = f"; top {args.top_n} at each end" if args.top_n else ""
    return (
        f"{kind} by {args.by} in {corpus.name or corpus.source} ({len(corpus)} documents)"
        f"{sides}; n-grams {args.ngram}, stopwords {args.stopwords}{top}"
    )


def _cmd_log_odds(args: argparse.Namespace) -> int:
    from framing.compare import compare_log_odds

    corpus = read_corpus(args)
    table = compare_log_odds(
        corpus,
        target=_one_or_list(_group_values(corpus, args.by, args.target)),
        reference=_one_or_list(_group_values(corpus, args.by, args.reference)),
        prior=args.prior,
        alpha0=args.alpha0,
        **_shared_kwargs(args),
    )
    emit(table, args, header=_header("log-odds (Dirichlet prior)", corpus, args, table))
    return EXIT_OK


def _cmd_keyness(args: argparse.Namespace) -> int:
    from framing.compare import compare_keyness

    corpus = read_corpus(args)
    table = compare_keyness(
        corpus,
        target=_one_or_list(_group_values(corpus, args.by, args.target)),
        reference=_one_or_list(_group_values(corpus, args.by, args.reference)),
        measure=args.measure,
        correction=args.correction,
        p_adjust=None if args.p_adjust == "none" else args.p_adjust,
        min_range=args.min_range,
        **_shared_kwargs(args),
    )
    emit(table, args, header=_header(f"keyness ({args.measure})", corpus, args, table))
    return EXIT_OK


def _cmd_specificities(args: argparse.Namespace) -> int:
    from framing.compare import compare_specificities

    corpus = read_corpus(args)
    table = compare_specificities(corpus, **_shared_kwargs(args))
    if args.target:
        groups = list(table.attrs.get("groups", []))
        wanted = _group_values(corpus, args.by, args.target) or []
        for name, value in zip(args.target, wanted, strict=True):
            if value not in groups:
                shown = ", ".join(repr(g) for g in groups)
                raise BadInput(
                    f"--target {name!r} is not a group of {args.by!r}. Groups present: "
                    f"{shown}.{suggest(name, [str(g) for g in groups])}"
                )
        table = table[table[args.by].isin(wanted)].reset_index(drop=True)
    emit(table, args, header=_header("specificities (Lafon)", corpus, args, table))
    return EXIT_OK


def _shared_options(p: argparse.ArgumentParser, *, target: str) -> None:
    p.add_argument("corpus", help="corpus path or bundled corpus name")
    p.add_argument("--by", required=True, metavar="COL", help="metadata column of the groups")
    if target == "required":
        p.add_argument(
            "--target",
            required=True,
            action="append",
            metavar="VALUE",
            help="the group studied (repeat to pool several groups)",
        )
        p.add_argument(
            "--reference",
            action="append",
            metavar="VALUE",
            help="the group compared with (repeatable; default: all other groups)",
        )
    else:
        p.add_argument(
            "--target",
            action="append",
            metavar="VALUE",
            help="show only this group (repeatable; default: every group)",
        )
    p.add_argument(
        "--ngram",
        default="1",
        metavar="N",
        help="n-gram order: 1, 2, 3 or a range such as 1-3 (default: 1)",
    )
    p.add_argument(
        "--stopwords",
        choices=("fr", "en", "none"),
        default="none",
        help="remove the function words of this language (default: none)",
    )
    p.add_argument(
        "--language", choices=("fr", "en"), default="fr", help="tokeniser language (default: fr)"
    )
    p.add_argument(
        "--min-count", type=int, default=1, metavar="N", help="report terms seen ≥ N times"
    )
    p.add_argument(
        "--top-n",
        type=int,
        default=20,
        metavar="N",
        help="keep the N strongest terms at each end (default: 20; 0: all)",
    )
    add_corpus_options(p)
    p.add_argument("--out", metavar="FILE", help="write .csv, .tsv, .parquet, .tex or .jsonl")
    add_format(p)


def add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="terms that set a group apart: log-odds, keyness, specificities",
        description="Compare groups of documents (outlets, parties, periods) by the words "
        "they use: Monroe et al.'s log-odds with a Dirichlet prior, keyness (G², χ², log "
        "ratio), or Lafon's specificities.",
        formatter_class=formatter,
    )
    verbs = p.add_subparsers(dest="verb", metavar="METHOD", required=True)
    lo = verbs.add_parser(
        "log-odds",
        help="log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008)",
        description="Which terms the target group uses more than the reference: the "
        "log-odds ratio with an informative Dirichlet prior and its z-score (Monroe, "
        "Colaresi & Quinn 2008), sorted by z.",
        epilog=examples(
            "framing compare log-odds an-mariage-2013 --by wing --target left --stopwords fr",
            'framing compare log-odds articles.csv --by outlet --target "Le Monde" '
            '--reference "Le Figaro" --ngram 1-2',
            "framing compare log-odds articles.csv --by outlet --target A --target B "
            "--out log-odds.csv",
        ),
        formatter_class=formatter,
    )
    _shared_options(lo, target="required")
    lo.add_argument(
        "--prior", choices=("corpus", "uniform"), default="corpus", help="Dirichlet prior"
    )
    lo.add_argument("--alpha0", type=float, help="total prior mass (default: see the docs)")
    lo.set_defaults(handler=_cmd_log_odds)

    k = verbs.add_parser(
        "keyness",
        help="keywords of a group: signed G², χ², log ratio, FDR-adjusted p",
        description="Keywords of the target group against the reference: signed G² over "
        "the full 2 × 2 table (Dunning 1993), Pearson's χ², Hardie's log ratio, p-values "
        "with false-discovery-rate adjustment.",
        epilog=examples(
            "framing compare keyness an-mariage-2013 --by wing --target right --stopwords fr",
            'framing compare keyness articles.csv --by outlet --target "Le Monde" '
            "--measure log_ratio --top-n 30",
            "framing compare keyness articles.csv --by outlet --target A --ngram 2 "
            "--out keywords.tex",
        ),
        formatter_class=formatter,
    )
    _shared_options(k, target="required")
    k.add_argument(
        "--measure",
        choices=("g2", "chi2", "log_ratio"),
        default="g2",
        help="statistic that orders the rows (default: g2)",
    )
    k.add_argument("--correction", choices=("yates",), help="Yates' correction of chi2")
    k.add_argument(
        "--p-adjust",
        choices=("fdr_bh", "bonferroni", "none"),
        default="fdr_bh",
        help="multiple-testing adjustment (default: fdr_bh)",
    )
    k.add_argument("--min-range", type=int, metavar="N", help="keep terms found in ≥ N documents")
    k.set_defaults(handler=_cmd_keyness)

    s = verbs.add_parser(
        "specificities",
        help="Lafon's specificities of every term in every group",
        description="Lafon's (1980) hypergeometric specificities of every term in every "
        "group, signed log10 as TXM reports them. --target shows one group's rows.",
        epilog=examples(
            "framing compare specificities an-mariage-2013 --by political_group --stopwords fr",
            "framing compare specificities articles.csv --by outlet --target Libération "
            "--top-n 15",
        ),
        formatter_class=formatter,
    )
    _shared_options(s, target="optional")
    s.set_defaults(handler=_cmd_specificities)
