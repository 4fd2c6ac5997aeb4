"""The matches table: the kept hits of every document as one sorted DataFrame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from framing._sort import lexsort_ints
from framing.corpus import Corpus
from framing.match._hits import Found
from framing.match._options import AUDIT_COLUMN
from framing.voice import VOICES

if TYPE_CHECKING:
    from framing.match._api import _Compiled

_INT = np.int64


def _object(values: np.ndarray) -> pd.Series:
    """A string column with None for missing values (object dtype, as the docstring says)."""
    return pd.Series(values, dtype=object)


def _surfaces(texts: Sequence[str], doc: np.ndarray, start: np.ndarray, end: np.ndarray) -> list:
    """``texts[doc][start:end]`` of every row (rows grouped by document)."""
    out: list[str] = []
    cuts = np.flatnonzero(np.diff(doc)) + 1
    for lo, hi in zip([0, *cuts.tolist()], [*cuts.tolist(), len(doc)], strict=True):
        if lo == hi:
            continue
        text = texts[int(doc[lo])]
        out += [text[a:b] for a, b in zip(start[lo:hi].tolist(), end[lo:hi].tolist(), strict=True)]
    return out


def matches_table(
    found: list[Found],
    corpus: Corpus,
    compiled: _Compiled,
    keep: list[str],
    audit: bool,
) -> pd.DataFrame:
    """The rows of ``found`` as :func:`~framing.match.match_lexicon`'s table, without its
    ``attrs``: sorted by document, start, end, then the entry's frame, contest, variant and
    pattern (``compiled.rank``); the ``rejected`` column with ``audit``; the ``keep``
    metadata columns last."""
    doc = np.concatenate([np.full(len(f.target), f.doc, dtype=_INT) for f in found] or [[]])
    doc = doc.astype(_INT)
    target = np.concatenate([f.target for f in found] or [[]]).astype(_INT)
    start = np.concatenate([f.start for f in found] or [[]]).astype(_INT)
    end = np.concatenate([f.end for f in found] or [[]]).astype(_INT)
    # Sorted by document, start, end, then frame, contest, variant, entry (missing last).
    order = lexsort_ints((compiled.rank[target], end, start, doc))
    doc, target, start, end = doc[order], target[order], start[order], end[order]

    def cat(name: str, dtype: Any) -> np.ndarray:
        if not found:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([getattr(f, name) for f in found]).astype(dtype, copy=False)[order]

    ids = np.asarray(corpus.doc_ids, dtype=object)
    surface = np.empty(len(doc), dtype=object)
    surface[:] = _surfaces(corpus.texts, doc, start, end)
    codes = cat("voice", np.int8)
    distanced = cat("distanced", float)
    columns: dict[str, Any] = {
        "doc_id": _object(ids[doc]),
        "start": start,
        "end": end,
        "surface": _object(surface),
        "entry": _object(compiled.pattern[target]),
        "frame": _object(compiled.frame[target]),
        "contest": _object(compiled.contest[target]),
        "variant": _object(compiled.variant[target]),
        "sentence": cat("sentence", _INT),
        "voice": pd.Categorical.from_codes(codes, categories=list(VOICES)),
        "distanced": pd.arrays.BooleanArray(distanced == 1.0, np.isnan(distanced)),
        "cue": _object(cat("cue", object)),
    }
    if audit:
        columns[AUDIT_COLUMN] = _object(cat("reason", object))
    table = pd.DataFrame(columns)
    if keep:
        meta = corpus.metadata[keep].iloc[doc].reset_index(drop=True)
        table = pd.concat([table, meta], axis=1)
    return table
