"""The hits a concordance shows: argument checks, pattern matching, the matches table, filters."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, LexiconError, suggest
from framing._keep import keep_columns
from framing.corpus import Corpus, as_corpus
from framing.voice import VOICES

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
#: The frame id of the one-frame lexicon built from ``pattern``.
PATTERN_FRAME = "kwic"
#: The id of a corpus given as one ``str``, as in :func:`framing.match.match_lexicon`.

_REQUIRED = ("doc_id", "start", "end")
_FILTERS = ("frame", "contest", "variant", "voice")


# --- input checks --------------------------------------------------------------------------


def _as_corpus(corpus: Any) -> Corpus:
    return as_corpus(corpus, caller="kwic")


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
    reserved = {*KWIC_COLUMNS, "surface", "sentence", "rejected"}
    return keep_columns(
        keep,
        [c for c in corpus.docs.columns if c not in ("doc_id", "text")],
        caller="kwic():",
        table="concordance",
        reserved=reserved.__contains__,
    )


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
