"""plot_timeline: variant or frame shares over time, with the number of hits per period."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing.plot import _common as C
from framing.plot._labels import MONTHS
from framing.style import apply_locale, current_locale

WHAT = "plot_timeline"
PRODUCED_BY = "framing.match_lexicon (or a tally with columns date, the category and n)"
#: Resampling frequencies (pandas period aliases) and their labels.
FREQS = ("D", "W", "M", "Q", "Y")
N_COLOR = "#d0d0d0"  # the bars of n per period: light, behind the lines


def _dates(data: pd.DataFrame, date: str) -> pd.Series:
    values = data[date]
    if not pd.api.types.is_datetime64_any_dtype(values):
        converted = pd.to_datetime(values, errors="coerce", format="mixed")
        bad = converted.isna() & values.notna()
        if bad.any():
            raise FramingError(
                f"{WHAT}: date={date!r} holds values that are not dates (e.g. "
                f"{values[bad].iloc[0]!r}). Read the corpus with a parsed date column, or "
                "convert it with pandas.to_datetime."
            )
        values = converted
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values


def _category_order(data: pd.DataFrame, by: str, contest: str | None, present: list[str]) -> list:
    """Lexicon order when the matches carry it, else most frequent first."""
    attrs = data.attrs
    known: list[str] | None = None
    if by == "variant" and contest is not None:
        known = (attrs.get("lexicon_contests") or {}).get(contest)
    elif by == "frame":
        known = attrs.get("lexicon_frames")
    if known:
        ordered = [c for c in known if c in present]
        return ordered + [c for c in present if c not in ordered]
    return present


def _select(
    matches: pd.DataFrame, *, by: str, contest: str | None
) -> tuple[pd.DataFrame, str | None]:
    keep = np.ones(len(matches), dtype=bool)
    if "rejected" in matches.columns:  # match_lexicon(audit=True) keeps rejected hits
        keep &= matches["rejected"].isna().to_numpy()
    hits = matches[keep]
    if by == "variant" or contest is not None:
        C.check_table(matches, {"contest": "contest"}, what=WHAT, produced_by=PRODUCED_BY)
        contests = C.category_order(hits["contest"].dropna().astype(str))
        if contest is None:
            if len(contests) != 1:
                raise FramingError(
                    f"{WHAT}: by='variant' needs contest= (variants of different contests "
                    f"are different choices); contests with hits: {C.shown(contests)}."
                )
            contest = contests[0]
        if contest not in contests:
            raise FramingError(
                f"{WHAT}: no hit of contest {contest!r} (contests with hits: "
                f"{C.shown(contests)})." + suggest(contest, contests)
            )
        hits = hits[(hits["contest"] == contest).fillna(False).to_numpy(dtype=bool)]
    return hits[hits[by].notna().to_numpy(dtype=bool)], contest


def _tick_text(period: pd.Period, freq: str, with_year: bool) -> str:
    locale = current_locale()
    start = period.start_time
    month = MONTHS[locale][start.month - 1]
    if freq in ("D", "W"):
        day = "1er" if locale == "fr" and start.day == 1 else str(start.day)
        text = f"{day} {month}" if locale == "fr" else f"{month} {start.day}"
        return f"{text} {start.year}" if with_year else text
    if freq == "M":
        return f"{month} {start.year}" if with_year else month
    if freq == "Q":
        quarter = ("T" if locale == "fr" else "Q") + str(period.quarter)
        return f"{quarter} {start.year}" if with_year else quarter
    return str(start.year)


def plot_timeline(
    data: pd.DataFrame,
    *,
    date: str = "date",
    freq: str = "W",
    by: str = "variant",
    contest: str | None = None,
    share: bool = True,
    show_n: bool = True,
    n: str = "n",
    labels: Mapping[str, str] | None = None,
    legend: str | None = "bottom",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Draw how the share of each variant (or frame) of the hits changes over time.

    The hits are tallied per period (day, week, month…) and category; each category is a
    line of its share of the period's hits, and grey bars behind give the number of hits
    per period (right axis), so that a jump resting on three mentions is seen as such.
    Shares per period are raw shares of the hits, without intervals: for intervals,
    compute them per period with :func:`framing.count_contest` (``by=`` a period column)
    and plot that table.

    Parameters
    ----------
    data : pandas.DataFrame
        The matches table of :func:`framing.match_lexicon` with a date column (a corpus
        metadata column the matcher carries over; hits a proximity constraint rejected
        are left out) — tallied here, a count of rows, not a statistic; or such a tally,
        one row per date × category with a count column ``n`` (it is summed per period).
        A table with ``doc_id`` and ``start`` columns is taken as a matches table.
    date : str, default "date"
        The date column (datetime, or text pandas can parse).
    freq : {"D", "W", "M", "Q", "Y"}, default "W"
        Period: day, week (Monday to Sunday), month, quarter, year. Every period from the
        first to the last date appears, empty ones as gaps.
    by : str, default "variant"
        The category column: ``"variant"`` (of ``contest``), ``"frame"``, or any column.
    contest : str, optional
        The contest whose variants to follow; needed with ``by="variant"`` when the
        matches hold several contests.
    share : bool, default True
        Lines of shares of each period's hits (0–100 %); False: lines of counts.
    show_n : bool, default True
        Bars of the number of hits per period, on a right-hand axis.
    n : str, default "n"
        Count column of a tally table.
    labels : dict, optional
        Display text for category values.
    legend : {"bottom", "top", "right", "best"} or None, default "bottom"
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new single-column figure under the active theme.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the lines.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes of the lines (the bars are on a twin Axes, see Notes). The tally it drew
        is attached: ``period``, ``period_start``, ``by``, ``n``,
        ``n_period``, ``share``.

    Raises
    ------
    FramingError
        An empty table or missing column; no date at all (the bundled Karabakh seeds
        have none); values that are not dates; an unknown ``freq``; ``by="variant"``
        without ``contest`` when several contests have hits; more than eight categories.

    Warns
    -----
    FramingWarning
        Hits without a date are left out (their number is given).

    Notes
    -----
    The line Axes is drawn above the bar Axes (its background made transparent); the
    bar Axes is the only other Axes sharing its x axis (``ax.get_shared_x_axes()``).
    Period tick labels are written in the active locale (« 29 janv. », « 1er févr. »)
    without the operating system's locale.

    Examples
    --------
    Day by day in the 2013 Assemblée nationale debate on « le mariage pour tous »:

    >>> import framing
    >>> from framing.lexicon import Lexicon
    >>> from framing.plot import plot_timeline
    >>> lexicon = Lexicon.from_dict({"name": "demo", "version": "1.0.0", "language": "fr",
    ...     "contests": {"marriage": {"variants": {
    ...         "pour_tous": ["mariage pour tous"],
    ...         "homosexuel": ["mariage* homosexuel*"]}}}})
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> matches = framing.match_lexicon(corpus, lexicon)
    >>> ax = plot_timeline(matches, freq="D", contest="marriage")
    >>> ax.get_xlabel()
    'Day, 2013'
    """
    freq = C.check_choice(freq, "freq", FREQS, what=WHAT)
    share = C.check_bool(share, "share", what=WHAT)
    show_n = C.check_bool(show_n, "show_n", what=WHAT)
    legend = C.check_choice(legend, "legend", (*C.LEGEND_LOCS, None), what=WHAT)
    labels = C.check_labels(labels, what=WHAT)
    if not isinstance(by, str):
        raise FramingError(f"{WHAT}: by must be a column name; got {by!r}.")
    C.check_table(data, {"date": date, "by": by}, what=WHAT, produced_by=PRODUCED_BY)
    is_matches = {"doc_id", "start"} <= set(data.columns)
    if is_matches:
        hits, contest = _select(data, by=by, contest=contest)
        counts = np.ones(len(hits))
    else:
        C.check_table(data, {"n": n}, what=WHAT, produced_by=PRODUCED_BY)
        hits = data[data[by].notna().to_numpy(dtype=bool)]
        counts = pd.to_numeric(hits[n], errors="coerce").to_numpy(dtype=float)
        if np.isnan(counts).any() or (counts < 0).any():
            raise FramingError(f"{WHAT}: n={n!r} must hold counts (numbers ≥ 0).")
    if len(hits) == 0:
        raise FramingError(f"{WHAT}: no hit with a {by!r} value to follow over time.")
    dates = _dates(hits, date)
    undated = dates.isna().to_numpy()
    if undated.all():
        raise FramingError(
            f"{WHAT}: none of the {len(hits)} hits has a date in column {date!r}, so there is "
            "no timeline to draw. Give the corpus a date column (publication dates), or pass "
            "date= with the column that holds them."
        )
    if undated.any():
        warnings.warn(
            f"{WHAT}: {int(counts[undated].sum())} hits have no date in column {date!r} and "
            "are left out of the timeline.",
            FramingWarning,
            stacklevel=2,
        )
    periods = dates[~undated].dt.to_period(freq)
    categories = hits[by].to_numpy(dtype=object)[~undated].astype(str)
    weights = counts[~undated]
    present = (
        pd.Series(weights).groupby(categories).sum().sort_values(ascending=False, kind="stable")
    )
    order = _category_order(data, by, contest, [str(c) for c in present.index])
    span = pd.period_range(periods.min(), periods.max(), freq=freq)
    tally = (
        pd.DataFrame({"period": periods.to_numpy(), "cat": categories, "n": weights})
        .groupby(["period", "cat"])["n"]
        .sum()
        .unstack("cat")
        .reindex(index=span, columns=order)
        .fillna(0.0)
    )
    n_period = tally.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = tally.div(n_period.where(n_period > 0), axis=0)

    looks = C.styles(len(order), what=WHAT, kind=f"{by} values")
    ax = C.new_axes(ax, what=WHAT)
    starts = span.start_time
    mids = starts + (span.end_time - starts) / 2
    x = mids.to_numpy()
    bars = None
    if show_n:
        bar_ax = ax.twinx()
        width = (span.end_time - starts).total_seconds().to_numpy() / 86400 * 0.8
        bars = bar_ax.bar(x, n_period.to_numpy(), width=width, color=N_COLOR, linewidth=0,
                          zorder=1, gid="n-per-period")  # fmt: skip
        bar_ax.set_ylabel(C.label("n_period"), color="#555555")
        bar_ax.spines["right"].set_visible(True)
        bar_ax.tick_params(axis="y", colors="#555555")
        bar_ax.set_ylim(0, max(float(n_period.max()), 1.0) * 1.05)
        ax.set_zorder(bar_ax.get_zorder() + 1)
        ax.patch.set_visible(False)
        apply_locale(bar_ax, x=False)
    values = shares if share else tally
    handles = []
    for j, (cat, look) in enumerate(zip(order, looks, strict=True)):
        options = {
            "color": look.color,
            "marker": look.marker,
            "markeredgecolor": C.edge_color(look.color, 0.6),
            "label": C.display(cat, labels),
            "gid": f"category-{j}",
            "zorder": 3,
            "clip_on": False,
        }
        options.update(kwargs)
        (line,) = ax.plot(x, values[cat].to_numpy(dtype=float), **options)
        handles.append(line)

    import matplotlib.ticker as mticker

    step = max(1, int(np.ceil(len(span) / 7)))
    shown = list(range(0, len(span), step))
    years = {p.start_time.year for p in span}
    with_year = len(years) > 1
    texts = [_tick_text(span[i], freq, with_year) for i in shown]
    ax.xaxis.set_major_locator(mticker.FixedLocator([float(v) for v in _num(x[shown])]))
    ax.xaxis.set_major_formatter(mticker.FixedFormatter(texts))
    half = (span[0].end_time - span[0].start_time) / 2
    ax.set_xlim(starts[0] - half * 0.2, span[-1].end_time + half * 0.2)
    period_name = C.label(f"period_{freq}")
    ax.set_xlabel(period_name if with_year or freq == "Y" else f"{period_name}, {min(years)}")
    if share:
        ax.set_ylim(0, 1)
        C.percent_axis(ax, "y")
        about = "share_mentions" if by == "variant" else "share_hits"
        ax.set_ylabel(C.label(about))
    else:
        ax.set_ylim(0, None)
        ax.set_ylabel(C.label("mentions" if by == "variant" else "hits"))
    C.rotate_if_crowded(ax)

    names = [C.display(c, labels) for c in order]
    if bars is not None:
        handles.append(bars)
        names.append(C.label("n_period"))
    C.fit_axis_labels(ax)
    if bars is not None:
        C.fit_axis_labels(bar_ax)
    C.place_legend(ax, handles, names, loc=legend)

    plotted = tally.stack().rename("n").reset_index()
    plotted.columns = ["period", by, "n"]
    plotted["period_start"] = plotted["period"].dt.start_time
    plotted["n_period"] = plotted["period"].map(n_period).to_numpy(dtype=float)
    plotted["share"] = plotted["n"] / plotted["n_period"].where(plotted["n_period"] > 0)
    plotted["period"] = plotted["period"].astype(str)
    plotted = plotted[["period", "period_start", by, "n", "n_period", "share"]]
    plotted.attrs = {
        k: v
        for k, v in data.attrs.items()
        if isinstance(v, (str, int, float, bool, list, dict, type(None)))
    }
    plotted.attrs.update(
        {
            "function": "plot_timeline (tally per period)",
            "freq": freq,
            "by": by,
            "contest": contest,
            "n_undated": int(counts[undated].sum()),
        }
    )
    return C.finish(ax, plotted)


def _num(values: np.ndarray) -> np.ndarray:
    """Datetimes as matplotlib date numbers (days since the epoch matplotlib uses)."""
    import matplotlib.dates as mdates

    return mdates.date2num(pd.to_datetime(values).to_pydatetime())
