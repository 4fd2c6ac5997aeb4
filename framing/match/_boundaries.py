"""Word boundaries in the normalised text: elision, possessives, hyphens, prefixes, globs.

All checks work on the matching text (normalised by :func:`framing.text.normalize`, runs of
spaces collapsed), where every apostrophe is ``'`` and every hyphen or dash is ``-``. They
run only at the raw hits of the automaton, never over every word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import yaml

from framing._resources import RESOURCES_DIR
from framing.text import FRENCH_ELISIONS, fold_accents

#: A word character: letters, digits, ``_`` (``\w``) and combining marks.
WORD_CLASS = r"[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_WORD = re.compile(WORD_CLASS)

PREFIXES_FILE = RESOURCES_DIR / "prefixes.yaml"


def is_word_char(ch: str) -> bool:
    """Whether ``ch`` (one character) is a word character."""
    return ch.isalnum() or ch == "_" or (ch >= "\u0300" and bool(_WORD.match(ch)))


#: Code points below this are looked up in :func:`word_table`; others call is_word_char.
TABLE_SIZE = 0x3000


@functools.cache
def word_table() -> np.ndarray:
    """``word_table()[c]`` is ``is_word_char(chr(c))`` for code points below TABLE_SIZE."""
    return np.fromiter((is_word_char(chr(c)) for c in range(TABLE_SIZE)), bool, TABLE_SIZE)


def word_chars(codes: np.ndarray) -> np.ndarray:
    """:func:`is_word_char` of many code points (a uint32 array) at once."""
    table = word_table()
    if not len(codes) or codes.max() < TABLE_SIZE:  # the usual case: two numpy calls
        return table.take(codes)
    small = codes < TABLE_SIZE
    out = np.zeros(len(codes), dtype=bool)
    out[small] = table[codes[small]]
    for i in np.flatnonzero(~small).tolist():
        out[i] = is_word_char(chr(int(codes[i])))
    return out


@dataclass(frozen=True)
class Prefixes:
    """The compound prefixes of one language (``framing/resources/prefixes.yaml``)."""

    language: str
    forms: tuple[str, ...]  # lower-case, as listed
    folded: frozenset[str]  # lower-case, accents folded
    min_rest: int
    version: str

    def split(self, word: str) -> str | None:
        """The prefix a joined word starts with (as written in ``word``), or None.

        ``word`` is a normalised entry word; the longest prefix wins, and at least
        ``min_rest`` characters must follow it, the first a letter.
        """
        best = None
        for p in self.folded:
            if len(word) - len(p) < self.min_rest or not word[len(p)].isalpha():
                continue
            if fold_accents(word[: len(p)].lower()) == p and (best is None or len(p) > len(best)):
                best = p
        return None if best is None else word[: len(best)]


@functools.cache
def load_prefixes(language: str) -> Prefixes:
    """Read (once) the prefixes of ``language`` from the bundled data file."""
    data = yaml.safe_load(PREFIXES_FILE.read_text(encoding="utf-8"))
    forms = tuple(unicodedata.normalize("NFC", str(p)).lower() for p in data.get(language, ()))
    folded = frozenset(fold_accents(p) for p in forms)
    return Prefixes(language, forms, folded, int(data["min_rest"]), str(data["version"]))


@dataclass(frozen=True)
class Boundaries:
    """Boundary rules of one language, compiled once.

    A position between two characters is a word boundary when they are not both word
    characters, except:

    - an apostrophe between word characters joins them (« aujourd'hui », "don't"), unless
      (French) the word before it is an elided clitic (« l'offensive », « qu'Erevan »), or
      (English, right side only) it starts a possessive ``'s`` ("Azerbaijan's");
    - a hyphen between word characters is a boundary when ``parts`` is true; otherwise it
      joins them (« grand-père »), except right after a known prefix
      (« non-discrimination »).
    """

    language: str
    elision_before: re.Pattern[str] | None
    prefix_before: re.Pattern[str]
    glob_parts: re.Pattern[str]  # the rest of a globbed word when hyphens separate words
    glob_whole: re.Pattern[str]  # ... when hyphens join words
    # Code points below TABLE_SIZE that are a one-letter elided clitic (« l », « D »), for
    # the common case of :meth:`left` done on many hits at once (None: no elision). Not
    # compared nor hashed: it follows from ``language``.
    one_letter_clitics: np.ndarray | None = field(default=None, compare=False)

    def left(self, text: str, s: int, parts: bool) -> bool:
        """Whether a hit starting (with a word character) at ``s`` has a left boundary."""
        if s == 0:
            return True
        ch = text[s - 1]
        if is_word_char(ch):
            return False
        if s < 2 or not is_word_char(text[s - 2]):
            return True
        if ch == "-":
            return parts or self.prefix_before.search(text, max(0, s - 12), s - 1) is not None
        if ch == "'":
            return (
                self.elision_before is not None
                and self.elision_before.search(text, max(0, s - 9), s - 1) is not None
            )
        return True

    def elided_at_once(self, codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """Which hits starting at ``starts`` follow a one-letter elided clitic (« l'armée »).

        ``codes`` are the text's code points; every start is at least 2, with a hyphen or
        an apostrophe before it and a word character before that. True is :meth:`left`'s
        answer for those hits (an apostrophe after a one-letter clitic that is a word of
        its own); False means "ask :meth:`left`" (a hyphen, « qu' », « aujourd'hui »).
        """
        if self.one_letter_clitics is None or not len(starts):
            return np.zeros(len(starts), dtype=bool)
        letter = codes[starts - 2]
        small = letter < TABLE_SIZE
        out = np.zeros(len(starts), dtype=bool)
        out[small] = self.one_letter_clitics[letter[small]]
        out &= codes[starts - 1] == ord("'")
        inner = out & (starts >= 3)
        out[inner] = ~word_chars(codes[starts[inner] - 3])
        return out

    def right(self, text: str, e: int, parts: bool) -> bool:
        """Whether a hit ending (with a word character) at ``e`` has a right boundary."""
        n = len(text)
        if e >= n:
            return True
        ch = text[e]
        if is_word_char(ch):
            return False
        if e + 1 >= n or not is_word_char(text[e + 1]):
            return True
        if ch == "-":
            return parts
        if ch == "'":
            return (
                self.language == "en"
                and text[e + 1] in "sS"
                and (e + 2 >= n or not is_word_char(text[e + 2]))
            )
        return True

    def right_joined(self, codes: np.ndarray, ends: np.ndarray, parts: np.ndarray) -> np.ndarray:
        """:meth:`right` of many hits at once, for hits followed by a hyphen or an apostrophe
        and then a word character (``codes`` are the text's code points).

        A hyphen is a boundary when ``parts``; an apostrophe only before an English
        possessive ``'s``.
        """
        hyphen = codes[ends] == ord("-")
        out = hyphen & parts
        if self.language == "en":
            nxt = codes[ends + 1]
            possessive = np.flatnonzero(~hyphen & ((nxt == ord("s")) | (nxt == ord("S"))))
            after = ends[possessive] + 2
            inside = after < len(codes)
            ok = np.ones(len(possessive), dtype=bool)
            ok[inside] = ~word_chars(codes[after[inside]])
            out[possessive] = ok
        return out

    def glob(self, parts: bool) -> re.Pattern[str]:
        """Regex for the rest of a globbed word (anchored with ``match``)."""
        return self.glob_parts if parts else self.glob_whole


def glob_body(language: str, parts: bool) -> str:
    """Regex body that extends a glob to the end of its word.

    The word continues through an apostrophe followed by a word character (« aujourd'hui »)
    except an English possessive ``'s``, and, when ``parts`` is false, through a hyphen
    followed by a word character (the compound is one word).
    """
    w = WORD_CLASS
    joiners = [rf"'(?![sS](?!{w}))" if language == "en" else "'"]
    if not parts:
        joiners.append("-")
    return rf"{w}*(?:(?:{'|'.join(joiners)}){w}+)*"


@functools.cache
def boundaries(language: str) -> Boundaries:
    """The compiled boundary rules of ``language`` (``"fr"`` or ``"en"``)."""
    w = WORD_CLASS
    elision = one_letter = None
    if language == "fr":
        clitics = sorted(FRENCH_ELISIONS, key=len, reverse=True)
        elision = re.compile(rf"(?<!{w})(?:{'|'.join(clitics)})\Z", re.IGNORECASE)
        letter = re.compile("|".join(c for c in clitics if len(c) == 1), re.IGNORECASE)
        one_letter = np.fromiter(
            (letter.fullmatch(chr(c)) is not None for c in range(TABLE_SIZE)), bool, TABLE_SIZE
        )
    prefixes = load_prefixes(language)
    forms = sorted(set(prefixes.forms) | prefixes.folded, key=len, reverse=True)
    prefix_re = (
        re.compile(rf"(?<!{w})(?:{'|'.join(map(re.escape, forms))})\Z", re.IGNORECASE)
        if forms
        else re.compile(r"(?!)")
    )
    return Boundaries(
        language,
        elision,
        prefix_re,
        re.compile(glob_body(language, True)),
        re.compile(glob_body(language, False)),
        one_letter,
    )
