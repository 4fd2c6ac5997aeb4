"""Problems found in a lexicon: collected, sorted, reported in one error or as warnings."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from framing._errors import FramingWarning, LexiconError


class LexiconWarning(FramingWarning):
    """A lexicon was read, but something in it needs attention (duplicates, ambiguity)."""


class LexiconConversionWarning(LexiconWarning):
    """A format conversion defaulted or dropped something (metadata, options, constraints)."""


@dataclass(frozen=True)
class LexiconProblem:
    """One error or warning about a lexicon.

    Attributes
    ----------
    message : str
        What is wrong, and the fix.
    line : int or None
        1-based line in the source file, when the lexicon came from a file.
    column : int or None
        1-based column, for YAML syntax errors.
    path : str or None
        Location in the structure (``frames.counter_terrorism.entries[3]``), used when there
        is no line (a lexicon built with :meth:`Lexicon.from_dict`).
    severity : str
        ``"error"`` or ``"warning"``.
    """

    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None
    severity: str = "error"

    def format(self, filename: str | None = None) -> str:
        """Render as ``file:line: message`` (or ``path: message`` without a line)."""
        if self.line is not None:
            where = f"{self.line}" if self.column is None else f"{self.line}:{self.column}"
            prefix = f"{filename}:{where}" if filename else f"line {where}"
            return f"{prefix}: {self.message}"
        if self.path:
            prefix = f"{filename}: {self.path}" if filename else self.path
            return f"{prefix}: {self.message}"
        return f"{filename}: {self.message}" if filename else self.message

    def _sort_key(self) -> tuple:
        return (
            self.line is None,
            self.line or 0,
            self.column or 0,
            self.path or "",
            self.message,
        )


def sort_problems(problems: Iterable[LexiconProblem]) -> list[LexiconProblem]:
    """Problems ordered by line (those without a line last), then by path."""
    return sorted(problems, key=LexiconProblem._sort_key)


def lexicon_error(problems: Iterable[LexiconProblem], filename: str | None) -> LexiconError:
    """One :class:`LexiconError` listing every problem, sorted by line.

    The exception carries ``problems`` (the sorted list) and ``filename``.
    """
    ordered = sort_problems(problems)
    if len(ordered) == 1:
        text = ordered[0].format(filename)
    else:
        head = f"{filename}: " if filename else ""
        text = f"{head}{len(ordered)} problems in the lexicon:\n" + "\n".join(
            "  " + p.format(filename) for p in ordered
        )
    error = LexiconError(text)
    error.problems = ordered  # type: ignore[attr-defined]
    error.filename = filename  # type: ignore[attr-defined]
    return error


def emit_warnings(
    problems: Iterable[LexiconProblem],
    filename: str | None,
    *,
    category: type[Warning] = LexiconWarning,
    stacklevel: int = 3,
) -> None:
    """Issue one warning per problem, in line order."""
    for problem in sort_problems(problems):
        warnings.warn(category(problem.format(filename)), stacklevel=stacklevel)
