"""Lexical dispersion ("x-ray") plot: where in each document the hits of a lexicon fall."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from framing._errors import FramingError, suggest
from framing.corpus import Corpus
from framing.plot._common import (
    check_labels,
    check_table,
    check_top_n,
    display,
    finish,
    format_count,
    localized,
    missing_column,
    new_axes,
    percent_axis,
    place_legend,
    shown,
    styles,
)
from framing.plot._common import label as axis_label

__all__ = ["plot_dispersion"]

WHAT = "plot_dispersion"
_PRODUCED_BY = "framing.match_lexicon"
#: At most this many categories get their own colour; the rarer ones are pooled.
MAX_CATEGORIES = 8
_OTHER_COLOR = "0.45"
_BASELINE = "0.82"


def plot_dispersion(
    matches: pd.DataFrame,
    corpus: Corpus | pd.DataFrame,
    *,
    entries: str | list[str] | None = None,
    by: str = "entry",
    docs: list[str] | None = None,
    top_n: int | None = 30,
    label: str | None = None,
    max_chars: int = 20,
    labels: dict[str, str] | None = None,
    ax: Any = None,
) -> Any:
    """Where the hits fall in each document: one row per document, a tick per hit.

    The lexical dispersion plot ("x-ray") of concordancers: each document is a line from
    its start (0) to its end (1), and every hit is a tick at its relative position
    ``start / len(text)``. Hits are coloured by ``by`` (entry, variant, frame, voice, …);
    each category has its own lane within the document's row, in the legend's order, so
    the categories stay apart in greyscale too. Beyond eight categories, the seven with
    the most hits keep their colour and the others are pooled as "other". The number of
    hits drawn in each document is written on the right.

    Parameters
    ----------
    matches : pandas.DataFrame
        The matches table of :func:`framing.match_lexicon` (``doc_id``, ``start``, ``by``;
        ``entry`` when ``entries`` is given). Rows with a ``rejected`` reason (from
        ``audit=True``) are not hits and are left out. Filter it first to show one contest
        or frame (``matches[matches.contest == "region_name"]``).
    corpus : Corpus or pandas.DataFrame
        The corpus the matches come from (``doc_id`` and ``text``): it gives each
        document's length and the order of the rows.
    entries : str or list of str, optional
        Only the hits of these entries (values of the ``entry`` column: the patterns as
        written in the lexicon, e.g. ``"Haut-Karabakh"``).
    by : str, default "entry"
        The column that colours the ticks: ``"entry"``, ``"variant"``, ``"frame"``,
        ``"voice"``, … Hits where it is missing (e.g. frame hits for ``by="variant"``) are
        left out.
    docs : list of str, optional
        The documents to show, in this order (documents without a hit give an empty row).
        Default: the documents with at least one hit, in corpus order.
    top_n : int or None, default 30
        With ``docs=None``, show only the ``top_n`` documents with the most hits (ties: the
        first in the corpus), still in corpus order; None shows them all.
    label : str, optional
        A corpus metadata column to name the rows (``"outlet"``, ``"speaker"``); default
        the ``doc_id``.
    max_chars : int, default 20
        Row names longer than this are cut, ending with « … ».
    labels : dict, optional
        Display text for the categories, e.g. ``{"haut_karabakh": "Haut-Karabakh"}``.
    ax : matplotlib.axes.Axes, optional
        Draw here; default: a new single-column (89 mm) figure in the active theme, as tall
        as the rows need.

    Returns
    -------
    matplotlib.axes.Axes
        With the hits drawn attached (:func:`framing.save.get_data`): ``doc_id``,
        ``document`` (the row name shown), ``row`` (0 at the top), ``by``'s column,
        ``category`` (as shown in the legend), ``start``, ``text_length`` and
        ``position`` (``start / text_length``).

    Raises
    ------
    FramingError
        ``matches`` is not a DataFrame, is empty or lacks a column (with the columns
        present and a suggestion); ``corpus`` is not a Corpus; a hit's document is not in
        the corpus; an unknown entry, document or label column; nothing left to draw
        after the filters; an invalid ``top_n`` or ``max_chars``.

    Examples
    --------
    >>> import framing
    >>> from framing.plot import plot_dispersion
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> matches = framing.match_lexicon(corpus, "karabakh-2023-fr")
    >>> region = matches[matches["contest"] == "region_name"]
    >>> with framing.style.theme("paper"):
    ...     ax = plot_dispersion(region, corpus, by="variant")
    >>> len(ax.get_yticklabels()) == region["doc_id"].nunique()
    True
    """
    columns: dict[str, Any] = {"doc_id": "doc_id", "start": "start", "by": by}
    if entries is not None:
        columns["entries"] = "entry"
    check_table(matches, what=WHAT, produced_by=_PRODUCED_BY)
    for param, column in columns.items():
        if column not in matches.columns:
            raise missing_column(column, matches, what=WHAT, param=param)
    texts = _corpus_frame(corpus)
    top_n = check_top_n(top_n, what=WHAT)
    max_chars = _check_max_chars(max_chars)
    labels = check_labels(labels, what=WHAT)

    hits = matches
    if "rejected" in hits.columns:
        hits = hits[hits["rejected"].isna()]
    if entries is not None:
        hits = hits[hits["entry"].isin(_entries(entries, matches))]
    hits = hits[hits[by].notna()]
    if hits.empty:
        raise FramingError(
            f"{WHAT}: no hit left to draw: the matches have no row with a {by!r} value"
            + (f" among the entries {shown(_entries(entries, matches))}" if entries else "")
            + ". Choose another by= (entry, variant, frame) or check the filters."
        )

    lengths = dict(zip(texts["doc_id"], texts["text"].str.len(), strict=True))
    unknown = [d for d in pd.unique(hits["doc_id"]) if d not in lengths]
    if unknown:
        raise FramingError(
            f"{WHAT}: {len(unknown)} document(s) of the matches are not in the corpus "
            f"({shown(unknown, 5)}). Pass the corpus the matches were made from."
        )
    corpus_order = {doc_id: i for i, doc_id in enumerate(texts["doc_id"])}
    shown_docs = _documents(hits, docs, top_n, corpus_order)
    hits = hits[hits["doc_id"].isin(shown_docs)]

    names = _row_names(texts, shown_docs, label, max_chars)
    row_of = {doc_id: i for i, doc_id in enumerate(shown_docs)}
    categories, category_of = _categories(hits[by], labels)

    table = pd.DataFrame(
        {
            "doc_id": hits["doc_id"].to_numpy(),
            "document": [names[row_of[d]] for d in hits["doc_id"]],
            "row": [row_of[d] for d in hits["doc_id"]],
            by: hits[by].to_numpy(),
            "category": [category_of[display(v)] for v in hits[by]],
            "start": hits["start"].to_numpy(),
            "text_length": [lengths[d] for d in hits["doc_id"]],
        }
    )
    table["position"] = table["start"] / table["text_length"]
    table = table.sort_values(["row", "start"], kind="stable").reset_index(drop=True)
    table.attrs = dict(matches.attrs)

    n_docs, n_cat = len(shown_docs), len(categories)
    # rows of text: the documents (taller with many lanes) and the legend's entries
    ax = new_axes(ax, what=WHAT, rows=n_docs * max(1.0, n_cat / 5) + 0.6 * n_cat)
    looks = styles(min(n_cat, MAX_CATEGORIES), what=WHAT)
    colors = [
        _OTHER_COLOR if name == _other() else looks[k].color for k, name in enumerate(categories)
    ]
    lane = 0.8 / n_cat
    ax.hlines(
        np.arange(n_docs), 0, 1, colors=_BASELINE, linewidth=0.5, zorder=0, label="_nolegend_"
    )
    handles = []
    for k, (name, color) in enumerate(zip(categories, colors, strict=True)):
        offset = (k - (n_cat - 1) / 2) * lane
        part = table[table["category"] == name]
        centre = part["row"].to_numpy(dtype=float) + offset
        ax.vlines(
            part["position"].to_numpy(),
            centre - 0.42 * lane,
            centre + 0.42 * lane,
            colors=color,
            linewidth=0.8,
            zorder=2,
            gid=f"framing-hits-{k}",
        )
        handles.append(
            Line2D(
                [], [], linestyle="", marker="|", markersize=7, markeredgewidth=1.4, color=color
            )
        )
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(n_docs - 0.5, -0.5)  # first document on top
    ax.set_yticks(np.arange(n_docs), labels=names)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    percent_axis(ax, "x")
    ax.set_xlabel(localized("Position in the document", "Position dans le document"))
    ax.set_ylabel(axis_label(label or "doc_id"))

    counts = table.groupby("row").size().reindex(range(n_docs), fill_value=0)
    right = ax.secondary_yaxis("right")
    right.set_yticks(np.arange(n_docs), labels=[format_count(n) for n in counts])
    right.tick_params(axis="y", length=0)
    right.spines["right"].set_visible(False)
    right.set_ylabel(axis_label("hits"), rotation=270, va="bottom")

    title = axis_label(by, default=localized("Entry", "Entrée") if by == "entry" else by)
    place_legend(ax, handles, categories, title=title, loc="top")
    return finish(ax, table)


# ------------------------------------------------------------------------------ helpers


def _other() -> str:
    return localized("other", "autres")


def _corpus_frame(corpus: Any) -> pd.DataFrame:
    if isinstance(corpus, Corpus):
        return corpus.docs
    if isinstance(corpus, pd.DataFrame):
        for column in ("doc_id", "text"):
            if column not in corpus.columns:
                raise missing_column(column, corpus, what=WHAT, param="corpus")
        return corpus
    raise FramingError(
        f"{WHAT}: corpus must be the Corpus the matches come from (framing.read_corpus) or "
        f"a DataFrame with doc_id and text; got {type(corpus).__name__}."
    )


def _check_max_chars(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 4:
        raise FramingError(f"{WHAT}: max_chars must be an integer >= 4; got {value!r}.")
    return int(value)


def _entries(entries: Any, matches: pd.DataFrame) -> list[str]:
    wanted = [entries] if isinstance(entries, str) else list(entries)
    known = pd.unique(matches["entry"].dropna()).tolist()
    for entry in wanted:
        if entry not in known:
            raise FramingError(
                f"{WHAT}: no hit of the entry {entry!r} in the matches (entries with hits: "
                f"{shown(known, 10)}). Entries are the patterns as written in the lexicon."
                + suggest(str(entry), known)
            )
    return wanted


def _documents(
    hits: pd.DataFrame, docs: Any, top_n: int | None, corpus_order: dict[str, int]
) -> list[str]:
    """The documents to draw, top to bottom."""
    if docs is not None:
        wanted = [docs] if isinstance(docs, str) else list(docs)
        if not wanted:
            raise FramingError(f"{WHAT}: docs is empty; name at least one document.")
        for doc_id in wanted:
            if doc_id not in corpus_order:
                raise FramingError(
                    f"{WHAT}: the document {doc_id!r} is not in the corpus."
                    + suggest(str(doc_id), list(corpus_order))
                )
        return list(dict.fromkeys(wanted))
    counts = hits["doc_id"].value_counts()
    order = sorted(counts.index, key=lambda d: (-counts[d], corpus_order[d]))
    if top_n is not None:
        order = order[:top_n]
    return sorted(order, key=corpus_order.__getitem__)


def _row_names(
    texts: pd.DataFrame, docs: list[str], column: str | None, max_chars: int
) -> list[str]:
    if column is None:
        names = [str(d) for d in docs]
    else:
        if column not in texts.columns:
            raise missing_column(column, texts, what=WHAT, param="label")
        values = texts.set_index("doc_id")[column]
        names = [display(values[d]) for d in docs]
    return [n if len(n) <= max_chars else n[: max_chars - 1].rstrip() + "…" for n in names]


def _categories(values: pd.Series, labels: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Legend names, most hits first (ties by name), and the legend name of each value."""
    shown_values = values.map(display)
    counts = shown_values.value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    if len(order) > MAX_CATEGORIES:
        keep, pooled = order[: MAX_CATEGORIES - 1], order[MAX_CATEGORIES - 1 :]
        mapping = {v: display(v, labels) for v in keep}
        mapping.update(dict.fromkeys(pooled, _other()))
        return [*(mapping[v] for v in keep), _other()], mapping
    mapping = {v: display(v, labels) for v in order}
    return [mapping[v] for v in order], mapping
