"""plot_frame_rates: frame rates per 1,000 tokens by group, dots with interval whiskers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError
from framing.plot import _common as C
from framing.style import format_number

WHAT = "plot_frame_rates"
PRODUCED_BY = "framing.count_frames"
_RATE = re.compile(r"^rate_per_(\d+)([km]?)$")


def _per(x: str) -> int | None:
    """The ``per`` of a rate column: 1000 for ``rate_per_1k`` (count_frames' naming)."""
    match = _RATE.match(x)
    if match is None:
        return None
    scale = {"": 1, "k": 1000, "m": 1_000_000}[match.group(2)]
    return int(match.group(1)) * scale


def _interval_columns(data: pd.DataFrame, x: str) -> tuple[str, str]:
    """count_frames' interval columns for ``x``: ``rate_ci_*`` or ``<x>_ci_*``."""
    if _RATE.match(x):
        return "rate_ci_low", "rate_ci_high"
    if f"{x}_ci_low" in data.columns:
        return f"{x}_ci_low", f"{x}_ci_high"
    return "ci_low", "ci_high"


def _values(data: pd.DataFrame, column: str, param: str) -> np.ndarray:
    values = pd.to_numeric(data[column], errors="coerce")
    if (values.isna() & data[column].notna()).any():
        raise FramingError(f"{WHAT}: {param}={column!r} must hold numbers.")
    return values.to_numpy(dtype=float)


def plot_frame_rates(
    data: pd.DataFrame,
    *,
    x: str = "rate_per_1k",
    y: str = "frame",
    hue: str | Sequence[str] | None = None,
    ci: bool = True,
    ci_low: str | None = None,
    ci_high: str | None = None,
    show_n: bool = True,
    n: str = "n_docs",
    labels: Mapping[str, str] | None = None,
    legend: str | None = "bottom",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Draw frame rates by group: one dot per group and frame, with its interval.

    A dot-and-interval plot of the table of :func:`framing.count_frames`: frames down the
    y axis (in the table's order, the lexicon's), one dot per group within each frame,
    dodged so that groups do not overlap, whiskers from the table's bounds (a cluster
    bootstrap over documents there; nothing is computed here).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per group × frame, as returned by :func:`framing.count_frames`.
    x : str, default "rate_per_1k"
        The value: a rate column (``rate_per_1k``, ``rate_per_1m``…: hits per 1,000
        tokens), or ``share_docs`` (share of documents with a hit, drawn as %).
    y : str, default "frame"
        The category column.
    hue : str or list of str, optional
        Group column(s): one colour and marker each. Default: ``data.attrs["by"]``, else
        ``group``.
    ci : bool, default True
        Draw whiskers from ``ci_low`` to ``ci_high``. Rows with a missing bound (a group
        of one document) get a dot without whisker.
    ci_low, ci_high : str, optional
        Interval columns. Default: ``rate_ci_low``/``rate_ci_high`` for a rate,
        ``<x>_ci_low``/``<x>_ci_high`` otherwise (``share_docs_ci_low``…).
    show_n : bool, default True
        Write each group's number of documents in the legend: « SRC (n = 76) ».
    n : str, default "n_docs"
        Column with the group's number of documents (constant within a group).
    labels : dict, optional
        Display text for frame and group values.
    legend : {"bottom", "top", "right", "best"} or None, default "bottom"
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new single-column figure under the active theme.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the dots (``markersize``…).

    Returns
    -------
    matplotlib.axes.Axes
        With the plotted table attached.

    Raises
    ------
    FramingError
        An empty table, a missing column (with a suggestion), two rows for one group ×
        frame, more than eight groups, an invalid ``legend``.

    Examples
    --------
    >>> import framing
    >>> from framing.plot import plot_frame_rates
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> table = framing.count_frames(matches, corpus=corpus)
    >>> ax = plot_frame_rates(table)
    >>> ax.get_xlabel()
    'Hits per 1,000 tokens'
    """
    ci = C.check_bool(ci, "ci", what=WHAT)
    show_n = C.check_bool(show_n, "show_n", what=WHAT)
    legend = C.check_choice(legend, "legend", (*C.LEGEND_LOCS, None), what=WHAT)
    labels = C.check_labels(labels, what=WHAT)
    if not isinstance(x, str):
        raise FramingError(f"{WHAT}: x must be a column name; got {x!r}.")
    columns: dict[str, Any] = {"x": x, "y": y}
    if ci:
        default_low, default_high = (
            _interval_columns(data, x) if isinstance(data, pd.DataFrame) else (None, None)
        )
        columns["ci_low"] = ci_low or default_low
        columns["ci_high"] = ci_high or default_high
    if show_n:
        columns["n"] = n
    C.check_table(data, columns, what=WHAT, produced_by=PRODUCED_BY)
    groups = C.group_columns(data, hue, what=WHAT, param="hue", exclude=(y,))
    C.check_unique(data, [*groups, y], what=WHAT)

    keys = C.group_keys(data, groups).to_numpy()
    items = data[y].map(C.display).to_numpy()
    group_order = C.category_order(keys)
    item_order = C.category_order(items)
    looks = C.styles(len(group_order), what=WHAT, kind="groups")
    values = _values(data, x, "x")
    row_of = {item: i for i, item in enumerate(item_order)}
    k = len(group_order)
    step = min(0.8 / k, 0.22)
    ax = C.new_axes(ax, what=WHAT, rows=len(item_order) * max(1.0, 0.35 * k + 0.3))
    handles, names = [], []
    for j, (group, look) in enumerate(zip(group_order, looks, strict=True)):
        rows = keys == group
        positions = np.array([row_of[i] for i in items[rows]], dtype=float)
        positions += (j - (k - 1) / 2) * step
        if ci:
            C.ci_whiskers(
                ax,
                positions,
                _values(data, columns["ci_low"], "ci_low")[rows],
                _values(data, columns["ci_high"], "ci_high")[rows],
                orient="h",
                color=look.color,
                elinewidth=0.9,
                capsize=0,
            )
        options = {
            "linestyle": "none",
            "marker": look.marker,
            "color": look.color,
            "markeredgecolor": C.edge_color(look.color, 0.6),
            "markersize": 4.5,
            "zorder": 4,
            "clip_on": False,  # a rate of 0 sits on the axis, whole
            "gid": f"group-{j}",
        }
        options.update(kwargs)
        (line,) = ax.plot(values[rows], positions, **options)
        handles.append(line)
        name = C.display(group, labels)
        if show_n:
            docs = _values(data, n, "n")[rows]
            if len(np.unique(docs[~np.isnan(docs)])) > 1:
                raise FramingError(
                    f"{WHAT}: n={n!r} varies within group {group!r}; it must be the group's "
                    "number of documents (count_frames' 'n_docs'). Pass show_n=False, or n=."
                )
            name = C.with_n(name, docs[0])
        names.append(name)

    for boundary in np.arange(len(item_order) - 1) + 0.5:
        ax.axhline(boundary, color="#e3e3e3", linewidth=0.5, zorder=0)
    ax.set_yticks(
        np.arange(len(item_order)),
        [C.wrap_label(C.display(i, labels), C.TICK_WRAP) for i in item_order],
    )
    ax.set_ylim(len(item_order) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylabel(C.label(y))
    per = _per(x)
    if per is not None:
        ax.set_xlabel(C.label("rate", per=format_number(per, grouping=True)))
        ax.set_xlim(0, None)
    elif x.startswith("share"):
        ax.set_xlabel(C.label("share_docs" if x == "share_docs" else "share"))
        ax.set_xlim(0, 1)
        C.percent_axis(ax, "x")
    else:
        ax.set_xlabel(C.label(x))
    group_title = " · ".join(C.label(g) for g in groups)
    title = C.label("n_documents_title", what=group_title) if show_n else group_title
    C.fit_axis_labels(ax)
    C.place_legend(ax, handles, names, title=title, loc=legend)
    return C.finish(ax, data)
