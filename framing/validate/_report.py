"""The result of ``validate_lexicon``: tables for the paper and a text summary."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest
from framing.validate._common import shown


def _fmt(value: float, decimals: int, locale: str) -> str:
    from framing.style import format_number

    return format_number(value, locale=locale, decimals=decimals)


def _cell(value: float, low: float, high: float, *, decimals: int, locale: str) -> str:
    if not np.isfinite(value):
        return "–"
    text = _fmt(value, decimals, locale)
    if not (np.isfinite(low) and np.isfinite(high)):
        return text
    separator = "\u202f; " if locale == "fr" else ", "
    return f"{text} [{_fmt(low, decimals, locale)}{separator}{_fmt(high, decimals, locale)}]"


@dataclass(frozen=True)
class LexiconValidation:
    """Result of :func:`validate_lexicon`: precision of hits, recall and F1, provenance.

    Attributes
    ----------
    precision : pandas.DataFrame
        One row per group: ``by`` (``"all"``, ``"entry"``, ``"frame"``, ``"variant"``,
        ``"outlet"``, ``"voice"`` …), ``group``, ``n_hits`` (counted hits of the group in
        the matches: the population), ``n_coded`` (sampled hits with a resolved code),
        ``n_correct``, ``precision`` (weighted by the sampling weights), ``ci_low``,
        ``ci_high`` (Wilson), ``n_unresolved`` (hits whose coders tied). Empty when no
        hit was coded.
    recall : pandas.DataFrame or None
        From units coded blind (documents or sentences): ``unit``, ``by`` (``"all"``, then
        ``"item"``), ``group``, ``n_units``, ``tp``, ``fp``, ``fn``, ``tn`` (counts of
        unit × item pairs: the lexicon counted a hit of the item there / the coders said
        the item is present), ``precision`` and ``recall`` with their Wilson intervals,
        ``f1``, ``n_unresolved``. None when no such unit was coded.
    label : str
        How one code per unit was obtained: ``"majority"`` or a coder's name.
    positive : tuple of str
        The codes that mean correct / present.
    ci : float
    provenance : dict
        Coders, code-sheet sources, lexicon and corpus provenance, overrides applied to
        the matches, methods.
    """

    precision: pd.DataFrame
    recall: pd.DataFrame | None
    label: str
    positive: tuple[str, ...]
    ci: float
    provenance: dict[str, Any] = field(default_factory=dict)

    def table(
        self,
        *,
        by: Sequence[str] = ("all", "frame", "variant"),
        decimals: int = 2,
        locale: str = "en",
    ) -> pd.DataFrame:
        """The paper-ready table: one row per group, cells ``0.86 [0.78, 0.91]``.

        Parameters
        ----------
        by : list of str, default ("all", "frame", "variant")
            The precision levels to show, in order.
        decimals : int, default 2
        locale : {"en", "fr"}, default "en"
            French: decimal comma, ``[0,78 ; 0,91]``.

        Returns
        -------
        pandas.DataFrame
            Columns ``level``, ``group``, ``n`` (hits coded), ``precision``; with recall
            (document- or sentence-level codes), also ``recall``, ``f1`` and ``n_units``
            for the same frame or variant (and for "all").
        """
        if locale not in ("en", "fr"):
            raise FramingError(f"table(): locale must be 'en' or 'fr'; got {locale!r}.")
        levels = [by] if isinstance(by, str) else list(by)
        known = sorted(set(self.precision["by"]))
        for level in levels:
            if level not in known:
                raise FramingError(
                    f"table(): by={level!r} is not a level of the precision table (levels: "
                    f"{shown(known)})." + suggest(level, known)
                )
        rows = []
        recall = self.recall
        for level in levels:
            part = self.precision[self.precision["by"] == level]
            for record in part.itertuples(index=False):
                row = {
                    "level": level,
                    "group": record.group,
                    "n": record.n_coded,
                    "precision": _cell(
                        record.precision,
                        record.ci_low,
                        record.ci_high,
                        decimals=decimals,
                        locale=locale,
                    ),
                }
                if recall is not None:
                    key = (
                        "all"
                        if level == "all"
                        else f"frame:{record.group}"
                        if level == "frame"
                        else f"contest:{record.group}"
                        if level == "variant"
                        else None
                    )
                    match = recall[recall["group"] == key] if key is not None else recall[:0]
                    if len(match):
                        found = match.iloc[0]
                        row["recall"] = _cell(
                            found["recall"],
                            found["recall_ci_low"],
                            found["recall_ci_high"],
                            decimals=decimals,
                            locale=locale,
                        )
                        row["f1"] = (
                            _fmt(found["f1"], decimals, locale)
                            if np.isfinite(found["f1"])
                            else "–"
                        )
                        row["n_units"] = int(found["n_units"])
                    else:
                        row.update(recall="–", f1="–", n_units=0)
                rows.append(row)
        columns = ["level", "group", "n", "precision"]
        if recall is not None:
            columns += ["recall", "f1", "n_units"]
        out = pd.DataFrame(rows, columns=columns)
        out.attrs = {"table": "validation", "ci": self.ci, "locale": locale, **self.provenance}
        return out

    def to_latex(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        by: Sequence[str] = ("all", "frame", "variant"),
        decimals: int = 2,
        locale: str = "en",
        caption: str | None = None,
        label: str | None = None,
    ) -> str:
        """The paper-ready table as booktabs LaTeX (:func:`framing.tables.to_latex`).

        Parameters
        ----------
        path : str or path, optional
            Also write the LaTeX there.
        by, decimals, locale
            As for :meth:`table`.
        caption, label : str, optional
            Wrap the tabular in a ``table`` float. Default caption: what was measured.

        Returns
        -------
        str
            LaTeX source (needs ``\\usepackage{booktabs}``).
        """
        from framing.tables import to_latex

        table = self.table(by=by, decimals=decimals, locale=locale)
        percent = f"{round(self.ci * 100)}"
        headers = {
            "level": "Level",
            "group": "Group",
            "n": "Hits coded",
            "precision": f"Precision [{percent}% CI]",
        }
        if "recall" in table.columns:
            headers.update(recall=f"Recall [{percent}% CI]", f1="F1", n_units="Units coded")
        if caption is None:
            caption = (
                "Precision of the lexicon's hits judged by hand"
                + (", recall and F1 against units coded blind" if self.recall is not None else "")
                + f" (Wilson {percent}% intervals)."
            )
        return to_latex(
            table,
            None if path is None else Path(path),
            locale=locale,
            columns=headers,
            caption=caption,
            label=label,
        )

    def summary(self) -> str:
        """A short text summary for a methods or results section."""
        coders = self.provenance.get("coders") or []
        how = (
            f"the majority code of {len(coders)} coders"
            if self.label == "majority"
            else f"the codes of {self.label!r}"
        )
        percent = round(self.ci * 100)
        parts = []
        overall = self.precision[self.precision["by"] == "all"]
        if len(overall) and overall["n_coded"].iloc[0] > 0:
            row = overall.iloc[0]
            parts.append(
                f"Precision: {int(row['n_correct'])} of {int(row['n_coded'])} sampled hits "
                f"were judged correct ({how}); estimated precision over the "
                f"{int(row['n_hits'])} counted hits {row['precision']:.2f} ({percent}% CI "
                f"{row['ci_low']:.2f}–{row['ci_high']:.2f})."
            )
            if int(row["n_unresolved"]):
                parts.append(f"{int(row['n_unresolved'])} hit(s) with tied codes were left out.")
            groups = self.precision[
                (self.precision["by"] != "all") & (self.precision["n_coded"] >= 5)
            ]
            if len(groups):
                worst = groups.sort_values(["precision", "n_coded"], ascending=[True, False])
                low = worst.iloc[0]
                parts.append(
                    f"Lowest precision: {low['by']} {low['group']!r}, {low['precision']:.2f} "
                    f"(n = {int(low['n_coded'])})."
                )
        if self.recall is not None:
            row = self.recall[self.recall["by"] == "all"].iloc[0]
            unit = self.recall["unit"].iloc[0]
            parts.append(
                f"Against {int(row['n_units'])} {unit} × item judgements coded blind: recall "
                f"{row['recall']:.2f} ({percent}% CI {row['recall_ci_low']:.2f}–"
                f"{row['recall_ci_high']:.2f}), precision {row['precision']:.2f}, F1 "
                f"{row['f1']:.2f}."
            )
        return " ".join(parts) if parts else "No coded unit: nothing to summarise."

    def __str__(self) -> str:
        return self.summary()
