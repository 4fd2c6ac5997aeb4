"""``apply_overrides``: coders' decisions applied to a matches table, deleting nothing."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing.validate._common import shown
from framing.validate._overrides import (
    OVERRIDE_COLUMNS,
    REJECTED,
    REJECTED_PREFIX,
    Overrides,
    read_overrides,
)

_ATTRS = (
    "overrides_name",
    "overrides_version",
    "overrides_fingerprint",
    "overrides_coders",
    "overrides_date",
    "overrides_source",
    "n_overrides",
    "n_overrides_unmatched",
    "n_excluded_by_overrides",
    "n_relabelled_by_overrides",
    "overrides_added_rejected",
)
_MATCH_COLUMNS = ("doc_id", "start", "end", "entry", "frame", "contest", "variant")


def _check_matches(matches: Any) -> pd.DataFrame:
    if not isinstance(matches, pd.DataFrame):
        raise FramingError(
            "apply_overrides(): matches must be the matches table of framing.match_lexicon; "
            f"got {type(matches).__name__}."
        )
    missing = [c for c in _MATCH_COLUMNS if c not in matches.columns]
    if missing:
        available = [str(c) for c in matches.columns]
        raise FramingError(
            f"apply_overrides(): the matches table has no column {missing[0]!r} (columns: "
            f"{shown(available, 20)})." + suggest(missing[0], available)
        )
    return matches


def _restore(matches: pd.DataFrame) -> pd.DataFrame:
    """The matches as they were before any overrides (the audit columns undone)."""
    out = matches.copy()
    attrs = dict(matches.attrs)
    if "override" in out.columns:
        decision = out["override"].astype(object)
        relabelled = (decision == "relabel").to_numpy()
        if relabelled.any() and "relabelled_from" in out.columns:
            out["variant"] = out["variant"].astype(object)
            out.loc[relabelled, "variant"] = out.loc[relabelled, "relabelled_from"].to_numpy()
        if REJECTED in out.columns:
            reasons = out[REJECTED].astype(object)
            excluded = (decision == "exclude").to_numpy() & np.asarray(
                [isinstance(r, str) and r.startswith(REJECTED_PREFIX) for r in reasons]
            )
            if excluded.any():
                out[REJECTED] = reasons
                out.loc[excluded, REJECTED] = None
        out = out.drop(columns=[c for c in OVERRIDE_COLUMNS if c in out.columns])
        added = attrs.get("overrides_added_rejected") and REJECTED in out.columns
        if added and out[REJECTED].isna().all():
            out = out.drop(columns=REJECTED)
    for key in _ATTRS:
        attrs.pop(key, None)
    out.attrs = attrs
    return out


def _positions(matches: pd.DataFrame, docs: set) -> dict[tuple, np.ndarray]:
    """Rows of each (doc_id, start, end) span, for the documents the overrides name."""
    ids = matches["doc_id"].astype(str)
    subset = np.flatnonzero(ids.isin(docs).to_numpy())
    if not len(subset):
        return {}
    spans = pd.DataFrame(
        {
            "doc_id": ids.to_numpy(dtype=object)[subset],
            "start": matches["start"].to_numpy(dtype=np.int64)[subset],
            "end": matches["end"].to_numpy(dtype=np.int64)[subset],
        }
    )
    groups = spans.groupby(["doc_id", "start", "end"], sort=False).indices
    return {(d, int(a), int(b)): subset[rows] for (d, a, b), rows in groups.items()}


def _as_overrides(overrides: Any) -> Overrides:
    if isinstance(overrides, Overrides):
        return overrides
    if isinstance(overrides, (str, os.PathLike)):
        return read_overrides(overrides)
    raise FramingError(
        "apply_overrides(): overrides must be an overrides file path, an Overrides object "
        f"(read_overrides) or None; got {type(overrides).__name__}."
    )


def apply_overrides(
    matches: pd.DataFrame,
    overrides: str | os.PathLike[str] | Overrides | None,
) -> pd.DataFrame:
    """Apply coders' audited decisions to a matches table, deleting nothing.

    Parameters
    ----------
    matches : pandas.DataFrame
        From :func:`framing.match_lexicon` (possibly already overridden: earlier
        overrides are undone first, so applying is never cumulative).
    overrides : str, path, Overrides or None
        The overrides file (format in :mod:`framing.validate`). None undoes any overrides
        and returns the matches as the matcher made them.

    Returns
    -------
    pandas.DataFrame
        A new table (the given one is not modified), same rows and order, with:

        - ``rejected`` (added after ``cue`` when absent): for an excluded hit,
          ``"override: <reason>"``, so that :func:`framing.count_frames`,
          :func:`framing.count_contest` and :func:`framing.count_documents` skip it
          (a hit already rejected by a proximity constraint keeps its reason).
        - ``variant``: the new variant of a relabelled contest hit.
        - ``override`` (``"exclude"``, ``"relabel"`` or None), ``override_reason``,
          ``relabelled_from`` (the old variant).

        ``attrs`` adds the provenance: ``overrides_name``, ``overrides_version``,
        ``overrides_fingerprint``, ``overrides_coders``, ``overrides_date``,
        ``overrides_source`` (file name), ``n_overrides``, ``n_overrides_unmatched``,
        ``n_excluded_by_overrides``, ``n_relabelled_by_overrides`` (rows).

    Raises
    ------
    FramingError
        Not a matches table; a bad overrides file; a ``relabel`` that targets no contest
        hit or names a variant the contest does not have (with a suggestion); two
        overrides for the same hit.

    Warns
    -----
    FramingWarning
        Overrides that match no hit (listed with their lines): the matches were made
        with another corpus or lexicon version, or the offsets are wrong. Also when the
        overrides file records another lexicon fingerprint than the matches.

    Notes
    -----
    An override targets the hits of the matches table with its ``doc_id``, ``start`` and
    ``end`` (the offsets shown in the code sheet), narrowed by ``entry``, ``frame`` or
    ``contest`` when given: one stretch of text can be a frame hit and a contest hit, and
    an ``exclude`` without a filter excludes both. A ``relabel`` applies to the contest
    hit(s) of the span only.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> hits = framing.match_lexicon("L'offensive militaire de Bakou a commencé.",
    ...                              "karabakh-2023-fr")
    >>> row = hits[hits["variant"] == "offensive"].iloc[0]
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "overrides.yaml"
    >>> _ = path.write_text(f'''name: demo
    ... version: 1.0.0
    ... coder: A
    ... overrides:
    ...   - {{doc_id: doc1, start: {row.start}, end: {row.end}, contest: operation_name,
    ...       decision: exclude, reason: test}}
    ... ''', encoding="utf-8")
    >>> out = apply_overrides(hits, path)
    >>> int(out["override"].notna().sum()), int(out["rejected"].notna().sum())
    (1, 1)
    >>> apply_overrides(out, None).columns.equals(hits.columns)
    True
    """
    matches = _check_matches(matches)
    out = _restore(matches)
    if overrides is None:
        return out
    ov = _as_overrides(overrides)
    attrs = dict(out.attrs)
    recorded = (ov.lexicon or {}).get("fingerprint")
    matched_with = attrs.get("lexicon_fingerprint")
    if isinstance(recorded, str) and isinstance(matched_with, str) and recorded != matched_with:
        warnings.warn(
            f"apply_overrides(): {ov.name} {ov.version} was written for lexicon fingerprint "
            f"{recorded}, and the matches were made with {matched_with}: offsets and hits "
            "may differ. Check the unmatched overrides reported below, if any.",
            FramingWarning,
            stacklevel=2,
        )

    positions = _positions(out, set(ov.items["doc_id"]))
    contests = attrs.get("lexicon_contests") or {}
    source = Path(ov.source).name if ov.source else ov.name
    problems: list[str] = []
    unmatched: list[str] = []
    owner: dict[int, int] = {}
    decisions: list[tuple[np.ndarray, Any]] = []
    frame_col = out["frame"].astype(object)
    contest_col = out["contest"].astype(object)
    entry_col = out["entry"].astype(object)
    for item in ov.items.itertuples(index=False):
        rows = positions.get((item.doc_id, int(item.start), int(item.end)), np.zeros(0, dtype=int))
        for column, wanted in (
            ("entry", item.entry),
            ("frame", item.frame),
            ("contest", item.contest),
        ):
            if wanted is not None and len(rows):
                values = {"entry": entry_col, "frame": frame_col, "contest": contest_col}[column]
                rows = rows[(values.iloc[rows] == wanted).to_numpy()]
        where = f"{source}:{item.line}"
        if not len(rows):
            unmatched.append(f"{where} ({item.doc_id} {item.start}-{item.end})")
            continue
        if item.decision == "relabel":
            rows = rows[contest_col.iloc[rows].notna().to_numpy()]
            if not len(rows):
                problems.append(
                    f"{where}: 'relabel' changes a contest hit's variant, but the hits at "
                    f"{item.doc_id} {item.start}-{item.end} are frame hits only."
                )
                continue
            for contest in sorted(set(contest_col.iloc[rows])):
                known = contests.get(contest)
                if known and item.variant not in known:
                    problems.append(
                        f"{where}: contest {contest!r} has no variant {item.variant!r} "
                        f"(variants: {shown(known)})." + suggest(item.variant, known)
                    )
        for row in rows.tolist():
            if row in owner:
                problems.append(
                    f"{where}: this hit ({item.doc_id} {item.start}-{item.end}) already has "
                    f"an override at line {owner[row]}; keep one decision per hit."
                )
            owner[row] = int(item.line)
        decisions.append((rows, item))
    if problems:
        raise FramingError(
            f"apply_overrides(): {len(problems)} problem(s) with {source}:\n  "
            + "\n  ".join(problems)
        )

    added_rejected = REJECTED not in out.columns
    if added_rejected:
        place = list(out.columns).index("cue") + 1 if "cue" in out.columns else len(out.columns)
        out.insert(place, REJECTED, pd.Series([None] * len(out), dtype=object))
    place = list(out.columns).index(REJECTED) + 1
    for offset, column in enumerate(OVERRIDE_COLUMNS):
        out.insert(place + offset, column, pd.Series([None] * len(out), dtype=object))
    rejected = out[REJECTED].astype(object).to_numpy(copy=True)
    variant = out["variant"].astype(object).to_numpy(copy=True)
    decision = np.full(len(out), None, dtype=object)
    reason = np.full(len(out), None, dtype=object)
    relabelled_from = np.full(len(out), None, dtype=object)
    n_excluded = n_relabelled = 0
    for rows, item in decisions:
        decision[rows] = item.decision
        reason[rows] = item.reason
        if item.decision == "exclude":
            fresh = np.asarray(
                [r is None or (isinstance(r, float) and np.isnan(r)) for r in rejected[rows]]
            )
            rejected[rows[fresh]] = REJECTED_PREFIX + item.reason
            n_excluded += len(rows)
        else:
            relabelled_from[rows] = variant[rows]
            variant[rows] = item.variant
            n_relabelled += len(rows)
    out[REJECTED] = pd.Series(rejected, dtype=object)
    out["variant"] = pd.Series(variant, dtype=object)
    out["override"] = pd.Series(decision, dtype=object)
    out["override_reason"] = pd.Series(reason, dtype=object)
    out["relabelled_from"] = pd.Series(relabelled_from, dtype=object)
    if unmatched:
        warnings.warn(
            f"apply_overrides(): {len(unmatched)} override(s) of {source} match no hit of "
            f"the matches table: {shown(unmatched, 5)}. Were the matches made with another "
            "corpus or lexicon version? Those decisions are not applied.",
            FramingWarning,
            stacklevel=2,
        )
    attrs.update(
        overrides_name=ov.name,
        overrides_version=ov.version,
        overrides_fingerprint=ov.fingerprint,
        overrides_coders=list(ov.coders),
        overrides_date=ov.date,
        overrides_source=source,
        n_overrides=len(ov.items),
        n_overrides_unmatched=len(unmatched),
        n_excluded_by_overrides=n_excluded,
        n_relabelled_by_overrides=n_relabelled,
        overrides_added_rejected=added_rejected,
    )
    out.attrs = attrs
    return out
