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


#: Levels of :meth:`LexiconValidation.table` that recall (by item) can fill.
_ITEM_LEVELS: tuple[str, ...] = ("all", "frame", "variant", "item")
_BLIND_UNITS: tuple[str, ...] = ("document", "sentence")
_PLURAL = {"document": "documents", "sentence": "sentences"}
#: The kinds of error :meth:`LexiconValidation.errors` lists, in the order it lists them.
ERROR_KINDS: tuple[str, ...] = ("miss", "false alarm", "unresolved")
_DASH = "\u2013"


def _cell(value: float, low: float, high: float, *, decimals: int, locale: str) -> str:
    if not np.isfinite(value):
        return _DASH
    text = _fmt(value, decimals, locale)
    if not (np.isfinite(low) and np.isfinite(high)):
        return text
    separator = "\u202f; " if locale == "fr" else ", "
    return f"{text} [{_fmt(low, decimals, locale)}{separator}{_fmt(high, decimals, locale)}]"


def _recall_group(item: str, level: str) -> str | None:
    """The group of a recall item at a level of the table (None: not at this level)."""
    if level == "item":
        return item
    kind, _, name = item.partition(":")
    if level == "frame" and kind == "frame":
        return name
    if level == "variant" and kind == "contest":
        return name
    return None


def _item_phrase(item: str) -> str:
    """``frame 'delegitimation'``, ``variant 'operation_name/offensive'``."""
    kind, _, name = item.partition(":")
    return f"frame {name!r}" if kind == "frame" else f"variant {name!r}"


def _informative(row: pd.Series) -> bool:
    """A recall row with something to report: not only pairs absent and not found."""
    return int(row["tp"]) + int(row["fp"]) + int(row["fn"]) + int(row["n_unresolved"]) > 0


def _listing(where: list[tuple[int, str]], shown_at_most: int = 3) -> str:
    """``4 in frame 'a', 1 in frame 'b' and 2 in 2 other groups``."""
    pieces = [f"{n} in {name}" for n, name in where[:shown_at_most]]
    rest = where[shown_at_most:]
    if rest:
        total = sum(n for n, _ in rest)
        pieces.append(f"{total} in {len(rest)} other group{'s' if len(rest) > 1 else ''}")
    if len(pieces) == 1:
        return pieces[0]
    return ", ".join(pieces[:-1]) + " and " + pieces[-1]


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
        ``ci_high`` (Wilson), ``n_unresolved`` (sampled hits left out: no strict majority
        among the coders' codes — with two coders, every disagreement — or no code). Empty
        when no hit was coded.
    recall : pandas.DataFrame or None
        From units coded blind (documents or sentences): ``unit``, ``by`` (``"all"``, then
        ``"item"``), ``group``, ``n_units``, ``tp``, ``fp``, ``fn``, ``tn`` (counts of
        unit × item pairs: the lexicon counted a hit of the item there / the coders said
        the item is present), ``precision`` and ``recall`` with their Wilson intervals,
        ``f1`` (harmonic mean of *this* precision and recall), ``n_unresolved`` (pairs
        left out, as for hits). None when no such unit was coded.
    label : str
        How one code per unit was obtained: ``"majority"`` or a coder's name.
    positive : tuple of str
        The codes that mean correct / present.
    ci : float
    provenance : dict
        Coders, code-sheet sources, lexicon and corpus provenance, overrides applied to
        the matches, methods.
    units : pandas.DataFrame or None
        One row per coded unit (a hit, or a document × item or sentence × item pair), the
        rows behind both tables: ``unit``, ``unit_id``, ``doc_id``, ``start``, ``end``,
        ``sentence`` (Int64), ``item``, ``label`` (the resolved code, None when
        unresolved), ``status`` (``"resolved"``, ``"tied"``: codes without a strict
        majority, or ``"uncoded"``: no code — with ``label=<coder>``, none from that
        coder), ``found`` (the lexicon counted this hit / a hit of the item in the
        document or sentence; rejected hits do not count), ``n_found`` (how many),
        ``surfaces`` (their distinct surfaces in text order, ``" | "``-joined), ``weight``,
        then ``code_<coder>`` and ``note_<coder>`` for every coder. :meth:`errors` lists
        its misses and false alarms.
    """

    precision: pd.DataFrame
    recall: pd.DataFrame | None
    label: str
    positive: tuple[str, ...]
    ci: float
    provenance: dict[str, Any] = field(default_factory=dict)
    units: pd.DataFrame | None = None

    # --- helpers ---------------------------------------------------------------------------

    def _blind_unit(self, unit: str | None, *, caller: str) -> str | None:
        """The kind of blind unit whose recall a table shows (None: no recall)."""
        kinds = (
            []
            if self.recall is None
            else [k for k in _BLIND_UNITS if (self.recall["unit"] == k).any()]
        )
        if unit is None:
            return kinds[0] if kinds else None
        if unit not in kinds:
            raise FramingError(
                f"{caller}: unit={unit!r} names no units coded blind in this validation "
                f"(coded: {shown(kinds)}). Pass one of them, or leave unit=None."
                + suggest(str(unit), kinds)
            )
        return unit

    def _unresolved_phrase(self, kind: str, noun: str, total: int) -> str:
        """``6 hit(s) with tied codes and 1 hit(s) without a code were left out …``."""
        n_tied = n_uncoded = 0
        if self.units is not None and "status" in self.units.columns:
            status = self.units.loc[self.units["unit"] == kind, "status"]
            n_tied, n_uncoded = int((status == "tied").sum()), int((status == "uncoded").sum())
        pieces = []
        if n_tied:
            pieces.append(f"{n_tied} {noun} with tied codes")
        if n_uncoded:
            by_whom = "" if self.label == "majority" else f" from {self.label!r}"
            pieces.append(f"{n_uncoded} {noun} without a code{by_whom}")
        if not pieces or n_tied + n_uncoded != total:
            pieces = [f"{total} {noun} with tied or missing codes"]
        return " and ".join(pieces) + " were left out as unresolved"

    def _unresolved_hit_groups(self) -> list[tuple[int, str]]:
        """Groups holding the unresolved hits: frames and variants (else items, else entries)."""
        table = self.precision
        present = set(table["by"])
        for levels in (("frame", "variant"), ("item",), ("entry",)):
            if present & set(levels):
                part = table[table["by"].isin(levels) & (table["n_unresolved"] > 0)]
                rows = [
                    (int(n), f"{by} {str(group)!r}")
                    for by, group, n in zip(
                        part["by"], part["group"], part["n_unresolved"], strict=True
                    )
                ]
                return sorted(rows, key=lambda r: (-r[0], r[1]))
        return []

    # --- tables ----------------------------------------------------------------------------

    def table(
        self,
        *,
        by: Sequence[str] = ("all", "frame", "variant"),
        unit: str | None = None,
        decimals: int = 2,
        locale: str = "en",
    ) -> pd.DataFrame:
        """The paper-ready table: one row per group, cells ``0.86 [0.78, 0.91]``.

        Parameters
        ----------
        by : list of str, default ("all", "frame", "variant")
            The levels to show, in order: levels of the precision table; with recall,
            also ``"all"``, ``"frame"``, ``"variant"`` and ``"item"``.
        unit : {"document", "sentence"}, optional
            Whose recall to show when both documents and sentences were coded blind.
            Default: documents if coded, else sentences.
        decimals : int, default 2
        locale : {"en", "fr"}, default "en"
            French: decimal comma, ``[0,78 ; 0,91]``.

        Returns
        -------
        pandas.DataFrame
            ``level``, ``group``, then the columns of what was coded — a side that was
            not coded has no columns (not NaN ones):

            - hits (precision): ``n`` (hits coded with a resolved code), ``n_unresolved``
              (hits left out: tied codes, or none), ``precision`` (of **hits**, with
              its interval).
            - units coded blind (documents or sentences): ``recall`` (with its interval),
              ``unit_precision`` (precision of the lexicon's decisions on those units,
              with its interval: the precision F1 is computed from), ``f1`` (harmonic
              mean of ``recall`` and ``unit_precision``, *not* of the hit precision),
              ``n_units`` (unit × item pairs with a resolved code), ``n_units_unresolved``.

            Rows: the groups of the precision table at each level, and (with recall, at
            ``"all"``, ``"frame"``, ``"variant"``, ``"item"``) the items coded blind
            where something was said present, found or left unresolved (an item absent
            and not found everywhere has no recall, precision or F1). A side without the
            group shows ``–`` and counts of 0. ``attrs["recall_unit"]`` names the unit
            of the recall columns.

        Raises
        ------
        FramingError
            An unknown level or unit; nothing coded at all.
        """
        if locale not in ("en", "fr"):
            raise FramingError(f"table(): locale must be 'en' or 'fr'; got {locale!r}.")
        kind = self._blind_unit(unit, caller="table()")
        recall = None if kind is None else self.recall[self.recall["unit"] == kind]
        has_precision = len(self.precision) > 0
        if not has_precision and recall is None:
            raise FramingError(
                "table(): nothing to tabulate: no hit and no document or sentence was coded. "
                "Pass validate_lexicon() the coded sheets read with read_codes()."
            )
        levels = [by] if isinstance(by, str) else list(by)
        known = list(
            dict.fromkeys(
                [str(b) for b in self.precision["by"]]
                + (list(_ITEM_LEVELS) if recall is not None else [])
            )
        )
        for level in levels:
            if level not in known:
                hint = (
                    " Recall from units coded blind is reported for 'all', 'frame', "
                    "'variant' and 'item' only."
                    if recall is not None
                    else ""
                )
                raise FramingError(
                    f"table(): by={level!r} is not a level of this validation (levels: "
                    f"{shown(known)})." + suggest(str(level), known) + hint
                )

        def cell(row: pd.Series, name: str, low: str, high: str) -> str:
            return _cell(row[name], row[low], row[high], decimals=decimals, locale=locale)

        rows = []
        for level in levels:
            hits: dict[str, pd.Series] = {}
            if has_precision:
                part = self.precision[self.precision["by"] == level]
                hits = {str(r["group"]): r for _, r in part.iterrows()}
            blind: dict[str, pd.Series] = {}
            if recall is not None:
                for _, r in recall.iterrows():
                    if level == "all":
                        group = "all" if r["by"] == "all" else None
                    else:
                        group = None if r["by"] == "all" else _recall_group(str(r["group"]), level)
                    if group is not None and (group in hits or level == "all" or _informative(r)):
                        blind[group] = r
            groups = sorted(set(hits) | set(blind)) if blind else list(hits)
            for group in groups:
                row: dict[str, Any] = {"level": level, "group": group}
                if has_precision:
                    found = hits.get(group)
                    if found is None:
                        row.update(n=0, n_unresolved=0, precision=_DASH)
                    else:
                        row.update(
                            n=int(found["n_coded"]),
                            n_unresolved=int(found["n_unresolved"]),
                            precision=cell(found, "precision", "ci_low", "ci_high"),
                        )
                if recall is not None:
                    found = blind.get(group)
                    if found is None:
                        row.update(
                            recall=_DASH,
                            unit_precision=_DASH,
                            f1=_DASH,
                            n_units=0,
                            n_units_unresolved=0,
                        )
                    else:
                        row.update(
                            recall=cell(found, "recall", "recall_ci_low", "recall_ci_high"),
                            unit_precision=cell(
                                found, "precision", "precision_ci_low", "precision_ci_high"
                            ),
                            f1=_fmt(found["f1"], decimals, locale)
                            if np.isfinite(found["f1"])
                            else _DASH,
                            n_units=int(found["n_units"]),
                            n_units_unresolved=int(found["n_unresolved"]),
                        )
                rows.append(row)
        columns = ["level", "group"]
        if has_precision:
            columns += ["n", "n_unresolved", "precision"]
        if recall is not None:
            columns += ["recall", "unit_precision", "f1", "n_units", "n_units_unresolved"]
        out = pd.DataFrame(rows, columns=columns)
        out.attrs = {
            "table": "validation",
            "ci": self.ci,
            "locale": locale,
            "recall_unit": kind,
            **self.provenance,
        }
        return out

    def _latex_note(self, table: pd.DataFrame, kind: str | None) -> str:
        pieces = []
        if "precision" in table.columns:
            pieces.append(
                "Precision (hits): share of the lexicon's hits judged correct, estimated from "
                "the hits coded, weighted by their sampling weights."
            )
        if "recall" in table.columns:
            word = kind or "unit"
            text = (
                f"Recall, precision and F1 ({_PLURAL.get(word, word)}): over {word}-item pairs "
                f"coded blind, the lexicon deciding an item present in a {word} when it "
                "counted a hit of it there; F1 is the harmonic mean of this recall and "
                "precision"
            )
            pieces.append(
                text + (", not of the precision of hits." if "precision" in table.columns else ".")
            )
        if self.label == "majority":
            pieces.append(
                "Unresolved: units without a strict majority among the coders' codes (with "
                "two coders, every disagreement) or without a code, left out of the estimates."
            )
        else:
            pieces.append(
                f"Codes of coder {self.label}; unresolved: units {self.label} did not code, "
                "left out of the estimates."
            )
        return "Note: " + " ".join(pieces)

    def to_latex(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        by: Sequence[str] = ("all", "frame", "variant"),
        unit: str | None = None,
        decimals: int = 2,
        locale: str = "en",
        caption: str | None = None,
        label: str | None = None,
        note: str | None = None,
    ) -> str:
        """The paper-ready table as booktabs LaTeX (:func:`framing.tables.to_latex`).

        Headers name the unit of each estimate: ``Precision (hits)``, then for units coded
        blind ``Recall (documents)``, ``Precision (documents)`` and ``F1 (documents)`` — F1
        is the harmonic mean of the two document-level figures beside it, not of the
        precision of hits — and the counts of units coded and left unresolved.

        Parameters
        ----------
        path : str or path, optional
            Also write the LaTeX there.
        by, unit, decimals, locale
            As for :meth:`table`.
        caption, label : str, optional
            The caption and label of the ``table`` float. Default caption: what was
            measured.
        note : str, optional
            A table note set under the tabular, inside the float (``\\footnotesize``).
            Default: what each column measures, that F1 is document-level, and what
            "unresolved" means. ``""``: no note.

        Returns
        -------
        str
            LaTeX source (needs ``\\usepackage{booktabs}``).

        Raises
        ------
        FramingError
            As for :meth:`table`.
        """
        from framing.tables import _escape, to_latex

        table = self.table(by=by, unit=unit, decimals=decimals, locale=locale)
        kind = table.attrs.get("recall_unit")
        units = _PLURAL.get(kind or "", "units")
        percent = f"{round(self.ci * 100)}"
        headers = {"level": "Level", "group": "Group"}
        if "precision" in table.columns:
            headers.update(
                n="Hits coded",
                n_unresolved="Hits unresolved",
                precision=f"Precision (hits) [{percent}% CI]",
            )
        if "recall" in table.columns:
            headers.update(
                recall=f"Recall ({units}) [{percent}% CI]",
                unit_precision=f"Precision ({units}) [{percent}% CI]",
                f1=f"F1 ({units})",
                n_units=f"Pairs coded ({units})",
                n_units_unresolved=f"Pairs unresolved ({units})",
            )
        if caption is None:
            measured = []
            if "precision" in table.columns:
                measured.append("precision of the lexicon's hits judged by hand")
            if "recall" in table.columns:
                measured.append(
                    f"recall, precision and F1 of its decisions on {units} coded blind"
                )
            if len(measured) == 1:
                measured = [measured[0].replace(" of its ", " of the lexicon's ")]
            text = "; ".join(measured)
            caption = text[0].upper() + text[1:] + f" (Wilson {percent}% intervals)."
        if note is None:
            note = self._latex_note(table, kind)
        latex = to_latex(table, None, locale=locale, columns=headers, caption=caption, label=label)
        if note:
            block = "\\par\\smallskip\n{\\footnotesize " + _escape(str(note)) + "\\par}\n"
            latex = latex.replace("\\end{tabular}\n", "\\end{tabular}\n" + block, 1)
        if path is not None:
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(latex.encode("utf-8"))
        return latex

    def errors(self, *, unit: str | None = None, unresolved: bool = False) -> pd.DataFrame:
        """The lexicon's errors on the units coded blind: misses and false alarms.

        A *miss* is a document × item (or sentence × item) pair whose label says the item
        is present while the lexicon counted no hit of it there (a false negative); a
        *false alarm*, a pair where the lexicon counted a hit of the item while the label
        says absent (a false positive at the unit level). Together they are the ``fn`` and
        ``fp`` of :attr:`recall`.

        Parameters
        ----------
        unit : {"document", "sentence"}, optional
            Only these units. Default: every kind coded blind.
        unresolved : bool, default False
            Also list the pairs left out as unresolved (tied codes, or none): not errors,
            but undecided.

        Returns
        -------
        pandas.DataFrame
            One row per pair: ``unit``, ``unit_id``, ``doc_id``, ``sentence`` (Int64,
            missing for documents), ``item``, ``error`` (``"miss"``, ``"false alarm"``
            or ``"unresolved"``), ``label``, ``found``, ``n_found`` (the lexicon's counted
            hits of the item in the unit), ``surfaces`` (what they matched), then every
            coder's ``code_<coder>`` and ``note_<coder>`` (None where empty). Sorted by
            unit, error, ``doc_id``, ``sentence``, ``item``. Empty when the lexicon made
            no error.

        Raises
        ------
        FramingError
            No document or sentence was coded; an unknown ``unit``.

        Examples
        --------
        >>> import framing
        >>> from framing.validate import read_codes, validate_lexicon
        >>> folder = framing.datasets.validation_path("karabakh-2023-fr")
        >>> documents = read_codes([folder / "A-documents.csv", folder / "B-documents.csv"])
        >>> hits = framing.match_lexicon(framing.read_corpus("karabakh-2023-fr"),
        ...                              "karabakh-2023-fr")
        >>> errors = validate_lexicon(hits, documents).errors()
        >>> errors["error"].value_counts().to_dict()
        {'miss': 2, 'false alarm': 1}
        """
        units = self.units
        blind = None if units is None else units[units["unit"] != "hit"]
        if blind is None or not len(blind):
            raise FramingError(
                "errors(): this validation has no document or sentence codes: misses and "
                "false alarms are counted on units coded blind. Draw them with "
                "sample_for_coding(..., unit='document'), code them, and pass the sheet to "
                "validate_lexicon()."
            )
        if not isinstance(unresolved, bool):
            raise FramingError(f"errors(): unresolved must be True or False; got {unresolved!r}.")
        kinds = [k for k in _BLIND_UNITS if (blind["unit"] == k).any()]
        if unit is not None:
            if unit not in kinds:
                raise FramingError(
                    f"errors(): unit={unit!r} names no units coded blind in this validation "
                    f"(coded: {shown(kinds)})." + suggest(str(unit), kinds)
                )
            blind = blind[blind["unit"] == unit]
        resolved = (blind["status"] == "resolved").to_numpy()
        gold = blind["label"].isin(list(self.positive)).to_numpy()
        found = blind["found"].to_numpy(dtype=bool)
        error = np.full(len(blind), None, dtype=object)
        error[resolved & gold & ~found] = "miss"
        error[resolved & ~gold & found] = "false alarm"
        if unresolved:
            error[~resolved] = "unresolved"
        keep = np.asarray([e is not None for e in error], dtype=bool)
        out = blind[keep].copy()
        out.insert(out.columns.get_loc("item") + 1, "error", error[keep])
        order = pd.DataFrame(
            {
                "u": [_BLIND_UNITS.index(u) for u in out["unit"]],
                "e": [ERROR_KINDS.index(e) for e in out["error"]],
                "d": out["doc_id"].to_numpy(dtype=object),
                "s": out["sentence"].fillna(-1).to_numpy(dtype=np.int64),
                "i": out["item"].to_numpy(dtype=object),
            },
            index=out.index,
        ).sort_values(["u", "e", "d", "s", "i"], kind="stable")
        out = out.loc[order.index]
        columns = [c for c in out.columns if c not in ("start", "end", "status", "weight")]
        out = out[columns].reset_index(drop=True)
        out.attrs = {
            "table": "validation_errors",
            "label": self.label,
            "positive": list(self.positive),
            **self.provenance,
        }
        return out

    # --- text ------------------------------------------------------------------------------

    def summary(self) -> str:
        """A short text summary for a methods or results section.

        Says how many units were left out as unresolved (tied codes, or none) and in which
        frames, variants or items most of them sit: a group with many unresolved units
        can show a high precision only because its contested hits were left out.
        """
        coders = self.provenance.get("coders") or []
        how = (
            f"the majority code of {len(coders)} coders"
            if self.label == "majority"
            else f"the codes of {self.label!r}"
        )
        percent = round(self.ci * 100)
        parts = []
        overall = self.precision[self.precision["by"] == "all"]
        if len(overall):
            row = overall.iloc[0]
            if row["n_coded"] > 0:
                parts.append(
                    f"Precision: {int(row['n_correct'])} of {int(row['n_coded'])} sampled hits "
                    f"were judged correct ({how}); estimated precision over the "
                    f"{int(row['n_hits'])} counted hits {row['precision']:.2f} ({percent}% CI "
                    f"{row['ci_low']:.2f}–{row['ci_high']:.2f})."
                )
            if int(row["n_unresolved"]):
                text = self._unresolved_phrase("hit", "hit(s)", int(row["n_unresolved"]))
                where = self._unresolved_hit_groups()
                parts.append(text + (": " + _listing(where) if where else "") + ".")
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
            for kind in _BLIND_UNITS:
                part = self.recall[self.recall["unit"] == kind]
                if not len(part):
                    continue
                row = part[part["by"] == "all"].iloc[0]
                fn, fp = int(row["fn"]), int(row["fp"])
                parts.append(
                    f"Against {int(row['n_units'])} {kind} × item judgements coded blind: "
                    f"recall {row['recall']:.2f} ({percent}% CI {row['recall_ci_low']:.2f}–"
                    f"{row['recall_ci_high']:.2f}), precision {row['precision']:.2f}, F1 "
                    f"{row['f1']:.2f} at the {kind} level ({fn} miss{'es' if fn != 1 else ''}, "
                    f"{fp} false alarm{'s' if fp != 1 else ''})."
                )
                if int(row["n_unresolved"]):
                    noun = f"{kind} × item judgement(s)"
                    text = self._unresolved_phrase(kind, noun, int(row["n_unresolved"]))
                    items = part[(part["by"] == "item") & (part["n_unresolved"] > 0)]
                    where = sorted(
                        (
                            (int(n), _item_phrase(str(g)))
                            for g, n in zip(items["group"], items["n_unresolved"], strict=True)
                        ),
                        key=lambda r: (-r[0], r[1]),
                    )
                    parts.append(text + (": " + _listing(where) if where else "") + ".")
        return " ".join(parts) if parts else "No coded unit: nothing to summarise."

    def __str__(self) -> str:
        return self.summary()
