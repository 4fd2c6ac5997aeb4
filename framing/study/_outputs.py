"""Write a study's figures (framing.plot + save_figure), tables and matches table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from framing.study._checks import group_values, resolve_groups
from framing.study._model import Analysis, FigureSpec, Study, TableSpec


def _plot_call(
    spec: FigureSpec, analysis: Analysis, result: pd.DataFrame, corpus: Any
) -> tuple[Any, tuple[Any, ...], dict[str, Any]]:
    """(plot function, positional arguments, keyword arguments) for one figure."""
    import inspect

    import framing.plot

    func = getattr(framing.plot, f"plot_{spec.plot}")
    kwargs = dict(spec.options)
    if "labels" in inspect.signature(func).parameters and spec.labels:
        kwargs["labels"] = dict(spec.labels)
    data = result
    params = analysis.params
    if spec.plot == "voice":
        kwargs["by"] = params["by"]
    if analysis.type == "specificities":
        by = params["by"]
        value = resolve_groups(spec.group, group_values(corpus, by))[0]
        data = result[(result[by] == value).to_numpy()].reset_index(drop=True)
        data.attrs = dict(result.attrs)
        kwargs.setdefault("x", "specificity")
    if spec.plot == "timeline" and "contest" not in kwargs:
        contests = params.get("contest")
        if isinstance(contests, str) or (isinstance(contests, list) and len(contests) == 1):
            kwargs["contest"] = contests if isinstance(contests, str) else contests[0]
    if spec.plot == "dispersion" and "label" not in kwargs:
        corpus = _labelled(corpus, spec.labels)
        if "Document" in corpus.metadata.columns:
            kwargs["label"] = "Document"
    args = (data, corpus) if spec.plot == "dispersion" else (data,)
    return func, args, kwargs


def _labelled(corpus: Any, labels: Any) -> Any:
    """The corpus with a ``Document`` column from the labels of its doc_ids.

    ``plot_dispersion`` names its rows after a corpus column; the study's labels of
    document ids become that column (metadata only: the corpus fingerprint is unchanged).
    """
    from framing.corpus import Corpus

    ids = corpus.doc_ids
    if not labels or not any(i in labels for i in ids) or "Document" in corpus.metadata:
        return corpus
    docs = corpus.docs.assign(Document=[labels.get(i, i) for i in ids])
    return Corpus(docs, name=corpus.name, source=corpus.source)


def _size(spec: FigureSpec, probe_height_in: float) -> tuple[float, float]:
    from framing.style import figure_size

    if spec.height is not None:
        return figure_size(spec.width, height=spec.height, journal=spec.journal)
    if spec.aspect is not None:
        return figure_size(spec.width, aspect=spec.aspect, journal=spec.journal)
    width, _ = figure_size(spec.width, journal=spec.journal)
    return width, probe_height_in


def draw_figure(
    spec: FigureSpec, analysis: Analysis, result: pd.DataFrame, corpus: Any
) -> tuple[Any, bool]:
    """Draw one figure under the active theme; (figure, made_by_pyplot)."""
    from matplotlib.figure import Figure

    func, args, kwargs = _plot_call(spec, analysis, result, corpus)
    default = (
        spec.width == "single"
        and spec.journal == "nature"
        and spec.height is None
        and spec.aspect is None
    )
    # the plot function's own figure: 89 mm wide, as tall as its rows need
    ax = func(*args, **kwargs)
    if default:
        return ax.figure, True
    import matplotlib.pyplot as plt

    probe_height = float(ax.figure.get_size_inches()[1])
    plt.close(ax.figure)
    fig = Figure(figsize=_size(spec, probe_height), layout="constrained")
    func(*args, ax=fig.add_subplot(), **kwargs)
    return fig, False


def write_figure(
    spec: FigureSpec,
    analysis: Analysis,
    result: pd.DataFrame,
    corpus: Any,
    *,
    study: Study,
    out: Path,
) -> list[Path]:
    """Draw and save one figure (with its CSV data and JSON provenance); the paths written."""
    from framing.save import save_figure
    from framing.style import theme

    with theme(spec.theme, locale=spec.locale):
        fig, pyplot = draw_figure(spec, analysis, result, corpus)
        try:
            return save_figure(
                fig,
                out / spec.file,
                formats=spec.formats,
                dpi=spec.dpi,
                provenance={
                    "study": study.name,
                    "analysis": analysis.id,
                    "plot": f"framing.plot.plot_{spec.plot}",
                    "options": dict(spec.options),
                },
                metadata={"Title": f"{study.title or study.name}: {analysis.id}"},
            )
        finally:
            if pyplot:
                import matplotlib.pyplot as plt

                plt.close(fig)


def _relabel(table: pd.DataFrame, analysis: Analysis, labels: Any) -> pd.DataFrame:
    """Display text for the LaTeX table: group values, and variant headers of a contest.

    Only the ``by`` columns' values and (compact contest tables) the variant columns are
    relabelled, never terms or other cells, so that a label cannot rewrite data.
    """
    if not labels:
        return table
    out = table.copy()
    by = analysis.params.get("by")
    columns = [by] if isinstance(by, str) else list(by or ["group"])
    for column in columns:
        if column in out.columns:
            out[column] = [labels.get(str(v), v) for v in out[column].tolist()]
    if analysis.type == "contest" and "variant" in out.columns:
        out["variant"] = [labels.get(str(v), v) for v in out["variant"].tolist()]
    elif analysis.type == "contest":
        variants = set(analysis_variants(table))
        out = out.rename(
            columns={c: labels[c] for c in out.columns if c in variants and c in labels}
        )
    out.attrs = dict(table.attrs)
    return out


def analysis_variants(table: pd.DataFrame) -> list[str]:
    """The variant names of a count_contest result (from its attrs)."""
    return [str(v) for v in table.attrs.get("variants") or []]


def write_table(
    spec: TableSpec,
    analysis: Analysis,
    result: pd.DataFrame,
    *,
    out: Path,
    labels: Any = None,
) -> list[Path]:
    """Write one analysis' table as CSV (+ JSON provenance) and/or booktabs LaTeX."""
    from framing.tables import contest_table, to_csv, to_latex

    folder = out / "tables"
    written: list[Path] = []
    for fmt in spec.formats:
        if fmt == "csv":
            target = folder / f"{spec.file}.csv"
            to_csv(result, target)
            written += [target, target.with_suffix(".json")]
        elif fmt == "tex":
            table = result
            if analysis.type == "contest" and spec.drop_unused:
                used = result.groupby("variant", sort=False)["n"].sum()
                keep = result["variant"].map(used).fillna(0).to_numpy() > 0
                table = result[keep].reset_index(drop=True)
                table.attrs = dict(result.attrs)
            if analysis.type == "contest" and spec.compact:
                table = contest_table(table, locale=spec.locale)
            table = _relabel(table, analysis, labels)
            options: dict[str, Any] = {"locale": spec.locale}
            if spec.decimals is not None:
                options["decimals"] = spec.decimals
            if spec.columns is not None:
                options["columns"] = (
                    dict(spec.columns) if isinstance(spec.columns, dict) else list(spec.columns)
                )
            target = folder / f"{spec.file}.tex"
            to_latex(table, target, caption=spec.caption, label=spec.label, **options)
            written.append(target)
    return written


def write_matches(matches: pd.DataFrame, fmt: str, *, out: Path) -> Path:
    """The matches table as ``matches.csv`` or ``matches.parquet``."""
    if fmt == "parquet":
        target = out / "matches.parquet"
        table = matches.copy()
        table.attrs = {}
        target.parent.mkdir(parents=True, exist_ok=True)
        table.to_parquet(target, index=False)
        return target
    from framing.tables import to_csv

    target = out / "matches.csv"
    to_csv(matches, target, provenance=False)
    return target
