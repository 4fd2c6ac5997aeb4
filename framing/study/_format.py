"""The study-file format: its keys, their kinds and defaults, and the block checkers."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

from framing.study._model import Path_
from framing.study._values import (
    INVALID,
    LANGUAGES,
    Checker,
    Param,
    describe,
)
from framing.study._values import from_function as _p

FORMATS_FIGURE = ("pdf", "svg", "png")
FORMATS_TABLE = ("csv", "tex")
MATCHES_FORMATS = ("csv", "parquet", "none")
THEMES = ("paper", "notebook", "slides", "poster")
JOURNALS = ("nature", "elsevier")

# --------------------------------------------------------------------------- the format

TOP_KEYS: dict[str, Param] = {
    "name": Param("name", required=True, help="name: my-study"),
    "title": Param("text"),
    "description": Param("text"),
    "corpus": Param("corpus", required=True, help="corpus: {name: karabakh-2023-fr}"),
    "lexicon": Param("text", required=True, help="lexicon: karabakh-2023-fr"),
    "overrides": Param("path_or_none", None),
    "seed": Param("int", 0, minimum=0),
    "language": Param("choice", None, choices=(*LANGUAGES, None)),
    "locale": Param("choice", "en", choices=LANGUAGES),
    "methods_language": Param("choice", "en", choices=LANGUAGES),
    "match": Param("match"),
    "labels": Param("labels"),
    "style": Param("style"),
    "analyses": Param(
        "analyses",
        required=True,
        help="analyses: [{id: naming, type: contest, contest: operation_name}]",
    ),
    "figures": Param("figures"),
    "tables": Param("tables"),
    "matches": Param("choice", "csv", choices=MATCHES_FORMATS),
    "output": Param("path", "figures"),
}

CORPUS_KEYS: dict[str, Param] = {
    "name": Param("text"),
    "path": Param("path"),
    "text": Param("text"),
    "doc_id": Param("text"),
    "date": Param("text_or_none", "date"),
    "format": Param("choice", None, choices=("txt", "csv", "tsv", "jsonl", "parquet", None)),
    "encoding": Param("text"),
    "filters": Param("filters"),
}
MATCH_KEYS: dict[str, Param] = {
    "overlap": Param("choice", "longest", choices=("longest", "all")),
    "audit": Param("bool", True),
    "voice": Param("bool", True),
}
STYLE_KEYS: dict[str, Param] = {
    "theme": Param("choice", "paper", choices=THEMES),
    "journal": Param("choice", "nature", choices=JOURNALS),
    "width": Param("width", "single"),
    "formats": Param("formats", FORMATS_FIGURE, choices=FORMATS_FIGURE),
    "dpi": Param("number", 300, minimum=1),
}

_BY = Param("by", None)
_VOICE = Param("voices", None)
_DISTANCED = Param("bool_or_none", None)
_NGRAM = Param("ngram", 1)
_STOPWORDS = Param("stopwords", None)
_TOP_N = Param("int_or_none", None, minimum=1)

#: Analysis types: the function each calls and the keys it takes (besides id, type, seed,
#: description). Defaults marked FROM_FUNCTION are read from the function's signature.
ANALYSIS_TYPES: dict[str, dict[str, Any]] = {
    "contest": {
        "function": "framing.count_contest",
        "keys": {
            "contest": Param("text", required=True, help="contest: operation_name"),
            "by": _BY,
            "unit": _p("choice", choices=("mention", "document")),
            "voice": _VOICE,
            "distanced": _DISTANCED,
            "ci": _p("level"),
            "n_boot": _p("int", minimum=0),
            "n_perm": _p("int", minimum=0),
        },
        "plots": ("contest", "heatmap"),
    },
    "frames": {
        "function": "framing.count_frames",
        "keys": {
            "by": _BY,
            "frames": Param("names", None),
            "voice": _VOICE,
            "distanced": _DISTANCED,
            "per": _p("int", minimum=1),
            "ci": _p("level"),
            "n_boot": _p("int", minimum=0),
        },
        "plots": ("frame_rates", "heatmap"),
    },
    "documents": {
        "function": "framing.count_documents",
        "keys": {
            "item": _p("choice", choices=("frame", "variant")),
            "frames": Param("names", None),
            "contest": Param("names", None),
            "voice": _VOICE,
            "distanced": _DISTANCED,
            "per": _p("int", minimum=1),
        },
        "plots": ("heatmap",),
    },
    "voice": {
        "function": "tally of the matches by group x voice x distanced",
        "keys": {
            "by": _BY,
            "contest": Param("text", None),
            "variant": Param("names", None),
            "frame": Param("names", None),
        },
        "plots": ("voice",),
    },
    "matches": {
        "function": "the matches table, filtered",
        "keys": {
            "contest": Param("names", None),
            "variant": Param("names", None),
            "frame": Param("names", None),
            "voice": _VOICE,
            "distanced": _DISTANCED,
        },
        "plots": ("dispersion", "timeline"),
    },
    "keyness": {
        "function": "framing.compare_keyness",
        "keys": {
            "by": Param("text", required=True, help="by: outlet"),
            "target": Param("values", required=True, help="target: Le Monde"),
            "reference": Param("values", None),
            "measure": _p("choice", choices=("g2", "chi2", "log_ratio")),
            "correction": _p("choice", choices=("yates", None)),
            "p_adjust": _p("choice", choices=("fdr_bh", "bonferroni", None)),
            "min_count": _p("int", minimum=1),
            "min_range": _p("int_or_none", minimum=1),
            "top_n": _TOP_N,
            "ngram": _NGRAM,
            "stopwords": _STOPWORDS,
        },
        "plots": ("keyness",),
    },
    "log_odds": {
        "function": "framing.compare_log_odds",
        "keys": {
            "by": Param("text", required=True, help="by: outlet"),
            "target": Param("values", required=True, help="target: Le Monde"),
            "reference": Param("values", None),
            "prior": _p("choice", choices=("corpus", "uniform")),
            "alpha0": Param("number_or_none", None, minimum=0),
            "min_count": _p("int", minimum=1),
            "top_n": _TOP_N,
            "ngram": _NGRAM,
            "stopwords": _STOPWORDS,
        },
        "plots": ("log_odds", "keyness"),
    },
    "specificities": {
        "function": "framing.compare_specificities",
        "keys": {
            "by": Param("text", required=True, help="by: outlet"),
            "min_count": _p("int", minimum=1),
            "top_n": _TOP_N,
            "ngram": _NGRAM,
            "stopwords": _STOPWORDS,
        },
        "plots": ("keyness",),
    },
}
ANALYSIS_COMMON = {
    "id": Param("name", required=True, help="id: operation-naming"),
    "type": Param(
        "choice",
        required=True,
        choices=tuple(ANALYSIS_TYPES),
        help="type: contest",
        what="analysis type",
    ),
    "seed": Param("int_or_none", None, minimum=0),
    "description": Param("text"),
}

#: The plot functions figures may use (``framing.plot.plot_<name>``).
PLOTS = (
    "contest",
    "voice",
    "frame_rates",
    "heatmap",
    "timeline",
    "log_odds",
    "keyness",
    "dispersion",
)
#: Parameters of the plot functions that the runner sets itself.
_RUNNER_SET = {"data", "matches", "corpus", "ax", "kwargs", "labels"}
_RUNNER_SET_BY_PLOT = {"voice": {"by", "contest", "frame", "variant"}}

FIGURE_KEYS: dict[str, Param] = {
    "analysis": Param("text", required=True, help="analysis: operation-naming"),
    "plot": Param("choice", None, choices=PLOTS, what="plot"),
    "file": Param("path", None),
    "width": Param("width", None),
    "height": Param("number_or_none", None, minimum=1),
    "aspect": Param("number_or_none", None, minimum=0.05),
    "journal": Param("choice", None, choices=(*JOURNALS, None)),
    "theme": Param("choice", None, choices=(*THEMES, None)),
    "locale": Param("choice", None, choices=(*LANGUAGES, None)),
    "formats": Param("formats", None, choices=FORMATS_FIGURE),
    "dpi": Param("number_or_none", None, minimum=1),
    "labels": Param("labels"),
    "group": Param("value", None),
}
TABLE_KEYS: dict[str, Param] = {
    "analysis": Param("text", required=True, help="analysis: operation-naming"),
    "file": Param("path", None),
    "formats": Param("formats", ("csv",), choices=FORMATS_TABLE),
    "locale": Param("choice", None, choices=(*LANGUAGES, None)),
    "caption": Param("text"),
    "label": Param("text"),
    "decimals": Param("decimals", None),
    "columns": Param("columns", None),
    "compact": Param("bool", True),
    "drop_unused": Param("bool", False),
    "labels": Param("bool", True),
}


def plot_options(plot: str) -> list[str]:
    """The options of ``framing.plot.plot_<plot>`` a figure may set (those the runner does not)."""
    import framing.plot

    func = getattr(framing.plot, f"plot_{plot}")
    skip = _RUNNER_SET | _RUNNER_SET_BY_PLOT.get(plot, set())
    return [
        key
        for key, p in inspect.signature(func).parameters.items()
        if key not in skip and p.kind is not inspect.Parameter.VAR_KEYWORD
    ]


class StudyChecker(Checker):
    """A :class:`Checker` that knows the blocks of a study file."""

    # -- blocks -----------------------------------------------------------------------------
    def _v_corpus(self, value: Any, path: Path_, param: Param) -> Any:
        if isinstance(value, str) or (value is not None and not isinstance(value, Mapping)):
            name = self._v_text(value, path, Param("text"))
            return INVALID if name is INVALID else {"name": name}
        data = self.mapping(value, path, "corpus", "corpus: {name: karabakh-2023-fr}")
        if data is None:
            return INVALID
        values = self.keys(data, path, CORPUS_KEYS, "corpus")
        if (values["name"] is None) == (values["path"] is None):
            self.error(
                path,
                "give the corpus either by 'name' (a bundled corpus) or by 'path' (a file "
                "or folder, relative to the study file), not "
                + ("both." if values["name"] is not None else "neither.")
                + " Fix: e.g. 'corpus: {path: data/articles.csv, text: body}'.",
            )
        return values

    def _v_match(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return self.keys({}, path, MATCH_KEYS, "match")
        data = self.mapping(value, path, "match", "match: {overlap: longest, audit: true}")
        return INVALID if data is None else self.keys(data, path, MATCH_KEYS, "match")

    def _v_style(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return self.keys({}, path, STYLE_KEYS, "style")
        data = self.mapping(value, path, "style", "style: {theme: paper, formats: [pdf, png]}")
        return INVALID if data is None else self.keys(data, path, STYLE_KEYS, "style")

    def _list(self, value: Any, path: Path_, what: str, example: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, f"{what} must be a list, got {describe(value)}. Fix: {example}.")
            return []
        return value

    def _v_analyses(self, value: Any, path: Path_, param: Param) -> Any:
        items = self._list(value, path, "analyses", "start each analysis with '- id: ...'")
        if not items and isinstance(value, list):
            self.error(
                path,
                "the study has no analysis. Fix: add one, e.g. '- {id: naming, "
                "type: contest, contest: operation_name}'.",
            )
        analyses = []
        for i, item in enumerate(items):
            where = (*path, i)
            data = self.mapping(
                item,
                where,
                f"analyses[{i}]",
                "'- {id: naming, type: contest, contest: operation_name}'",
            )
            if data is None:
                continue
            common = self.keys(
                {k: v for k, v in data.items() if k in ANALYSIS_COMMON},
                where,
                ANALYSIS_COMMON,
                f"analyses[{i}]",
            )
            kind = common["type"]
            if kind is None or kind not in ANALYSIS_TYPES:
                continue
            spec = ANALYSIS_TYPES[kind]["keys"]
            params = self.keys(
                {k: v for k, v in data.items() if k not in ANALYSIS_COMMON},
                where,
                spec,
                f"a {kind!r} analysis",
                extra=tuple(ANALYSIS_COMMON),
            )
            analyses.append((i, common, params))
        return analyses

    def _v_figures(self, value: Any, path: Path_, param: Param) -> Any:
        items = self._list(value, path, "figures", "start each figure with '- analysis: ...'")
        figures = []
        for i, item in enumerate(items):
            where = (*path, i)
            data = self.mapping(
                item, where, f"figures[{i}]", "'- {analysis: naming, plot: contest}'"
            )
            if data is None:
                continue
            own = {k: v for k, v in data.items() if k in FIGURE_KEYS}
            values = self.keys(own, where, FIGURE_KEYS, f"figures[{i}]")
            options = {k: v for k, v in data.items() if k not in FIGURE_KEYS}
            figures.append((i, values, options))
        return figures

    def _v_tables(self, value: Any, path: Path_, param: Param) -> Any:
        items = self._list(value, path, "tables", "start each table with '- analysis: ...'")
        tables = []
        for i, item in enumerate(items):
            where = (*path, i)
            data = self.mapping(
                item, where, f"tables[{i}]", "'- {analysis: naming, formats: [csv, tex]}'"
            )
            if data is None:
                continue
            tables.append((i, self.keys(data, where, TABLE_KEYS, f"tables[{i}]")))
        return tables
