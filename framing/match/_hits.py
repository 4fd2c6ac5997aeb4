"""The hits of a document that go into the matches table, and their voice.

:func:`match_document` takes a document's scan (:func:`~framing.match._scan.scan_document`),
splits it into sentences, keeps the hits inside one sentence that pass their proximity
constraints and the overlap rule, and assigns their voice. :func:`match_short_documents`
does the same for many short documents at once, already split, and :func:`fill_voice`
assigns their hits' voice at once: on 3,000-character articles, the per-document calls
of the hits' sentences and overlap cost more than their work (14,748 articles: 3.7–4.1 s
one by one, 2.4–2.5 s in batches, CPU time).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.match._compile import Plan
from framing.match._constraints import Hits, check_constraints
from framing.match._overlap import longest_hits
from framing.text import span_index, word_spans
from framing.text._segment import segment_arrays

if TYPE_CHECKING:
    from framing.match._api import _Compiled


@dataclass
class Found:
    """Kept hits of one document."""

    doc: int
    target: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sentence: np.ndarray
    reason: np.ndarray
    voice: np.ndarray  # int8 codes into framing.voice.VOICES (-1: not computed)
    distanced: np.ndarray  # float: 1.0, 0.0, nan (not computed)
    cue: np.ndarray


def match_document(
    doc: int,
    text: str,
    plan: Plan,
    compiled: _Compiled,
    *,
    language: str,
    overlap: str,
    audit: bool,
    cues: Any,
    scanned: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[Found | None, int]:
    """The hits of one document to put in the table, and its number of rejected hits.

    ``scanned`` is :func:`~framing.match._scan.scan_document`'s answer for ``text``. The
    text is split into sentences (and paragraphs, for the voice: with ``cues``) here: for
    a long document, or one without hits of an entry. Short documents with such hits are
    matched together (:func:`match_short_documents`), with the same answers.
    """
    target, start, end = scanned
    n_entries = len(compiled.entries)
    if not (target < n_entries).any():
        return None, 0
    sent_arr, paragraphs = segment_arrays(text, language=language, paragraphs=cues is not None)
    both = span_index(sent_arr, np.concatenate([start, end - 1]))  # one call: short texts
    first = both[: len(start)]
    same = first == both[len(start) :]  # never across a sentence end
    target, start, end, first = target[same], start[same], end[same], first[same]
    is_entry = target < n_entries
    hits = Hits(target[is_entry], start[is_entry], end[is_entry], first[is_entry])
    if not len(hits.target):
        return None, 0
    anchors = Hits(target[~is_entry], start[~is_entry], end[~is_entry], first[~is_entry])
    reasons = check_constraints(
        hits,
        anchors,
        compiled.constraints,
        text,
        lambda: word_spans(text, language=language)[0],
    )
    show, n_rejected = _shown(hits, reasons, compiled, overlap=overlap, audit=audit)
    if not show.any():
        return None, n_rejected
    found = _found(doc, hits.take(show), reasons[show])
    if cues is not None:
        from framing.voice._assign import _assign_trusted

        found.voice, flags, found.cue = _assign_trusted(
            text, found.start, found.end, sent_arr, paragraphs, cues
        )
        found.distanced = flags.astype(float)
    return found, n_rejected


def _shown(
    hits: Hits,
    reasons: np.ndarray,
    compiled: _Compiled,
    *,
    overlap: str,
    audit: bool,
    shift: np.ndarray | None = None,
) -> tuple[np.ndarray, int]:
    """Which hits go into the table, and how many a constraint rejected: the counted hits
    (``reasons`` None) that survive the overlap rule, and with ``audit`` the rejected ones
    too. ``shift`` is added to the spans first (documents laid end to end)."""
    counted = np.equal(reasons, None).astype(bool, copy=False)  # reasons: str or None
    show = counted.copy()
    if overlap == "longest" and counted.any():
        rows = np.flatnonzero(counted)
        moved = 0 if shift is None else shift[rows]
        show[rows] = longest_hits(
            hits.start[rows] + moved,
            hits.end[rows] + moved,
            compiled.groups[hits.target[rows]],
            hits.target[rows],
        )
    if audit:
        show |= ~counted
    return show, int((~counted).sum())


def _found(doc: int, hits: Hits, reasons: np.ndarray) -> Found:
    """A document's kept hits, their voice columns not computed yet."""
    n = len(hits.target)
    return Found(
        doc,
        hits.target,
        hits.start,
        hits.end,
        hits.sentence,
        reasons,
        np.full(n, -1, dtype=np.int8),
        np.full(n, np.nan),
        np.full(n, None, dtype=object),
    )


def match_short_documents(
    batch: list[tuple[int, str, tuple[np.ndarray, np.ndarray, np.ndarray], tuple[Any, Any]]],
    compiled: _Compiled,
    *,
    language: str,
    overlap: str,
    audit: bool,
) -> tuple[list[Found], int]:
    """:func:`match_document` for many short documents at once, their voice left to
    :func:`fill_voice`: the kept hits of each (documents without any left out) and the
    number of rejected hits of all.

    ``batch`` holds ``(doc, text, scanned, segmented)`` of documents with ``segmented``
    given (:func:`~framing.match._documents.documents` splits short documents with hits in
    batches). The documents are laid end to end, each after the previous one's end plus
    one, so that every offset, sentence and hit of one document is apart from the others':
    the sentence of each hit (:func:`~framing.text.span_index`) and the overlap rule
    (:func:`~framing.match._overlap.longest_hits`, whose hits never cross documents) then
    run once for the batch instead of once per document, which cost more than the work
    on a 3,000-character article. Proximity constraints are checked document by document,
    for the documents with a constrained entry's hit. Same answers as
    :func:`match_document` one document at a time (tested).
    """
    if not batch:
        return [], 0
    n_entries = len(compiled.entries)
    lengths = np.fromiter((len(text) for _, text, _, _ in batch), dtype=np.int64, count=len(batch))
    base = np.zeros(len(batch), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=base[1:])
    n_hits = np.fromiter((len(sc[0]) for _, _, sc, _ in batch), dtype=np.int64, count=len(batch))
    sents = [np.asarray(seg[0], dtype=np.int64).reshape(-1, 2) for _, _, _, seg in batch]
    n_sents = np.fromiter((len(a) for a in sents), dtype=np.int64, count=len(batch))
    first_sent = np.zeros(len(batch), dtype=np.int64)
    np.cumsum(n_sents[:-1], out=first_sent[1:])
    of_hit = np.repeat(np.arange(len(batch)), n_hits)  # position in batch of each hit
    target = np.concatenate([sc[0] for _, _, sc, _ in batch])
    start = np.concatenate([sc[1] for _, _, sc, _ in batch]).astype(np.int64, copy=False)
    end = np.concatenate([sc[2] for _, _, sc, _ in batch]).astype(np.int64, copy=False)
    spans = np.concatenate(sents) + np.repeat(base, n_sents)[:, None]
    shift = base[of_hit]
    both = span_index(spans, np.concatenate([start + shift, end - 1 + shift]))
    first, last = both[: len(start)], both[len(start) :]
    same = first == last  # never across a sentence end (both -1: in no sentence, as alone)
    sentence = np.where(first >= 0, first - first_sent[of_hit], -1)
    target, start, end, sentence, of_hit = (
        target[same],
        start[same],
        end[same],
        sentence[same],
        of_hit[same],
    )
    is_entry = target < n_entries
    reasons = np.full(int(is_entry.sum()), None, dtype=object)
    hit_doc, anchor_doc = of_hit[is_entry], of_hit[~is_entry]
    hits = Hits(target[is_entry], start[is_entry], end[is_entry], sentence[is_entry])
    anchors = Hits(target[~is_entry], start[~is_entry], end[~is_entry], sentence[~is_entry])
    if compiled.constraints:
        constrained = np.isin(hits.target, np.fromiter(compiled.constraints, dtype=np.int64))
        for k in np.unique(hit_doc[constrained]).tolist():
            rows = np.flatnonzero(hit_doc == k)
            text = batch[k][1]
            reasons[rows] = check_constraints(
                hits.take(rows),
                anchors.take(anchor_doc == k),
                compiled.constraints,
                text,
                lambda text=text: word_spans(text, language=language)[0],
            )
    show, n_rejected = _shown(
        hits, reasons, compiled, overlap=overlap, audit=audit, shift=base[hit_doc]
    )
    hits, reasons, hit_doc = hits.take(show), reasons[show], hit_doc[show]
    cuts = np.searchsorted(hit_doc, np.arange(len(batch) + 1)).tolist()
    found = [
        _found(batch[k][0], hits.take(slice(lo, hi)), reasons[lo:hi])
        for k, (lo, hi) in enumerate(itertools.pairwise(cuts))
        if lo < hi
    ]
    return found, n_rejected


def fill_voice(waiting: list[tuple[Found, str, tuple[np.ndarray, np.ndarray]]], cues: Any) -> None:
    """Fill the voice columns of short documents' hits, for all of them at once
    (:func:`framing.voice._assign._assign_batch`: the same answers as one by one)."""
    if not waiting:
        return
    from framing.voice._assign import _assign_batch

    assigned = _assign_batch(
        [text for _, text, _ in waiting],
        [found.start for found, _, _ in waiting],
        [found.end for found, _, _ in waiting],
        [sentences for _, _, (sentences, _) in waiting],
        [paragraphs for _, _, (_, paragraphs) in waiting],
        cues,
    )
    for (found, _, _), (voice, flags, cue) in zip(waiting, assigned, strict=True):
        found.voice, found.distanced, found.cue = voice, flags.astype(float), cue
