"""plot_heatmap: a group × frame (or × variant) matrix with annotated cells."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing.plot import _common as C
from framing.plot._rates import _per
from framing.style import apply_locale, current_locale, format_number

WHAT = "plot_heatmap"
PRODUCED_BY = "framing.count_frames or framing.count_contest"
MISSING_CELL = "–"  # en dash: no row in the table (or a missing value)

# What to draw by default, by the function that made the table.
_DEFAULTS = {
    "count_frames": ("frame", "rate_per_1k"),
    "count_contest": ("variant", "share"),
}


def _colormap(cmap: Any) -> Any:
    import matplotlib as mpl
    from matplotlib.colors import Colormap

    if isinstance(cmap, Colormap):
        return cmap
    if isinstance(cmap, str):
        try:
            return mpl.colormaps[cmap]
        except KeyError:
            names = sorted(mpl.colormaps)
            raise FramingError(
                f"{WHAT}: unknown colormap {cmap!r}. Use a perceptually uniform, colour-blind-"
                "safe one such as 'cividis' or 'viridis'." + suggest(cmap, names)
            ) from None
    raise FramingError(f"{WHAT}: cmap must be a colormap name or a Colormap; got {cmap!r}.")


def _formatter(fmt: Any, values: np.ndarray, percent: bool) -> Callable[[float], str]:
    """The cell text of a value: locale-aware numbers (percent: 0–100, no sign)."""
    if callable(fmt):
        return lambda v: str(fmt(v))
    if fmt is not None and (isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 0):
        raise FramingError(
            f"{WHAT}: fmt must be None (automatic), a number of decimals (int ≥ 0) or a "
            f"function from a value to its text; got {fmt!r}."
        )
    scale = 100.0 if percent else 1.0
    finite = values[np.isfinite(values)] * scale
    if fmt is not None:
        decimals = int(fmt)
    elif percent or (finite.size and np.all(finite == np.round(finite))):
        decimals = 0
    else:
        decimals = 0 if finite.size and np.nanmax(np.abs(finite)) >= 100 else 1
    locale = current_locale()

    def text(v: float) -> str:
        return format_number(v * scale, locale=locale, decimals=decimals)

    return text


def plot_heatmap(
    data: pd.DataFrame,
    *,
    x: str | Sequence[str] | None = None,
    y: str | None = None,
    value: str | None = None,
    annotate: bool = True,
    fmt: int | Callable[[float], str] | None = None,
    cmap: Any = "cividis",
    vmin: float | None = None,
    vmax: float | None = None,
    colorbar: bool = True,
    labels: Mapping[str, str] | None = None,
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Draw a matrix of groups × frames (or × variants) with annotated cells.

    Parameters
    ----------
    data : pandas.DataFrame
        A long table, one row per cell: the output of :func:`framing.count_frames` or
        :func:`framing.count_contest` (one contest), or any table with the columns named.
    x : str or list of str, optional
        Column(s) whose values make the matrix columns. Default: the group column(s)
        (``data.attrs["by"]``, else ``group``).
    y : str, optional
        Column whose values make the matrix rows. Default: ``frame`` for a
        ``count_frames`` table, ``variant`` for a ``count_contest`` table; required
        otherwise. Rows and columns keep the table's order.
    value : str, optional
        The cell value. Default: ``rate_per_1k`` (``count_frames``), ``share``
        (``count_contest``); required otherwise. A column whose name starts with ``share``
        is annotated in percent (0–100, the colour bar says %) on a 0–100 % scale.
    annotate : bool, default True
        Write each value in its cell, black or white for contrast with the cell colour; a
        cell with no value shows « – ».
    fmt : int or callable, optional
        Decimals of the annotations, or a function from a value to its text. Default:
        whole numbers for counts and percentages, else one decimal (none from 100 up).
        Numbers follow the active locale (« 12,5 » in French).
    cmap : str or Colormap, default "cividis"
        A sequential colormap; cividis stays readable with colour-vision deficiencies and
        in greyscale (its lightness rises monotonically).
    vmin, vmax : float, optional
        Colour scale limits. Default: 0 (or the minimum, if negative) to the maximum; 0–1
        for shares.
    colorbar : bool, default True
    labels : dict, optional
        Display text for row and column values.
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new single-column figure under the active theme.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
        With the plotted table attached.

    Raises
    ------
    FramingError
        An empty table or a missing column; no ``y``/``value`` for a table of unknown
        origin; two rows for one cell; an unknown colormap; an invalid ``fmt``.

    Examples
    --------
    >>> import framing
    >>> from framing.plot import plot_heatmap
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> table = framing.count_contest(
    ...     matches, contest="region_name", by="doc_id", corpus=corpus, n_boot=0, n_perm=0)
    >>> ax = plot_heatmap(table)
    >>> ax.get_images()[0].get_array().shape  # variants × documents
    (3, 5)
    """
    annotate = C.check_bool(annotate, "annotate", what=WHAT)
    colorbar = C.check_bool(colorbar, "colorbar", what=WHAT)
    labels = C.check_labels(labels, what=WHAT)
    C.check_table(data, {}, what=WHAT, produced_by=PRODUCED_BY)
    source = str(data.attrs.get("function", ""))
    default_y, default_value = _DEFAULTS.get(source, (None, None))
    if source == "count_frames" and default_value not in data.columns:
        # count_frames(per=...) names its rate column after per: rate_per_1m, rate_per_100
        rates = [c for c in data.columns if str(c).startswith("rate_per_")]
        default_value = rates[0] if rates else default_value
    y = y if y is not None else default_y
    value = value if value is not None else default_value
    if y is None or value is None:
        missing = "y and value" if y is None and value is None else ("y" if y is None else "value")
        raise FramingError(
            f"{WHAT}: the table does not say what to draw (it is not from count_frames or "
            f"count_contest); pass {missing}= (columns: {C.shown(data.columns, 20)})."
        )
    C.check_table(data, {"y": y, "value": value}, what=WHAT, produced_by=PRODUCED_BY)
    groups = C.group_columns(data, x, what=WHAT, exclude=(y, "contest"))
    C.check_unique(data, [*groups, y], what=WHAT)
    cmap = _colormap(cmap)

    numbers = pd.to_numeric(data[value], errors="coerce")
    if (numbers.isna() & data[value].notna()).any():
        raise FramingError(f"{WHAT}: value={value!r} must hold numbers.")
    cols = C.group_keys(data, groups).to_numpy()
    rows = data[y].map(C.display).to_numpy()
    col_order, row_order = C.category_order(cols), C.category_order(rows)
    matrix = (
        pd.DataFrame({"r": rows, "c": cols, "v": numbers.to_numpy(dtype=float)})
        .pivot(index="r", columns="c", values="v")
        .reindex(index=row_order, columns=col_order)
        .to_numpy(dtype=float)
    )
    percent = value.startswith("share")
    finite = matrix[np.isfinite(matrix)]
    low = vmin if vmin is not None else (0.0 if not finite.size or finite.min() >= 0 else None)
    high = vmax if vmax is not None else (1.0 if percent else None)
    if low is None:
        low = float(finite.min())
    if high is None:
        high = float(finite.max()) if finite.size else 1.0
    if not high > low:
        high = low + 1.0

    from matplotlib.colors import Normalize

    ax = C.new_axes(ax, what=WHAT, rows=len(row_order))
    norm = Normalize(vmin=low, vmax=high)
    options = {
        "cmap": cmap.with_extremes(bad="#f2f2f2"),
        "norm": norm,
        "aspect": "auto",
        "interpolation": "nearest",
    }
    options.update(kwargs)
    image = ax.imshow(np.ma.masked_invalid(matrix), **options)

    texts = []
    if annotate:
        import matplotlib as mpl

        text_of = _formatter(fmt, matrix, percent)
        size = mpl.rcParams["xtick.labelsize"]
        for i in range(matrix.shape[0]):
            for j in range(matrix.shape[1]):
                v = matrix[i, j]
                if math.isfinite(v):
                    text, color = text_of(v), C.text_color(image.cmap(norm(v)))
                else:
                    text, color = MISSING_CELL, "#555555"
                texts.append(
                    ax.text(j, i, text, ha="center", va="center", color=color, fontsize=size)
                )

    ax.set_xticks(np.arange(len(col_order)), [C.display(c, labels) for c in col_order])
    ax.set_yticks(
        np.arange(len(row_order)), [C.wrap_label(C.display(r, labels), 22) for r in row_order]
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(" · ".join(C.label(g) for g in groups))
    ax.set_ylabel(C.label(y))
    bar = None
    if colorbar:
        fig = C.root_figure(ax)
        bar = fig.colorbar(image, ax=ax, fraction=0.06, pad=0.03, aspect=25)
        bar.outline.set_visible(False)
        bar.set_label(_value_label(data, value, percent))
        if percent:
            C.percent_axis(bar.ax, "y")
        apply_locale(bar.ax, x=False)
    C.rotate_if_crowded(ax)
    if bar is not None:
        C.fit_axis_labels(bar.ax)
    C.fit_axis_labels(ax)
    _fit_annotations(ax, texts, matrix.shape)
    return C.finish(ax, data)


MIN_ANNOTATION_PT = 4.5


def _fit_annotations(ax: Any, texts: list[Any], shape: tuple[int, int]) -> None:
    """Shrink the cell annotations until each fits its cell; below 4.5 pt, drop them."""
    if not texts:
        return
    renderer = C.renderer_of(C.root_figure(ax))
    cell_w = ax.bbox.width / shape[1]
    cell_h = ax.bbox.height / shape[0]
    boxes = [t.get_window_extent(renderer) for t in texts]
    widest = max(b.width for b in boxes)
    tallest = max(b.height for b in boxes)
    scale = min(1.0, 0.9 * cell_w / widest if widest else 1.0, 0.9 * cell_h / tallest)
    if scale >= 1.0:
        return
    size = texts[0].get_fontsize() * scale
    if size < MIN_ANNOTATION_PT:
        for text in texts:
            text.remove()
        warnings.warn(
            f"{WHAT}: the cells are too small for their values at {MIN_ANNOTATION_PT} pt, so "
            "they are not written. Use a wider figure (ax=), shorter labels (labels=), fewer "
            "cells, or annotate=False.",
            FramingWarning,
            stacklevel=3,
        )
        return
    for text in texts:
        text.set_fontsize(size)


def _value_label(data: pd.DataFrame, value: str, percent: bool) -> str:
    per = _per(value)
    if per is not None:
        return C.label("rate", per=format_number(per, grouping=True))
    if percent:
        if value == "share":
            unit = data.attrs.get("unit")
            key = "share_documents" if unit == "document" else "share_mentions"
        else:
            key = "share_docs" if value == "share_docs" else "share"
        return C.label(key) + " (%)"
    return C.label(value)
