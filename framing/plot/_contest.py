"""plot_contest: how each group names the referent — variant shares per group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError
from framing.plot import _common as C

WHAT = "plot_contest"
PRODUCED_BY = "framing.count_contest"
KINDS = ("stacked", "dodged")


def _numeric(data: pd.DataFrame, column: str, param: str) -> np.ndarray:
    values = pd.to_numeric(data[column], errors="coerce")
    bad = values.isna() & data[column].notna()
    if bad.any():
        raise FramingError(
            f"{WHAT}: {param}={column!r} must hold numbers; got {data.loc[bad, column].iloc[0]!r}."
        )
    return values.to_numpy(dtype=float)


def _share_label(data: pd.DataFrame, y: str) -> str:
    if not y.startswith("share"):
        return C.label(y)
    unit = data.attrs.get("unit")
    return C.label("share_documents" if unit == "document" else "share_mentions")


def plot_contest(
    data: pd.DataFrame,
    *,
    x: str | Sequence[str] | None = None,
    variant: str = "variant",
    y: str = "share",
    kind: str = "stacked",
    ci: bool = True,
    show_n: bool = True,
    n: str = "n_group",
    ci_low: str = "ci_low",
    ci_high: str = "ci_high",
    drop_unused: bool = False,
    labels: Mapping[str, str] | None = None,
    legend: str | None = "bottom",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Draw the naming contest: the share of each variant in each group.

    The signature figure of a framing study: how each outlet (party, period, …) names the
    referent — « mesures antiterroristes » or « offensive », Karabakh or Haut-Karabakh.
    It reads the table of :func:`framing.count_contest` and computes nothing: shares and
    intervals are drawn as the table gives them.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per group × variant, as returned by :func:`framing.count_contest` (one
        contest).
    x : str or list of str, optional
        The group column(s), one bar (or bar group) each. Default: ``data.attrs["by"]``
        (the ``by=`` of ``count_contest``), else ``group``, else the first text column.
    variant : str, default "variant"
        The variant column: one colour (and hatch) per variant, in table order (the
        lexicon's order).
    y : str, default "share"
        The value drawn. A column whose name starts with ``share`` is drawn on a 0–100 %
        axis.
    kind : {"stacked", "dodged"}, default "stacked"
        ``"stacked"``: one horizontal bar per group, split by variant. ``"dodged"``: one
        bar per variant side by side within each group, with interval whiskers.
    ci : bool, default True
        Draw ``ci_low``–``ci_high`` whiskers (``kind="dodged"`` only: a stacked segment
        has no place for one). A row with a missing bound (a group with one document)
        gets no whisker.
    show_n : bool, default True
        Write each group's total ``n`` in its label: « SRC (n = 87) ».
    n : str, default "n_group"
        Column with the group's total (mentions, or documents with ``unit="document"``);
        constant within a group.
    ci_low, ci_high : str, default "ci_low", "ci_high"
        Interval columns.
    drop_unused : bool, default False
        Leave out the variants whose ``y`` is 0 (or missing) in every group — a lexicon
        may list more variants than a corpus uses. They are then absent from the legend
        and from the attached table.
    labels : dict, optional
        Display text for variant and group values, e.g. ``{"haut_karabakh":
        "Haut-Karabakh"}``; values not in it are shown as they are.
    legend : {"bottom", "top", "right", "best"} or None, default "bottom"
        Where the variant legend goes (see :func:`framing.plot._common.place_legend`);
        None draws none.
    ax : matplotlib.axes.Axes, optional
        Where to draw. Default: a new single-column figure (89 mm wide, taller with many
        groups) under the active theme.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh` (e.g. ``linewidth``).

    Returns
    -------
    matplotlib.axes.Axes
        With the plotted table attached (:func:`framing.save.get_data`).

    Raises
    ------
    FramingError
        ``data`` is not a non-empty DataFrame; a named column is missing (the message lists
        the columns present and suggests a close one); the table holds several contests or
        two rows for one group × variant; ``n`` varies within a group; more than eight
        variants; an invalid ``kind`` or ``legend``.

    Examples
    --------
    How each seed text names the region, in a French paper figure:

    >>> import framing
    >>> from framing.plot import plot_contest
    >>> from framing.style import theme
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> table = framing.count_contest(
    ...     matches, contest="region_name", by="doc_id", corpus=corpus, n_boot=0, n_perm=0)
    >>> with theme("paper", locale="fr"):
    ...     ax = plot_contest(table, drop_unused=True)
    >>> ax.get_xlabel()
    'Part des mentions'
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['azerbaijani_usage', 'haut_karabakh']
    """
    kind = C.check_choice(kind, "kind", KINDS, what=WHAT)
    ci = C.check_bool(ci, "ci", what=WHAT)
    drop_unused = C.check_bool(drop_unused, "drop_unused", what=WHAT)
    show_n = C.check_bool(show_n, "show_n", what=WHAT)
    legend = C.check_choice(legend, "legend", (*C.LEGEND_LOCS, None), what=WHAT)
    labels = C.check_labels(labels, what=WHAT)
    columns: dict[str, Any] = {"variant": variant, "y": y}
    if show_n:
        columns["n"] = n
    if ci and kind == "dodged":
        columns.update({"ci_low": ci_low, "ci_high": ci_high})
    C.check_table(data, columns, what=WHAT, produced_by=PRODUCED_BY)
    if "contest" in data.columns and data["contest"].nunique(dropna=True) > 1:
        contests = C.category_order(data["contest"].dropna())
        raise FramingError(
            f"{WHAT}: the table holds {len(contests)} contests ({C.shown(contests)}); a figure "
            f"shows one. Select it: data[data['contest'] == {contests[0]!r}]."
        )
    groups = C.group_columns(data, x, what=WHAT, exclude=(variant, "contest"))
    C.check_unique(data, [*groups, variant], what=WHAT)
    group_order = C.category_order(C.group_keys(data, groups))
    used = (
        pd.Series(np.nan_to_num(_numeric(data, y, "y")) != 0)
        .groupby(data[variant].map(C.display).to_numpy())
        .any()
    )
    unused = [v for v in C.category_order(data[variant].map(C.display)) if not used[v]]
    if drop_unused and unused:
        data = data[~data[variant].map(C.display).isin(unused)]
        if len(data) == 0:
            raise FramingError(
                f"{WHAT}: every variant is 0 in every group ({C.shown(unused)}), so "
                "drop_unused=True leaves nothing to draw. Check the contest and filters."
            )
    variant_order = C.category_order(data[variant].map(C.display))
    if len(variant_order) > 8 and unused and not drop_unused:
        raise FramingError(
            f"{WHAT}: {len(variant_order)} variants to tell apart, but the greyscale-safe "
            f"Okabe–Ito palette has 8 colours; {len(unused)} of them are never used "
            f"({C.shown(unused)}). Pass drop_unused=True, or filter the table."
        )
    looks = C.styles(len(variant_order), what=WHAT, kind="variants")
    keys = C.group_keys(data, groups)
    frame = pd.DataFrame(
        {
            "key": keys.to_numpy(),
            "variant": data[variant].map(C.display).to_numpy(),
            "y": _numeric(data, y, "y"),
        }
    )
    if ci and kind == "dodged":
        frame["low"] = _numeric(data, ci_low, "ci_low")
        frame["high"] = _numeric(data, ci_high, "ci_high")
    values = frame.pivot(index="key", columns="variant", values="y")
    values = values.reindex(index=group_order, columns=variant_order)

    tick_labels = [C.wrap_label(C.display(g, labels), C.TICK_WRAP) for g in group_order]
    if show_n:
        totals = pd.Series(_numeric(data, n, "n"), index=keys.to_numpy())
        varies = totals.groupby(level=0).nunique(dropna=False)
        if (varies > 1).any():
            raise FramingError(
                f"{WHAT}: n={n!r} varies within group {varies[varies > 1].index[0]!r}; it must "
                "be the group's total (count_contest's 'n_group'). Pass n='n_group', or "
                "show_n=False."
            )
        first = totals.groupby(level=0).first()
        tick_labels = [
            C.with_n(t, first[g]) for t, g in zip(tick_labels, group_order, strict=True)
        ]

    n_groups, n_variants = len(group_order), len(variant_order)
    rows = n_groups if kind == "stacked" else n_groups * max(1.0, 0.45 * n_variants + 0.3)
    ax = C.new_axes(ax, what=WHAT, rows=rows)
    positions = np.arange(n_groups, dtype=float)
    handles = []
    if kind == "stacked":
        left = np.zeros(n_groups)
        for j, (name, look) in enumerate(zip(variant_order, looks, strict=True)):
            width = np.nan_to_num(values[name].to_numpy(dtype=float))
            options = {
                "height": 0.7,
                "color": look.color,
                "hatch": look.hatch,
                "edgecolor": C.edge_color(look.color),
                "linewidth": 0.4,
                "label": C.display(name, labels),
                "gid": f"variant-{j}",
            }
            options.update(kwargs)
            handles.append(ax.barh(positions, width, left=left, **options))
            left = left + width
    else:
        band = 0.8
        height = band / n_variants
        for j, (name, look) in enumerate(zip(variant_order, looks, strict=True)):
            offset = (j - (n_variants - 1) / 2) * height
            width = values[name].to_numpy(dtype=float)
            drawn = np.isfinite(width)
            options = {
                "height": height * 0.92,
                "color": look.color,
                "hatch": look.hatch,
                "edgecolor": C.edge_color(look.color),
                "linewidth": 0.4,
                "label": C.display(name, labels),
                "gid": f"variant-{j}",
            }
            options.update(kwargs)
            handles.append(ax.barh(positions[drawn] + offset, width[drawn], **options))
            if ci:
                bounds = frame[frame["variant"] == name].set_index("key").reindex(group_order)
                C.ci_whiskers(
                    ax,
                    positions + offset,
                    bounds["low"].to_numpy(dtype=float),
                    bounds["high"].to_numpy(dtype=float),
                    orient="h",
                    color="#222222",
                    capsize=1.5,
                    elinewidth=0.7,
                    capthick=0.7,
                )

    ax.set_yticks(positions, tick_labels)
    ax.set_ylim(n_groups - 0.5, -0.5)  # first group on top
    ax.tick_params(axis="y", length=0)
    ax.set_ylabel(" · ".join(C.label(g) for g in groups))
    ax.set_xlabel(_share_label(data, y))
    if y.startswith("share"):
        ax.set_xlim(0, 1)
        C.percent_axis(ax, "x")
    C.fit_axis_labels(ax)
    C.place_legend(ax, handles, [C.display(v, labels) for v in variant_order], loc=legend)
    return C.finish(ax, data)
