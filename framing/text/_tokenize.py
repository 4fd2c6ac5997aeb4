"""Offset-preserving tokeniser and the fast word-count helpers built on the same regex."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from framing._errors import FramingError, suggest
from framing.text._chars import (
    QUOTE_CHARS,
    SINGLE_QUOTE_CHARS,
    char_class,
    char_set,
    unicode_tables,
)
from framing.text._normalize import _check_text, _normalize, normalize_compact

#: Token kinds, in the order of the documentation of :class:`Token`.
TOKEN_KINDS = ("word", "number", "elision", "punct", "quote", "symbol")

#: Kinds that count as words in :func:`count_words`, :func:`word_spans` and :func:`words`.
WORD_KINDS = frozenset({"word", "number", "elision"})

#: French elided forms split off a word, with their apostrophe (any case, ’ or ').
FRENCH_ELISIONS = (
    "jusqu",
    "lorsqu",
    "puisqu",
    "quoiqu",
    "qu",
    "l",
    "d",
    "s",
    "n",
    "m",
    "t",
    "c",
    "j",
    "ç",
)

LANGUAGES = ("fr", "en")


def _check_language(language: object, func: str) -> str:
    """The two-letter code of a supported language (``fr-FR`` -> ``fr``), or raise."""
    if isinstance(language, str):
        code = language.strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    raise FramingError(
        f"{func}(): unsupported language {language!r}; expected one of "
        f"{', '.join(map(repr, LANGUAGES))} (a regional code such as 'fr-FR' is accepted)."
        + suggest(str(language), LANGUAGES)
    )


@dataclass(frozen=True, slots=True)
class Token:
    """One token, with its offsets in the original text.

    ``text[token.start:token.end] == token.surface`` always holds, for the token and for
    each of its parts.

    Attributes
    ----------
    surface : str
        The token as written in the original text.
    start, end : int
        Half-open character offsets in the original text.
    kind : str
        One of:

        - ``"word"``: a letter followed by letters, combining marks, digits or ``_``
          (``G7``, ``A320``),
          including compounds joined by hyphens (« Haut-Karabakh ») and words with an inner
          apostrophe that is not an elision (« aujourd’hui », « prud’hommes »).
        - ``"number"``: digits with ``.``/``,`` separators (``1990``, ``3,5``,
          ``19.9.2023``), thousands grouped by a plain, no-break or narrow no-break space
          before exactly three digits (``7 000``), times (``13h00``, ``13h``, ``19:30``) and
          ordinals (``1er``, ``1re``, ``2e``, ``2ème``, ``2nd``, ``3rd``). A sign is not part
          of the number.
        - ``"elision"``: a clitic split off its host word: French elided forms with their
          apostrophe (``l’``, ``d’``, ``qu’``, ``jusqu’`` …, see :data:`FRENCH_ELISIONS`),
          and in English the possessive / contracted ``’s``.
        - ``"punct"``: one punctuation mark (Unicode category P: ``.``, ``,``, ``?``,
          ``–``, ``%``, ``/``, ``*`` …); ``…`` and ``...`` are one token each.
        - ``"quote"``: one quotation mark (« » ‹ › “ ” „ " ‘ ’ ‚ ‛, and a lone ``'``).
        - ``"symbol"``: any other non-whitespace character (``€``, ``+``, ``°``, emoji, a
          combining mark with no base letter, a control character).
    parts : tuple of Token
        For a hyphenated compound, the sub-words (kind ``"word"`` or ``"number"``) with
        their own offsets; empty otherwise.
    """

    surface: str
    start: int
    end: int
    kind: str
    parts: tuple[Token, ...] = ()


def _either_case(word: str) -> str:
    """A case-insensitive regex for a literal (faster in ``re`` than an ``(?i:)`` group)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else c for c in word)


_ORDINALS = ("ers", "er", "res", "re", "ères", "ère", "èmes", "ème", "es", "e")
_ORDINALS += ("ndes", "nde", "nds", "nd", "d", "st", "rd", "th")


@functools.cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(full token pattern with named groups, word-only pattern without groups).

    Both dispatch on the first character with a lookahead (letter / digit / other), which
    keeps ``re`` from trying every alternative at every position.
    """
    all_marks = unicode_tables().marks
    mk = char_class(m for m in all_marks if ord(m) <= 0xFFFF)
    marks = f"{char_set(all_marks)}*"  # astral marks only here, at the end of a token
    wchar = rf"[\w{mk}]"  # letters, digits, marks, and _ inside a word
    seg = rf"[^\W\d_]{wchar}*"
    after_hyphen = rf"-[^\W_]{wchar}*"
    if language == "fr":
        single = "".join(e + e.upper() for e in FRENCH_ELISIONS if len(e) == 1)
        longer = "|".join(_either_case(e) for e in FRENCH_ELISIONS if len(e) > 1)
        elision = rf"(?:[{single}]|{longer})'"
        word = rf"{seg}(?:{after_hyphen}|'{seg})*{marks}"
    else:
        elision = rf"'[sS](?!{wchar})"
        word = rf"{seg}(?:{after_hyphen}|'(?![sS](?!{wchar})){seg})*{marks}"
    ordinal = "|".join(map(_either_case, _ORDINALS))
    number = (
        r"(?:\d{1,3}(?: \d{3}(?!\d))+(?:[.,]\d+)?"  # 7 000, 1 234,5
        rf"|\d{{1,2}}[hH](?:\d{{2}})?(?!{wchar})"  # 13h00, 13h
        r"|\d{1,2}:\d{2}(?!\d)"  # 19:30
        rf"|\d+(?:{ordinal})(?!{wchar})"  # 1er, 2e, 2nde, 3rd
        rf"|\d+(?:[.,]\d+)*){marks}"  # 1990, 3,5, 19.9.2023
    )
    letter = r"(?=[^\W\d_])"
    if language == "fr":
        full = rf"{letter}(?:(?P<elision>{elision})|(?P<word>{word}))"
        lean = rf"{letter}(?:{elision}|{word})"
    else:
        full = rf"{letter}(?P<word>{word})|(?P<elision>{elision})"
        lean = rf"{letter}{word}|{elision}"
    full += rf"|(?P<number>{number})|(?P<ellipsis>\.{{3,}})|(?P<other>\S{marks})"
    lean += rf"|{number}"
    return re.compile(full), re.compile(lean)


def _other_kind(surface: str) -> str:
    ch = surface[0]
    if ch in QUOTE_CHARS or ch in SINGLE_QUOTE_CHARS or ch == "'":
        return "quote"
    return "punct" if unicodedata.category(ch)[0] == "P" else "symbol"


def _parts(text: str, norm: str, s: int, e: int, starts, ends) -> tuple[Token, ...]:
    """Sub-words of the compound norm[s:e] (normalised offsets), mapped to the original."""
    out = []
    pos = s
    for piece in norm[s:e].split("-"):
        a, b = pos, pos + len(piece)
        pos = b + 1
        if starts is not None:
            a, b = int(starts[a]), int(ends[b])
        kind = "number" if piece.isdigit() else "word"
        out.append(Token(text[a:b], a, b, kind))
    return tuple(out)


def _prepare(text: str, func: str, language: str) -> tuple[str, str, object, object]:
    _check_text(text, func)
    lang = _check_language(language, func)
    norm, starts, ends = _normalize(text, "token", False, False)
    return lang, norm, starts, ends


def tokenize(text: str, *, language: str = "fr") -> list[Token]:
    """Split a text into tokens that keep their offsets in the original text.

    The tokeniser reads the text through a light normalisation (NFC, apostrophes and
    hyphens unified, invisible characters such as the soft hyphen ignored) and maps every
    token back, so ``text[t.start:t.end] == t.surface`` holds for every token and part, for
    any input. Whitespace (including no-break and narrow no-break spaces) separates tokens
    and is never part of one, except inside a number's thousands groups (``7 000``).

    Decisions:

    - French elision is split off with its apostrophe: « l’Azerbaïdjan » -> ``l’`` +
      ``Azerbaïdjan``; « qualifie d’« antiterroriste » » -> ``qualifie`` ``d’`` ``«``
      ``antiterroriste`` ``»``. Words whose inner apostrophe is not an elision stay whole:
      « aujourd’hui », « prud’hommes », « presqu’île », « quelqu’un ».
    - A hyphen between two letters or digits never splits a token: « Haut-Karabakh »,
      « a-t-il », « est-ce », « peut-être », « vis-à-vis » and « est-à-dire » are one word
      each, with their hyphen-separated sub-words in :attr:`Token.parts`; « c’est-à-dire »
      is ``c’`` + ``est-à-dire``. Dashes (– —) do separate tokens.
    - English (``language="en"``): the possessive or contracted ``’s`` is split off as an
      ``"elision"`` token (« Azerbaijan’s », « it’s »); other contractions stay one word
      (« don’t », « I’m »); French elisions are not split.
    - Each punctuation mark is its own token (``?!`` is two), except ``...`` and ``…``.

    Parameters
    ----------
    text : str
        The original text.
    language : {"fr", "en"}, default "fr"
        Elision rules to apply; regional codes such as ``"fr-FR"`` are accepted.

    Returns
    -------
    list of Token
        In text order, non-overlapping.

    Raises
    ------
    FramingError
        If ``text`` is not a str or the language is not supported.

    Examples
    --------
    >>> [t.surface for t in tokenize("Il le qualifie d’« antiterroriste ».")]
    ['Il', 'le', 'qualifie', 'd’', '«', 'antiterroriste', '»', '.']
    >>> t = tokenize("au Haut-Karabakh")[1]
    >>> t.kind, [p.surface for p in t.parts], t.parts[1].start
    ('word', ['Haut', 'Karabakh'], 8)
    """
    lang, norm, starts, ends = _prepare(text, "tokenize", language)
    full, _ = _patterns(lang)
    tokens: list[Token] = []
    for m in full.finditer(norm):
        kind = m.lastgroup
        s, e = m.span()
        os_, oe = (s, e) if starts is None else (int(starts[s]), int(ends[e]))
        surface = text[os_:oe]
        if kind == "ellipsis":
            kind = "punct"
        elif kind == "other":
            kind = _other_kind(surface)
        parts: tuple[Token, ...] = ()
        if kind == "word" and "-" in m.group():
            parts = _parts(text, norm, s, e, starts, ends)
        if tokens and os_ < tokens[-1].end:  # two tokens out of one original character
            prev = tokens.pop()
            oe = max(oe, prev.end)
            tokens.append(Token(text[prev.start : oe], prev.start, oe, prev.kind, prev.parts))
            continue
        tokens.append(Token(surface, os_, oe, kind, parts))
    return tokens


def word_spans(text: str, *, language: str = "fr") -> tuple[np.ndarray, np.ndarray]:
    """Offsets of the word, number and elision tokens of a text, without building Tokens.

    The same tokens as ``[t for t in tokenize(text) if t.kind in WORD_KINDS]``, from one
    compiled-regex pass: use it for statistics on large corpora.

    Parameters
    ----------
    text : str
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    tuple of numpy.ndarray
        ``(starts, ends)``, int64, half-open offsets in the original text.

    Raises
    ------
    FramingError
        If ``text`` is not a str or the language is not supported.

    Examples
    --------
    >>> starts, ends = word_spans("L’armée a tiré, 7 000 fois.")
    >>> starts.tolist(), ends.tolist()
    ([0, 2, 8, 10, 16, 22], [2, 7, 9, 14, 21, 26])
    """
    lang, norm, starts, ends = _prepare(text, "word_spans", language)
    _, pattern = _patterns(lang)
    spans = np.array([m.span() for m in pattern.finditer(norm)], dtype=np.int64).reshape(-1, 2)
    s, e = spans[:, 0], spans[:, 1]
    if starts is None or not len(s):
        return s.copy(), e.copy()
    s, e = starts[s], ends[e]
    reach = np.maximum.accumulate(e)
    new = np.concatenate([[True], s[1:] >= reach[:-1]])
    first = np.flatnonzero(new)
    return s[first], np.maximum.reduceat(e, first)


def count_words(text: str, *, language: str = "fr") -> int:
    """Number of words in a text: the corpus "token" count used for every rate.

    Words are the tokens of kind ``"word"``, ``"number"`` and ``"elision"`` of
    :func:`tokenize` (punctuation, quotes and symbols are not counted). So « l’armée » is
    two words (``l’`` + ``armée``, like « la armée » would be), « Haut-Karabakh » one,
    « 7 000 » one. Computed with one regex pass, without building tokens.

    Parameters
    ----------
    text : str
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    int

    Raises
    ------
    FramingError
        If ``text`` is not a str or the language is not supported.

    Examples
    --------
    >>> count_words("Le 19 septembre, l’armée a lancé des « mesures anti-terroristes ».")
    10
    """
    lang, norm, _, _ = _prepare(text, "count_words", language)
    return len(_patterns(lang)[1].findall(norm))


def words(text: str, *, lower: bool = True, language: str = "fr") -> list[str]:
    """The words of a text as strings (the vocabulary side of :func:`count_words`).

    The strings are read through the tokeniser's normalisation, so that one word has one
    form: NFC, apostrophes ``’`` -> ``'``, hyphens ``‐ ‑`` -> ``-``, no-break spaces in
    numbers -> space, invisible characters removed; lower-cased (one-for-one, ``İ`` -> ``i``)
    unless ``lower=False``. Use :func:`tokenize` or :func:`word_spans` for original surfaces.

    Parameters
    ----------
    text : str
    lower : bool, default True
    language : {"fr", "en"}, default "fr"

    Returns
    -------
    list of str

    Raises
    ------
    FramingError
        If ``text`` is not a str or the language is not supported.

    Examples
    --------
    >>> words("L’Azerbaïdjan, aujourd’hui : 7\\u00a0000 morts.")
    ["l'", 'azerbaïdjan', "aujourd'hui", '7 000', 'morts']
    """
    _check_text(text, "words")
    lang = _check_language(language, "words")
    # Lower-casing in the same pass as the tokeniser's normalisation (a lookup over code
    # points): the same text as lowering after it, since neither changes the other's
    # characters.
    norm = normalize_compact(text, "token", lower, False)[0]
    return _patterns(lang)[1].findall(norm)
