"""Exceptions and warnings shared by the whole package.

Every error raised on bad user input subclasses :class:`ValueError` (scikit-learn's
convention), says what was expected, what was found, and how to fix it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class FramingError(ValueError):
    """Base class for errors caused by user input (files, columns, parameters)."""


class CorpusError(FramingError):
    """A corpus could not be read or built as asked."""


class LexiconError(FramingError):
    """A lexicon file or structure is malformed."""


class FramingWarning(UserWarning):
    """Base class for the package's warnings: something was kept but needs attention."""


def suggest(name: str, candidates: Iterable[str], n: int = 3) -> str:
    """A ' Did you mean ...?' hint naming the closest candidates, or ''."""
    candidates = [str(c) for c in candidates]
    close = difflib.get_close_matches(str(name), candidates, n=n, cutoff=0.5)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = [
            lowered[c] for c in difflib.get_close_matches(str(name).lower(), list(lowered), n=n)
        ]
    if not close:
        return ""
    return " Did you mean " + " or ".join(repr(c) for c in close) + "?"
