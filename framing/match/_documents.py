"""A corpus' documents in order, with what the matcher needs of each: its hits from the
automaton and, for a document with hits, its sentences and paragraphs.

Short documents are scanned in batches (:func:`framing.match._scan.scan_documents`) and
the short ones with hits are split into sentences and paragraphs in batches too
(:func:`framing.text._segment.segment_batch`): for a press article of 3,000 characters
the splitter's per-call cost (about 110 µs) was a third of the matcher's time. Their
hits are then kept (sentence, constraints, overlap) and their voice assigned in batches
as well (``framing.match._hits.match_short_documents`` and ``fill_voice``,
:func:`framing.voice._assign._assign_batch`). Each step gives each document its own
answers (tested against document-by-document runs).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from framing.match import _scan
from framing.match._compile import Plan
from framing.text._segment import segment_batch

Scanned = tuple[np.ndarray, np.ndarray, np.ndarray]
Segmented = tuple[np.ndarray, np.ndarray | None]

#: Documents held at most before their sentences are split (bounds the memory of a window
#: of documents without hits).
_MAX_WINDOW = 20_000


def documents(
    plan: Plan,
    texts: Sequence[str],
    *,
    n_entries: int,
    language: str,
    paragraphs: bool,
) -> Iterator[tuple[int, str, Scanned, Segmented | None]]:
    """``(doc, text, scanned, segmented)`` for each document, in order.

    ``scanned`` is :func:`~framing.match._scan.scan_document`'s answer. ``segmented`` is
    :func:`~framing.text._segment.segment_arrays`'s answer (paragraphs only with
    ``paragraphs``) for a short document with hits of an entry (targets below
    ``n_entries``; the others are proximity anchors), None for the other documents: a
    document without such hits needs no split, a long one is split on its own. The
    sizes are the matcher's (:data:`~framing.match._scan.BATCH_DOC_CHARS`,
    :data:`~framing.match._scan.BATCH_CHARS`).
    """
    window: list[tuple[int, str, Scanned]] = []
    wanted: list[int] = []  # positions in window of the short documents with hits
    size = 0
    for doc, (text, scanned) in enumerate(
        zip(texts, _scan.scan_documents(plan, texts), strict=True)
    ):
        window.append((doc, text, scanned))
        if len(text) < _scan.BATCH_DOC_CHARS and (scanned[0] < n_entries).any():
            wanted.append(len(window) - 1)
            size += len(text) + 2
        # A long document goes on at once (with the window before it), while what the scan
        # left in memory of its text (framing.text._chars.code_points) is still there.
        long = len(text) >= _scan.BATCH_DOC_CHARS
        if long or size >= _scan.BATCH_CHARS or len(window) >= _MAX_WINDOW:
            yield from _split(window, wanted, language, paragraphs)
            window, wanted, size = [], [], 0
    yield from _split(window, wanted, language, paragraphs)


def _split(
    window: list[tuple[int, str, Scanned]], wanted: list[int], language: str, paragraphs: bool
) -> Iterator[tuple[int, str, Scanned, Segmented | None]]:
    segmented: dict[int, Segmented] = {}
    if wanted:
        texts = [window[k][1] for k in wanted]
        found = segment_batch(texts, language=language, paragraphs=paragraphs)
        segmented = dict(zip(wanted, found, strict=True))
    for k, (doc, text, scanned) in enumerate(window):
        yield doc, text, scanned, segmented.get(k)
