"""``framing code-sheet`` (a sample to code by hand) and ``framing validate`` (the codes).

The two halves of a lexicon validation study (:mod:`framing.validate`): ``code-sheet``
draws a reproducible stratified sample and writes it for coders; ``validate`` reads the
coded sheet (or each coder's copy) back and reports inter-coder reliability and the
lexicon's precision (and recall, for sheets of documents or sentences coded blind).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from framing._errors import suggest
from framing.cli._common import (
    EXIT_OK,
    BadInput,
    examples,
    formatter,
    print_table,
    split_list,
    write_result,
)

#: Default seed of the sample and of the bootstrap: printed, so the run can be repeated.
DEFAULT_SEED = 2023
_UNITS = ("hit", "document", "sentence")
_LEVELS = ("nominal", "ordinal", "interval", "ratio")
_ALLOCATIONS = ("equal", "proportional")
_SHEET_SUFFIXES = (".csv", ".xlsx")
_MATCHES_SUFFIXES = (".parquet", ".csv", ".tsv", ".jsonl")
#: Columns of the recall table printed on screen (--out-dir writes them all).
_RECALL_SHOWN = ["unit", "group", "n_units", "tp", "fp", "fn", "tn", "precision", "recall", "f1"]
#: Text columns of a matches table read back from CSV/TSV/JSONL (so "001" stays "001").
_TEXT_COLUMNS = ("doc_id", "surface", "entry", "frame", "contest", "variant", "voice", "cue")


# --- shared checks ---------------------------------------------------------------------------


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}")
    return number


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return number


def _existing_file(path: str, what: str) -> Path:
    target = Path(path)
    if not target.exists():
        raise BadInput(f"{what} {path!r} does not exist.")
    if not target.is_file():
        raise BadInput(f"{what} {path!r} is not a file.")
    return target


def _suffix(path: str, allowed: tuple[str, ...], option: str) -> Path:
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in allowed:
        names = ", ".join(allowed[:-1]) + " or " + allowed[-1]
        raise BadInput(
            f"{option} {path!r}: unknown extension {suffix or '(none)'!r}. Use {names}."
        )
    return target


def _number(value: Any, digits: int = 3) -> str:
    value = float(value)
    return "NA" if math.isnan(value) else f"{value:.{digits}f}"


# --- framing code-sheet --------------------------------------------------------------------


def _stratify(value: str) -> str | list[str] | None:
    text = value.strip()
    if text.lower() == "none":
        return None
    if text.lower() == "auto":
        return "auto"
    columns = split_list(text)
    if not columns:
        raise BadInput(
            f"--stratify {value!r}: expected 'auto', 'none' or column names separated by "
            "commas (such as outlet,item,voice)."
        )
    return columns


def _sheet_files(path: Path) -> list[Path]:
    """The files write_code_sheet writes for ``path`` (a CSV sheet has two companions)."""
    from framing.validate._sheets import instructions_path, meta_path

    if path.suffix.lower() == ".csv":
        return [path, meta_path(path), instructions_path(path)]
    return [path]


def _cmd_code_sheet(args: argparse.Namespace) -> int:
    from framing.corpus import read_corpus
    from framing.lexicon import read_lexicon
    from framing.match import match_lexicon
    from framing.validate import sample_for_coding, write_code_sheet

    out = _suffix(args.out, _SHEET_SUFFIXES, "--out")
    existing = [p for p in _sheet_files(out) if p.exists()]
    if existing and not args.force:
        raise BadInput(
            f"--out: {existing[0]} exists (it may hold codes). Choose another file name, or "
            "pass --force to replace it."
        )
    stratify = _stratify(args.stratify)
    items = split_list(args.items)
    if items and args.unit == "hit":
        raise BadInput(
            "--items chooses the frames and variants to ask about in documents or sentences "
            "(--unit document or --unit sentence); a sheet of hits holds the hits of every "
            "item. Drop --items, or pass --unit document."
        )
    coders = split_list(args.coders)
    if args.coders is not None and not coders:
        raise BadInput(f"--coders {args.coders!r}: expected coder names such as A,B.")

    corpus = read_corpus(args.corpus)
    lexicon = read_lexicon(args.lexicon)
    # the matches of every item: the hits to sample, or (for documents and sentences) which
    # units the lexicon matched, so that matched and unmatched units are both sampled
    matches = match_lexicon(corpus, lexicon)
    options: dict[str, Any] = {}
    if coders:
        options["coders"] = coders
    sheet = sample_for_coding(
        matches,
        corpus=corpus,
        n=args.n,
        unit=args.unit,
        stratify=stratify,
        allocation=args.allocation,
        items=items,
        lexicon=lexicon,
        window=args.window,
        random_state=args.seed,
        **options,
    )
    path = write_code_sheet(sheet, out, overwrite=args.force)

    attrs = sheet.attrs
    strata = attrs.get("strata") or []
    drawn = sum(1 for s in strata if s.get("sampled"))
    by = ", ".join(attrs.get("stratify") or []) or "none (simple random sample)"
    population = {"hit": "counted hits", "document": "documents", "sentence": "sentences"}
    print(
        f"wrote {path}: {len(sheet)} rows to code ({attrs.get('n_units')} {args.unit} units "
        f"drawn from {attrs.get('population')} {population[args.unit]} of "
        f"{corpus.name or corpus.source}, lexicon {lexicon.name} {lexicon.version})"
    )
    print(
        f"strata: {drawn} of {len(strata)} sampled, by {by}; {attrs.get('allocation')} "
        f"allocation; weights N_h/n_h in the column 'weight'"
    )
    print(f"seed: {args.seed} (the same command with --seed {args.seed} writes the same sample)")
    print(f"coders: {', '.join(attrs.get('coders') or [])} (one code_<coder> column each)")
    if path.suffix.lower() == ".csv":
        _, meta, guide = _sheet_files(path)
        print(f"instructions: {guide}")
        print(f"metadata: {meta} (keep it beside the sheet: framing validate reads it)")
    else:
        print(f"instructions: the worksheet 'instructions' of {path}")
    return EXIT_OK


def add_code_sheet(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "code-sheet",
        help="draw a stratified sample of hits, documents or sentences to code by hand",
        description="Match a lexicon over a corpus, draw a stratified random sample for hand "
        "coding and write it as a code sheet (.xlsx, or .csv with its instructions and "
        "metadata files beside it). Hits (--unit hit) measure precision: coders judge each "
        "marked hit in its context. Documents or sentences (--unit document|sentence) are "
        "coded blind, matched or not, and measure recall. The seed is printed: the same "
        "command writes the same sample. Read the coded sheet back with framing validate.",
        epilog=examples(
            "framing code-sheet karabakh-2023-fr karabakh-2023-fr --out sheet.xlsx --coders A,B",
            "framing code-sheet articles.csv lexicon.yaml --out sheet.csv --n 200 "
            "--stratify outlet,voice --seed 7",
            "framing code-sheet articles.csv lexicon.yaml --out recall.xlsx --unit sentence "
            "--items operation_name --n 150",
        ),
        formatter_class=formatter,
    )
    p.add_argument("corpus", help="corpus path or bundled corpus name")
    p.add_argument("lexicon", help="lexicon file or bundled lexicon name")
    p.add_argument("--out", required=True, metavar="FILE", help="the code sheet: .xlsx or .csv")
    p.add_argument(
        "--n", type=_positive_int, default=100, help="units to draw (default: 100; all if fewer)"
    )
    p.add_argument(
        "--unit",
        choices=_UNITS,
        default="hit",
        help="hit (precision), document or sentence (coded blind: recall); default: hit",
    )
    p.add_argument(
        "--stratify",
        default="auto",
        metavar="COLS",
        help="columns whose combinations form the strata, comma-separated; 'auto' (hits: "
        "outlet,item,voice; documents and sentences: outlet,matched) or 'none'",
    )
    p.add_argument(
        "--allocation",
        choices=_ALLOCATIONS,
        default="equal",
        help="units per stratum: equal (rare strata get enough) or proportional",
    )
    p.add_argument(
        "--coders",
        metavar="NAMES",
        help="coder names, comma-separated (default: coder_1,coder_2)",
    )
    p.add_argument(
        "--window", type=_count, default=25, help="words of context either side of a hit"
    )
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"random seed of the sample (default: {DEFAULT_SEED}; printed)",
    )
    p.add_argument(
        "--items",
        metavar="ITEMS",
        help="documents and sentences: frames, contests or contest/variant ids to ask "
        "about, comma-separated (default: all)",
    )
    p.add_argument(
        "--force", action="store_true", help="replace an existing sheet (it may hold codes)"
    )
    p.set_defaults(handler=_cmd_code_sheet)


# --- framing validate ----------------------------------------------------------------------


def _read_matches(path: Path):
    """A matches table written by ``framing match --out`` (ids and labels kept as text)."""
    import pandas as pd

    from framing._errors import FramingError

    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix == ".jsonl":
            table = pd.read_json(path, lines=True, dtype=dict.fromkeys(_TEXT_COLUMNS, str))
            return table
        header = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", nrows=0)
        return pd.read_csv(
            path,
            sep="\t" if suffix == ".tsv" else ",",
            dtype={c: str for c in _TEXT_COLUMNS if c in header.columns},
            keep_default_na=False,
            na_values=[""],
        )
    except (OSError, ValueError) as exc:
        raise FramingError(
            f"--matches {path}: cannot be read as a matches table ({exc})."
        ) from None


def _check_inputs(args: argparse.Namespace) -> dict[str, Any]:
    """Every option checked before anything is read or matched."""
    checked: dict[str, Any] = {}
    checked["paths"] = [_existing_file(p, "code sheet") for p in args.codes]
    for path in checked["paths"]:
        _suffix(str(path), _SHEET_SUFFIXES, "code sheet")
    if args.matches and (args.corpus or args.lexicon):
        raise BadInput(
            "--matches and --corpus/--lexicon both say where the matches come from: pass "
            "--matches (the table the sheet was sampled from), or --corpus and --lexicon "
            "(matched again), not both."
        )
    if bool(args.corpus) != bool(args.lexicon):
        given, missing = ("--corpus", "--lexicon") if args.corpus else ("--lexicon", "--corpus")
        raise BadInput(f"{given} needs {missing} too: the lexicon is matched over the corpus.")
    if args.matches:
        checked["matches"] = _suffix(
            str(_existing_file(args.matches, "--matches")), _MATCHES_SUFFIXES, "--matches"
        )
    has_matches = bool(args.matches or args.corpus)
    if args.latex:
        if not has_matches:
            raise BadInput(
                "--latex writes the validation table, which needs the matches: pass --matches "
                "or --corpus and --lexicon."
            )
        _suffix(args.latex, (".tex",), "--latex")
    if args.overrides_out:
        target = _suffix(args.overrides_out, (".yaml", ".yml"), "--overrides-out")
        if target.exists() and not args.force:
            raise BadInput(
                f"--overrides-out: {target} exists. Choose another file name, or pass --force "
                "to replace it."
            )
    checked["coders"] = split_list(args.coders)
    if args.coders is not None and not checked["coders"]:
        raise BadInput(f"--coders {args.coders!r}: expected coder names such as A,B.")
    return checked


def _check_coders(codes, wanted: list[str] | None, label: str) -> list[str]:
    """The coders to use, checked against the sheet's; the --label checked too."""
    available = list(codes.attrs.get("coders") or [])
    sheet = ", ".join(map(repr, available)) or "none"
    for name in wanted or ():
        if name not in available:
            raise BadInput(
                f"--coders {name!r}: the code sheet has no coder {name!r} (coders: {sheet})."
                + suggest(name, available)
            )
    coders = list(wanted or available)
    if label != "majority" and label not in coders:
        raise BadInput(
            f"--label {label!r}: expected 'majority' or one of the coders ({', '.join(coders)})."
            + suggest(label, ["majority", *coders])
        )
    return coders


def _reliability_line(table, coders: list[str], args: argparse.Namespace) -> str:
    row = table.iloc[0]
    interval = (
        f" [{round(table.attrs['ci'] * 100)}% CI {_number(row['alpha_ci_low'])}, "
        f"{_number(row['alpha_ci_high'])}; {args.n_boot} bootstrap replicates, seed "
        f"{args.seed}]"
        if args.n_boot and not math.isnan(row["alpha_ci_low"])
        else ""
    )
    kappa = (
        f", Cohen's kappa {_number(row['cohen_kappa'])}" if len(coders) == 2 else ""
    ) + f", Fleiss' kappa {_number(row['fleiss_kappa'])}"
    return (
        f"reliability ({args.level}) of {', '.join(coders)} over {int(row['n_pairable'])} "
        f"units coded twice or more: Krippendorff's alpha {_number(row['alpha'])}{interval}; "
        f"percent agreement {_number(row['percent_agreement'])}{kappa}"
    )


def _matches_for(args: argparse.Namespace, checked: dict[str, Any]):
    from framing.corpus import read_corpus
    from framing.lexicon import read_lexicon
    from framing.match import match_lexicon

    if "matches" in checked:
        return _read_matches(checked["matches"])
    return match_lexicon(read_corpus(args.corpus), read_lexicon(args.lexicon))


def _overrides_name(codes, target: Path) -> str:
    lexicon = codes.attrs.get("lexicon") or {}
    return f"{lexicon['name']}-overrides" if lexicon.get("name") else target.stem


def _cmd_validate(args: argparse.Namespace) -> int:
    from framing.validate import read_codes, reliability, validate_lexicon, write_overrides

    checked = _check_inputs(args)
    paths = checked["paths"]
    codes = read_codes(paths[0] if len(paths) == 1 else paths)
    coders = _check_coders(codes, checked["coders"], args.label)
    units = sorted({str(u) for u in codes["unit"].dropna()})
    missing = codes.attrs.get("n_missing") or {}
    print(
        f"codes: {len(codes)} rows of {' and '.join(units)} units from "
        f"{', '.join(p.name for p in paths)}; coders {', '.join(coders)}; empty codes: "
        + (", ".join(f"{c} {missing.get(c, 0)}" for c in coders))
    )
    written: list[str] = []
    out_dir = Path(args.out_dir) if args.out_dir else None

    if len(coders) >= 2:
        table = reliability(
            codes,
            coders=coders,
            level=args.level,
            n_boot=args.n_boot,
            random_state=args.seed,
        )
        print(_reliability_line(table, coders, args))
        if out_dir is not None:
            written.append(write_result(table, str(out_dir / "reliability.csv")))
    else:
        print(
            f"reliability: not computed (one coder, {coders[0]}): have a second coder code "
            "the sheet, or a part of it, to report Krippendorff's alpha."
        )

    if args.matches or args.corpus:
        matches = _matches_for(args, checked)
        result = validate_lexicon(matches, codes, coders=coders, label=args.label)
        print()
        print(result.summary())
        if len(result.precision):
            print()
            print_table(result.table(locale=args.locale), "table")
        if result.recall is not None:
            print()
            print_table(result.recall[_RECALL_SHOWN], "table")
        if out_dir is not None:
            if len(result.precision):
                written.append(write_result(result.precision, str(out_dir / "precision.csv")))
            if result.recall is not None:
                written.append(write_result(result.recall, str(out_dir / "recall.csv")))
            paper = result.table(locale=args.locale)
            written.append(write_result(paper, str(out_dir / "validation.csv")))
        if args.latex:
            result.to_latex(args.latex, locale=args.locale)
            written.append(args.latex)
    else:
        print(
            "\nprecision: not computed (pass --matches, or --corpus and --lexicon, with the "
            "matches the sheet was sampled from)."
        )

    if args.overrides_out:
        overrides = write_overrides(
            codes,
            args.overrides_out,
            name=args.overrides_name or _overrides_name(codes, Path(args.overrides_out)),
            version=args.overrides_version,
            coders=coders,
            label=args.label,
            overwrite=args.force,
        )
        written.append(
            f"{args.overrides_out} ({len(overrides)} exclude decision(s) from the hits coded as "
            "false positives: review it, then apply it with framing.validate.apply_overrides)"
        )
    if written:
        print()
    for item in written:
        print(f"wrote {item}")
    return EXIT_OK


def add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="reliability and precision/recall of a lexicon from coded sheets",
        description="Read a coded code sheet (or each coder's copy of it), check every cell "
        "(errors name the file, row and column), and report inter-coder reliability "
        "(Krippendorff's alpha with a bootstrap interval, percent agreement, Cohen's and "
        "Fleiss' kappa) and, given the matches the sheet was sampled from, the lexicon's "
        "precision by frame, variant, entry, outlet and voice (recall and F1 for documents "
        "or sentences coded blind). Optionally writes the tables, a LaTeX table and an "
        "overrides file excluding the hits coded as false positives.",
        epilog=examples(
            "framing validate sheet.xlsx --corpus karabakh-2023-fr --lexicon karabakh-2023-fr",
            "framing validate sheet-A.xlsx sheet-B.xlsx --matches matches.parquet "
            "--out-dir validation/ --latex validation/precision.tex",
            "framing validate sheet.csv --level ordinal --label A",
            "framing validate sheet.xlsx --corpus articles.csv --lexicon lexicon.yaml "
            "--overrides-out overrides.yaml --overrides-version 1.1.0",
        ),
        formatter_class=formatter,
    )
    p.add_argument(
        "codes", nargs="+", metavar="CODES", help="the coded sheet, or each coder's copy of it"
    )
    p.add_argument(
        "--matches",
        metavar="FILE",
        help="the matches table the sheet was sampled from (framing match --out: .parquet, "
        ".csv, .tsv, .jsonl)",
    )
    p.add_argument("--corpus", help="instead of --matches: the corpus, matched again")
    p.add_argument("--lexicon", help="instead of --matches: the lexicon, matched again")
    p.add_argument(
        "--coders", metavar="NAMES", help="coders to use, comma-separated (default: all)"
    )
    p.add_argument(
        "--label",
        default="majority",
        help="one code per unit: 'majority' (ties left out) or the coder whose codes are "
        "final (default: majority)",
    )
    p.add_argument(
        "--level",
        choices=_LEVELS,
        default="nominal",
        help="level of measurement of Krippendorff's alpha (default: nominal)",
    )
    p.add_argument(
        "--n-boot", type=_count, default=1000, help="bootstrap replicates of alpha (0: no CI)"
    )
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"random seed of the bootstrap (default: {DEFAULT_SEED})",
    )
    p.add_argument(
        "--locale",
        choices=("en", "fr"),
        default="en",
        help="number format of the printed and LaTeX tables (fr: 0,86 [0,78 ; 0,91])",
    )
    p.add_argument(
        "--out-dir",
        metavar="DIR",
        help="write reliability.csv, precision.csv, recall.csv and validation.csv there "
        "(each with its provenance JSON)",
    )
    p.add_argument(
        "--latex",
        metavar="FILE",
        help="write the validation table (hit precision, blind-unit recall) as LaTeX",
    )
    p.add_argument(
        "--overrides-out",
        metavar="FILE",
        help="write an overrides file (.yaml) excluding the hits coded as false positives",
    )
    p.add_argument(
        "--overrides-name",
        metavar="NAME",
        help="name recorded in the overrides file (default: <lexicon>-overrides)",
    )
    p.add_argument(
        "--overrides-version",
        default="1.0.0",
        metavar="VERSION",
        help="version recorded in the overrides file (default: 1.0.0)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing overrides file")
    p.set_defaults(handler=_cmd_validate)
