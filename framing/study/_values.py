"""The building blocks of study-file validation: typed keys and a problem-collecting checker.

:class:`Checker` walks a structure read from YAML (or given as a dict), checks each value
against its :class:`Param` kind, and records every problem with its dotted key path and
line, so that one :class:`~framing.study.StudyError` can list them all.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing._errors import suggest
from framing.study._model import Path_, StudyError, dotted

NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
LANGUAGES = ("en", "fr")
VOICES = ("author", "quoted", "attributed")
WIDTHS = ("single", "onehalf", "double")

INVALID = object()
BLOCKS = ("match", "style", "labels", "filters")
FROM_FUNCTION = object()


@dataclass(frozen=True)
class Param:
    """One key of the study format: its kind, default, and what it is for (for messages)."""

    kind: str
    default: Any = None
    required: bool = False
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    help: str = ""
    what: str = ""


def from_function(kind: str, default: Any = FROM_FUNCTION, **kw: Any) -> Param:
    """A key whose default is read from the signature of the analysis' function."""
    return Param(kind, default, **kw)


KIND_HINT = {
    "name": "a name of letters, digits, '.', '_' or '-' (e.g. karabakh-2023)",
    "text": "a text",
    "text_or_none": "a text, or null",
    "path": "a relative path (e.g. data/articles.csv)",
    "path_or_none": "a relative path (e.g. overrides.yaml), or null",
    "int": "a whole number",
    "int_or_none": "a whole number, or null",
    "number": "a number",
    "number_or_none": "a number, or null",
    "level": "a confidence level between 0 and 1 (e.g. 0.95)",
    "bool": "true or false",
    "bool_or_none": "true, false or null",
    "names": "a name or a list of names",
    "by": "a column name or a list of column names (or null for one group)",
    "values": "a value or a list of values of the 'by' column",
    "value": "a value of the analysis' 'by' column",
    "voices": "author, quoted or attributed (or a list of them)",
    "ngram": "an n-gram order 1–5, or [min, max] (e.g. [1, 2])",
    "stopwords": "fr, en, a list of words, or null",
    "labels": "a mapping of values to display text (e.g. {counter_terrorism: antiterroriste})",
    "filters": "a mapping of metadata columns to a value or a list of values",
    "width": "single, onehalf, double, or a width in millimetres",
    "formats": "a list of formats",
    "decimals": "a whole number, or a mapping of columns to whole numbers",
    "columns": "a list of columns, or a mapping of columns to their headers",
}


# ------------------------------------------------------------------------------ checker


@dataclass
class Problem:
    line: int | None
    column: int | None
    path: Path_
    message: str

    def format(self, filename: str) -> str:
        where = filename
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        key = dotted(self.path)
        return f"{where}: {key}: {self.message}" if key else f"{where}: {self.message}"


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value)
    return f"{value!r} ({type(value).__name__})"


def study_error(problems: list[Problem], filename: str) -> StudyError:
    """One StudyError listing every problem, sorted by line."""
    ordered = sorted(
        problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0, dotted(p.path))
    )
    lines = [p.format(filename) for p in ordered]
    if len(lines) == 1:
        text = lines[0]
    else:
        text = f"{filename}: {len(lines)} problems in the study:\n" + "\n".join(
            "  " + line for line in lines
        )
    error = StudyError(text)
    error.problems = lines  # type: ignore[attr-defined]
    return error


@dataclass
class Checker:
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: Path_) -> int | None:
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.line(path), None, tuple(path), message))

    # -- mappings ---------------------------------------------------------------------------
    def mapping(self, value: Any, path: Path_, what: str, example: str) -> dict | None:
        if isinstance(value, Mapping):
            return dict(value)
        self.error(
            path, f"{what} must be a mapping of keys, got {describe(value)}. Fix: {example}."
        )
        return None

    def keys(
        self,
        data: Mapping[str, Any],
        path: Path_,
        spec: Mapping[str, Param],
        what: str,
        extra: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """Check unknown and missing keys, then each value; return values with defaults."""
        known = [*spec, *extra]
        for key in data:
            if key not in known:
                self.error(
                    (*path, key),
                    f"unknown key {key!r} in {what}.{suggest(str(key), known)} "
                    f"Known keys: {', '.join(sorted(known))}.",
                )
        values: dict[str, Any] = {}
        for key, param in spec.items():
            if key not in data:
                if param.required:
                    hint = f" Fix: add e.g. '{param.help}'." if param.help else ""
                    self.error(path, f"missing required key {key!r} in {what}.{hint}")
                    values[key] = param.default
                elif param.kind in BLOCKS:  # their defaults, filled in
                    values[key] = self.value(None, (*path, key), param)
                else:
                    values[key] = param.default
                continue
            values[key] = self.value(data[key], (*path, key), param)
        return values

    # -- scalar values ----------------------------------------------------------------------
    def as_text(self, value: Any, path: Path_) -> Any:
        """The source text of a plain YAML scalar read as a number or boolean."""
        if isinstance(value, str) or value is None or isinstance(value, (list, Mapping)):
            return value
        return self.raw.get(tuple(path), value)

    def bad(self, path: Path_, value: Any, kind: str, extra: str = "") -> Any:
        self.error(path, f"expected {KIND_HINT.get(kind, kind)}, got {describe(value)}.{extra}")
        return INVALID

    def value(self, value: Any, path: Path_, param: Param) -> Any:
        checker = getattr(self, f"_v_{param.kind}")
        result = checker(value, path, param)
        return param.default if result is INVALID else result

    def _v_text(self, value: Any, path: Path_, param: Param) -> Any:
        value = self.as_text(value, path)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            return self.bad(path, value, "text")
        return value

    def _v_text_or_none(self, value: Any, path: Path_, param: Param) -> Any:
        return None if value is None else self._v_text(value, path, param)

    def _v_name(self, value: Any, path: Path_, param: Param) -> Any:
        value = self.as_text(value, path)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not NAME_RE.match(value):
            fix = ""
            if isinstance(value, str) and value.strip():
                fixed = re.sub(r"[^A-Za-z0-9._-]+", "-", value.strip()).strip("-._") or "name"
                fix = f" Fix: write {fixed!r}."
            return self.bad(path, value, "name", fix)
        return value

    def _v_path(self, value: Any, path: Path_, param: Param) -> Any:
        value = self._v_text(value, path, param)
        if value is INVALID:
            return value
        if "\\" in value:
            value = value.replace("\\", "/")
        return value

    def _v_path_or_none(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            return self.bad(path, value, "path_or_none")
        return self._v_path(value, path, param)

    def _v_int(self, value: Any, path: Path_, param: Param) -> Any:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            return self.bad(path, value, "int")
        if param.minimum is not None and value < param.minimum:
            return self.bad(path, value, "int", f" It must be at least {param.minimum:g}.")
        return int(value)

    def _v_int_or_none(self, value: Any, path: Path_, param: Param) -> Any:
        return None if value is None else self._v_int(value, path, param)

    def _v_number(self, value: Any, path: Path_, param: Param) -> Any:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return self.bad(path, value, "number")
        if not math.isfinite(float(value)) or (
            param.minimum is not None and value < param.minimum
        ):
            low = "" if param.minimum is None else f" It must be at least {param.minimum:g}."
            return self.bad(path, value, "number", low)
        return value

    def _v_number_or_none(self, value: Any, path: Path_, param: Param) -> Any:
        return None if value is None else self._v_number(value, path, param)

    def _v_level(self, value: Any, path: Path_, param: Param) -> Any:
        if (
            isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not 0 < float(value) < 1
        ):
            return self.bad(path, value, "level")
        return float(value)

    def _v_bool(self, value: Any, path: Path_, param: Param) -> Any:
        if not isinstance(value, bool):
            return self.bad(path, value, "bool")
        return value

    def _v_bool_or_none(self, value: Any, path: Path_, param: Param) -> Any:
        return None if value is None else self._v_bool(value, path, param)

    def _v_choice(self, value: Any, path: Path_, param: Param) -> Any:
        if value is not None or None not in param.choices:
            value = self.as_text(value, path)
        if value in param.choices and not isinstance(value, bool):
            return value
        shown = ", ".join("null" if c is None else str(c) for c in param.choices)
        hint = suggest(str(value), [c for c in param.choices if c is not None])
        if param.what:
            message = f"unknown {param.what} {describe(value)}. Known: {shown}.{hint}"
        else:
            message = f"expected one of {shown}; got {describe(value)}.{hint}"
        self.error(path, message)
        return INVALID

    def _names(self, value: Any, path: Path_, kind: str) -> Any:
        if isinstance(value, list):
            if not value:
                return self.bad(path, value, kind, " The list is empty.")
            items = [self._v_text(v, (*path, i), Param("text")) for i, v in enumerate(value)]
            return INVALID if INVALID in items else items
        return self._v_text(value, path, Param("text"))

    def _v_names(self, value: Any, path: Path_, param: Param) -> Any:
        return None if value is None else self._names(value, path, "names")

    def _v_by(self, value: Any, path: Path_, param: Param) -> Any:
        return None if value is None else self._names(value, path, "by")

    def _v_values(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return None
        if isinstance(value, list):
            if not value:
                return self.bad(path, value, "values", " The list is empty.")
            items = [self._v_value(v, (*path, i), param) for i, v in enumerate(value)]
            return INVALID if INVALID in items else items
        return self._v_value(value, path, param)

    def _v_value(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return None
        value = self.as_text(value, path)
        if isinstance(value, (str, numbers.Real)) and not isinstance(value, bool):
            return value
        return self.bad(path, value, "value")

    def _v_voices(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            where = (*path, i) if isinstance(value, list) else path
            if item not in VOICES:
                self.error(
                    where,
                    f"unknown voice {describe(item)}; voices: {', '.join(VOICES)}."
                    + suggest(str(item), VOICES),
                )
                return INVALID
        return value

    def _v_ngram(self, value: Any, path: Path_, param: Param) -> Any:
        ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
        if isinstance(value, list) and len(value) == 2:
            ok = all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5 for v in value)
            ok = ok and value[0] <= value[1]
            value = tuple(value) if ok else value
        return value if ok else self.bad(path, value, "ngram")

    def _v_stopwords(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None or value in LANGUAGES:
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return self.bad(path, value, "stopwords")

    def _v_labels(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return {}
        data = self.mapping(value, path, dotted(path) or "labels", "labels: {value: text}")
        if data is None:
            return INVALID
        labels = {}
        for key, text in data.items():
            text = self._v_text(text, (*path, key), Param("text"))
            if text is not INVALID:
                labels[str(key)] = text
        return labels

    def _v_filters(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return {}
        data = self.mapping(value, path, "corpus.filters", "filters: {language: fr}")
        if data is None:
            return INVALID
        filters = {}
        for key, wanted in data.items():
            checked = self._v_values(wanted, (*path, key), Param("values"))
            if checked is not INVALID:
                filters[str(key)] = checked
        return filters

    def _v_width(self, value: Any, path: Path_, param: Param) -> Any:
        if value in WIDTHS:
            return value
        if isinstance(value, numbers.Real) and not isinstance(value, bool) and value > 0:
            return float(value)
        return self.bad(path, value, "width", suggest(str(value), WIDTHS))

    def _v_formats(self, value: Any, path: Path_, param: Param) -> Any:
        items = value if isinstance(value, list) else [value]
        checked = []
        for i, item in enumerate(items):
            where = (*path, i) if isinstance(value, list) else path
            name = str(self.as_text(item, where)).lower().lstrip(".")
            if name not in param.choices:
                self.error(
                    where,
                    f"unknown format {describe(item)}; formats: {', '.join(param.choices)}."
                    + suggest(name, param.choices),
                )
                return INVALID
            if name not in checked:
                checked.append(name)
        if not checked:
            return self.bad(path, value, "formats", " The list is empty.")
        return tuple(checked)

    def _v_decimals(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return None
        if isinstance(value, Mapping):
            out = {}
            for key, digits in value.items():
                checked = self._v_int(digits, (*path, key), Param("int", minimum=0))
                if checked is INVALID:
                    return INVALID
                out[str(key)] = checked
            return out
        return self._v_int(value, path, Param("int", minimum=0))

    def _v_columns(self, value: Any, path: Path_, param: Param) -> Any:
        if value is None:
            return None
        if isinstance(value, Mapping):
            return {str(k): str(self.as_text(v, (*path, k))) for k, v in value.items()}
        names = self._names(value, path, "columns")
        if names is INVALID:
            return names
        return tuple(names if isinstance(names, list) else [names])
