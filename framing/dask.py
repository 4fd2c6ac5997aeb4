"""Matching a corpus held in a Dask DataFrame, on one machine or a cluster (``framing[dask]``).

:func:`match_lexicon` runs, on every partition of a Dask DataFrame, the function the
``n_jobs`` workers of :func:`framing.match.match_lexicon` run on their parts: the partition
becomes a :class:`~framing.Corpus` and is matched in memory. Dask does the scheduling; the
result is a lazy Dask DataFrame of matches, partition for partition, in the partitions'
order, so ``matches.compute().reset_index(drop=True)`` is the table the in-memory run
gives for ``ddf.compute()``. :func:`provenance` gives that run's ``attrs`` (corpus
fingerprint, lexicon, options, versions), which a Dask DataFrame does not carry.

Install with ``pip install 'framing[dask]'`` (dask with its DataFrame and distributed).

On a cluster
------------
Every worker needs the same versions of framing and its dependencies, and access to the
data; the lexicon is read on the client and travels inside the task graph (a few tens of
kB), so worker machines need no lexicon file. A sketch, with a scheduler started by
``dask scheduler`` on the machine ``scheduler`` and ``dask worker tcp://scheduler:8786`` on
each worker machine, the corpus as Parquet files on storage all machines can read::

    import json

    import dask.dataframe as dd
    from dask.distributed import Client

    import framing
    import framing.dask

    if __name__ == "__main__":
        client = Client("tcp://scheduler:8786")
        corpus = dd.read_parquet(
            "s3://press-archive/2023/*.parquet",  # or a shared folder, /mnt/shared/...
            columns=["doc_id", "text", "outlet", "date"],
        )
        lexicon = framing.read_lexicon("karabakh-2023-fr")
        matches = framing.dask.match_lexicon(corpus, lexicon, keep=["outlet", "date"])
        matches.to_parquet("s3://press-archive/matches-2023/", write_index=False)
        # the provenance of the run, as match_lexicon(...).attrs would hold it
        run = framing.dask.provenance(corpus, lexicon, keep=["outlet", "date"])
        with open("provenance.json", "w", encoding="utf-8") as file:
            json.dump(run, file, ensure_ascii=False, indent=2, default=str)

Read the matches back with ``pandas.read_parquet`` (they are small next to the texts) and
go on with :func:`framing.count_frames` and the rest on one machine.

Notes
-----
- ``doc_id`` must be a column (or the index) of the Dask DataFrame, unique across all
  partitions. Uniqueness is checked within each partition by :class:`~framing.Corpus`, and
  across partitions by :func:`provenance`.
- Each partition's matches table has its own index 0, 1, …; reset the index after
  ``compute()``. The Dask DataFrame of matches has unknown divisions.
- Kept metadata columns have the dtypes of the Dask DataFrame, and Dask stores text as
  pyarrow strings (its ``dataframe.convert-string`` setting; pandas' own ``str`` columns
  become ``string``): the table equals the in-memory table of the corpus
  ``ddf.compute()``, which may differ in those dtypes from the pandas frame the Dask
  DataFrame was made from.
- Lemma and stem entries are expanded against the vocabulary of the *whole* corpus (as in
  memory), so with such entries :func:`match_lexicon` runs a first pass over the corpus
  right away, collecting the word types the entries expand to, before it returns.
- :func:`provenance` reads the corpus again: ids and texts for the fingerprint and, when the
  lexicon has proximity constraints, a match without voice to count the rejected hits.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pandas as pd

try:
    import dask
    import dask.dataframe as dd
except ImportError as exc:  # tests/test_dask.py hides dask to check this message
    raise ImportError(
        "framing.dask needs dask with its DataFrame and the distributed scheduler, which are "
        "not installed. Fix: pip install 'framing[dask]' (or pip install 'dask[dataframe]' "
        "distributed)."
    ) from exc

from framing._errors import CorpusError, FramingError, suggest
from framing._fingerprint import combine_digests, document_digest
from framing._readers import repeated, shown
from framing.corpus import Corpus
from framing.lexicon import Lexicon
from framing.match import _api, _options
from framing.match._parallel import (
    Expansions,
    checked_options,
    expand_entries,
    expansion_types,
    match_part,
)

if TYPE_CHECKING:
    from dask.dataframe import DataFrame as DaskDataFrame

__all__ = ["match_lexicon", "provenance"]


# --- per partition (run on the workers) ----------------------------------------------------


def _corpus(partition: pd.DataFrame, text: str, doc_id: str, name: str | None) -> Corpus:
    return Corpus(partition, text=text, doc_id=doc_id, date=None, name=name)


def _match_partition(
    partition: pd.DataFrame,
    lexicon: Lexicon,
    text: str,
    doc_id: str,
    name: str | None,
    expansions: Expansions | None,
    options: dict[str, Any],
) -> pd.DataFrame:
    table = match_part(
        _corpus(partition, text, doc_id, name), lexicon, expansions=expansions, **options
    )
    table.attrs = {}  # the run's provenance comes from provenance(), not from one partition
    return table


def _partition_types(
    partition: pd.DataFrame, lexicon: Lexicon, text: str, doc_id: str, language: str
) -> set[str]:
    return expansion_types(_corpus(partition, text, doc_id, None), lexicon, language=language)


def _partition_summary(
    partition: pd.DataFrame,
    lexicon: Lexicon,
    text: str,
    doc_id: str,
    expansions: Expansions | None,
    options: dict[str, Any] | None,
) -> tuple[list[tuple[str, bytes]], int]:
    """``(doc_id, digest)`` per document, and the hits rejected by a proximity constraint."""
    corpus = _corpus(partition, text, doc_id, None)
    digests = [
        (i, document_digest(i, t)) for i, t in zip(corpus.doc_ids, corpus.texts, strict=True)
    ]
    if options is None:
        return digests, 0
    table = match_part(corpus, lexicon, expansions=expansions, **options)
    return digests, int(table.attrs["n_rejected"])


# --- on the client -------------------------------------------------------------------------


def _check(ddf: Any, lexicon: Any, text: str, doc_id: str) -> Lexicon:
    if not isinstance(ddf, dd.DataFrame):
        raise FramingError(
            "framing.dask.match_lexicon(): the corpus must be a dask DataFrame with a text "
            f"and a doc_id column; got {type(ddf).__name__}. Fix: dask.dataframe."
            "read_parquet(...) or dask.dataframe.from_pandas(frame, npartitions=...); for a "
            "pandas DataFrame or a Corpus, use framing.match_lexicon."
        )
    columns = [str(c) for c in ddf.columns]
    index_name = ddf.index.name
    for role, name in (("text", text), ("doc_id", doc_id)):
        if name in columns or (role == "doc_id" and name == index_name):
            continue
        raise CorpusError(
            f"framing.dask.match_lexicon(): no {role} column {name!r} in the dask DataFrame "
            f"(columns: {shown([repr(c) for c in columns], n=20)})."
            + suggest(name, columns)
            + f" Fix: pass {role}=<the name of the column>."
            + (
                " Ids cannot be generated partition by partition: add an id column."
                if role == "doc_id"
                else ""
            )
        )
    return _options.as_lexicon(lexicon)


def _template(
    ddf: DaskDataFrame, lexicon: Lexicon, text: str, doc_id: str, name: str | None, **options: Any
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The empty matches table of this corpus (the ``meta``) and the checked options."""
    corpus = _corpus(ddf._meta, text, doc_id, name)
    checked = checked_options(corpus, lexicon, **options)
    meta = _api.match_lexicon(corpus, lexicon, n_jobs=1, **checked)
    return meta, checked


def _expansions(
    ddf: DaskDataFrame, lexicon: Lexicon, text: str, doc_id: str, language: str
) -> Expansions | None:
    """Lemma/stem forms against the whole corpus' vocabulary (computed now), or None."""
    if all(entry.match == "exact" for entry in lexicon.entries):
        return None
    tasks = [
        dask.delayed(_partition_types)(part, lexicon, text, doc_id, language)
        for part in ddf.to_delayed()
    ]
    found = dask.compute(*tasks)
    return expand_entries(set().union(*found), lexicon, language=language)


def match_lexicon(
    ddf: DaskDataFrame,
    lexicon: Lexicon | str | os.PathLike[str],
    *,
    doc_id: str = "doc_id",
    text: str = "text",
    name: str | None = None,
    **options: Any,
) -> DaskDataFrame:
    """The matches table of a corpus held in a Dask DataFrame, as a Dask DataFrame.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        One row per document: a ``doc_id`` column (or index) of ids unique across the
        partitions, a ``text`` column, and metadata columns.
    lexicon : Lexicon, str or path
        A lexicon, a lexicon file or the name of a bundled lexicon (read here, on the
        client).
    doc_id, text : str
        The id and text columns.
    name : str, optional
        The corpus name recorded in provenance (``corpus_name``).
    **options
        :func:`framing.match.match_lexicon`'s options: ``keep``, ``overlap``,
        ``language``, ``audit``, ``voice``.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; one partition of matches per partition of ``ddf``, in order, with the
        columns and dtypes of :func:`framing.match.match_lexicon`'s table (see there).
        Each partition's index starts at 0 and divisions are unknown.

    Raises
    ------
    FramingError
        ``ddf`` is not a Dask DataFrame; a bad option (as the in-memory function).
    CorpusError
        The id or text column is missing (with a suggestion).

    Notes
    -----
    A lexicon with lemma or stem entries makes this function compute a first pass over the
    corpus before it returns, collecting the word types the entries expand to: as in
    memory, every document's matches depend on the whole corpus' vocabulary.

    Examples
    --------
    >>> import dask.dataframe as dd
    >>> import framing, framing.dask
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> ddf = dd.from_pandas(corpus.docs, npartitions=2)
    >>> matches = framing.dask.match_lexicon(ddf, "karabakh-2023-fr", keep=["outlet"])
    >>> table = matches.compute(scheduler="synchronous").reset_index(drop=True)
    >>> same = framing.Corpus(ddf.compute(scheduler="synchronous"))
    >>> table.equals(framing.match_lexicon(same, "karabakh-2023-fr", keep=["outlet"]))
    True
    """
    lex = _check(ddf, lexicon, text, doc_id)
    meta, checked = _template(ddf, lex, text, doc_id, name, **options)
    expansions = _expansions(ddf, lex, text, doc_id, checked["language"])
    meta.attrs = {}
    return ddf.map_partitions(
        _match_partition,
        lex,
        text,
        doc_id,
        name,
        expansions,
        checked,
        meta=meta,
        clear_divisions=True,
        align_dataframes=False,
    )


def provenance(
    ddf: DaskDataFrame,
    lexicon: Lexicon | str | os.PathLike[str],
    *,
    doc_id: str = "doc_id",
    text: str = "text",
    name: str | None = None,
    **options: Any,
) -> dict[str, Any]:
    """The provenance of :func:`match_lexicon`'s run: the in-memory table's ``attrs``.

    Computed now, in one pass over the corpus: each document's digest (for the corpus
    fingerprint, see :meth:`framing.Corpus.fingerprint`) and, when the lexicon has
    proximity constraints, the hits they reject (a match without voice).

    Parameters
    ----------
    ddf, lexicon, doc_id, text, name, **options
        As given to :func:`match_lexicon`.

    Returns
    -------
    dict
        The keys of :func:`framing.match.match_lexicon`'s ``attrs``: ``lexicon_name``,
        ``lexicon_version``, ``lexicon_fingerprint``, ``corpus_name``,
        ``corpus_fingerprint``, ``n_docs``, ``cues_version``, the options, ``n_rejected``,
        ``framing_version`` …, equal to ``framing.match_lexicon(corpus, lexicon,
        **options).attrs`` for the corpus ``ddf.compute()``.

    Raises
    ------
    CorpusError
        A doc_id occurs in more than one row (in one partition or across partitions); a
        missing column. :class:`FramingError` for a bad option.

    Examples
    --------
    >>> import dask
    >>> import dask.dataframe as dd
    >>> import framing, framing.dask
    >>> corpus = framing.read_corpus("karabakh-2023-fr")
    >>> ddf = dd.from_pandas(corpus.docs, npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     run = framing.dask.provenance(ddf, "karabakh-2023-fr")
    >>> run["n_docs"], run["corpus_fingerprint"] == corpus.fingerprint()
    (5, True)
    """
    lex = _check(ddf, lexicon, text, doc_id)
    meta, checked = _template(ddf, lex, text, doc_id, name, **options)
    constrained = any(entry.near or entry.not_near for entry in lex.entries)
    counting = None
    expansions = None
    if constrained:
        # rejections come before voice and do not depend on the kept columns
        counting = {**checked, "keep": [], "voice": False, "audit": False}
        expansions = _expansions(ddf, lex, text, doc_id, checked["language"])
    tasks = [
        dask.delayed(_partition_summary)(part, lex, text, doc_id, expansions, counting)
        for part in ddf.to_delayed()
    ]
    summaries = dask.compute(*tasks)
    digests = [pair for part_digests, _ in summaries for pair in part_digests]
    ids = pd.Series([i for i, _ in digests], dtype=object)
    listed = repeated(ids)
    if listed:
        raise CorpusError(
            f"framing.dask.provenance(): doc_id must be unique across the partitions; "
            f"{len(listed)} id(s) appear more than once: {shown(listed)}. Deduplicate the "
            "rows or choose another id column (doc_id=...)."
        )
    return {
        **meta.attrs,
        "corpus_fingerprint": combine_digests(digests),
        "n_docs": len(digests),
        "n_rejected": int(sum(n for _, n in summaries)),
    }
