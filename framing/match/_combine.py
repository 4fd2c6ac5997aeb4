"""Put the matches tables of consecutive parts of a corpus back together.

Chunked reading, parallel workers and Dask partitions all match parts of a corpus with
:func:`~framing.match.match_lexicon` and join the parts here, so the joined table is the
in-memory run's table: rows in corpus order (the parts are consecutive and each part's
table is sorted), a fresh index, and provenance that describes the whole corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

#: ``attrs`` that describe the part rather than the run, replaced when parts are joined.
PART_ATTRS: tuple[str, ...] = ("corpus_fingerprint", "n_docs", "n_rejected")


def combine_attrs(
    parts: Sequence[dict[str, Any]], *, corpus_fingerprint: str, n_docs: int
) -> dict[str, Any]:
    """The provenance of the whole run from the provenance of its parts.

    Every attribute but those in :data:`PART_ATTRS` must agree between the parts (same
    lexicon, options and versions); ``n_rejected`` is summed; ``n_docs`` and
    ``corpus_fingerprint`` are those of the whole corpus, given by the caller.
    """
    if not parts:
        raise ValueError("combine_attrs() needs the attrs of at least one part")
    first = parts[0]
    for other in parts[1:]:
        for key, value in first.items():
            if key not in PART_ATTRS and other.get(key) != value:
                raise ValueError(  # an internal error: parts were matched differently
                    f"matches of two parts disagree on {key!r}: {value!r} != {other.get(key)!r}"
                )
    attrs = dict(first)
    attrs["n_rejected"] = int(sum(int(p.get("n_rejected", 0)) for p in parts))
    attrs["n_docs"] = int(n_docs)
    attrs["corpus_fingerprint"] = corpus_fingerprint
    return attrs


def combine_matches(
    tables: Sequence[pd.DataFrame], *, corpus_fingerprint: str, n_docs: int
) -> pd.DataFrame:
    """Concatenate the matches tables of consecutive corpus parts, in order.

    Parameters
    ----------
    tables : sequence of pandas.DataFrame
        The parts' tables from :func:`~framing.match.match_lexicon`, in corpus order.
    corpus_fingerprint : str
        :meth:`Corpus.fingerprint <framing.corpus.Corpus.fingerprint>` of the whole corpus.
    n_docs : int
        Documents in the whole corpus.

    Returns
    -------
    pandas.DataFrame
        The joined table with a fresh ``RangeIndex`` and the whole run's ``attrs``.
    """
    attrs = combine_attrs(
        [t.attrs for t in tables], corpus_fingerprint=corpus_fingerprint, n_docs=n_docs
    )
    nonempty = [t for t in tables if len(t)]
    table = pd.concat(nonempty or list(tables[:1]), ignore_index=True)
    if "voice" in table.columns and not isinstance(table["voice"].dtype, pd.CategoricalDtype):
        table["voice"] = pd.Categorical(
            table["voice"], categories=tables[0]["voice"].cat.categories
        )
    table.attrs = attrs
    return table
