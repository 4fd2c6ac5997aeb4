"""The matches table: the kept hits of every document as one sorted DataFrame.

It is built in two steps: :func:`sorted_rows` puts the hits in the table's order and cuts
their surfaces out of the texts (:class:`Rows`: arrays and the surfaces), and
:func:`rows_table` turns them into the DataFrame (the entries' strings, the document ids
and the kept metadata taken by index). A worker process matching a part of a corpus
(:mod:`framing.match._parallel`) sends its :class:`Rows` back and the calling process,
which holds the corpus and the lexicon too, makes the table: the rows of 190,000 hits
(arrays and one string) pickle in about 20 ms and unpickle in 17, where the table's
columns of Python strings, pickled one string at a time, took 90 and 65.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
#: Joins the surfaces (and cues) of :class:`Rows` into one string when it is pickled (see
#: :meth:`Rows.__getstate__`); if a string holds it, they travel as a list instead.
_SEPARATOR = "\x00"


@dataclass
class Rows:
    """The kept hits of a corpus in the table's order, before they become its DataFrame.

    One element per row: ``doc`` (the document's position in the corpus), ``start``,
    ``end``, ``target`` (the entry's index in the compiled lexicon), ``sentence``
    (int64), ``voice`` (int8 codes into :data:`framing.voice.VOICES`, -1 without voice),
    ``distanced`` (float: 1.0, 0.0 or nan), ``cue`` and ``reason`` (objects: str or
    None; ``reason`` None without ``audit``), ``surface`` (str).
    """

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    target: np.ndarray
    sentence: np.ndarray
    voice: np.ndarray
    distanced: np.ndarray
    cue: np.ndarray
    reason: np.ndarray | None
    surface: list[str]

    def __len__(self) -> int:
        return len(self.doc)

    def __getstate__(self) -> dict[str, Any]:
        # Pickled as one string, the surfaces travel in ~1 ms instead of ~25 ms for a
        # list of 200,000 (and are split back in a few); the cues (mostly None) as one
        # string and where they are.
        state = dict(self.__dict__)
        state["surface"] = _joined(self.surface)
        for name in ("cue", "reason"):
            values = state[name]
            if values is not None:
                where = np.flatnonzero(np.not_equal(values, None))
                state[name] = (len(values), where, _joined(values[where].tolist()))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state["surface"] = _split(state["surface"])
        for name in ("cue", "reason"):
            if isinstance(state[name], tuple):
                n, where, strings = state[name]
                values = np.full(n, None, dtype=object)
                values[where] = _split(strings)
                state[name] = values
        self.__dict__.update(state)


def _joined(strings: list[str]) -> tuple[str, int] | list[str]:
    """``strings`` as one string and their number, or themselves if a string holds the
    separator (text between two offsets may, in principle)."""
    joined = _SEPARATOR.join(strings)
    if joined.count(_SEPARATOR) != max(len(strings) - 1, 0):
        return strings
    return joined, len(strings)


def _split(packed: tuple[str, int] | list[str]) -> list[str]:
    """The strings :func:`_joined` packed."""
    if isinstance(packed, list):
        return packed
    joined, n = packed
    return joined.split(_SEPARATOR) if n else []


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


def sorted_rows(
    found: list[Found], texts: Sequence[str], rank: np.ndarray, *, audit: bool
) -> Rows:
    """The rows of ``found`` (hits of the documents of ``texts``) sorted by document, start,
    end, then the entry's frame, contest, variant and pattern (``rank``, per target); the
    reasons of rejected hits with ``audit``."""

    def cat(name: str, dtype: Any) -> np.ndarray:
        if not found:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([getattr(f, name) for f in found]).astype(dtype, copy=False)

    doc = np.concatenate([np.full(len(f.target), f.doc, dtype=_INT) for f in found] or [[]])
    doc = doc.astype(_INT)
    target, start, end = cat("target", _INT), cat("start", _INT), cat("end", _INT)
    # Sorted by document, start, end, then frame, contest, variant, entry (missing last).
    order = lexsort_ints((rank[target], end, start, doc))
    doc, target, start, end = doc[order], target[order], start[order], end[order]
    return Rows(
        doc=doc,
        start=start,
        end=end,
        target=target,
        sentence=cat("sentence", _INT)[order],
        voice=cat("voice", np.int8)[order],
        distanced=cat("distanced", float)[order],
        cue=cat("cue", object)[order],
        reason=cat("reason", object)[order] if audit else None,
        surface=_surfaces(texts, doc, start, end),
    )


def _object(values: Any) -> pd.Series:
    """A string column with None for missing values (object dtype, as the docstring says)."""
    return pd.Series(values, dtype=object)


@dataclass(frozen=True)
class Labels:
    """What the table takes from the corpus besides the hits: its documents' ids and the
    kept metadata columns (None when none are kept), one row per document."""

    doc_ids: Sequence[str]
    metadata: pd.DataFrame | None

    @classmethod
    def of(cls, corpus: Corpus, keep: list[str]) -> Labels:
        return cls(corpus.doc_ids, corpus.metadata[keep] if keep else None)


def rows_table(rows: Rows, labels: Labels, compiled: _Compiled, audit: bool) -> pd.DataFrame:
    """The DataFrame of ``rows`` (hits of the corpus ``labels`` describes), without its
    ``attrs``: the ``rejected`` column with ``audit``; the kept metadata columns last."""
    ids = np.asarray(labels.doc_ids, dtype=object)
    surface = np.empty(len(rows), dtype=object)
    surface[:] = rows.surface
    distanced = rows.distanced
    target = rows.target
    columns: dict[str, Any] = {
        "doc_id": _object(ids[rows.doc]),
        "start": rows.start,
        "end": rows.end,
        "surface": _object(surface),
        "entry": _object(compiled.pattern[target]),
        "frame": _object(compiled.frame[target]),
        "contest": _object(compiled.contest[target]),
        "variant": _object(compiled.variant[target]),
        "sentence": rows.sentence,
        "voice": pd.Categorical.from_codes(rows.voice, categories=list(VOICES)),
        "distanced": pd.arrays.BooleanArray(distanced == 1.0, np.isnan(distanced)),
        "cue": _object(rows.cue),
    }
    if audit:
        columns[AUDIT_COLUMN] = _object(rows.reason)
    table = pd.DataFrame(columns)
    if labels.metadata is not None:
        meta = labels.metadata.iloc[rows.doc].reset_index(drop=True)
        table = pd.concat([table, meta], axis=1)
    return table
