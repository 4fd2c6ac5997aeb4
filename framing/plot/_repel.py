"""Point labels without overlaps: a small deterministic label placer.

:func:`place_labels` writes one label beside each of a few points of an Axes so that no
two labels overlap and every label stays inside the Axes, while labels stay close to their
points and avoid covering points and each other's leader lines. It works in display
coordinates, with the text extents the figure's renderer measures, and is deterministic
(no randomness; ties are broken by a fixed order of candidate positions).

How it works
------------
The figure is laid out first (constrained layout runs), so the Axes has its final size;
the labels are kept out of the layout (``set_in_layout(False)``), so placing them cannot
move the Axes afterwards. Labels are then placed one at a time, in the priority given
(greedy). The candidates for a label are the offsets of a square grid around its point,
with a step of half a line of text, out to the whole Axes; the label is anchored by its
nearest corner or edge (an offset up and to the right puts its lower-left corner there).
A candidate is allowed when the label box lies inside the Axes and clears every label
already placed (hard constraints: a label that has no allowed candidate is left out, with
a :class:`~framing.FramingWarning`). Among the allowed candidates the cheapest wins: its
distance to the point, plus a penalty for every point the box covers, for crossing a
leader line, and for its own leader line crossing a label or another leader line. After
the greedy pass, each label in turn moves to its cheapest place given all the others (up
to :data:`REFINE_PASSES` passes), so an early label does not block a later one for
nothing. A label set apart from its point gets a thin leader line.

The placement holds for the figure size at which it was computed, at any dpi. Resizing
the figure afterwards, or adding artists that change the layout (a colour bar, a
suptitle), can bring labels together again: draw the plot last, or call the plot function
again on the final figure.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects

from framing._errors import FramingWarning
from framing.plot._common import renderer_of, root_figure

__all__ = ["place_labels", "settled_renderer"]

#: Gap between a label and anything else, in points; side by side, labels keep at least
#: a line height apart (``SIDE_GAP`` × height each side), so two never read as one.
LABEL_PAD_PT = 1.5
SIDE_GAP = 0.5
#: Grid step of candidate offsets, as a fraction of the label height.
STEP_FRACTION = 0.5
#: Costs, in label heights of extra distance: covering a point, crossing a leader line.
POINT_PENALTY = 6.0
CROSSING_PENALTY = 4.0
#: A label farther than this from its point (in label heights) gets a leader line.
LEADER_AFTER = 0.5
#: Passes that move each label to its best place given all the others.
REFINE_PASSES = 3
#: Points sampled along a leader line to test what it crosses.
_SAMPLES = 10

_HA = {1.0: "left", -1.0: "right", 0.0: "center"}
_VA = {1.0: "bottom", -1.0: "top", 0.0: "center"}


def _overlaps(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Boolean (len(boxes), len(others)): boxes ``[x0, y0, x1, y1]`` that intersect."""
    if len(others) == 0:
        return np.zeros((len(boxes), 0), dtype=bool)
    b = boxes[:, None, :]
    o = others[None, :, :]
    return (
        (b[..., 0] < o[..., 2])
        & (b[..., 2] > o[..., 0])
        & (b[..., 1] < o[..., 3])
        & (b[..., 3] > o[..., 1])
    )


def _contains(boxes: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Number of ``points`` (M, 2) strictly inside each of ``boxes`` (C, 4)."""
    if len(points) == 0:
        return np.zeros(len(boxes), dtype=int)
    px = points[None, :, 0]
    py = points[None, :, 1]
    inside = (
        (px > boxes[:, None, 0])
        & (px < boxes[:, None, 2])
        & (py > boxes[:, None, 1])
        & (py < boxes[:, None, 3])
    )
    return inside.sum(axis=1)


def _candidate_offsets(step: float, reach: float) -> np.ndarray:
    """Grid offsets ``(dx, dy)`` in display units, nearest first, ties in a fixed order."""
    k = max(1, int(np.ceil(reach / step)))
    ticks = np.arange(-k, k + 1, dtype=float) * step
    dx, dy = np.meshgrid(ticks, ticks)
    dx, dy = dx.ravel(), dy.ravel()
    # By distance; at equal distance prefer right, then up (labels read left to right
    # from their point). np.lexsort sorts by the last key first.
    order = np.lexsort((-dy, -dx, np.hypot(dx, dy)))
    return np.column_stack([dx[order], dy[order]])


def _boxes(anchor: np.ndarray, offsets: np.ndarray, width: float, height: float) -> np.ndarray:
    """Label boxes for each offset: the offset point is the nearest corner or edge centre."""
    ox = anchor[0] + offsets[:, 0]
    oy = anchor[1] + offsets[:, 1]
    sx = np.sign(offsets[:, 0])
    sy = np.sign(offsets[:, 1])
    x0 = np.where(sx > 0, ox, np.where(sx < 0, ox - width, ox - width / 2))
    y0 = np.where(sy > 0, oy, np.where(sy < 0, oy - height, oy - height / 2))
    return np.column_stack([x0, y0, x0 + width, y0 + height])


def _nearest_on_boxes(anchor: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """For each box, its point nearest to ``anchor`` (where a leader line ends)."""
    return np.column_stack(
        [
            np.clip(anchor[0], boxes[:, 0], boxes[:, 2]),
            np.clip(anchor[1], boxes[:, 1], boxes[:, 3]),
        ]
    )


def _leader_samples(anchor: np.ndarray, ends: np.ndarray, radius: float) -> np.ndarray:
    """(C, _SAMPLES, 2) points along each leader line, from the marker's edge to the box."""
    vector = ends - anchor
    length = np.hypot(vector[:, 0], vector[:, 1])
    start = np.where(length[:, None] > 0, radius / np.maximum(length, 1e-9)[:, None], 0.0)
    t = np.linspace(0.0, 1.0, _SAMPLES)[None, :, None]
    t = start[:, None, :] + (1 - start[:, None, :]) * t
    # stop just short of the box, so the end point is not "inside" its own label
    t = np.minimum(t, 0.97)
    return anchor[None, None, :] + t * vector[:, None, :]


def _segments_cross(starts: np.ndarray, ends: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """For C segments ``starts[c]``–``ends[c]``: does each cross any of ``segments`` (L, 4)?"""
    if len(segments) == 0:
        return np.zeros(len(starts), dtype=bool)
    p, r = starts[:, None, :], (ends - starts)[:, None, :]
    q, u = segments[None, :, :2], (segments[:, 2:] - segments[:, :2])[None, :, :]

    def cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]

    denom = cross(r, u)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = cross(q - p, u) / denom
        v = cross(q - p, r) / denom
    hit = (denom != 0) & (t > 0) & (t < 1) & (v > 0) & (v < 1)
    return hit.any(axis=1)


def settled_renderer(ax: Any, *, max_runs: int = 8) -> Any:
    """Run the figure's layout until the Axes stops moving; return the renderer.

    Constrained layout starts from the current positions, so a decoration that depends on
    them (a legend anchored to the Axes) can take a few runs to settle. Label placement
    measures the Axes, so it must see the layout the saved figure will have.
    """
    fig = root_figure(ax)
    previous = None
    renderer = None
    for _ in range(max_runs):
        renderer = renderer_of(fig)
        position = np.asarray(ax.get_position().bounds)
        if previous is not None and np.allclose(position, previous, rtol=0, atol=1e-9):
            break
        previous = position
    return renderer


def place_labels(
    ax: Any,
    x: Sequence[float],
    y: Sequence[float],
    labels: Sequence[str],
    *,
    avoid_x: Sequence[float] | None = None,
    avoid_y: Sequence[float] | None = None,
    point_radius: float = 2.5,
    fontsize: Any = None,
    color: Any = None,
    leader_color: Any = "0.4",
) -> list[Any]:
    """Label points ``(x[i], y[i])`` with ``labels[i]``, in that priority, without overlaps.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes, with its data already drawn (its limits are frozen here).
    x, y : sequence of float
        The labelled points, in data coordinates, most important first.
    labels : sequence of str
    avoid_x, avoid_y : sequence of float, optional
        Further points the labels should not cover (the labelled points are always
        avoided).
    point_radius : float, default 2.5
        Radius of a point's marker in points: labels keep this far from points.
    fontsize, color
        Text properties (default: the rc tick label size and text colour).
    leader_color
        Colour of the leader lines drawn to labels set apart from their point.

    Returns
    -------
    list of matplotlib.text.Text
        The labels drawn, in the order given (a label that fits nowhere is left out).

    Warns
    -----
    FramingWarning
        Some labels fit nowhere inside the Axes without overlapping another.
    """
    if not len(labels):
        return []
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    # Freeze the data limits (later artists must not rescale what was placed), then lay
    # the figure out so that the Axes has its final size.
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
    renderer = settled_renderer(ax)
    px_per_pt = renderer.points_to_pixels(1.0)
    pad = LABEL_PAD_PT * px_per_pt
    radius = point_radius * px_per_pt
    style = {
        "fontsize": fontsize if fontsize is not None else mpl.rcParams["xtick.labelsize"],
        "color": color,
        "path_effects": [patheffects.withStroke(linewidth=1.6, foreground="white")],
        "zorder": 4,
    }

    to_display = ax.transData.transform
    to_data = ax.transData.inverted().transform
    anchors = to_display(np.column_stack([x, y]))
    points = anchors
    if avoid_x is not None and avoid_y is not None and len(avoid_x):
        extra = np.column_stack([np.asarray(avoid_x, float), np.asarray(avoid_y, float)])
        points = np.vstack([anchors, to_display(extra)])
    point_boxes = np.column_stack(
        [
            points[:, 0] - radius,
            points[:, 1] - radius,
            points[:, 0] + radius,
            points[:, 1] + radius,
        ]
    )
    frame = ax.get_window_extent(renderer)
    bounds = np.array([frame.x0 + pad, frame.y0 + pad, frame.x1 - pad, frame.y1 - pad])
    reach = float(np.hypot(frame.width, frame.height))

    texts = []
    options: list[_Options | None] = []
    for i, name in enumerate(labels):
        text = ax.text(x[i], y[i], str(name), ha="left", va="bottom", **style)
        text.set_in_layout(False)
        extent = text.get_window_extent(renderer)
        texts.append(text)
        options.append(
            _Options.build(
                anchors[i], extent.width, extent.height, radius, pad, bounds, reach, point_boxes
            )
        )

    # Greedy pass in priority order, then passes that move each label to its best place
    # given all the others (an early label no longer blocks a later one for nothing).
    chosen: list[int | None] = [None] * len(texts)
    for sweep in range(1 + REFINE_PASSES):
        moved = False
        for i, option in enumerate(options):
            if option is None:
                continue
            others = [j for j in range(len(texts)) if j != i and chosen[j] is not None]
            best = option.best(
                boxes=np.array([options[j].padded_at(chosen[j]) for j in others]).reshape(-1, 4),
                leaders=np.array(
                    [
                        options[j].leader_at(chosen[j])
                        for j in others
                        if options[j].has_leader(chosen[j])
                    ]
                ).reshape(-1, 4),
            )
            if best != chosen[i]:
                moved = moved or sweep > 0
                chosen[i] = best
        if sweep > 0 and not moved:
            break

    dropped: list[str] = []
    drawn = []
    for i, (text, option) in enumerate(zip(texts, options, strict=True)):
        if chosen[i] is None or option is None:
            text.remove()
            dropped.append(str(labels[i]))
            continue
        c = chosen[i]
        dx, dy = option.offsets[c]
        text.set_horizontalalignment(_HA[float(np.sign(dx))])
        text.set_verticalalignment(_VA[float(np.sign(dy))])
        text.set_position(to_data((anchors[i] + np.array([dx, dy]))[None, :])[0])
        if option.has_leader(c):
            _leader(ax, option.leader_at(c), to_data, leader_color)
        drawn.append(text)
    if dropped:
        warnings.warn(
            f"{len(dropped)} label(s) did not fit without overlapping another: "
            f"{', '.join(repr(d) for d in dropped)}. Use a larger figure, a smaller font "
            "or a smaller top_n.",
            FramingWarning,
            stacklevel=3,
        )
    return drawn


class _Options:
    """The candidate places of one label, with the parts of their cost that do not change."""

    def __init__(
        self,
        anchor: np.ndarray,
        height: float,
        radius: float,
        offsets: np.ndarray,
        boxes: np.ndarray,
        padded: np.ndarray,
        base_cost: np.ndarray,
        ends: np.ndarray,
        needs_leader: np.ndarray,
    ) -> None:
        self.anchor = anchor
        self.height = height
        self.radius = radius
        self.offsets = offsets
        self.boxes = boxes
        self.padded = padded
        self.base_cost = base_cost
        self.ends = ends
        self.needs_leader = needs_leader
        self.samples = _leader_samples(anchor, ends, radius)  # (C, S, 2)

    @classmethod
    def build(
        cls,
        anchor: np.ndarray,
        width: float,
        height: float,
        radius: float,
        pad: float,
        bounds: np.ndarray,
        reach: float,
        point_boxes: np.ndarray,
    ) -> _Options | None:
        offsets = _candidate_offsets(max(STEP_FRACTION * height, 1.0), reach)
        offsets = offsets + np.sign(offsets) * (radius + pad)  # clear of the marker
        boxes = _boxes(anchor, offsets, width, height)
        inside = (
            (boxes[:, 0] >= bounds[0])
            & (boxes[:, 1] >= bounds[1])
            & (boxes[:, 2] <= bounds[2])
            & (boxes[:, 3] <= bounds[3])
        )
        if not inside.any():
            return None
        offsets, boxes = offsets[inside], boxes[inside]
        side = max(pad, SIDE_GAP * height)
        padded = boxes + np.array([-side, -pad, side, pad])
        ends = _nearest_on_boxes(anchor, boxes + np.array([-pad, -pad, pad, pad]))
        distance = np.hypot(*(ends - anchor).T)
        covered = _overlaps(boxes, point_boxes).sum(axis=1)
        base_cost = distance + POINT_PENALTY * height * covered
        needs_leader = distance - radius > LEADER_AFTER * height
        return cls(anchor, height, radius, offsets, boxes, padded, base_cost, ends, needs_leader)

    def padded_at(self, c: int | None) -> np.ndarray:
        return self.padded[c]

    def has_leader(self, c: int | None) -> bool:
        return c is not None and bool(self.needs_leader[c])

    def leader_at(self, c: int | None) -> np.ndarray:
        """The leader line of candidate ``c``: from the marker's edge to the label box."""
        end = self.ends[c]
        vector = end - self.anchor
        start = self.anchor + vector * (self.radius / max(float(np.hypot(*vector)), 1e-9))
        return np.concatenate([start, end])

    def best(self, *, boxes: np.ndarray, leaders: np.ndarray) -> int | None:
        """The cheapest candidate that clears ``boxes`` (padded labels), or None."""
        clear = ~_overlaps(self.padded, boxes).any(axis=1)
        if not clear.any():
            return None
        penalty = CROSSING_PENALTY * self.height
        cost = self.base_cost.copy()
        if len(leaders):
            points = _segment_points(leaders)
            cost += penalty * (_contains(self.padded, points) > 0)
            starts = np.tile(self.anchor, (len(self.ends), 1))
            cost += penalty * (self.needs_leader & _segments_cross(starts, self.ends, leaders))
        if len(boxes):
            flat = self.samples.reshape(-1, 2)
            hit = _overlaps(np.hstack([flat, flat]), boxes).any(axis=1)
            crosses = hit.reshape(len(self.ends), _SAMPLES).any(axis=1)
            cost += penalty * (self.needs_leader & crosses)
        cost[~clear] = np.inf
        return int(np.argmin(cost))  # the first of equal costs: a fixed order


def _segment_points(segments: np.ndarray) -> np.ndarray:
    """Points every few pixels along each segment ``x0, y0, x1, y1``."""
    t = np.linspace(0.0, 1.0, 4 * _SAMPLES)[None, :, None]
    starts, ends = segments[:, None, :2], segments[:, None, 2:]
    return (starts + t * (ends - starts)).reshape(-1, 2)


def _leader(ax: Any, segment: np.ndarray, to_data: Any, color: Any) -> None:
    """Draw a thin leader line (display coordinates ``x0, y0, x1, y1``) in data coordinates."""
    (line,) = ax.plot(
        *to_data(segment.reshape(2, 2)).T,
        color=color,
        linewidth=0.4,
        solid_capstyle="butt",
        zorder=3.5,
        scalex=False,
        scaley=False,
        label="_nolegend_",
    )
    line.set_in_layout(False)
    line.set_gid("framing-leader")
