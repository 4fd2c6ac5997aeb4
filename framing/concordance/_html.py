"""A concordance as an HTML table (:func:`kwic_html`)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest

# Okabe–Ito colours: (highlight, badge) per voice.
_VOICE_COLOURS = {
    "author": ("#F0E442", "#6b6b6b"),
    "quoted": ("#9fd3f2", "#0072B2"),
    "attributed": ("#f5c96a", "#b36b00"),
}
_DISTANCED_COLOUR = "#D55E00"


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def kwic_html(
    data: pd.DataFrame, *, max_rows: int | None = 100, columns: Sequence[str] = ("doc_id",)
) -> str:
    """A concordance as an HTML table, for notebooks and reports.

    The left context is right-aligned against the hit, so hits line up in a column; the
    hit is in ``<mark>``, coloured by voice (Okabe–Ito: yellow author, blue quoted, orange
    attributed), with the voice as a text badge (colour is never the only cue) and a
    « distanced » badge naming the cue when ``distanced`` is true. Every text is
    HTML-escaped, so text such as ``<script>`` is shown, never run. Styles are inline,
    so the output renders the same in Jupyter, VS Code and exported HTML.

    Parameters
    ----------
    data : pandas.DataFrame
        A concordance from :func:`kwic` (``left``, ``match`` and ``right`` are needed;
        ``voice``, ``distanced``, ``cue``, ``entry``, ``frame``, ``contest``, ``variant``
        are used when present).
    max_rows : int or None, default 100
        Show the first rows only, with a line saying how many are left out; None shows all.
    columns : sequence of str, default ("doc_id",)
        Columns shown before the context (such as ``["doc_id", "outlet"]``).

    Returns
    -------
    str
        The HTML (wrap it in ``IPython.display.HTML`` to display it; a :class:`KwicTable`
        displays itself).

    Raises
    ------
    FramingError
        If ``data`` is not a DataFrame, lacks a needed column, or ``max_rows`` is not a
        positive whole number or None.

    Examples
    --------
    >>> html_text = kwic_html(kwic("Une <b>offensive</b>.", "offensive"))
    >>> "<mark" in html_text and "&lt;b&gt;" in html_text
    True
    """
    if not isinstance(data, pd.DataFrame):
        raise FramingError(
            f"kwic_html(): data must be a concordance from kwic(); got {type(data).__name__}."
        )
    names = [str(c) for c in data.columns]
    for name in (*columns, "left", "match", "right"):
        if name not in data.columns:
            raise FramingError(
                f"kwic_html(): the table has no {name!r} column (columns: {', '.join(names)})."
                + suggest(name, names)
            )
    if max_rows is not None and (
        isinstance(max_rows, bool) or not isinstance(max_rows, (int, np.integer)) or max_rows < 1
    ):
        raise FramingError(
            f"kwic_html(): max_rows must be a positive whole number or None; got {max_rows!r}."
        )
    shown = data if max_rows is None else data.head(int(max_rows))
    pad = "padding:1px 6px;"
    ctx = "white-space:pre;padding:1px 0;"
    head = "".join(f'<th style="{pad}text-align:left">{_cell(c)}</th>' for c in columns)
    head += (
        f'<th style="{pad}text-align:right">left</th><th style="text-align:center">match</th>'
        f'<th style="{pad}text-align:left">right</th><th style="{pad}text-align:left">voice</th>'
    )
    body = []
    get = {
        c: (shown[c].tolist() if c in shown.columns else [None] * len(shown))
        for c in ("voice", "distanced", "cue", "entry", "frame", "contest", "variant")
    }
    lefts, matches, rights = (shown[c].tolist() for c in ("left", "match", "right"))
    for i in range(len(shown)):
        voice = get["voice"][i]
        voice = voice if isinstance(voice, str) else None
        distanced = get["distanced"][i] is True or get["distanced"][i] is np.True_
        mark_colour, badge_colour = _VOICE_COLOURS.get(voice or "", ("#F0E442", ""))
        title = " · ".join(
            f"{k}: {get[k][i]}"
            for k in ("entry", "frame", "contest", "variant")
            if isinstance(get[k][i], str)
        )
        border = f"border-bottom:2px dashed {_DISTANCED_COLOUR};" if distanced else ""
        mark = (
            f'<mark style="background:{mark_colour};padding:0;{border}" title="{_cell(title)}">'
            f"{_cell(matches[i])}</mark>"
        )
        badges = ""
        if voice is not None:
            badges += (
                f'<span style="background:{badge_colour};color:#fff;border-radius:3px;'
                f'padding:0 4px;font-size:85%">{_cell(voice)}</span>'
            )
        if distanced:
            cue = get["cue"][i]
            label = "distanced" + (f": {cue}" if isinstance(cue, str) else "")
            badges += (
                f' <span style="border:1px solid {_DISTANCED_COLOUR};color:{_DISTANCED_COLOUR};'
                f'border-radius:3px;padding:0 4px;font-size:85%">{_cell(label)}</span>'
            )
        cells = "".join(
            f'<td style="{pad}text-align:left">{_cell(shown[c].iat[i])}</td>' for c in columns
        )
        body.append(
            f'<tr>{cells}<td style="{ctx}text-align:right">{_cell(lefts[i])}</td>'
            f'<td style="{ctx}text-align:left">{mark}</td>'
            f'<td style="{ctx}text-align:left">{_cell(rights[i])}</td>'
            f'<td style="{pad}text-align:left">{badges}</td></tr>'
        )
    more = ""
    if len(shown) < len(data):
        left_out = len(data) - len(shown)
        more = (
            f"<p>… {left_out} more row{'s' if left_out != 1 else ''} (max_rows=None shows all)</p>"
        )
    return (
        f'<div class="framing-kwic"><table style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}</div>"
    )
