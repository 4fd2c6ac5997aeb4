"""Publication figures from framing's result tables.

Every function reads a result table (or the matches table, for the tallies of
:func:`plot_voice` and :func:`plot_timeline`) and computes no statistic: intervals, tests
and scores come from :mod:`framing.measure` and :mod:`framing.compare`. All share one
shape: ``plot_*(data, *, <column names>, ax=None, **kwargs) -> Axes``; without ``ax`` they
draw on a new single-column figure (89 mm) under the active theme (``with
framing.theme("paper", locale="fr"):``), never call ``plt.show()``, label axes in the
theme's locale, tell categories apart by colour and by marker or hatch (greyscale-safe),
and attach the plotted table for :func:`framing.save.save_figure`.

- :func:`plot_contest` — variant shares per group (the naming contest).
- :func:`plot_voice` — own voice, quoted, attributed and distanced hits per group.
- :func:`plot_frame_rates` — frame rates per 1,000 tokens by group, with intervals.
- :func:`plot_heatmap` — a group × frame (or × variant) matrix with annotated cells.
- :func:`plot_timeline` — variant or frame shares per period, with n per period.
- :func:`plot_log_odds`, :func:`plot_keyness` — the terms that set groups apart.
- :func:`plot_dispersion` — where terms occur along the texts.
"""

from __future__ import annotations

from framing.plot._contest import plot_contest
from framing.plot._dispersion import plot_dispersion
from framing.plot._heatmap import plot_heatmap
from framing.plot._rates import plot_frame_rates
from framing.plot._terms import plot_keyness, plot_log_odds
from framing.plot._timeline import plot_timeline
from framing.plot._voice import plot_voice

__all__ = [
    "plot_contest",
    "plot_dispersion",
    "plot_frame_rates",
    "plot_heatmap",
    "plot_keyness",
    "plot_log_odds",
    "plot_timeline",
    "plot_voice",
]
