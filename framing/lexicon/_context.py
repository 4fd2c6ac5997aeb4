"""Shared helpers for validation: where a problem is, how to show a value, the id rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from framing._errors import suggest
from framing.lexicon._model import DEFAULT_OPTIONS
from framing.lexicon._problems import LexiconProblem
from framing.lexicon._yaml import Located

Path_ = tuple[Any, ...]
SEGMENT_RE = re.compile(r"[A-Za-z0-9_.-]+")


def render_path(path: Path_) -> str:
    """``("frames", "x", "entries", 3)`` → ``"frames.x.entries[3]"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def _id_fix(name: str, *, allow_slash: bool) -> str:
    bad = r"[^A-Za-z0-9_./-]+" if allow_slash else r"[^A-Za-z0-9_.-]+"
    fixed = re.sub(
        bad, "_", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    )
    fixed = re.sub(r"/+", "/", fixed).strip("_/")
    return fixed or "my_id"


class Context:
    """Collects errors and warnings, located by line (from a file) or by path (a dict)."""

    def __init__(self, located: Located | None) -> None:
        self.loc = located
        self.errors: list[LexiconProblem] = []
        self.warnings: list[LexiconProblem] = []
        self.options: dict[str, Any] = dict(DEFAULT_OPTIONS)
        self.entry_paths: dict[int, Path_] = {}

    # -- problem helpers ------------------------------------------------------------------
    def _problem(self, path: Path_, message: str, key: bool, severity: str) -> LexiconProblem:
        if self.loc is not None:
            return LexiconProblem(message, line=self.loc.line(path, key=key), severity=severity)
        return LexiconProblem(message, path=render_path(path) or None, severity=severity)

    def error(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.errors.append(self._problem(path, message, key, "error"))

    def warn(self, path: Path_, message: str, *, key: bool = False) -> None:
        self.warnings.append(self._problem(path, message, key, "warning"))

    def where(self, path: Path_) -> str:
        """A short reference to another place: ``line 12`` or ``frames.x.entries[0]``."""
        if self.loc is not None:
            line = self.loc.line(path)
            if line is not None:
                return f"line {line}"
        return render_path(path)

    def text(self, path: Path_, value: Any) -> str | None:
        """``value`` as text: a string, or the source text of a YAML plain scalar."""
        if isinstance(value, str):
            return value
        if self.loc is not None and tuple(path) in self.loc.raw:
            return self.loc.raw[tuple(path)]
        return None

    def check_keys(self, mapping: Mapping, path: Path_, allowed: tuple, where: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    (*path, key),
                    f"unknown key {key!r} in {where}.{suggest(key, allowed)} "
                    f"Fix: use one of {', '.join(allowed)}.",
                    key=True,
                )
