"""Building blocks shared by the plot functions: checks, new Axes, whiskers, legends.

Every ``plot_*`` function follows the same steps, with the helpers of this module:

1. check its input — :func:`check_table` (a non-empty DataFrame with the columns it
   names), :func:`check_bool`, :func:`check_choice`, :func:`check_top_n`,
   :func:`check_labels`;
2. get an Axes — :func:`new_axes` (the caller's, or a new single-column figure under the
   active rcParams: the caller's ``with framing.theme(...)`` decides the look);
3. draw with :func:`styles` (colour, marker and hatch per category, greyscale-safe),
   :func:`ci_whiskers` (interval whiskers drawn from the table's bounds, never computed
   here), :func:`place_legend` (a legend outside the data, fitted to the width) and the
   labels of :mod:`framing.plot._labels`;
4. :func:`finish` — numbers in the active locale (:func:`framing.style.apply_locale`) and
   the plotted table attached for :func:`framing.save.save_figure`.

The names here are stable: the term and dispersion plots import them.
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.font_manager import FontProperties

from framing._errors import FramingError, suggest
from framing.plot._labels import format_count, label, localized, with_n
from framing.save import attach_data
from framing.style import CycleStyle, apply_locale, cycle, figure_size, number_formatter

__all__ = [
    "LEGEND_LOCS",
    "MISSING",
    "category_order",
    "check_ax",
    "check_bool",
    "check_choice",
    "check_labels",
    "check_table",
    "check_top_n",
    "check_unique",
    "ci_whiskers",
    "display",
    "edge_color",
    "finish",
    "fit_axis_labels",
    "format_count",
    "group_columns",
    "group_keys",
    "label",
    "lighter",
    "localized",
    "missing_column",
    "new_axes",
    "percent_axis",
    "place_legend",
    "renderer_of",
    "root_figure",
    "rotate_if_crowded",
    "shown",
    "styles",
    "text_color",
    "with_n",
    "wrap_label",
]

#: How a missing group value is shown (as in the result tables of framing.measure).
MISSING = "(missing)"

MM_PER_PT = 25.4 / 72
TICK_WRAP = 32  # category labels longer than this go on several lines
CI_GID = "framing-ci"  # gid of the whisker lines, so tests and users can find them


def shown(values: Iterable[Any], n: int = 12) -> str:
    """``'a', 'b', … (20 in all)``: the first ``n`` values, quoted, for messages."""
    values = [str(v) for v in values]
    if not values:
        return "none"
    text = ", ".join(repr(v) for v in values[:n])
    return text + (f", … ({len(values)} in all)" if len(values) > n else "")


# ----------------------------------------------------------------------------- checks


def missing_column(
    name: Any, data: pd.DataFrame, *, what: str, param: str | None = None
) -> FramingError:
    """The error for a column ``name`` that ``data`` lacks: the columns present, a hint."""
    columns = [str(c) for c in data.columns]
    fix = f" Pass {param}= with the column to use." if param else ""
    return FramingError(
        f"{what}: the table has no column {name!r} (columns: {shown(columns, 20)}).{fix}"
        + suggest(str(name), columns)
    )


def check_table(
    data: Any,
    columns: Mapping[str, Any] | Sequence[Any] = (),
    *,
    what: str,
    produced_by: str,
) -> pd.DataFrame:
    """``data`` checked: a non-empty DataFrame holding the columns the plot reads.

    Parameters
    ----------
    data : object
        What the user passed.
    columns : mapping or sequence
        ``{parameter name: column}`` (the error then says which parameter to change), or
        just column names. ``None`` values are skipped.
    what : str
        The plot function, for messages (``"plot_contest"``).
    produced_by : str
        What should have produced the table, for messages (``"framing.count_contest"``).

    Returns
    -------
    pandas.DataFrame
        ``data`` itself (never modified).

    Raises
    ------
    FramingError
        Not a DataFrame, no rows, or a missing column (with the columns present and a
        suggestion).
    """
    if not isinstance(data, pd.DataFrame):
        raise FramingError(
            f"{what} expects a pandas DataFrame (the table returned by {produced_by}); got "
            f"{type(data).__name__}."
        )
    if isinstance(columns, Mapping):
        pairs = [(param, col) for param, col in columns.items() if col is not None]
    else:
        pairs = [(None, col) for col in columns if col is not None]
    for param, col in pairs:
        if col not in data.columns:
            raise missing_column(col, data, what=what, param=param)
    if len(data) == 0:
        raise FramingError(
            f"{what}: the table is empty (0 rows), so there is nothing to draw. It should be "
            f"the table returned by {produced_by}; check the filters that produced it (a "
            "contest, frame, voice or group with no hit)."
        )
    return data


def check_unique(data: pd.DataFrame, keys: Sequence[str], *, what: str) -> None:
    """Raise when two rows share the same ``keys`` (one bar or cell would hide the other)."""
    dup = data.duplicated(list(keys), keep=False)
    if dup.any():
        row = data.loc[dup, list(keys)].iloc[0]
        values = ", ".join(f"{k}={row[k]!r}" for k in keys)
        raise FramingError(
            f"{what}: {int(dup.sum())} rows share the same {', '.join(keys)} (e.g. {values}); "
            "each must be one row. Filter the table (one contest, one statistic) or aggregate "
            "it first."
        )


def check_bool(value: Any, name: str, *, what: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise FramingError(f"{what}: {name} must be True or False; got {value!r}.")


def check_choice(value: Any, name: str, choices: Sequence[Any], *, what: str) -> Any:
    if any(value is c or (isinstance(value, str) and value == c) for c in choices):
        return value
    listed = ", ".join(repr(c) for c in choices)
    hint = (
        suggest(value, [c for c in choices if isinstance(c, str)])
        if isinstance(value, str)
        else ""
    )
    raise FramingError(f"{what}: {name} must be one of {listed}; got {value!r}.{hint}")


def check_top_n(value: Any, name: str = "top_n", *, what: str) -> int | None:
    """None, or a positive integer."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise FramingError(f"{what}: {name} must be a positive integer or None; got {value!r}.")
    return int(value)


def check_labels(labels: Any, *, what: str) -> dict[str, str]:
    """``labels=``: None or a mapping from values (variants, frames, groups) to display text."""
    if labels is None:
        return {}
    if not isinstance(labels, Mapping) or not all(isinstance(v, str) for v in labels.values()):
        raise FramingError(
            f"{what}: labels must be a dict mapping values to display text, e.g. "
            f"{{'haut_karabakh': 'Haut-Karabakh'}}; got {labels!r}."
        )
    return {str(k): v for k, v in labels.items()}


def check_ax(ax: Any, *, what: str) -> Any:
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise FramingError(
            f"{what}: ax must be a matplotlib Axes (e.g. from plt.subplots()); got "
            f"{type(ax).__name__}."
        )
    return ax


# ------------------------------------------------------------------------- categories


def display(value: Any, labels: Mapping[str, str] | None = None) -> str:
    """How a category value is written: ``labels[value]`` if given, else ``str(value)``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        value = MISSING
    text = str(value)
    return labels.get(text, text) if labels else text


def category_order(values: Iterable[Any]) -> list[Any]:
    """Distinct values in order of first appearance (the table's order: lexicon order)."""
    return list(dict.fromkeys(values))


def group_columns(
    data: pd.DataFrame,
    x: str | Sequence[str] | None,
    *,
    what: str,
    param: str = "x",
    exclude: Iterable[str] = (),
) -> list[str]:
    """The grouping column(s) of a result table.

    ``x`` when given; else ``data.attrs["by"]`` (the ``by=`` of the measure that made the
    table); else ``group``; else the first text column not in ``exclude``.

    Raises
    ------
    FramingError
        A named column is missing, or no grouping column can be found.
    """
    if x is not None:
        names = [x] if isinstance(x, str) else list(x)
        if not names or not all(isinstance(n, str) for n in names):
            raise FramingError(
                f"{what}: {param} must be a column name or a list of them; got {x!r}."
            )
        for name in names:
            if name not in data.columns:
                raise missing_column(name, data, what=what, param=param)
        return names
    by = data.attrs.get("by")
    if isinstance(by, str):
        by = [by]
    if isinstance(by, (list, tuple)) and by and all(b in data.columns for b in by):
        return [str(b) for b in by]
    if "group" in data.columns:
        return ["group"]
    skip = set(exclude)
    for col in data.columns:
        if col not in skip and (
            pd.api.types.is_string_dtype(data[col]) or data[col].dtype == object
        ):
            return [str(col)]
    raise FramingError(
        f"{what}: cannot tell which column holds the groups (no attrs['by'], no 'group' "
        f"column; columns: {shown(data.columns, 20)}). Pass {param}='outlet' (or another)."
    )


def group_keys(data: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """One display key per row: the group value (``"(missing)"`` for NaN), joined by « · »."""
    parts = [data[c].map(display) for c in columns]
    keys = parts[0]
    for part in parts[1:]:
        keys = keys + " · " + part
    return keys


def styles(n: int, *, what: str, kind: str = "categories") -> list[CycleStyle]:
    """``cycle(n)``: colour, marker and hatch per category, with a clear error past 8."""
    if n > 8:
        raise FramingError(
            f"{what}: {n} {kind} to tell apart, but the greyscale-safe Okabe–Ito palette has "
            "8 colours. Keep the most frequent (filter the table), group the rare ones into "
            "'other', or draw one panel per group."
        )
    return cycle(n)


def text_color(rgba: Any) -> str:
    """Black or white, whichever contrasts more with a background colour (WCAG 2.x).

    Examples
    --------
    >>> text_color("#000000"), text_color("#F0E442")
    ('white', 'black')
    """
    r, g, b = mcolors.to_rgb(rgba)

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    # contrast with black: (L + .05) / .05; with white: 1.05 / (L + .05)
    return "black" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"


# ------------------------------------------------------------------------------- axes


def _font_mm(key: str) -> float:
    import matplotlib as mpl

    return FontProperties(size=mpl.rcParams[key]).get_size_in_points() * MM_PER_PT


def new_axes(ax: Any, *, what: str, rows: float | None = None) -> Any:
    """The caller's Axes, checked; or a new single-column (89 mm) figure's Axes.

    The new figure is made with :func:`matplotlib.pyplot.subplots` under the active
    rcParams (the caller's theme), ``figsize=figure_size("single")``, with constrained
    layout whatever the rcParams say; when ``rows`` (the
    number of category rows stacked on the y axis) needs more room for one line of tick
    label each, the figure grows taller, up to Nature's maximum height (170 mm).
    """
    if ax is not None:
        return check_ax(ax, what=what)
    import matplotlib.pyplot as plt

    width, height = figure_size("single")
    if rows:
        row_mm = 2.1 * _font_mm("ytick.labelsize")
        needed = 12 * _font_mm("font.size") + rows * row_mm
        height_mm = min(max(height * 25.4, needed), 170.0)
        width, height = figure_size("single", height=height_mm)
    # constrained layout even outside a theme: without it, plain matplotlib settings clip
    # the axis labels and legends that the plot functions place around the Axes
    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def percent_axis(ax: Any, axis: str = "x") -> None:
    """Label an axis of proportions as percentages in the active locale (« 25 % »).

    Ticks every 25 % when the axis spans 0–100 % (five labels fit a narrow axis in French,
    where « 100 % » is wide), else matplotlib's choice.
    """
    import matplotlib.ticker as mticker

    target = ax.xaxis if axis == "x" else ax.yaxis
    low, high = ax.get_xlim() if axis == "x" else ax.get_ylim()
    if min(low, high) >= -0.01 and 0.6 <= max(low, high) <= 1.01:
        target.set_major_locator(mticker.MultipleLocator(0.25))
    target.set_major_formatter(number_formatter(percent=True))


def ci_whiskers(
    ax: Any,
    positions: Sequence[float] | np.ndarray,
    low: Sequence[float] | np.ndarray,
    high: Sequence[float] | np.ndarray,
    *,
    orient: str = "h",
    color: Any = "black",
    **kwargs: Any,
) -> Any:
    """Interval whiskers from ``low`` to ``high`` at ``positions``, as read from the table.

    Each whisker is one line segment whose ends are exactly the table's bounds (drawn with
    :meth:`~matplotlib.axes.Axes.errorbar` around the interval's midpoint, so an estimate
    outside its interval never breaks it). Rows with a missing bound get no whisker.

    Parameters
    ----------
    positions : array-like
        Category positions (y for ``orient="h"``, x for ``"v"``).
    low, high : array-like
        The interval bounds (e.g. ``ci_low``, ``ci_high``).
    orient : {"h", "v"}
        ``"h"``: horizontal whiskers (values on the x axis).
    color : colour or list of colours
    **kwargs
        Passed to ``errorbar`` (``capsize``, ``elinewidth``, …).

    Returns
    -------
    ErrorbarContainer or None
        None when no row has both bounds. Its line collection has ``gid="framing-ci"``.
    """
    pos = np.asarray(positions, dtype=float)
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    keep = np.isfinite(pos) & np.isfinite(lo) & np.isfinite(hi)
    if not keep.any():
        return None
    pos, lo, hi = pos[keep], lo[keep], hi[keep]
    mid, half = (lo + hi) / 2, np.abs(hi - lo) / 2
    colors = color
    if not isinstance(color, str) and isinstance(color, Sequence):
        colors = [c for c, k in zip(color, keep, strict=True) if k]
    options = {"fmt": "none", "ecolor": colors, "elinewidth": None, "zorder": 3, "capsize": None}
    options.update(kwargs)
    if orient == "h":
        container = ax.errorbar(mid, pos, xerr=half, **options)
    else:
        container = ax.errorbar(pos, mid, yerr=half, **options)
    for line in container.lines[2]:
        line.set_gid(CI_GID)
    container.set_label("_nolegend_")
    return container


def _legend_order(items: list[Any], ncols: int) -> list[Any]:
    """Order entries so that a legend of ``ncols`` columns reads row by row."""
    return [item for col in range(ncols) for item in items[col::ncols]]


def renderer_of(fig: Any) -> Any:
    """The figure's renderer, after running its layout (constrained layout included)."""
    fig.draw_without_rendering()
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def _outside(ax: Any, fig: Any, *, below: bool, pad_pt: float) -> tuple[Any, float]:
    """A transform whose (0, 0) is left of the y-axis labels, under the x-axis labels
    (``below``) or at the top of the Axes; and the width available there, in pixels.

    Offsets are in inches, so they hold when the layout later resizes the Axes (tick
    labels keep their size).
    """
    from matplotlib.transforms import ScaledTranslation

    renderer = renderer_of(fig)
    ybox = ax.yaxis.get_tightbbox(renderer)
    left_px = max(0.0, ax.bbox.x0 - ybox.x0) if ybox is not None else 0.0
    if below:
        xbox = ax.xaxis.get_tightbbox(renderer)
        depth_px = max(0.0, ax.bbox.y0 - xbox.y0) if xbox is not None else 0.0
        shift_y = -(depth_px / fig.dpi + pad_pt / 72)
        origin = (0.0, 0.0)
    else:
        shift_y = pad_pt / 72
        origin = (0.0, 1.0)
    transform = ax.transAxes + ScaledTranslation(-left_px / fig.dpi, shift_y, fig.dpi_scale_trans)
    return transform, origin, left_px


LEGEND_LOCS = ("bottom", "top", "right", "best")


def place_legend(
    ax: Any,
    handles: Sequence[Any],
    labels: Sequence[str],
    *,
    title: str | None = None,
    loc: str | None = "bottom",
) -> Any:
    """A legend that covers no data: under the x-axis label, above the Axes, or beside it.

    Call it last (after tick labels and axis labels are set): the "bottom" legend is
    placed under the x axis as drawn then.

    Parameters
    ----------
    handles, labels : sequence
        Legend entries, in reading order.
    title : str, optional
    loc : {"bottom", "top", "right", "best"} or None
        ``"bottom"``: under the x-axis label; ``"top"``: above the Axes. Both are aligned
        with the left of the y-axis labels and use as many columns as fit the width of the
        Axes and its labels, read row by row. ``"right"``: one column
        beside the Axes. ``"best"``: inside, where matplotlib finds room. None: no legend.

    Returns
    -------
    matplotlib.legend.Legend or None
    """
    if loc is None or not handles:
        return None
    handles, labels = list(handles), list(labels)
    if loc == "best":
        return ax.legend(handles, labels, title=title, loc="best")
    if loc == "right":
        return ax.legend(
            handles,
            labels,
            title=title,
            loc="center left",
            bbox_to_anchor=(1.02, 0.5),
            borderaxespad=0,
            alignment="left",
        )
    fig = root_figure(ax)
    transform, origin, left_px = _outside(ax, fig, below=loc == "bottom", pad_pt=4)
    placement = {
        "loc": "upper left" if loc == "bottom" else "lower left",
        "bbox_to_anchor": origin,
        "bbox_transform": transform,
    }
    room = ax.get_window_extent().width + left_px
    legend = None
    with warnings.catch_warnings():
        # a trial legend wider than the figure collapses the layout for one draw
        warnings.filterwarnings("ignore", message="constrained_layout not applied")
        for ncols in range(_max_columns(fig, labels, room, len(handles)), 0, -1):
            legend = ax.legend(
                _legend_order(handles, ncols),
                _legend_order(labels, ncols),
                title=title,
                borderaxespad=0,
                ncols=ncols,
                alignment="left",
                **placement,
            )
            if ncols == 1:
                break
            renderer_of(fig)  # the Axes width is final once the layout has run
            room = ax.get_window_extent().width + left_px
            if legend.get_window_extent().width <= room * 1.01:
                break
    return legend


def _max_columns(fig: Any, labels: Sequence[str], room: float, n: int) -> int:
    """At most as many legend columns as entries of the widest label fit in ``room`` px."""
    import matplotlib as mpl

    renderer = renderer_of(fig)
    font = FontProperties(size=mpl.rcParams["legend.fontsize"])
    size_px = font.get_size_in_points() * fig.dpi / 72
    widest = max(renderer.get_text_width_height_descent(str(t), font, ismath=False)[0]
                 for t in labels)  # fmt: skip
    extra = (
        mpl.rcParams["legend.handlelength"]
        + mpl.rcParams["legend.handletextpad"]
        + mpl.rcParams["legend.columnspacing"]
    ) * size_px
    fit = int(room // (widest + extra)) if widest + extra > 0 else n
    # a column of short labels next to a long one may still fit: try one more
    return max(1, min(n, fit + 1))


def _in_view(axis: Any) -> list[Any]:
    """The visible, non-empty major tick labels of an axis within its view limits."""
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-9
    return [
        t
        for t, loc in zip(axis.get_majorticklabels(), axis.get_majorticklocs(), strict=True)
        if t.get_visible() and t.get_text() and low - span <= loc <= high + span
    ]


def rotate_if_crowded(ax: Any) -> float:
    """Slant the x tick labels when two of them overlap: 45°, or 90° if 45° is too tight.

    Returns
    -------
    float
        The rotation applied (0 when the labels fit).
    """
    fig = root_figure(ax)
    renderer = renderer_of(fig)
    labels = _in_view(ax.xaxis)
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    gap = 2 * fig.dpi / 72  # 2 pt between labels
    if not any(a.x1 + gap > b.x0 for a, b in itertools.pairwise(boxes)):
        return 0.0
    centres = sorted((b.x0 + b.x1) / 2 for b in boxes)
    spacing = min(b - a for a, b in itertools.pairwise(centres))
    height = max(b.height for b in boxes)
    rotation = 45.0 if spacing * math.sin(math.radians(45)) >= 1.15 * height else 90.0
    for text in ax.get_xticklabels():
        text.set_rotation(rotation)
        text.set_horizontalalignment("right" if rotation == 45 else "center")
        text.set_verticalalignment("top")
        text.set_rotation_mode("anchor" if rotation == 45 else "default")
    return rotation


def wrap_label(text: str, width: int = 24) -> str:
    """A category label on several lines of at most ``width`` characters (words kept whole).

    Examples
    --------
    >>> wrap_label("mariage de personnes de même sexe", 20)
    'mariage de personnes\\nde même sexe'
    """
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def _two_lines(text: str) -> str:
    """``text`` split at the space nearest its middle."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces or "\n" in text:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1 :]


def fit_axis_labels(ax: Any) -> None:
    """Put an axis label on two lines when it is longer than its axis (colour bars too)."""
    fig = root_figure(ax)
    renderer = renderer_of(fig)
    changed = False
    for label_artist, span in (
        (ax.xaxis.label, ax.bbox.width),
        (ax.yaxis.label, ax.bbox.height),
    ):
        text = label_artist.get_text()
        if not text:
            continue
        box = label_artist.get_window_extent(renderer)
        length = box.width if label_artist is ax.xaxis.label else box.height
        if length > span * 1.02:
            label_artist.set_text(_two_lines(text))
            changed = True
    if changed:
        renderer_of(fig)


def edge_color(color: Any, factor: float = 0.55) -> tuple[float, float, float]:
    """A darker shade of ``color``: bar outlines and hatch lines in the bar's own hue."""
    r, g, b = mcolors.to_rgb(color)
    return (r * factor, g * factor, b * factor)


def lighter(color: Any, amount: float = 0.5) -> tuple[float, float, float]:
    """``color`` mixed with white (``amount`` 0: unchanged, 1: white)."""
    r, g, b = mcolors.to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def root_figure(ax: Any) -> Any:
    """The top-level Figure of an Axes (not a SubFigure)."""
    from matplotlib.figure import SubFigure

    fig = ax.figure
    while isinstance(fig, SubFigure):
        fig = fig.figure
    return fig


def finish(ax: Any, table: pd.DataFrame) -> Any:
    """Numbers in the active locale, the plotted ``table`` attached; returns ``ax``."""
    apply_locale(ax)
    attach_data(ax, table)
    return ax
