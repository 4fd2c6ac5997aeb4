"""Keyword in context: every hit with the words around it, to read what the counts count.

:func:`kwic` turns hits into a concordance: one row per hit, with its ``left`` context, the
``match`` as written and its ``right`` context, plus the hit's frame, contest, variant and
voice. Hits come either from a pattern, matched by :func:`framing.match.match_lexicon`
(one matching semantics everywhere), or from a matches table the user already has (for
instance filtered to one outlet). :func:`kwic_html` shows a concordance in a notebook;
:func:`write_kwic` writes it as a CSV file that Excel opens correctly.

Contexts
--------
- **Taken from the original text**, never from a normalised copy. Every run of whitespace
  (spaces, tabs, line breaks, no-break spaces: :meth:`str.isspace`) is shown as one
  ordinary space in ``left`` and ``right``; ``match`` is the exact surface,
  ``text[start:end]``.
- **The inner edge is never trimmed**: ``left`` ends with one space exactly when whitespace
  separates it from the hit (« le qualifie d’« » + « antiterroriste »), and with no space
  when the hit is attached (« l’ » + « offensive »); ``right`` likewise starts with a space
  or with the punctuation that follows. So ``left + match + right`` reads as the text does.
  The outer edge is a word edge (``unit="words"``) or falls after exactly ``window``
  shown characters (``unit="chars"``).
- **Words** are those of :func:`framing.text.word_spans` (an elided « l’ » is a word,
  punctuation is not). ``left`` runs from the start of the ``window``-th whole word before
  the hit to the hit, so a part of a word the hit starts inside (« Haut- » before
  « Karabakh » matched as a part of « Haut-Karabakh ») is shown without being counted;
  ``right`` likewise.
- **Characters** count as shown, after whitespace runs are collapsed, so that every
  context of a char concordance has the same width (except at document edges).
- **Document edges**: contexts never cross into another document. When fewer than
  ``window`` words (or characters) remain, the context runs to the document's edge, its
  leading or trailing whitespace dropped: a hit at the very start of a text has an empty
  ``left``.
"""

from __future__ import annotations

import csv
import html
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, LexiconError, suggest
from framing.corpus import Corpus, read_corpus
from framing.text import fold_accents, word_spans

__all__ = ["KWIC_COLUMNS", "KwicTable", "kwic", "kwic_html", "write_kwic"]

#: The leading columns of a concordance, in order (``sentence`` and metadata follow).
KWIC_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "start",
    "end",
    "left",
    "match",
    "right",
    "entry",
    "frame",
    "contest",
    "variant",
    "voice",
    "distanced",
    "cue",
)
UNITS: tuple[str, ...] = ("words", "chars")
SORTS: tuple[str, ...] = ("left", "right", "match")
VOICES: tuple[str, ...] = ("author", "quoted", "attributed")
#: The frame id of the one-frame lexicon built from ``pattern``.
PATTERN_FRAME = "kwic"
#: The id of a corpus given as one ``str``, as in :func:`framing.match.match_lexicon`.
SINGLE_DOC_ID = "doc1"

_REQUIRED = ("doc_id", "start", "end")
_FILTERS = ("frame", "contest", "variant", "voice")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Every whitespace code point (all lie below U+3001), as a lookup table.
_SPACE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=bool)
_WORD = re.compile(r"\w+")
# Okabe–Ito colours: (highlight, badge) per voice.
_VOICE_COLOURS = {
    "author": ("#F0E442", "#6b6b6b"),
    "quoted": ("#9fd3f2", "#0072B2"),
    "attributed": ("#f5c96a", "#b36b00"),
}
_DISTANCED_COLOUR = "#D55E00"


class KwicTable(pd.DataFrame):
    """A concordance: a :class:`pandas.DataFrame` that a notebook shows highlighted.

    Everything a DataFrame does works (filtering keeps the class; ``to_csv``, ``attrs``).
    In a notebook the table is rendered by :func:`kwic_html` (left context right-aligned,
    the hit marked, its voice as a badge), at most ``pandas.options.display.max_rows``
    rows; without the ``left``, ``match`` and ``right`` columns it is shown as any
    DataFrame. ``pandas.DataFrame(table)`` gives a plain DataFrame.
    """

    _metadata: ClassVar[list[str]] = []

    @property
    def _constructor(self) -> type[KwicTable]:
        return KwicTable

    def _repr_html_(self) -> str | None:
        if not {"left", "match", "right"} <= set(self.columns):
            return super()._repr_html_()
        return kwic_html(self, max_rows=pd.get_option("display.max_rows"))


# --- input checks --------------------------------------------------------------------------


def _as_corpus(corpus: Any) -> Corpus:
    if isinstance(corpus, Corpus):
        return corpus
    if isinstance(corpus, pd.DataFrame):
        return Corpus(corpus)
    if isinstance(corpus, str):
        return Corpus(pd.DataFrame({"doc_id": [SINGLE_DOC_ID], "text": [corpus]}))
    if isinstance(corpus, os.PathLike):
        return read_corpus(corpus)
    raise FramingError(
        "kwic(): corpus must be a Corpus, a DataFrame with a 'text' column (and optionally "
        "'doc_id'), a str (one document) or a pathlib.Path to read with read_corpus; got "
        f"{type(corpus).__name__}."
    )


def _check_window(window: Any, unit: Any) -> tuple[int, str]:
    if not isinstance(unit, str) or unit not in UNITS:
        raise FramingError(
            f"kwic(): unit={unit!r} is not valid; expected 'words' or 'chars'."
            + suggest(str(unit), UNITS)
        )
    if isinstance(window, (bool, np.bool_)) or not isinstance(window, (int, np.integer)):
        raise FramingError(
            f"kwic(): window must be a whole number of {unit} (0 or more); got {window!r}."
        )
    if window < 0:
        raise FramingError(
            f"kwic(): window must be 0 or more {unit}; got {window}. Fix: window=8 shows "
            f"8 {unit} either side."
        )
    return int(window), unit


def _check_values(value: Any, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise FramingError(f"kwic(): {name} must be a str or a non-empty list of str; got {value!r}.")


def _check_sort(sort: Any) -> str | None:
    if sort is None or (isinstance(sort, str) and sort in SORTS):
        return sort
    raise FramingError(
        f"kwic(): sort={sort!r} is not valid; expected None (document order), 'left', "
        "'right' or 'match'." + suggest(str(sort), SORTS)
    )


def _language(language: Any, matches: pd.DataFrame | None, corpus: Corpus) -> str:
    if language is not None:
        if not isinstance(language, str):
            raise FramingError(f"kwic(): language must be a str such as 'fr'; got {language!r}.")
        return language
    if isinstance(matches, pd.DataFrame) and isinstance(matches.attrs.get("language"), str):
        return matches.attrs["language"]
    docs = corpus.docs
    if "language" in docs.columns:
        values = docs["language"].dropna().astype(str).str.lower().str[:2].unique()
        if len(values) == 1 and values[0] in ("fr", "en"):
            return str(values[0])
    return "fr"


def _check_keep(keep: Any, corpus: Corpus) -> list[str]:
    available = [c for c in corpus.docs.columns if c not in ("doc_id", "text")]
    if keep is True:
        wanted = available
    elif keep is False or keep is None:
        wanted = []
    elif isinstance(keep, str):
        wanted = [keep]
    elif isinstance(keep, (list, tuple)) and all(isinstance(k, str) for k in keep):
        wanted = list(keep)
    else:
        raise FramingError(
            "kwic(): keep must be True (every metadata column), False or None (none), a "
            f"column name or a list of column names; got {keep!r}."
        )
    for name in wanted:
        if name not in available:
            listed = ", ".join(map(repr, available)) or "none"
            raise FramingError(
                f"kwic(): keep names {name!r}, which is not a metadata column of the corpus "
                f"(metadata columns: {listed})." + suggest(name, available)
            )
    clash = [w for w in wanted if w in KWIC_COLUMNS or w in ("surface", "sentence", "rejected")]
    if clash:
        raise FramingError(
            f"kwic(): the metadata column(s) {', '.join(map(repr, clash))} would collide with "
            "columns of the concordance. Fix: pass keep= a list without them, or rename them "
            "in the corpus."
        )
    return wanted


# --- the hits ------------------------------------------------------------------------------


def _pattern_matches(
    corpus: Corpus,
    pattern: Any,
    options: Any,
    keep: list[str],
    language: str,
) -> pd.DataFrame:
    from framing.lexicon import Lexicon
    from framing.match import match_lexicon

    patterns = [pattern] if isinstance(pattern, str) else pattern
    if not (
        isinstance(patterns, Sequence) and patterns and all(isinstance(p, str) for p in patterns)
    ):
        raise FramingError(
            "kwic(): pattern must be a str or a non-empty list of str in lexicon-entry "
            f"syntax (such as 'antiterroris*' or 'opération militaire'); got {pattern!r}."
        )
    if options is None:
        options = {}
    if not isinstance(options, Mapping):
        raise FramingError(
            "kwic(): lexicon_options must be a dict of lexicon options such as "
            f"{{'fold_accents': True}}; got {options!r}."
        )
    spec = {
        "name": "kwic",
        "version": "0.0.0",
        "language": language,
        "options": dict(options),
        "frames": {PATTERN_FRAME: list(patterns)},
    }
    try:
        lexicon = Lexicon.from_dict(spec)
    except LexiconError as error:
        raise LexiconError(f"kwic(): pattern or lexicon_options not valid: {error}") from error
    return match_lexicon(corpus, lexicon, keep=keep, language=language)


def _check_matches(matches: Any, corpus: Corpus) -> tuple[pd.DataFrame, np.ndarray]:
    """The matches table (a copy) and each row's document position in the corpus."""
    if not isinstance(matches, pd.DataFrame):
        raise FramingError(
            "kwic(): matches must be a matches table (a DataFrame from match_lexicon); got "
            f"{type(matches).__name__}."
        )
    for name in _REQUIRED:
        if name not in matches.columns:
            columns = [str(c) for c in matches.columns]
            raise FramingError(
                f"kwic(): the matches table has no {name!r} column; it needs 'doc_id', "
                f"'start' and 'end' (columns found: {', '.join(columns) or 'none'})."
                + suggest(name, columns)
            )
    table = matches.reset_index(drop=True)
    ids = pd.Index(corpus.doc_ids)
    doc = ids.get_indexer(table["doc_id"].astype(object))
    if (doc < 0).any():
        missing = list(dict.fromkeys(table["doc_id"][doc < 0].astype(str)))
        shown = ", ".join(map(repr, missing[:5])) + (" …" if len(missing) > 5 else "")
        raise FramingError(
            f"kwic(): {len(missing)} doc_id(s) of the matches table are not in the corpus: "
            f"{shown}. Fix: pass the corpus the matches were found in."
        )
    bounds = []
    for name in ("start", "end"):
        values = table[name]
        if values.isna().any() or not pd.api.types.is_integer_dtype(values.dtype):
            raise FramingError(
                f"kwic(): the matches table's {name!r} column must hold whole numbers "
                f"(character offsets) without missing values; got dtype {values.dtype}."
            )
        bounds.append(values.to_numpy(dtype=np.int64))
    start, end = bounds
    lengths = np.array([len(t) for t in corpus.texts], dtype=np.int64)[doc]
    bad = np.flatnonzero((start < 0) | (start > end) | (end > lengths))
    if len(bad):
        i = int(bad[0])
        raise FramingError(
            f"kwic(): row {i} of the matches table has start={start[i]}, end={end[i]}, "
            f"outside document {table['doc_id'][i]!r} of {lengths[i]} characters "
            "(0 <= start <= end <= length). Fix: pass the corpus the matches were found in."
        )
    if "surface" in table.columns:
        texts = corpus.texts
        for i, (d, a, b, s) in enumerate(
            zip(doc.tolist(), start.tolist(), end.tolist(), table["surface"].tolist(), strict=True)
        ):
            if isinstance(s, str) and texts[d][a:b] != s:
                raise FramingError(
                    f"kwic(): row {i} of the matches table has surface {s!r}, but the text "
                    f"of {table['doc_id'][i]!r} has {texts[d][a:b]!r} at {a}:{b}. The "
                    "matches were found in another version of the corpus; match again."
                )
    return table, doc


def _filter(table: pd.DataFrame, filters: Mapping[str, list[str] | None]) -> np.ndarray:
    keep = np.ones(len(table), dtype=bool)
    for name, wanted in filters.items():
        if wanted is None:
            continue
        if name == "voice":
            for value in wanted:
                if value not in VOICES:
                    raise FramingError(
                        f"kwic(): voice={value!r} is not a voice; expected 'author', "
                        "'quoted' or 'attributed'." + suggest(value, VOICES)
                    )
        if name not in table.columns:
            raise FramingError(
                f"kwic(): cannot filter on {name}: the matches table has no {name!r} column."
            )
        present = table[name].dropna().astype(str).unique().tolist()
        absent = [v for v in wanted if v not in present]
        if absent and name != "voice":
            hint = suggest(absent[0], present)
            warnings.warn(
                f"kwic(): no hit has {name}={absent[0]!r} ({name}s with hits: "
                f"{', '.join(map(repr, sorted(present))) or 'none'}).{hint}",
                FramingWarning,
                stacklevel=3,
            )
        keep &= table[name].astype(object).isin(wanted).to_numpy(dtype=bool)
    return keep


# --- contexts ------------------------------------------------------------------------------


def _collapse(text: str) -> tuple[str, np.ndarray, int, int]:
    """Text with whitespace runs as one space, the map to it, and its non-blank bounds."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    space = _SPACE[np.minimum(codes, len(_SPACE) - 1)] & (codes < len(_SPACE))
    kept = np.ones(len(codes), dtype=bool)
    kept[1:] = ~(space[1:] & space[:-1])
    position = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(kept, out=position[1:])
    shown = np.where(space, np.uint32(32), codes).astype("<u4")[kept]
    collapsed = shown.tobytes().decode("utf-32-le", "surrogatepass")
    low = 1 if collapsed[:1] == " " else 0
    high = len(collapsed) - (1 if collapsed[-1:] == " " and len(collapsed) > low else 0)
    return collapsed, position, low, high


def _contexts(
    text: str,
    start: np.ndarray,
    end: np.ndarray,
    *,
    window: int,
    unit: str,
    language: str,
) -> tuple[list[str], list[str]]:
    """Left and right contexts of the hits of one document."""
    collapsed, position, low, high = _collapse(text)
    cs, ce = position[start], position[end]
    if window == 0:
        a, b = cs, ce
    elif unit == "chars":
        a, b = np.maximum(cs - window, low), np.minimum(ce + window, high)
    else:
        ws, we = word_spans(text, language=language)
        n = len(ws)
        first = np.searchsorted(we, start, side="right") - window  # whole words before
        last = np.searchsorted(ws, end, side="left") + window - 1  # whole words after
        a = np.full(len(start), low, dtype=np.int64)
        b = np.full(len(start), high, dtype=np.int64)
        inside = first >= 0
        a[inside] = position[ws[first[inside]]]
        inside = last < n
        b[inside] = position[we[last[inside]]]
    a, b = np.minimum(a, cs), np.maximum(b, ce)
    left = [collapsed[i:j] for i, j in zip(a.tolist(), cs.tolist(), strict=True)]
    right = [collapsed[i:j] for i, j in zip(ce.tolist(), b.tolist(), strict=True)]
    return left, right


def _all_contexts(
    texts: list[str],
    doc: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    *,
    window: int,
    unit: str,
    language: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left contexts, matches and right contexts of every hit, one document at a time."""
    left = np.empty(len(doc), dtype=object)
    right = np.empty(len(doc), dtype=object)
    match = np.empty(len(doc), dtype=object)
    if not len(doc):
        return left, match, right
    by_doc = np.argsort(doc, kind="stable")
    docs, firsts = np.unique(doc[by_doc], return_index=True)
    for d, rows in zip(docs.tolist(), np.split(by_doc, firsts[1:]), strict=True):
        text = texts[d]
        left[rows], right[rows] = _contexts(
            text, start[rows], end[rows], window=window, unit=unit, language=language
        )
        match[rows] = [
            text[a:b] for a, b in zip(start[rows].tolist(), end[rows].tolist(), strict=True)
        ]
    return left, match, right


def _assemble(
    table: pd.DataFrame,
    doc: np.ndarray,
    contexts: dict[str, np.ndarray],
    kept: list[str],
    corpus: Corpus,
) -> pd.DataFrame:
    """The concordance columns, the table's other columns, then joined metadata."""
    n = len(table)
    columns: dict[str, Any] = {}
    for name in KWIC_COLUMNS:
        if name in contexts:
            columns[name] = pd.Series(contexts[name], dtype=object)
        elif name in ("start", "end"):
            columns[name] = table[name].to_numpy(dtype=np.int64)
        elif name in table.columns:
            columns[name] = table[name]
        elif name == "voice":
            columns[name] = pd.Categorical([None] * n, categories=list(VOICES))
        elif name == "distanced":
            columns[name] = pd.array([None] * n, dtype="boolean")
        else:
            columns[name] = pd.Series([None] * n, dtype=object)
    extra = [c for c in table.columns if c not in KWIC_COLUMNS and c != "surface"]
    out = pd.concat([pd.DataFrame(columns), table[extra]], axis=1)
    joined = [c for c in kept if c not in out.columns]
    if joined:
        meta = corpus.docs.set_index("doc_id")[joined].iloc[doc].reset_index(drop=True)
        out = pd.concat([out, meta], axis=1)
    return out


def _key(value: Any, *, reverse: bool) -> str:
    """A sort key: the words, case- and accent-insensitive, punctuation ignored."""
    found = _WORD.findall(fold_accents(str(value)).casefold())
    return " ".join(reversed(found) if reverse else found)


# --- the public functions ------------------------------------------------------------------


def kwic(
    corpus: Corpus | pd.DataFrame | str | os.PathLike[str],
    pattern: str | Sequence[str] | None = None,
    *,
    matches: pd.DataFrame | None = None,
    window: int = 8,
    unit: str = "words",
    lexicon_options: Mapping[str, Any] | None = None,
    frame: str | Sequence[str] | None = None,
    contest: str | Sequence[str] | None = None,
    variant: str | Sequence[str] | None = None,
    voice: str | Sequence[str] | None = None,
    keep: bool | str | Sequence[str] | None = True,
    sort: str | None = None,
    language: str | None = None,
) -> KwicTable:
    """Keyword in context: each hit with the words either side, as a concordance table.

    Give either ``pattern`` (matched with :func:`framing.match.match_lexicon`) or
    ``matches`` (a matches table, possibly filtered). How contexts are cut, and how
    whitespace is shown, is described in :mod:`framing.concordance`.

    Parameters
    ----------
    corpus : Corpus, pandas.DataFrame, str or path
        The documents, as for :func:`~framing.match.match_lexicon` (a ``str`` is one
        document with id ``"doc1"``).
    pattern : str or list of str, optional
        Lexicon entries: phrases, with trailing ``*`` globs (« antiterroris* »,
        « opération militaire »). They form a one-frame lexicon (frame ``"kwic"``), so the
        matcher's rules hold, overlap included: where two patterns match the same stretch,
        the longest is one row.
    matches : pandas.DataFrame, optional
        A matches table with at least ``doc_id``, ``start`` and ``end`` (offsets in the
        original texts); other columns are carried over. Its ``surface`` column, if any,
        must equal ``text[start:end]``.
    window : int, default 8
        Context size either side, 0 or more.
    unit : {"words", "chars"}, default "words"
        Whole words (:func:`framing.text.word_spans`) or characters as shown.
    lexicon_options : dict, optional
        Lexicon ``options`` for ``pattern``: ``case_sensitive``, ``fold_accents``,
        ``compounds``, ``match``, ``parts``.
    frame, contest, variant : str or list of str, optional
        Keep the hits with one of these values (exact ids: ``"conflict"`` does not select
        ``"conflict/military"``). A value that no hit has warns.
    voice : str or list of str, optional
        Keep the hits with one of these voices: ``"author"``, ``"quoted"``,
        ``"attributed"``.
    keep : bool, str, list of str or None, default True
        Corpus metadata columns to show: True for all, False or None for none. With
        ``matches``, columns the table already has are kept as they are and the others are
        joined from the corpus on ``doc_id``.
    sort : {None, "left", "right", "match"}, default None
        None: corpus document order, then ``start``, ``end``. ``"left"``: by the words of
        the left context read outwards from the hit (the first word to the left, then the
        second …), the concordance tradition; ``"right"``: by the right context;
        ``"match"``: by the match, then its right context. Sort keys ignore case, accents
        and punctuation; ties keep document order.
    language : str, optional
        ``"fr"`` or ``"en"``: matching rules and word boundaries of the contexts. Default:
        the matches table's ``attrs["language"]``, else the corpus ``language`` column when
        it holds one language, else ``"fr"``.

    Returns
    -------
    KwicTable
        A DataFrame, one row per hit. Columns:

        - ``doc_id`` (str), ``start``, ``end`` (int64): the hit, offsets in the original
          text.
        - ``left`` (str), ``match`` (str, exactly ``text[start:end]``), ``right`` (str).
        - ``entry``, ``frame``, ``contest``, ``variant`` (str or None), ``voice``
          (categorical), ``distanced`` (nullable boolean), ``cue`` (str or None): as in the
          matches table (missing when a given table lacks them).
        - ``sentence`` and any other column of the matches table (``surface`` excepted,
          ``match`` holds it), then the kept metadata columns.

        ``attrs`` holds the matches table's provenance plus ``window``, ``unit``, ``sort``,
        ``pattern`` (list, or None), ``language`` and ``filters`` (a dict of the filters
        given).

    Raises
    ------
    FramingError
        Neither or both of ``pattern`` and ``matches``; a bad ``window``, ``unit``,
        ``sort``, ``keep``, filter or ``voice`` value; a matches table without
        ``doc_id``/``start``/``end``, with doc_ids not in the corpus (named), offsets
        outside the text or a ``surface`` that differs from the text.
    LexiconError
        A pattern or lexicon option the lexicon format rejects.

    Warns
    -----
    FramingWarning
        A ``frame``, ``contest`` or ``variant`` value that no hit has (likely a typo).

    Examples
    --------
    >>> table = kwic("Bakou parle de mesures antiterroristes.\\nErevan, d’offensive.",
    ...              ["antiterroris*", "offensive"], window=2)
    >>> table[["left", "match", "right"]].values.tolist()
    [['de mesures ', 'antiterroristes', '. Erevan, d’'], ['Erevan, d’', 'offensive', '.']]
    """
    has_pattern, has_matches = pattern is not None, matches is not None
    if has_pattern == has_matches:
        raise FramingError(
            "kwic(): give either pattern (terms to match, such as 'antiterroris*') or "
            "matches (a matches table from match_lexicon), not "
            + ("both." if has_pattern else "neither.")
        )
    window, unit = _check_window(window, unit)
    sort = _check_sort(sort)
    filters = {
        name: _check_values(v, name)
        for name, v in zip(_FILTERS, (frame, contest, variant, voice), strict=True)
    }
    corp = _as_corpus(corpus)
    kept = _check_keep(keep, corp)
    lang = _language(language, matches, corp)
    if has_pattern:
        matches = _pattern_matches(corp, pattern, lexicon_options, kept, lang)
    elif lexicon_options is not None:
        raise FramingError(
            "kwic(): lexicon_options apply to pattern only; the matches table is already "
            "matched. Fix: drop lexicon_options, or pass pattern instead of matches."
        )
    table, doc = _check_matches(matches, corp)
    rows = _filter(table, filters)
    table, doc = table[rows].reset_index(drop=True), doc[rows]
    start = table["start"].to_numpy(dtype=np.int64)
    end = table["end"].to_numpy(dtype=np.int64)

    left, match, right = _all_contexts(
        corp.texts, doc, start, end, window=window, unit=unit, language=lang
    )
    out = _assemble(table, doc, {"left": left, "match": match, "right": right}, kept, corp)
    order = np.lexsort((end, start, doc))
    if sort is not None:
        column = {"left": left, "right": right, "match": match}[sort]
        keys: list[Any] = [_key(v, reverse=sort == "left") for v in column[order]]
        if sort == "match":
            keys = [(k, _key(r, reverse=False)) for k, r in zip(keys, right[order], strict=True)]
        order = order[sorted(range(len(order)), key=keys.__getitem__)]
    out = KwicTable(out.iloc[order].reset_index(drop=True))
    out.attrs = dict(matches.attrs)
    out.attrs.update(
        window=window,
        unit=unit,
        sort=sort,
        pattern=None
        if pattern is None
        else ([pattern] if isinstance(pattern, str) else list(pattern)),
        language=lang,
        filters={k: v for k, v in filters.items() if v is not None},
    )
    return out


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def kwic_html(
    data: pd.DataFrame, *, max_rows: int | None = 100, columns: Sequence[str] = ("doc_id",)
) -> str:
    """A concordance as an HTML table, for notebooks and reports.

    The left context is right-aligned against the hit, so hits line up in a column; the
    hit is in ``<mark>``, coloured by voice (Okabe–Ito: yellow author, blue quoted, orange
    attributed), with the voice as a text badge (colour is never the only cue) and a
    « distanced » badge naming the cue when ``distanced`` is true. Every text is
    HTML-escaped, so text such as ``<script>`` is shown, never run. Styles are inline,
    so the output renders the same in Jupyter, VS Code and exported HTML.

    Parameters
    ----------
    data : pandas.DataFrame
        A concordance from :func:`kwic` (``left``, ``match`` and ``right`` are needed;
        ``voice``, ``distanced``, ``cue``, ``entry``, ``frame``, ``contest``, ``variant``
        are used when present).
    max_rows : int or None, default 100
        Show the first rows only, with a line saying how many are left out; None shows all.
    columns : sequence of str, default ("doc_id",)
        Columns shown before the context (such as ``["doc_id", "outlet"]``).

    Returns
    -------
    str
        The HTML (wrap it in ``IPython.display.HTML`` to display it; a :class:`KwicTable`
        displays itself).

    Raises
    ------
    FramingError
        If ``data`` is not a DataFrame, lacks a needed column, or ``max_rows`` is not a
        positive whole number or None.

    Examples
    --------
    >>> html_text = kwic_html(kwic("Une <b>offensive</b>.", "offensive"))
    >>> "<mark" in html_text and "&lt;b&gt;" in html_text
    True
    """
    if not isinstance(data, pd.DataFrame):
        raise FramingError(
            f"kwic_html(): data must be a concordance from kwic(); got {type(data).__name__}."
        )
    names = [str(c) for c in data.columns]
    for name in (*columns, "left", "match", "right"):
        if name not in data.columns:
            raise FramingError(
                f"kwic_html(): the table has no {name!r} column (columns: {', '.join(names)})."
                + suggest(name, names)
            )
    if max_rows is not None and (
        isinstance(max_rows, bool) or not isinstance(max_rows, (int, np.integer)) or max_rows < 1
    ):
        raise FramingError(
            f"kwic_html(): max_rows must be a positive whole number or None; got {max_rows!r}."
        )
    shown = data if max_rows is None else data.head(int(max_rows))
    pad = "padding:1px 6px;"
    ctx = "white-space:pre;padding:1px 0;"
    head = "".join(f'<th style="{pad}text-align:left">{_cell(c)}</th>' for c in columns)
    head += (
        f'<th style="{pad}text-align:right">left</th><th style="text-align:center">match</th>'
        f'<th style="{pad}text-align:left">right</th><th style="{pad}text-align:left">voice</th>'
    )
    body = []
    get = {
        c: (shown[c].tolist() if c in shown.columns else [None] * len(shown))
        for c in ("voice", "distanced", "cue", "entry", "frame", "contest", "variant")
    }
    lefts, matches, rights = (shown[c].tolist() for c in ("left", "match", "right"))
    for i in range(len(shown)):
        voice = get["voice"][i]
        voice = voice if isinstance(voice, str) else None
        distanced = get["distanced"][i] is True or get["distanced"][i] is np.True_
        mark_colour, badge_colour = _VOICE_COLOURS.get(voice or "", ("#F0E442", ""))
        title = " · ".join(
            f"{k}: {get[k][i]}"
            for k in ("entry", "frame", "contest", "variant")
            if isinstance(get[k][i], str)
        )
        border = f"border-bottom:2px dashed {_DISTANCED_COLOUR};" if distanced else ""
        mark = (
            f'<mark style="background:{mark_colour};padding:0;{border}" title="{_cell(title)}">'
            f"{_cell(matches[i])}</mark>"
        )
        badges = ""
        if voice is not None:
            badges += (
                f'<span style="background:{badge_colour};color:#fff;border-radius:3px;'
                f'padding:0 4px;font-size:85%">{_cell(voice)}</span>'
            )
        if distanced:
            cue = get["cue"][i]
            label = "distanced" + (f": {cue}" if isinstance(cue, str) else "")
            badges += (
                f' <span style="border:1px solid {_DISTANCED_COLOUR};color:{_DISTANCED_COLOUR};'
                f'border-radius:3px;padding:0 4px;font-size:85%">{_cell(label)}</span>'
            )
        cells = "".join(
            f'<td style="{pad}text-align:left">{_cell(shown[c].iat[i])}</td>' for c in columns
        )
        body.append(
            f'<tr>{cells}<td style="{ctx}text-align:right">{_cell(lefts[i])}</td>'
            f'<td style="{ctx}text-align:left">{mark}</td>'
            f'<td style="{ctx}text-align:left">{_cell(rights[i])}</td>'
            f'<td style="{pad}text-align:left">{badges}</td></tr>'
        )
    more = ""
    if len(shown) < len(data):
        left_out = len(data) - len(shown)
        more = (
            f"<p>… {left_out} more row{'s' if left_out != 1 else ''} (max_rows=None shows all)</p>"
        )
    return (
        f'<div class="framing-kwic"><table style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}</div>"
    )


def write_kwic(
    data: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    sep: str | None = None,
    encoding: str = "utf-8-sig",
    guard_formulas: bool = True,
) -> Path:
    """Write a concordance as CSV for a spreadsheet: UTF-8 with a BOM, formulas defused.

    ``data.to_csv(path, index=False)`` works as for any DataFrame; this writer adds what
    Excel needs. The byte-order mark (``encoding="utf-8-sig"``) makes Excel read the file
    as UTF-8, so « é » and « » » survive (pandas and Python's ``csv`` read it back
    unchanged). Excel with a French locale expects ``;`` between fields: pass
    ``sep=";"``. The file follows RFC 4180: lines end with CRLF, and a field is quoted
    when it holds the separator, a quote or a line break.

    Parameters
    ----------
    data : pandas.DataFrame
        A concordance from :func:`kwic` (any DataFrame works).
    path : str or path
        The file to write; a ``.tsv`` suffix means tab-separated.
    sep : str, optional
        Field separator: default ``","`` (``"\\t"`` for ``.tsv``).
    encoding : str, default "utf-8-sig"
        ``"utf-8"`` writes no BOM.
    guard_formulas : bool, default True
        Prefix with ``'`` the text cells that start with ``=``, ``+``, ``-``, ``@``, a tab or
        a carriage return, so that a spreadsheet shows them as text instead of running them
        as formulas (a context starting « - Le ministre » would otherwise become an error,
        and a crafted text could run a formula: OWASP "CSV injection").

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FramingError
        If ``data`` is not a DataFrame or ``sep`` is not one character.

    Examples
    --------
    >>> import tempfile
    >>> path = write_kwic(kwic("Une offensive.", "offensive"), tempfile.mkdtemp() + "/k.csv")
    >>> path.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    if not isinstance(data, pd.DataFrame):
        raise FramingError(f"write_kwic(): data must be a DataFrame; got {type(data).__name__}.")
    path = Path(path)
    if sep is None:
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
    if not isinstance(sep, str) or len(sep) != 1:
        raise FramingError(
            f"write_kwic(): sep must be one character such as ',' or ';'; got {sep!r}."
        )
    frame = pd.DataFrame(data)
    if guard_formulas:
        frame = frame.copy()
        for name in frame.columns:
            if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name].dtype):
                values = frame[name].astype(object)
                risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
                if risky.any():
                    frame[name] = values.where(~risky, "'" + values.astype(str))
    frame.to_csv(
        path,
        index=False,
        sep=sep,
        encoding=encoding,
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    return path
