"""plot_voice: who adopts a label in its own voice, and who only quotes it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest
from framing.plot import _common as C
from framing.voice import VOICES

WHAT = "plot_voice"
PRODUCED_BY = "framing.match_lexicon (or a tally with columns voice and n)"
DISTANCED_HATCH = "xxxx"


def _names(value: Any, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        return list(dict.fromkeys(value))
    raise FramingError(f"{WHAT}: {name} must be a str or a non-empty list of str; got {value!r}.")


def _check_present(asked: list[str], present: list[str], what: str) -> None:
    for item in asked:
        if item not in present:
            raise FramingError(
                f"{WHAT}: no hit of {what} {item!r} in the matches ({what}s with hits: "
                f"{C.shown(present, 20)})." + suggest(item, present)
            )


def _select_hits(
    matches: pd.DataFrame, *, contest: Any, frame: Any, variant: Any
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The hits of one contest (optionally some variants) or of some frames."""
    contests = _names(contest, "contest")
    frames = _names(frame, "frame")
    variants = _names(variant, "variant")
    if frames is not None and (contests is not None or variants is not None):
        raise FramingError(
            f"{WHAT}: give frame= or contest= (with variant=), not both: a hit of a frame and "
            "a hit of a contest are counted separately."
        )
    keep = np.ones(len(matches), dtype=bool)
    if "rejected" in matches.columns:  # match_lexicon(audit=True) keeps rejected hits
        keep &= matches["rejected"].isna().to_numpy()
    hits = matches[keep]
    if frames is not None:
        C.check_table(matches, {"frame": "frame"}, what=WHAT, produced_by=PRODUCED_BY)
        present = C.category_order(hits["frame"].dropna().astype(str))
        names = hits["frame"].astype("string")
        chosen = np.zeros(len(hits), dtype=bool)
        for name in frames:
            # a parent frame ("conflict") selects its children ("conflict/military")
            mask = ((names == name) | names.str.startswith(name + "/")).fillna(False)
            if not mask.any():
                _check_present([name], present, "frame")
            chosen |= mask.to_numpy(dtype=bool)
        return hits[chosen], {"frame": frames}
    if contests is None and variants is None:
        have = [c for c in ("contest", "frame") if c in matches.columns]
        listed = {c: C.shown(C.category_order(hits[c].dropna().astype(str))) for c in have}
        detail = "; ".join(f"{c}s: {v}" for c, v in listed.items())
        raise FramingError(
            f"{WHAT}: say whose voice to show: pass contest= (and optionally variant=) or "
            f"frame= ({detail})."
        )
    C.check_table(matches, {"contest": "contest", "variant": "variant"}, what=WHAT,
                  produced_by=PRODUCED_BY)  # fmt: skip
    if contests is None:  # the contest of the variants asked
        rows = hits[hits["variant"].isin(variants)]
        contests = C.category_order(rows["contest"].dropna().astype(str))
        if not contests:
            _check_present(variants, C.category_order(hits["variant"].dropna().astype(str)),
                           "variant")  # fmt: skip
    if len(contests) > 1:
        raise FramingError(
            f"{WHAT}: one contest at a time (variants of different contests are different "
            f"choices); got {C.shown(contests)}."
        )
    _check_present(contests, C.category_order(hits["contest"].dropna().astype(str)), "contest")
    of_contest = hits[(hits["contest"] == contests[0]).fillna(False).to_numpy(dtype=bool)]
    if variants is not None:
        present = C.category_order(of_contest["variant"].dropna().astype(str))
        _check_present(variants, present, "variant")
        of_contest = of_contest[of_contest["variant"].isin(variants).to_numpy(dtype=bool)]
    return of_contest, {"contest": contests[0], "variant": variants}


def _tally(matches: pd.DataFrame, by: list[str], selection: dict[str, Any]) -> pd.DataFrame:
    """Count hits by group × voice × distanced (a tally, not a statistic)."""
    if matches["voice"].isna().all():
        raise FramingError(
            f"{WHAT}: the matches have no voice values (match_lexicon(..., voice=False)). "
            "Re-run the matcher with voice=True."
        )
    frame = pd.DataFrame(
        {
            **{col: matches[col].to_numpy(dtype=object) for col in by},
            "voice": matches["voice"].astype(object).to_numpy(),
            "distanced": (
                matches["distanced"].fillna(False).astype(bool).to_numpy()
                if "distanced" in matches.columns
                else np.zeros(len(matches), dtype=bool)
            ),
        }
    )
    table = frame.groupby([*by, "voice", "distanced"], dropna=False, sort=False).size()
    table = table.rename("n").reset_index()
    attrs = {
        k: v
        for k, v in matches.attrs.items()
        if isinstance(v, (str, int, float, bool, list, dict, type(None)))
    }
    attrs.update({"function": "plot_voice (tally of the matches)", "by": by or None, **selection})
    table.attrs = attrs
    return table


def _check_tally(data: pd.DataFrame, by: list[str], voice: str, n: str) -> pd.DataFrame:
    table = data.copy()
    if "distanced" not in table.columns:
        table["distanced"] = False
    table["distanced"] = table["distanced"].fillna(False).astype(bool)
    counts = pd.to_numeric(table[n], errors="coerce")
    if counts.isna().any() or (counts < 0).any():
        raise FramingError(f"{WHAT}: n={n!r} must hold counts (numbers ≥ 0).")
    table = table.rename(columns={voice: "voice", n: "n"})
    table["n"] = counts.to_numpy()
    return table


def plot_voice(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    contest: str | None = None,
    frame: str | Sequence[str] | None = None,
    variant: str | Sequence[str] | None = None,
    normalize: bool = True,
    distanced: bool = True,
    show_n: bool = True,
    voice: str = "voice",
    n: str = "n",
    labels: Mapping[str, str] | None = None,
    legend: str | None = "bottom",
    ax: Any = None,
    **kwargs: Any,
) -> Any:
    """Draw the voice split per group: own voice, quoted, attributed, and distanced hits.

    Who adopts a label in its own voice and who only quotes or reports it? For one contest
    (or one variant, e.g. ``counter_terrorism``) or one frame, each group gets a horizontal
    bar split into the hits in the author's own voice, inside quotation marks, and in
    sentences attributed to a source; the distanced part of each (scare quotes,
    « soi-disant », « qualifie de ») is a hatched, lighter segment beside it.

    Parameters
    ----------
    data : pandas.DataFrame
        Either the matches table of :func:`framing.match_lexicon` (with ``voice``; hits a
        proximity constraint rejected are left out), whose hits are tallied here by group
        × voice × distanced — a count of rows, not a statistic; or such a tally, one row
        per group × voice (× ``distanced``) with a count column ``n``. A table with
        ``doc_id`` and ``start`` columns is taken as a matches table.
    by : str or list of str, optional
        Group column(s) (``outlet``, ``wing``…). None: one bar for all hits. Missing
        values form the group ``"(missing)"``.
    contest : str, optional
        Matches table: the contest whose mentions to count.
    frame : str or list of str, optional
        Matches table: the frame(s) whose hits to count, instead of a contest; a parent
        name (``"conflict"``) takes its children (``"conflict/military"``).
    variant : str or list of str, optional
        Matches table: only these variants of the contest (the contest is inferred when
        not given).
    normalize : bool, default True
        Shares of each group's hits (0–100 %); False: counts.
    distanced : bool, default True
        Show the distanced hits of each voice as a separate hatched segment.
    show_n : bool, default True
        Write each group's number of hits in its label.
    voice, n : str, default "voice", "n"
        Columns of a tally table.
    labels : dict, optional
        Display text for group values.
    legend : {"bottom", "top", "right", "best"} or None, default "bottom"
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new single-column figure under the active theme.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        The tally it drew is attached (columns: the ``by`` columns, ``voice``,
        ``distanced``, ``n``, ``n_group``, ``share``), with the matches' provenance.

    Raises
    ------
    FramingError
        An empty table or missing column; neither ``contest``/``variant`` nor ``frame``
        for a matches table, or both; a contest, variant or frame without hits (the
        message lists those with hits); matches without voice values; an unknown voice
        in a tally.

    Examples
    --------
    Who uses Baku's « antiterroriste » label in its own voice, seed by seed:

    >>> import framing
    >>> from framing.plot import plot_voice
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> ax = plot_voice(matches, by="doc_id", variant="counter_terrorism")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Own voice', 'Quoted', 'Attributed', 'Distanced']
    """
    normalize = C.check_bool(normalize, "normalize", what=WHAT)
    distanced = C.check_bool(distanced, "distanced", what=WHAT)
    show_n = C.check_bool(show_n, "show_n", what=WHAT)
    legend = C.check_choice(legend, "legend", (*C.LEGEND_LOCS, None), what=WHAT)
    labels = C.check_labels(labels, what=WHAT)
    C.check_table(data, {}, what=WHAT, produced_by=PRODUCED_BY)
    groups = [] if by is None else C.group_columns(data, by, what=WHAT, param="by")
    is_matches = {"doc_id", "start"} <= set(data.columns)
    if is_matches:
        C.check_table(data, {"voice": "voice"}, what=WHAT, produced_by=PRODUCED_BY)
        hits, selection = _select_hits(data, contest=contest, frame=frame, variant=variant)
        if len(hits) == 0:
            raise FramingError(f"{WHAT}: no hit left to count after the selection {selection}.")
        table = _tally(hits, groups, selection)
    else:
        C.check_table(data, {"voice": voice, "n": n}, what=WHAT, produced_by=PRODUCED_BY)
        table = _check_tally(data, groups, voice, n)
        kept = ["voice", "distanced", "n"]
        table = table[[*groups, *kept]]
        table.attrs = dict(data.attrs)
        selection = {k: data.attrs.get(k) for k in ("contest", "variant", "frame")}
    unknown = sorted({str(v) for v in table["voice"].dropna()} - set(VOICES))
    if unknown or table["voice"].isna().any():
        bad = unknown[0] if unknown else None
        raise FramingError(
            f"{WHAT}: voice must be one of {', '.join(map(repr, VOICES))}; got {bad!r}."
            + (suggest(bad, VOICES) if bad else "")
        )

    keys = C.group_keys(table, groups) if groups else pd.Series("all", index=table.index)
    table = table.assign(_key=keys.to_numpy())
    group_order = C.category_order(table["_key"])
    if is_matches:  # as the measures order groups: sorted, "(missing)" last
        group_order = sorted(group_order, key=lambda g: (g == C.MISSING, g))
    totals = table.groupby("_key", sort=False)["n"].sum()
    table["n_group"] = table["_key"].map(totals).to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = table["n"] / table["n_group"]
    order = {v: i for i, v in enumerate(VOICES)}
    table = table.sort_values(
        ["_key", "voice", "distanced"],
        key=lambda s: (
            s.map({g: i for i, g in enumerate(group_order)})
            if s.name == "_key"
            else (s.map(order) if s.name == "voice" else s)
        ),
        kind="stable",
    )

    segments: list[tuple[str, bool]] = []
    for v in VOICES:
        segments.append((v, False))
        if distanced:
            segments.append((v, True))
    value = "share" if normalize else "n"
    cell = table.assign(_d=table["distanced"] & distanced)
    matrix = cell.pivot_table(
        index="_key", columns=["voice", "_d"], values=value, aggfunc="sum", fill_value=0
    )

    looks = C.styles(len(VOICES), what=WHAT, kind="voices")
    ax = C.new_axes(ax, what=WHAT, rows=len(group_order))
    positions = np.arange(len(group_order), dtype=float)
    left = np.zeros(len(group_order))
    handles: dict[Any, Any] = {}
    for v, dist in segments:
        look = looks[VOICES.index(v)]
        key = (v, dist)
        width = (
            matrix[key].reindex(group_order).fillna(0).to_numpy(dtype=float)
            if key in matrix.columns
            else np.zeros(len(group_order))
        )
        options = {
            "height": 0.7,
            "color": C.lighter(look.color, 0.45) if dist else look.color,
            "hatch": DISTANCED_HATCH if dist else look.hatch,
            "edgecolor": C.edge_color(look.color),
            "linewidth": 0.4,
            "label": C.label(v) + (f" ({C.label('distanced').lower()})" if dist else ""),
            "gid": f"voice-{v}" + ("-distanced" if dist else ""),
        }
        options.update(kwargs)
        bars = ax.barh(positions, width, left=left, **options)
        handles[key] = bars
        left = left + width

    tick_labels = [C.wrap_label(C.display(g, labels), C.TICK_WRAP) for g in group_order]
    if show_n:
        tick_labels = [
            C.with_n(t, totals[g]) for t, g in zip(tick_labels, group_order, strict=True)
        ]
    ax.set_yticks(positions, tick_labels)
    ax.set_ylim(len(group_order) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    if groups:
        ax.set_ylabel(" · ".join(C.label(g) for g in groups))
    about = "share_hits" if selection.get("frame") else "share_mentions"
    if normalize:
        ax.set_xlim(0, 1)
        C.percent_axis(ax, "x")
        ax.set_xlabel(C.label(about))
    else:
        ax.set_xlabel(C.label("hits" if selection.get("frame") else "mentions"))
        ax.set_xlim(0, None)

    from matplotlib.patches import Patch

    entries = [handles[(v, False)] for v in VOICES]
    names = [C.label(v) for v in VOICES]
    if distanced and table["distanced"].any():
        entries.append(
            Patch(facecolor="white", edgecolor="#444444", hatch=DISTANCED_HATCH, linewidth=0.4)
        )
        names.append(C.label("distanced"))
    C.fit_axis_labels(ax)
    C.place_legend(ax, entries, names, loc=legend)
    plotted = table.drop(columns="_key").reset_index(drop=True)
    plotted.attrs = dict(table.attrs)
    return C.finish(ax, plotted)
