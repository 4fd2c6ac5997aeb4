"""Term plots: which words set two groups apart (log-odds z against frequency, keyness bars).

Both functions read a result table of :mod:`framing.compare` and draw it; they compute no
statistic. The direction of every signed column is the one :mod:`framing.compare` uses:
positive means "more frequent in the target", negative "more frequent in the reference".
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any

import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from framing._errors import FramingError, FramingWarning
from framing.plot._common import (
    check_labels,
    check_table,
    check_top_n,
    display,
    edge_color,
    finish,
    format_count,
    localized,
    missing_column,
    new_axes,
    place_legend,
    root_figure,
    styles,
)
from framing.plot._common import label as axis_label
from framing.plot._repel import place_labels, settled_renderer
from framing.style import format_number

__all__ = ["plot_keyness", "plot_log_odds"]

_PRODUCED_BY_LOG_ODDS = "framing.compare.compare_log_odds"
_PRODUCED_BY_KEYNESS = "framing.compare.compare_keyness"
#: Light grey of the terms that are not highlighted.
_BACKGROUND = "0.72"
#: Above this many background points, they are rasterised in PDF and SVG files.
_RASTERIZE_ABOVE = 2000
#: Group names in the legend are cut beyond this many characters.
_NAME_CHARS = 24
#: Terms that share a point share a label, wrapped at this many characters a line.
_WRAP_CHARS = 22
#: Sentinel: "use the column if the table has it".
AUTO = "auto"


# ------------------------------------------------------------------------------ shared


def _side_name(data: pd.DataFrame, side: str, labels: Mapping[str, str]) -> str:
    """The target or reference group(s) of a compare_* table, from its attrs.

    One or two groups are named (« right », « SRC + ECOLO »); more read « SRC + 3 others »;
    a group is written as ``labels`` says, in full (the text was chosen for display), and
    a group without a label by its value, cut with « … » beyond :data:`_NAME_CHARS`.
    """
    groups = data.attrs.get(side)
    if groups is None or (isinstance(groups, (list, tuple)) and not groups):
        return axis_label(side)
    if not isinstance(groups, (list, tuple)):
        groups = [groups]
    names = [display(g, labels) if str(g) in labels else _cut(display(g)) for g in groups]
    if len(names) <= 2:
        return " + ".join(names)
    rest = len(names) - 1
    return names[0] + localized(f" + {rest} others", f" + {rest} autres")


def _cut(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1].rstrip() + "…"


def _side_label(data: pd.DataFrame, side: str, labels: Mapping[str, str]) -> str:
    """Legend entry of one side: « right (1,489,860 tokens) »."""
    name = _side_name(data, side, labels)
    tokens = data.attrs.get(f"n_{side}_tokens")
    if isinstance(tokens, (int, float, np.integer, np.floating)) and math.isfinite(tokens):
        name += localized(f" ({format_count(tokens)} tokens)", f" ({format_count(tokens)} mots)")
    return name


def _legend_title() -> str:
    return localized("More frequent in", "Plus fréquent chez")


def _numeric(data: pd.DataFrame, column: str, param: str, what: str) -> np.ndarray:
    values = data[column]
    if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise FramingError(
            f"{what}: {param}={column!r} must be a numeric column; it holds "
            f"{values.dtype} values. Pass {param}= with the statistic to plot."
        )
    return values.to_numpy(dtype=float, na_value=np.nan)


def _ends(
    values: np.ndarray, names: np.ndarray, top_n: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Row positions of the ``top_n`` largest positive and most negative values.

    Each side is sorted from the extreme towards zero; ties go by term, so the choice
    never depends on the row order of the table.
    """
    if top_n is None:
        empty = np.array([], dtype=int)
        return empty, empty
    rows = np.arange(len(values))
    key = names.astype(str)
    pos = rows[values > 0]
    pos = pos[np.lexsort((key[pos], -values[pos]))][:top_n]
    neg = rows[values < 0]
    neg = neg[np.lexsort((key[neg], values[neg]))][:top_n]
    return pos, neg


# ----------------------------------------------------------------------- plot_log_odds


def plot_log_odds(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str = "z",
    label: str = "term",
    top_n: int | None = 10,
    threshold: float | None = 1.96,
    logx: bool = True,
    labels: Mapping[str, str] | None = None,
    ax: Any = None,
) -> Any:
    """Fightin' words: each term's z-score against its frequency, the top terms labelled.

    The plot of Monroe, Colaresi & Quinn (2008): every term of a
    :func:`~framing.compare.compare_log_odds` table is a small grey point at (frequency,
    z-score); the ``top_n`` terms with the highest z (more frequent in the target) and the
    ``top_n`` with the lowest z (more frequent in the reference) are coloured and labelled,
    with labels placed so that none overlaps another or leaves the Axes (see
    :mod:`framing.plot._repel`). Dashed lines mark ``±threshold`` (1.96: |z| above it is
    the conventional 5 % two-sided level of a single term, not a multiple-testing
    correction). The legend names the groups from ``data.attrs`` (``target``,
    ``reference``, and their sizes in tokens).

    Parameters
    ----------
    data : pandas.DataFrame
        The table of :func:`framing.compare.compare_log_odds` (or any table with a term
        column and a signed score).
    x : str, optional
        Column for the horizontal axis. Default: the term's frequency in the two groups,
        ``n_target + n_reference`` (a sum of the table's counts, not a statistic), written
        as ``n_total`` in the attached data.
    y : str, default "z"
        The signed score: ``"z"`` (Monroe et al.'s ranking statistic) or ``"delta"``.
    label : str, default "term"
        The column of term names.
    top_n : int or None, default 10
        How many terms to highlight and label at each end; None highlights none.
    threshold : float or None, default 1.96
        Draw dashed lines at ``±threshold``; None draws none.
    logx : bool, default True
        Logarithmic frequency axis (the frequencies of words span orders of magnitude).
    labels : dict, optional
        Display text of the target and reference groups in the legend (a study's
        ``labels``: « 003 · Bakou a annoncé » for a document id), written in full; terms
        are written as they are.
    ax : matplotlib.axes.Axes, optional
        Draw here; default: a new single-column (89 mm) figure in the active theme.

    Returns
    -------
    matplotlib.axes.Axes
        With the plotted rows attached (:func:`framing.save.get_data`): the table's rows
        with finite values, plus ``n_total`` (when ``x`` is None) and ``highlight``
        (``"target"``, ``"reference"`` or empty).

    Raises
    ------
    FramingError
        ``data`` is not a DataFrame or has no rows; a column is missing (the message lists
        the columns present and suggests the closest); ``x`` or ``y`` is not numeric; a
        frequency is not positive on the log axis; ``top_n`` is not a positive integer.

    Warns
    -----
    FramingWarning
        A label did not fit anywhere in the Axes without overlapping another (it is left
        out); make the figure larger or ``top_n`` smaller.

    Notes
    -----
    Labels are placed for the figure size at the time of the call; resizing the figure
    afterwards can bring them together again.

    References
    ----------
    .. [1] Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
       feature selection and evaluation for identifying the content of political
       conflict. *Political Analysis*, 16(4), 372–403. https://doi.org/10.1093/pan/mpn018

    Examples
    --------
    >>> import framing
    >>> from framing.compare import compare_log_odds
    >>> from framing.plot import plot_log_odds
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> table = compare_log_odds(corpus, by="wing", target="right", reference="left",
    ...                          ngram=(1, 3), stopwords="fr", min_count=20)
    >>> with framing.style.theme("paper"):
    ...     ax = plot_log_odds(table, top_n=8)
    >>> len(ax.texts) <= 16
    True
    """
    what = "plot_log_odds"
    labels = check_labels(labels, what=what)
    term_col = label
    x_columns = ["n_target", "n_reference"] if x is None else [x]
    columns = [("y", y), ("label", term_col)] + [("x", column) for column in x_columns]
    data = _check_columns(data, columns, what, _PRODUCED_BY_LOG_ODDS)
    top_n = check_top_n(top_n, what=what)
    _check_threshold(threshold, what)
    if not isinstance(logx, (bool, np.bool_)):
        raise FramingError(f"{what}: logx must be True or False; got {logx!r}.")

    yv = _numeric(data, y, "y", what)
    if x is None:
        xv = _numeric(data, "n_target", "x", what) + _numeric(data, "n_reference", "x", what)
    else:
        xv = _numeric(data, x, "x", what)
    finite = np.isfinite(xv) & np.isfinite(yv)
    if not finite.any():
        raise FramingError(
            f"{what}: no row has finite values of {x or 'n_target + n_reference'!r} and "
            f"{y!r}; there is nothing to draw."
        )
    if logx and (xv[finite] <= 0).any():
        bad = data.loc[finite & (xv <= 0), term_col].astype(str).head(3).tolist()
        raise FramingError(
            f"{what}: the frequency axis is logarithmic, but some frequencies are 0 or "
            f"negative (terms {', '.join(map(repr, bad))}). Drop those rows (min_count=1 "
            "in compare_log_odds) or pass logx=False."
        )
    table = data.loc[finite].copy()
    xv, yv = xv[finite], yv[finite]
    names = table[term_col].to_numpy()
    pos, neg = _ends(yv, names, top_n)
    highlight = np.full(len(table), "", dtype=object)
    highlight[pos] = "target"
    highlight[neg] = "reference"

    # a new figure grows with the number of labels (about one line of text per term)
    ax = new_axes(ax, what=what, rows=top_n)
    target_style, reference_style = styles(2, what=what)
    rest = highlight == ""
    ax.scatter(
        xv[rest],
        yv[rest],
        s=3,
        c=_BACKGROUND,
        marker="o",
        linewidths=0,
        zorder=1,
        rasterized=bool(rest.sum() > _RASTERIZE_ABOVE),
        label="_nolegend_",
    )
    for rows, style in ((pos, target_style), (neg, reference_style)):
        if len(rows):
            ax.scatter(
                xv[rows],
                yv[rows],
                s=14,
                color=style.color,
                marker=style.marker,
                edgecolors="white",
                linewidths=0.4,
                zorder=3,
            )
    if threshold is not None:
        for level in (threshold, -threshold):
            ax.axhline(level, color="0.45", linestyle="--", linewidth=0.5, zorder=0.5)
    ax.axhline(0, color="0.6", linewidth=0.5, zorder=0.5)
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(
        localized("Term frequency (both groups)", "Fréquence du terme (deux groupes)")
        if x is None
        else _label_for(x)
    )
    ax.set_ylabel(_label_for(y))
    ax.margins(x=0.04, y=0.12)  # room for labels beyond the extreme terms

    handles = [
        Line2D([], [], linestyle="", marker=s.marker, color=s.color, markeredgecolor="white")
        for s in (target_style, reference_style)
    ]
    texts = [_side_label(data, "target", labels), _side_label(data, "reference", labels)]
    place_legend(ax, handles, texts, title=_legend_title(), loc="top")
    # Most extreme first, alternating sides, so both directions get the best places;
    # terms at the same point (same counts) share one label.
    lx, ly, label_texts = _merge_labels(_interleave(pos, neg), xv, yv, names)
    place_labels(ax, lx, ly, label_texts, point_radius=2.5)
    if x is None:
        table["n_total"] = xv
    table["highlight"] = highlight
    return finish(ax, table)


def _merge_labels(
    order: np.ndarray, xv: np.ndarray, yv: np.ndarray, names: np.ndarray
) -> tuple[list[float], list[float], list[str]]:
    """One label per distinct point, its terms joined by commas, in the order given."""
    groups: dict[tuple[float, float], list[str]] = {}
    for row in order:
        groups.setdefault((float(xv[row]), float(yv[row])), []).append(str(names[row]))
    xs, ys, texts = [], [], []
    for (x, y), terms in groups.items():
        xs.append(x)
        ys.append(y)
        texts.append(_wrap_terms(terms))
    return xs, ys, texts


def _wrap_terms(terms: list[str]) -> str:
    """Terms joined by commas, a new line before a term that would pass _WRAP_CHARS.

    A term is never split across lines (« garde des sceaux » stays whole).
    """
    lines = [terms[0]]
    for term in terms[1:]:
        if len(lines[-1]) + 2 + len(term) <= _WRAP_CHARS:
            lines[-1] += ", " + term
        else:
            lines[-1] += ","
            lines.append(term)
    return "\n".join(lines)


def _interleave(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    out: list[int] = []
    for i in range(max(len(first), len(second))):
        out.extend(int(side[i]) for side in (first, second) if i < len(side))
    return np.asarray(out, dtype=int)


# ------------------------------------------------------------------------ plot_keyness


def plot_keyness(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    label: str = "term",
    top_n: int = 15,
    significance: str | None = AUTO,
    alpha: float = 0.05,
    labels: Mapping[str, str] | None = None,
    ax: Any = None,
) -> Any:
    """Keywords of two groups as diverging bars: the target's to the right, the reference's left.

    The ``top_n`` terms with the largest positive ``x`` (more frequent in the target) are
    drawn as bars to the right of zero, the ``top_n`` most negative (more frequent in the
    reference) to the left, each side sorted from the strongest keyword. A term's name is
    written at the base of its bar, on the other side of zero, so long n-grams stay
    readable. With a significance column, bars whose adjusted p-value is at least
    ``alpha`` are drawn hollow. The plot reads the table; it computes nothing.

    Parameters
    ----------
    data : pandas.DataFrame
        The table of :func:`framing.compare.compare_keyness` (or any table with a term
        column and a signed statistic, e.g. one group's rows of
        :func:`~framing.compare.compare_specificities` with ``x="specificity"``).
    x : str, optional
        The signed statistic: ``"g2"``, ``"chi2"``, ``"log_ratio"``, ``"z"``,
        ``"specificity"``, … Default: the ``measure`` recorded in ``data.attrs`` by
        ``compare_keyness``, else ``"g2"``.
    label : str, default "term"
        The column of term names.
    top_n : int, default 15
        Bars at each end.
    significance : str, None or "auto", default "auto"
        Column of (adjusted) p-values: bars with a value ``>= alpha`` are hollow. "auto":
        ``p_adj`` when the table has it; None: no marking.
    alpha : float, default 0.05
        Significance level for ``significance``.
    labels : dict, optional
        Display text of the target and reference groups in the legend (a study's
        ``labels``: « 003 · Bakou a annoncé » for a document id), written in full; terms
        are written as they are.
    ax : matplotlib.axes.Axes, optional
        Draw here; default: a new single-column (89 mm) figure in the active theme, as tall
        as the bars need (one line of text each).

    Returns
    -------
    matplotlib.axes.Axes
        With the drawn rows attached (top to bottom), plus a ``side`` column (``"target"``
        or ``"reference"``).

    Raises
    ------
    FramingError
        ``data`` is not a DataFrame, has no rows, or no row with a non-zero ``x``; a column
        is missing (with the columns present and a suggestion); ``x`` or the significance
        column is not numeric; ``top_n`` or ``alpha`` is invalid.

    Warns
    -----
    FramingWarning
        The Axes given is too short for one line of text per bar (labels would overlap),
        or term names had to be shortened to fit the width.

    References
    ----------
    .. [1] Dunning, T. (1993). Accurate methods for the statistics of surprise and
       coincidence. *Computational Linguistics*, 19(1), 61–74.
    .. [2] Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for Corpus
       Approaches to Social Science (CASS), Lancaster University.

    Examples
    --------
    >>> import framing
    >>> from framing.compare import compare_keyness
    >>> from framing.plot import plot_keyness
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> keys = compare_keyness(corpus, by="wing", target="right", reference="left",
    ...                        ngram=(1, 3), stopwords="fr", min_count=20)
    >>> with framing.style.theme("paper"):
    ...     ax = plot_keyness(keys, top_n=10)
    >>> len(ax.patches)
    20
    """
    what = "plot_keyness"
    labels = check_labels(labels, what=what)
    if not isinstance(data, pd.DataFrame):
        check_table(data, what=what, produced_by=_PRODUCED_BY_KEYNESS)
    if x is None:
        measure = data.attrs.get("measure")
        x = measure if isinstance(measure, str) and measure in data.columns else "g2"
    if significance == AUTO:
        significance = "p_adj" if "p_adj" in data.columns else None
    columns = [("x", x), ("label", label), ("significance", significance)]
    data = _check_columns(data, columns, what, _PRODUCED_BY_KEYNESS)
    top_n = check_top_n(top_n, what=what)
    if top_n is None:
        raise FramingError(f"{what}: top_n must be a positive integer; got None.")
    if (
        isinstance(alpha, bool)
        or not isinstance(alpha, (int, float, np.integer, np.floating))
        or not 0 < alpha < 1
    ):
        raise FramingError(f"{what}: alpha must be a number between 0 and 1; got {alpha!r}.")

    values = _numeric(data, x, "x", what)
    names = data[label].to_numpy()
    pos, neg = _ends(np.where(np.isfinite(values), values, 0.0), names, top_n)
    if not len(pos) and not len(neg):
        raise FramingError(
            f"{what}: no row has a non-zero, finite {x!r}; there is nothing to draw. Check "
            f"the table returned by {_PRODUCED_BY_KEYNESS}."
        )
    rows = np.concatenate([pos, neg])  # top to bottom
    table = data.iloc[rows].copy()
    table["side"] = ["target"] * len(pos) + ["reference"] * len(neg)
    heights = values[rows]
    hollow = np.zeros(len(rows), dtype=bool)
    if significance is not None:
        p = _numeric(data, significance, "significance", what)[rows]
        hollow = ~(p < alpha)  # a missing p is not significant

    ax = new_axes(ax, what=what, rows=len(rows))
    target_style, reference_style = styles(2, what=what)
    positions = np.arange(len(rows), dtype=float)
    bar_height = 0.72
    for i, (value, empty) in enumerate(zip(heights, hollow, strict=True)):
        style = target_style if i < len(pos) else reference_style
        ax.barh(
            positions[i],
            value,
            height=bar_height,
            color="white" if empty else style.color,
            edgecolor=edge_color(style.color),
            hatch=style.hatch or None,
            linewidth=0.6,
            zorder=2,
        )
    ax.axvline(0, color="0.25", linewidth=0.6, zorder=3)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # first row on top
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(_label_for(x))

    handles: list[Any] = []
    texts: list[str] = []
    if len(pos):
        handles.append(_bar_handle(target_style, hollow=False))
        texts.append(_side_label(data, "target", labels))
    if len(neg):
        handles.append(_bar_handle(reference_style, hollow=False))
        texts.append(_side_label(data, "reference", labels))
    if hollow.any():
        handles.append(Patch(facecolor="white", edgecolor="0.3", linewidth=0.6))
        level = format_number(float(alpha))
        texts.append(
            localized(
                f"Not significant ({significance} ≥ {level})",
                f"Non significatif ({significance} ≥ {level})",
            )
        )
    place_legend(ax, handles, texts, title=_legend_title(), loc="top")
    _warn_if_crowded(ax, len(rows), what)
    _bar_labels(ax, names[rows].astype(str), heights, positions, what)
    return finish(ax, table)


def _bar_handle(style: Any, *, hollow: bool) -> Patch:
    return Patch(
        facecolor="white" if hollow else style.color,
        edgecolor=edge_color(style.color),
        hatch=style.hatch or None,
        linewidth=0.6,
    )


def _bar_labels(
    ax: Any, names: np.ndarray, heights: np.ndarray, positions: np.ndarray, what: str
) -> None:
    """Term names at the base of each bar, across zero; x limits widened so they fit."""
    import matplotlib as mpl

    fig = root_figure(ax)
    renderer = settled_renderer(ax)  # the Axes has its final size
    pad_pt = 2.0
    pad = renderer.points_to_pixels(pad_pt)
    size = mpl.rcParams["ytick.labelsize"]
    offset = {
        1: mtransforms.ScaledTranslation(-pad_pt / 72, 0, fig.dpi_scale_trans),
        -1: mtransforms.ScaledTranslation(pad_pt / 72, 0, fig.dpi_scale_trans),
    }
    texts = []
    for name, value, y in zip(names, heights, positions, strict=True):
        side = 1 if value > 0 else -1
        text = ax.text(
            0,
            y,
            name,
            ha="right" if side > 0 else "left",
            va="center",
            fontsize=size,
            transform=ax.transData + offset[side],
            zorder=4,
        )
        text.set_in_layout(False)
        texts.append((text, side))

    width_px = ax.get_window_extent(renderer).width
    need = _needed(texts, renderer, pad)  # px left of zero (target names) and right of it
    if need[1] + need[-1] > 0.9 * width_px:
        _shorten(texts, need, width_px, pad, renderer, what)
        need = _needed(texts, renderer, pad)
    lo0 = min(0.0, float(heights.min()))
    hi0 = max(0.0, float(heights.max()))
    span = hi0 - lo0
    lo0, hi0 = lo0 - 0.04 * span, hi0 + 0.04 * span
    for _ in range(4):  # new limits change the tick labels, so the width: settle it
        a, b = need[1] / width_px, need[-1] / width_px
        lo, hi = lo0, hi0
        for _ in range(100):  # fixed point; converges since a + b < 1
            new_lo = min(lo, -a * hi / (1 - a)) if a < 1 else lo
            new_hi = max(hi, -b * new_lo / (1 - b)) if b < 1 else hi
            if math.isclose(new_lo, lo) and math.isclose(new_hi, hi):
                break
            lo, hi = new_lo, new_hi
        ax.set_xlim(lo, hi)
        renderer = settled_renderer(ax)
        previous, width_px = width_px, ax.get_window_extent(renderer).width
        if abs(width_px - previous) < 0.5:
            break


def _needed(texts: list[tuple[Any, int]], renderer: Any, pad: float) -> dict[int, float]:
    """Widest name (px, with padding) on each side of zero: 1 left, -1 right."""
    need = {1: 0.0, -1: 0.0}
    for text, side in texts:
        need[side] = max(need[side], text.get_window_extent(renderer).width + 2 * pad)
    return need


def _shorten(
    texts: list[tuple[Any, int]],
    need: dict[int, float],
    width_px: float,
    pad: float,
    renderer: Any,
    what: str,
) -> None:
    """Shorten the longest names (with « … ») until both sides fit in 90 % of the width."""
    need = {side: px / width_px for side, px in need.items()}  # fractions of the width
    budget = {1: 0.45, -1: 0.45}
    if need[1] < 0.45:
        budget = {1: need[1], -1: 0.9 - need[1]}
    elif need[-1] < 0.45:
        budget = {1: 0.9 - need[-1], -1: need[-1]}
    shortened = []
    for text, side in texts:
        full = text.get_text()
        current = full
        while (
            text.get_window_extent(renderer).width + 2 * pad > budget[side] * width_px
            and len(current) > 4
        ):
            current = current[:-1]
            text.set_text(current.rstrip() + "…")
        if text.get_text() != full:
            shortened.append(full)
    if shortened:
        warnings.warn(
            f"{what}: {len(shortened)} term(s) were shortened to fit the width "
            f"({', '.join(repr(s) for s in shortened[:5])}). Use a wider figure.",
            FramingWarning,
            stacklevel=4,
        )


def _warn_if_crowded(ax: Any, n_rows: int, what: str) -> None:
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties

    renderer = settled_renderer(ax)
    row_px = ax.get_window_extent(renderer).height / max(n_rows, 1)
    text_px = renderer.points_to_pixels(
        FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points() * 1.15
    )
    if row_px < text_px:
        warnings.warn(
            f"{what}: {n_rows} bars in an Axes {ax.get_window_extent(renderer).height:.0f} px "
            "high leave less than a line of text per bar, so term names overlap. Use a taller "
            "figure (or let the plot make one: ax=None) or a smaller top_n.",
            FramingWarning,
            stacklevel=3,
        )


# ------------------------------------------------------------------------------ checks


def _check_columns(
    data: Any, columns: list[tuple[str, Any]], what: str, produced_by: str
) -> pd.DataFrame:
    """check_table with (parameter, column) pairs: one parameter may name two columns."""
    check_table(data, what=what, produced_by=produced_by)
    for param, column in columns:
        if column is not None and column not in data.columns:
            raise missing_column(column, data, what=what, param=param)
    return data


def _check_threshold(threshold: Any, what: str) -> None:
    if threshold is None:
        return
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, (int, float, np.integer, np.floating))
        or not math.isfinite(threshold)
        or threshold <= 0
    ):
        raise FramingError(
            f"{what}: threshold must be a positive number (1.96 for the 5 % level) or None; "
            f"got {threshold!r}."
        )


def _label_for(column: str) -> str:
    return axis_label(column)
