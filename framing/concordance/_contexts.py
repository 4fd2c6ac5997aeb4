"""Contexts of the hits, the concordance table (:class:`KwicTable`) and :func:`kwic`."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from framing._errors import FramingError
from framing.concordance._hits import (
    _FILTERS,
    KWIC_COLUMNS,
    _as_corpus,
    _check_keep,
    _check_matches,
    _check_sort,
    _check_values,
    _check_window,
    _filter,
    _language,
    _pattern_matches,
)
from framing.concordance._html import kwic_html
from framing.corpus import Corpus
from framing.text import fold_accents, word_spans
from framing.text._chars import code_points, from_code_points
from framing.voice import VOICES

# Every whitespace code point (all lie below U+3001), as a lookup table.
_SPACE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=bool)
_WORD = re.compile(r"\w+")


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


# --- contexts ------------------------------------------------------------------------------


def _collapse(text: str) -> tuple[str, np.ndarray, int, int]:
    """Text with whitespace runs as one space, the map to it, and its non-blank bounds."""
    codes = code_points(text)
    space = _SPACE[np.minimum(codes, len(_SPACE) - 1)] & (codes < len(_SPACE))
    kept = np.ones(len(codes), dtype=bool)
    kept[1:] = ~(space[1:] & space[:-1])
    position = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(kept, out=position[1:])
    shown = np.where(space, np.uint32(32), codes).astype("<u4")[kept]
    collapsed = from_code_points(shown)
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
