"""The hits of one document that go into the matches table, and their voice.

:func:`match_document` takes a document's scan (:func:`~framing.match._scan.scan_document`)
and its sentences, keeps the hits inside one sentence that pass their proximity
constraints and the overlap rule, and assigns their voice, or leaves it to
:func:`fill_voice`, which assigns the voice of many short documents' hits at once.
"""

from __future__ import annotations

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
    segmented: tuple[np.ndarray, np.ndarray | None] | None = None,
    defer_voice: bool = False,
) -> tuple[Found | None, int]:
    """The hits of one document to put in the table, and its number of rejected hits.

    ``scanned`` is :func:`~framing.match._scan.scan_document`'s answer for ``text``, and
    ``segmented`` :func:`~framing.text._segment.segment_arrays`'s (with paragraphs when
    ``cues``) or None to split the text here (both from
    :func:`~framing.match._documents.documents`, which handles short documents in
    batches). With ``defer_voice``, the voice columns are left to be filled for several
    documents at once (:func:`fill_voice`).
    """
    target, start, end = scanned
    n_entries = len(compiled.entries)
    if not (target < n_entries).any():
        return None, 0
    if segmented is None:
        segmented = segment_arrays(text, language=language, paragraphs=cues is not None)
    sent_arr, paragraphs = segmented
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
    counted = np.equal(reasons, None).astype(bool, copy=False)  # reasons: str or None
    n_rejected = int((~counted).sum())
    show = counted.copy()
    if overlap == "longest" and counted.any():
        rows = np.flatnonzero(counted)
        show[rows] = longest_hits(
            hits.start[rows],
            hits.end[rows],
            compiled.groups[hits.target[rows]],
            hits.target[rows],
        )
    if audit:
        show |= ~counted
    if not show.any():
        return None, n_rejected
    hits = hits.take(show)
    reasons = reasons[show]
    n = len(hits.target)
    voice = np.full(n, -1, dtype=np.int8)
    distanced = np.full(n, np.nan)
    cue = np.full(n, None, dtype=object)
    if cues is not None and not defer_voice:
        from framing.voice._assign import _assign_trusted

        voice, flags, cue = _assign_trusted(text, hits.start, hits.end, sent_arr, paragraphs, cues)
        distanced = flags.astype(float)
    found = Found(
        doc, hits.target, hits.start, hits.end, hits.sentence, reasons, voice, distanced, cue
    )
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
