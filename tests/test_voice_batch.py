"""Voice assigned to short documents in one batch equals voice assigned to each alone.

``framing.voice._assign._assign_batch`` joins documents by a blank line and runs the voice
scans once; each comparison is against ``_assign_trusted`` on each document alone (the
matcher's per-document call), computed by the regular-expression route, while the batch
runs by both routes (the array and compiled route is what a real batch takes).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.text._segment import segment_arrays
from framing.voice import load_cues
from framing.voice._assign import _assign_batch, _assign_trusted
from tests.test_voice_speedup import ENGLISH, FRENCH, SETTINGS, scanning, texts

# Documents that start or end right at a cue, a quotation mark or an apostrophe, so that
# what the scans read across a document's edge is tried.
EDGES = ["", "«", "»", '"', "'", "’", "selon", "Selon lui", "a déclaré", "dit-il", "\n", " "]


@st.composite
def batches(draw, words: list[str]):
    docs = []
    for _ in range(draw(st.integers(1, 6))):
        text = draw(st.sampled_from(EDGES)) + draw(texts(words)) + draw(st.sampled_from(EDGES))
        n = len(text)
        pairs = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 12)), max_size=8))
        starts = np.array([s for s, _ in pairs], dtype=np.int64)
        ends = np.array([min(s + k, n) for s, k in pairs], dtype=np.int64)
        docs.append((text, starts, ends))
    return docs


def _check(docs, language: str, label_cues: bool) -> None:
    cues = load_cues(language, label_cues=label_cues)
    split = [segment_arrays(t, language=language) for t, _, _ in docs]
    with scanning("regex"):
        expected = [
            _assign_trusted(t, s, e, sent, para, cues)
            for (t, s, e), (sent, para) in zip(docs, split, strict=True)
        ]
    for mode in ("numpy", "regex"):
        with scanning(mode):
            got = _assign_batch(
                [t for t, _, _ in docs],
                [s for _, s, _ in docs],
                [e for _, _, e in docs],
                [sent for sent, _ in split],
                [para for _, para in split],
                cues,
            )
        assert len(got) == len(expected)
        for (text, _, _), g, x in zip(docs, got, expected, strict=True):
            for a, b in zip(g, x, strict=True):
                assert a.tolist() == b.tolist(), (mode, text)


@SETTINGS
@given(docs=batches(FRENCH), label_cues=st.booleans())
def test_french_batches_same_voice(docs, label_cues):
    _check(docs, "fr", label_cues)


@SETTINGS
@given(docs=batches(ENGLISH), label_cues=st.booleans())
def test_english_batches_same_voice(docs, label_cues):
    _check(docs, "en", label_cues)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hand_picked_edges(language):
    texts_ = [
        "« Ce sont des mesures antiterroristes",  # a quote left open at the end
        "», a dit le porte-parole. Selon Bakou, l'opération est finie",
        "selon",
        "'Opération' dit-il. Le soi-disant régime",
        "‘quote’ said Baku. The so-called regime",
    ]
    docs = [(t, np.array([0, len(t) // 2]), np.array([3, len(t)])) for t in texts_]
    _check(docs, language, True)
