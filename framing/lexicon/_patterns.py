"""Entry patterns: words, trailing globs, and the checks on them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

GLOB = "*"


@dataclass(frozen=True)
class Term:
    """A parsed pattern: the words to match and which of them end in a glob.

    Attributes
    ----------
    pattern : str
        The pattern as written (NFC, whitespace collapsed to single spaces), globs included.
    words : tuple of str
        The words, glob stripped; a word may contain hyphens and apostrophes.
    globs : tuple of bool
        ``globs[i]`` is True when ``words[i]`` was written with a trailing ``*`` (a prefix
        match with a left word boundary).
    """

    pattern: str
    words: tuple[str, ...]
    globs: tuple[bool, ...]

    @classmethod
    def parse(cls, text: str) -> Term:
        """Parse a pattern already checked with :func:`pattern_problem`."""
        pattern = clean_pattern(text)
        raw_words = pattern.split(" ")
        words = tuple(w[:-1] if w.endswith(GLOB) else w for w in raw_words)
        globs = tuple(w.endswith(GLOB) for w in raw_words)
        return cls(pattern, words, globs)


def clean_pattern(text: str) -> str:
    """NFC-normalise and collapse runs of whitespace to one space (the stored pattern)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pattern_problem(text: str) -> str | None:
    """Why ``text`` is not a valid pattern (message with the fix), or None when it is.

    The empty pattern is reported by the caller, which knows how to name the place.
    """
    words = clean_pattern(text).split(" ")
    for i, word in enumerate(words):
        if GLOB not in word:
            continue
        core = word.replace(GLOB, "")
        if not core:
            return (
                "a lone '*' would match every word. Fix: remove it, or attach it to the end "
                "of a word ('terror*')."
            )
        fixed_words = list(words)
        fixed_words[i] = core + GLOB
        fixed = " ".join(fixed_words)
        if word.startswith(GLOB):
            return (
                "'*' may only end a word (a trailing glob); suffix matching such as "
                f"'{word}' is not supported. Fix: list the full forms, or write '{fixed}' "
                "if a prefix was meant."
            )
        if GLOB in word[:-1]:
            return (
                f"'*' may only end a word (a trailing glob). Fix: write '{fixed}' or list "
                "the forms."
            )
        if not core[-1].isalnum():
            trimmed = core.rstrip("-'’")
            fixed_words[i] = (trimmed or core) + GLOB
            return (
                f"a glob must follow a letter or digit, not '{core[-1]}'. "
                f"Fix: write '{' '.join(fixed_words)}'."
            )
    return None
