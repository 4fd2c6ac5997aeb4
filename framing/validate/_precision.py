"""``validate_lexicon``: precision of the hits, recall and F1 against hand codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest
from framing._stats import check_ci, wilson_interval
from framing.validate._common import (
    DEFAULT_POSITIVE,
    check_positive,
    code_column,
    code_matrix,
    coder_columns,
    item_ids,
    item_label,
    note_column,
    resolve_labels,
    shown,
)
from framing.validate._report import LexiconValidation

CALLER = "validate_lexicon()"
#: Groupings reported with ``by="auto"``, where the matches have the column.
AUTO_BY: tuple[str, ...] = ("entry", "frame", "variant", "outlet", "voice")
MISSING = "(missing)"
_MATCH_COLUMNS = ("doc_id", "start", "end", "entry", "frame", "contest", "variant")
_PRECISION_COLUMNS = (
    "by",
    "group",
    "n_hits",
    "n_coded",
    "n_correct",
    "precision",
    "ci_low",
    "ci_high",
    "n_unresolved",
)
_RECALL_COLUMNS = (
    "unit",
    "by",
    "group",
    "n_units",
    "tp",
    "fp",
    "fn",
    "tn",
    "precision",
    "precision_ci_low",
    "precision_ci_high",
    "recall",
    "recall_ci_low",
    "recall_ci_high",
    "f1",
    "n_unresolved",
)


# --- weighted proportions ------------------------------------------------------------------


def weighted_share(y: np.ndarray, w: np.ndarray, *, ci: float) -> tuple[float, float, float]:
    """Σwy/Σw with a Wilson interval at Kish's effective sample size (Σw)²/Σw².

    With equal weights this is the plain Wilson interval for ``sum(y)`` successes in
    ``len(y)`` trials. NaN when there is no unit.
    """
    if not len(y):
        return float("nan"), float("nan"), float("nan")
    w = w / w.max()  # scale-free; equal weights then give the exact unweighted share
    total = float(w.sum())
    share = float((w * y).sum() / total)
    n_eff = total * total / float((w * w).sum())
    low, high = wilson_interval(share * n_eff, n_eff, ci=ci)
    return share, float(low), float(high)


def _weights(codes: pd.DataFrame) -> np.ndarray:
    if "weight" not in codes.columns:
        return np.ones(len(codes))
    w = pd.to_numeric(codes["weight"], errors="coerce").to_numpy(dtype=float)
    return np.where(np.isfinite(w) & (w > 0), w, 1.0)


# --- inputs --------------------------------------------------------------------------------


def _check_matches(matches: Any) -> pd.DataFrame:
    if not isinstance(matches, pd.DataFrame):
        raise FramingError(
            f"{CALLER}: matches must be the matches table of framing.match_lexicon; got "
            f"{type(matches).__name__}."
        )
    missing = [c for c in _MATCH_COLUMNS if c not in matches.columns]
    if missing:
        available = [str(c) for c in matches.columns]
        raise FramingError(
            f"{CALLER}: the matches table has no column {missing[0]!r} (columns: "
            f"{shown(available, 20)})." + suggest(missing[0], available)
        )
    return matches


def _code_tables(codes: Any) -> list[pd.DataFrame]:
    tables = [codes] if isinstance(codes, pd.DataFrame) else codes
    if (
        not isinstance(tables, Sequence)
        or not tables
        or not all(isinstance(t, pd.DataFrame) for t in tables)
    ):
        raise FramingError(
            f"{CALLER}: codes must be the table of read_codes() or a list of such tables; got "
            f"{type(codes).__name__}."
        )
    for table in tables:
        for column in ("unit_id", "unit", "doc_id", "item"):
            if column not in table.columns:
                available = [str(c) for c in table.columns]
                raise FramingError(
                    f"{CALLER}: a codes table has no column {column!r}: pass the table "
                    "returned by read_codes()." + suggest(column, available)
                )
    return list(tables)


def _by(by: Any, matches: pd.DataFrame) -> list[str]:
    available = [str(c) for c in matches.columns] + ["item"]
    if isinstance(by, str) and by == "auto":
        return [c for c in AUTO_BY if c in available]
    if by is None:
        return []
    names = [by] if isinstance(by, str) else by
    if not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
        raise FramingError(
            f"{CALLER}: by must be 'auto', None, a column name or a list of them; got {by!r}."
        )
    for name in names:
        if name not in available:
            raise FramingError(
                f"{CALLER}: cannot report precision by {name!r}: the matches table has no "
                f"such column (columns: {shown(available, 20)})." + suggest(name, available)
            )
    return list(dict.fromkeys(names))


def _counted(matches: pd.DataFrame) -> np.ndarray:
    if "rejected" not in matches.columns:
        return np.ones(len(matches), dtype=bool)
    return matches["rejected"].isna().to_numpy()


def _group_values(rows: pd.DataFrame, items: np.ndarray, by: str) -> np.ndarray:
    """The group of each hit at one level; None where the level does not apply."""
    if by == "item":
        return items.astype(object)
    if by == "entry":
        return np.asarray(
            [f"{e} [{item_label(i)}]" for e, i in zip(rows["entry"], items, strict=True)],
            dtype=object,
        )
    if by == "frame":
        return rows["frame"].astype(object).where(rows["frame"].notna(), None).to_numpy()
    if by == "variant":
        return np.asarray(
            [
                None if pd.isna(v) else f"{c}/{v}"
                for c, v in zip(rows["contest"], rows["variant"], strict=True)
            ],
            dtype=object,
        )
    values = rows[by].astype(object)
    return np.asarray([MISSING if pd.isna(v) else str(v) for v in values], dtype=object)


# --- precision of hits ---------------------------------------------------------------------


def _precision(
    matches: pd.DataFrame,
    hits: list[tuple[pd.DataFrame, np.ndarray]],
    by: list[str],
    *,
    positive: list[str],
    ci: float,
) -> pd.DataFrame:
    items = item_ids(matches["frame"], matches["contest"], matches["variant"])
    keys = pd.MultiIndex.from_arrays(
        [
            matches["doc_id"].astype(str).to_numpy(dtype=object),
            matches["start"].to_numpy(dtype=np.int64),
            matches["end"].to_numpy(dtype=np.int64),
            items,
        ]
    )
    position_of = pd.Series(np.arange(len(matches)), index=keys)
    position_of = position_of[~position_of.index.duplicated()]
    frames = []
    for codes, labels in hits:
        start = pd.array(codes["start"], dtype="Int64")
        end = pd.array(codes["end"], dtype="Int64")
        wanted = pd.MultiIndex.from_arrays(
            [
                codes["doc_id"].astype(str).to_numpy(dtype=object),
                np.asarray(start.fillna(-1), dtype=np.int64),
                np.asarray(end.fillna(-1), dtype=np.int64),
                codes["item"].astype(str).to_numpy(dtype=object),
            ]
        )
        found = position_of.reindex(wanted)
        absent = codes["unit_id"][found.isna().to_numpy()].tolist()
        if absent:
            raise FramingError(
                f"{CALLER}: {len(absent)} coded hit(s) are not in the matches table "
                f"({shown(absent, 5)}): the codes belong to another matching run (another "
                "corpus, lexicon version or matcher options). Pass the matches the sheet "
                "was sampled from."
            )
        frames.append(
            pd.DataFrame(
                {
                    "row": found.to_numpy(dtype=np.int64),
                    "label": labels,
                    "weight": _weights(codes),
                }
            )
        )
    coded = pd.concat(frames, ignore_index=True)
    coded = coded.drop_duplicates("row", keep="first")
    resolved = coded["label"].notna().to_numpy()
    y = np.asarray([v in positive for v in coded["label"]], dtype=float)
    w = coded["weight"].to_numpy(dtype=float)
    rows_coded = matches.iloc[coded["row"].to_numpy()].reset_index(drop=True)
    items_coded = items[coded["row"].to_numpy()]
    counted = _counted(matches)
    population = matches[counted].reset_index(drop=True)
    items_population = items[counted]

    out = []

    def add(level: str, group: str, mask: np.ndarray, n_hits: int) -> None:
        use = mask & resolved
        share, low, high = weighted_share(y[use], w[use], ci=ci)
        out.append(
            {
                "by": level,
                "group": group,
                "n_hits": n_hits,
                "n_coded": int(use.sum()),
                "n_correct": int(y[use].sum()),
                "precision": share,
                "ci_low": low,
                "ci_high": high,
                "n_unresolved": int((mask & ~resolved).sum()),
            }
        )

    add("all", "all", np.ones(len(coded), dtype=bool), len(population))
    for level in by:
        values = _group_values(rows_coded, items_coded, level)
        pop_values = _group_values(population, items_population, level)
        groups = sorted({v for v in values.tolist() if v is not None})
        for group in groups:
            add(level, group, values == group, int((pop_values == group).sum()))
    return pd.DataFrame(out, columns=list(_PRECISION_COLUMNS))


# --- recall and F1 from units coded blind --------------------------------------------------


def _recall(units: pd.DataFrame, *, unit: str, positive: list[str], ci: float) -> pd.DataFrame:
    """Recall, precision and F1 of the lexicon's decisions on blind units of one kind.

    ``units`` holds one row per unit × item (deduplicated), with its ``label`` and whether
    the lexicon counted a hit of the item there (``found``): see :func:`_unit_rows`
    and :func:`_found`.
    """
    resolved = units["label"].notna().to_numpy()
    gold = np.asarray([v in positive for v in units["label"]], dtype=bool)
    predicted = units["found"].to_numpy(dtype=bool)
    w = units["weight"].to_numpy(dtype=float)
    out = []

    def add(level: str, group: str, mask: np.ndarray) -> None:
        use = mask & resolved
        tp, fp = use & gold & predicted, use & ~gold & predicted
        fn, tn = use & gold & ~predicted, use & ~gold & ~predicted
        p, p_low, p_high = weighted_share(
            gold[use & predicted].astype(float), w[use & predicted], ci=ci
        )
        r, r_low, r_high = weighted_share(
            predicted[use & gold].astype(float), w[use & gold], ci=ci
        )
        f1 = (
            2 * p * r / (p + r)
            if np.isfinite(p) and np.isfinite(r) and p + r > 0
            else (0.0 if np.isfinite(p) and np.isfinite(r) else float("nan"))
        )
        out.append(
            {
                "unit": unit,
                "by": level,
                "group": group,
                "n_units": int(use.sum()),
                "tp": int(tp.sum()),
                "fp": int(fp.sum()),
                "fn": int(fn.sum()),
                "tn": int(tn.sum()),
                "precision": p,
                "precision_ci_low": p_low,
                "precision_ci_high": p_high,
                "recall": r,
                "recall_ci_low": r_low,
                "recall_ci_high": r_high,
                "f1": f1,
                "n_unresolved": int((mask & ~resolved).sum()),
            }
        )

    add("all", "all", np.ones(len(units), dtype=bool))
    item_values = units["item"].to_numpy(dtype=object)
    for item in sorted(set(item_values.tolist())):
        add("item", item, item_values == item)
    return pd.DataFrame(out, columns=list(_RECALL_COLUMNS))


# --- one row per coded unit: its label and what the lexicon found there ---------------------

#: Columns of ``LexiconValidation.units`` before the coders' ``code_<c>`` / ``note_<c>``.
UNIT_COLUMNS: tuple[str, ...] = (
    "unit",
    "unit_id",
    "doc_id",
    "start",
    "end",
    "sentence",
    "item",
    "label",
    "status",
    "found",
    "n_found",
    "surfaces",
    "weight",
)


def _status(matrix: np.ndarray, coders: list[str], labels: np.ndarray, label: str) -> np.ndarray:
    """``resolved``, ``tied`` (codes without a strict majority) or ``uncoded`` per unit."""
    has_code = np.vectorize(lambda v: v is not None, otypes=[bool])(matrix)
    if has_code.size == 0:
        has_code = np.zeros(matrix.shape, dtype=bool)
    coded = has_code.any(axis=1) if label == "majority" else has_code[:, coders.index(label)]
    resolved = np.asarray([v is not None for v in labels], dtype=bool)
    return np.where(resolved, "resolved", np.where(coded, "tied", "uncoded")).astype(object)


def _unit_rows(
    part: pd.DataFrame,
    labels: np.ndarray,
    status: np.ndarray,
    coders: list[str],
    matrix: np.ndarray,
) -> pd.DataFrame:
    """The coded units of one sheet (one kind of unit), with their label and codes."""

    def ints(column: str) -> pd.array:
        if column not in part.columns:
            return pd.array([pd.NA] * len(part), dtype="Int64")
        return pd.array(pd.to_numeric(part[column], errors="coerce"), dtype="Int64")

    out = pd.DataFrame(
        {
            "unit": part["unit"].astype(str).to_numpy(dtype=object),
            "unit_id": part["unit_id"].astype(str).to_numpy(dtype=object),
            "doc_id": part["doc_id"].astype(str).to_numpy(dtype=object),
            "start": ints("start"),
            "end": ints("end"),
            "sentence": ints("sentence"),
            "item": part["item"].astype(str).to_numpy(dtype=object),
            "label": pd.Series(list(labels), dtype=object),
            "status": np.asarray(status, dtype=object),
            "weight": _weights(part),
        }
    )
    for j, coder in enumerate(coders):
        out[code_column(coder)] = pd.Series(matrix[:, j], dtype=object)
        notes = part[note_column(coder)] if note_column(coder) in part.columns else None
        out[note_column(coder)] = pd.Series(
            [None] * len(part)
            if notes is None
            else [None if pd.isna(v) or not str(v).strip() else str(v) for v in notes],
            dtype=object,
        )
    return out


def _found(matches: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Add ``found``, ``n_found`` and ``surfaces``: the lexicon's counted hits in each unit.

    A hit unit is found when that very hit is counted (not rejected by overrides); a
    document or sentence unit when the lexicon counted at least one hit of the item in it.
    """
    counted = matches[_counted(matches)]
    kinds = units["unit"].to_numpy(dtype=object)
    if (kinds == "sentence").any() and "sentence" not in counted.columns:
        raise FramingError(
            f"{CALLER}: the matches table has no 'sentence' column, so sentence codes cannot "
            "be compared with it: pass the matches table of framing.match_lexicon."
        )
    docs = set(units["doc_id"].tolist())
    keep = counted["doc_id"].astype(str).isin(docs).to_numpy()
    counted = counted[keep]
    found = pd.DataFrame(
        {
            "doc_id": counted["doc_id"].astype(str).to_numpy(dtype=object),
            "start": counted["start"].to_numpy(dtype=np.int64),
            "end": counted["end"].to_numpy(dtype=np.int64),
            "sentence": (
                pd.to_numeric(counted["sentence"], errors="coerce").fillna(-1).astype(np.int64)
                if "sentence" in counted.columns
                else np.full(len(counted), -1, dtype=np.int64)
            ),
            "item": item_ids(counted["frame"], counted["contest"], counted["variant"]),
            "surface": (
                counted["surface"].astype(object).to_numpy()
                if "surface" in counted.columns
                else np.full(len(counted), None, dtype=object)
            ),
        }
    ).sort_values(["doc_id", "start", "end"], kind="stable")
    keys = {
        "hit": ["doc_id", "start", "end", "item"],
        "document": ["doc_id", "item"],
        "sentence": ["doc_id", "sentence", "item"],
    }
    n_found = np.zeros(len(units), dtype=np.int64)
    surfaces = np.full(len(units), None, dtype=object)
    for kind, columns in keys.items():
        mask = kinds == kind
        if not mask.any():
            continue
        grouped = found.groupby(columns, sort=False)["surface"]
        counts = grouped.size()
        texts = grouped.agg(
            lambda s: " | ".join(dict.fromkeys(str(v) for v in s if not pd.isna(v))) or None
        )
        wanted = pd.MultiIndex.from_arrays(
            [
                units.loc[mask, c].astype(object).to_numpy()
                if c in ("doc_id", "item")
                else np.asarray(units.loc[mask, c].fillna(-1), dtype=np.int64)
                for c in columns
            ]
        )
        if len(counts):
            n_found[mask] = counts.reindex(wanted).fillna(0).to_numpy(dtype=np.int64)
            surfaces[mask] = texts.reindex(wanted).to_numpy(dtype=object)
    out = units.copy()
    position = out.columns.get_loc("weight")
    out.insert(position, "surfaces", pd.Series(surfaces, index=out.index, dtype=object))
    out.insert(position, "n_found", n_found)
    out.insert(position, "found", n_found > 0)
    out["surfaces"] = pd.Series(
        [None if pd.isna(v) else v for v in out["surfaces"]], index=out.index, dtype=object
    )
    return out


# --- the public function -------------------------------------------------------------------


def validate_lexicon(
    matches: pd.DataFrame,
    codes: pd.DataFrame | Sequence[pd.DataFrame],
    *,
    coders: Sequence[str] | None = None,
    label: str = "majority",
    positive: str | Sequence[str] = DEFAULT_POSITIVE,
    by: str | Sequence[str] | None = "auto",
    ci: float = 0.95,
) -> LexiconValidation:
    """How well does the lexicon measure what it claims? Precision, recall, F1 from hand codes.

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table the code sheet was sampled from (:func:`framing.match_lexicon`;
        with or without :func:`apply_overrides`).
    codes : DataFrame or list of DataFrames
        Code sheets read with :func:`read_codes`. Rows of ``unit == "hit"`` give the
        precision of hits; rows of ``"document"`` or ``"sentence"`` units (coded blind)
        give recall, precision and F1 of the lexicon's decisions at that level.
    coders : list of str, optional
        Coders whose codes count. Default: those of each sheet.
    label : str, default "majority"
        One code per unit: the strict majority of the coders' codes (ties are left out
        and counted as ``n_unresolved``), or the name of a coder whose codes are final
        (an adjudicator).
    positive : str or list of str, default "1"
        The code(s) meaning correct (hits) / present (documents, sentences).
    by : "auto", str, list of str or None, default "auto"
        Precision levels besides ``"all"``: columns of the matches, or ``"item"``.
        ``"auto"``: ``entry``, ``frame``, ``variant`` (as ``contest/variant``),
        ``outlet`` and ``voice``, where present. An entry is shown with its frame or
        variant, since one pattern can be listed in several.
    ci : float, default 0.95

    Returns
    -------
    LexiconValidation
        ``.precision`` and ``.recall`` tables (each with ``n_unresolved``: units left out
        for want of a label), ``.units`` (one row per coded unit: its label, its status
        and what the lexicon found there), ``.table()`` and ``.to_latex()`` for the paper
        (hit-level precision beside unit-level recall, precision and F1, with the
        unresolved counts), ``.errors()`` (the misses and false alarms on the units coded
        blind, with the coders' notes), ``.summary()`` for the text.

    Raises
    ------
    FramingError
        Not a matches table or code sheet; coded hits that are not in the matches (another
        run); document or sentence codes sampled from another corpus; an unknown ``by``
        column, coder, ``label`` or ``positive`` code.

    Notes
    -----
    Estimates are weighted by each unit's sampling weight ``N_h / n_h`` (recorded by
    :func:`sample_for_coding`), so that a stratified sample with equal allocation still
    estimates the precision of all counted hits (a ratio estimator, Cochran 1977,
    §5A.2). Intervals are Wilson score intervals at Kish's effective sample size
    ``(Σw)² / Σw²`` (Kish 1965, §8.2; with equal weights, the plain Wilson interval).
    Recall is estimated from units coded without seeing the lexicon's output: the share
    of unit × item pairs the coders said present in which the lexicon counted a hit of
    the item.

    References
    ----------
    Cochran, W. G. (1977). *Sampling Techniques* (3rd ed.). Wiley.

    Kish, L. (1965). *Survey Sampling*. Wiley.

    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association*, 22(158), 209–212.

    Examples
    --------
    >>> import framing
    >>> from framing.validate import sample_for_coding
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> hits = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> sheet = sample_for_coding(hits, corpus=corpus, n=30, stratify=None,
    ...                           coders=["A"], random_state=3)
    >>> sheet["code_A"] = ["0" if i % 10 == 0 else "1" for i in range(30)]
    >>> result = validate_lexicon(hits, sheet, label="A")
    >>> overall = result.precision.iloc[0]
    >>> int(overall["n_coded"]), int(overall["n_correct"]), float(overall["precision"])
    (30, 27, 0.9)
    """
    matches = _check_matches(matches)
    tables = _code_tables(codes)
    ci = check_ci(ci)
    levels = _by(by, matches)
    if not isinstance(label, str):
        raise FramingError(f"{CALLER}: label must be 'majority' or a coder name; got {label!r}.")

    by_unit: dict[str, list[tuple[pd.DataFrame, np.ndarray]]] = {}
    unit_rows: dict[str, list[pd.DataFrame]] = {}
    all_coders: list[str] = []
    positives: list[str] | None = None
    sources: list[str] = []
    for table in tables:
        names, columns = coder_columns(table, coders, caller=CALLER)
        all_coders += [n for n in names if n not in all_coders]
        positives = check_positive(positive, table.attrs.get("codebook"), caller=CALLER)
        matrix = code_matrix(table, columns)
        labels = resolve_labels(matrix, names, label, caller=CALLER)
        status = _status(matrix, names, labels, label)
        sources += list(table.attrs.get("sources") or [])
        units = table["unit"].astype(str).to_numpy()
        unknown = sorted(set(units) - {"hit", "document", "sentence"})
        if unknown:
            raise FramingError(
                f"{CALLER}: unknown unit kind(s) {shown(unknown)} in the codes (expected "
                "'hit', 'document' or 'sentence')."
            )
        for kind in ("hit", "document", "sentence"):
            mask = units == kind
            if mask.any():
                if kind != "hit":
                    _check_corpus(table, matches)
                part = table[mask].reset_index(drop=True)
                by_unit.setdefault(kind, []).append((part, labels[mask]))
                unit_rows.setdefault(kind, []).append(
                    _unit_rows(part, labels[mask], status[mask], names, matrix[mask])
                )
    positives = positives or [DEFAULT_POSITIVE]

    if "hit" in by_unit:
        precision = _precision(matches, by_unit["hit"], levels, positive=positives, ci=ci)
    else:
        precision = pd.DataFrame(columns=list(_PRECISION_COLUMNS))
    kinds = [k for k in ("hit", "document", "sentence") if k in unit_rows]
    coded_units = _found(
        matches,
        pd.concat(
            [
                pd.concat(unit_rows[k], ignore_index=True).drop_duplicates("unit_id", keep="first")
                for k in kinds
            ],
            ignore_index=True,
        ),
    )
    coded_units = _with_coder_columns(coded_units, all_coders)
    recall = None
    for kind in ("document", "sentence"):
        if kind in unit_rows:
            part = _recall(
                coded_units[coded_units["unit"] == kind].reset_index(drop=True),
                unit=kind,
                positive=positives,
                ci=ci,
            )
            recall = part if recall is None else pd.concat([recall, part], ignore_index=True)
    attrs = matches.attrs
    provenance = {
        "coders": all_coders,
        "sources": sources,
        "lexicon": {
            "name": attrs.get("lexicon_name"),
            "version": attrs.get("lexicon_version"),
            "fingerprint": attrs.get("lexicon_fingerprint"),
        },
        "corpus_fingerprint": attrs.get("corpus_fingerprint"),
        "overrides_fingerprint": attrs.get("overrides_fingerprint"),
        "by": levels,
        "method": "weighted by sampling weights N_h/n_h; Wilson intervals at Kish's "
        "effective sample size",
    }
    return LexiconValidation(
        precision=precision,
        recall=recall,
        label=label,
        positive=tuple(positives),
        ci=ci,
        provenance=provenance,
        units=coded_units,
    )


def _with_coder_columns(units: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """Every coder's code and note columns, in coder order (None where a sheet had none)."""
    base = [c for c in units.columns if c in UNIT_COLUMNS]
    out = units[base].copy()
    for coder in coders:
        for column in (code_column(coder), note_column(coder)):
            values = units[column] if column in units.columns else [None] * len(units)
            out[column] = pd.Series(
                [
                    None if v is None or (isinstance(v, float) and np.isnan(v)) else v
                    for v in values
                ],
                index=out.index,
                dtype=object,
            )
    return out


def _check_corpus(codes: pd.DataFrame, matches: pd.DataFrame) -> None:
    sampled = (codes.attrs.get("corpus") or {}).get("fingerprint")
    matched = matches.attrs.get("corpus_fingerprint")
    if isinstance(sampled, str) and isinstance(matched, str) and sampled != matched:
        raise FramingError(
            f"{CALLER}: the document or sentence codes were sampled from another corpus "
            f"(fingerprint {sampled}) than the one the matches were made from ({matched}). "
            "Recall needs the lexicon's matches on the very texts that were coded."
        )
