"""Texts split in batches (segment_batch) get the spans each gets when split alone.

``framing.text._segment.segment_batch`` joins short texts by a blank line and splits them
in one pass; every comparison here is against ``segment_arrays`` on each text alone,
under every engine of tests/test_segment_speedup.py (the joined text is long enough for
the array engine, or forced to the Python engine, and the array engine's rare paths).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.corpus import read_corpus
from framing.text import _segment as seg
from tests.test_segment_speedup import (
    BREAK,
    CASES,
    ENGINES,
    HARD_TEXT,
    LANGUAGES,
    PROPERTY,
    _engine,
)

# Texts whose edges meet the joining blank line in every way: line breaks and spaces at
# either end, a full stop or an abbreviation last, a lower-case letter or a stop first.
EDGE = st.sampled_from(["", " ", "\u00a0", "\u200b", ".", "M.", "p.", "a", "«", "»", "-"])
EDGED = st.builds(lambda a, b, t, c, d: a + b + t + c + d, BREAK, EDGE, HARD_TEXT, EDGE, BREAK)
BATCH = st.lists(st.one_of(HARD_TEXT, EDGED, st.sampled_from(CASES)), min_size=2, max_size=8)


def _assert_batch_is_each(texts: list[str], language: str, paragraphs: bool) -> None:
    got = seg.segment_batch(texts, language=language, paragraphs=paragraphs)
    assert len(got) == len(texts)
    for text, (sentences, paras) in zip(texts, got, strict=True):
        want_s, want_p = seg.segment_arrays(text, language=language, paragraphs=paragraphs)
        assert sentences.dtype == np.int64 and sentences.shape[1:] == (2,)
        assert sentences.tolist() == want_s.tolist(), (text, "sentences")
        if paragraphs:
            assert paras.tolist() == want_p.tolist(), (text, "paragraphs")
        else:
            assert paras is None


@pytest.mark.parametrize("engine", ENGINES)
@PROPERTY
@given(texts=BATCH, language=st.sampled_from(LANGUAGES), paragraphs=st.booleans())
def test_batch_spans_are_each_texts_spans(engine, texts, language, paragraphs):
    with _engine(engine):  # (each text alone is split with the same engine settings)
        _assert_batch_is_each(texts, language, paragraphs)


@PROPERTY
@given(text=st.one_of(HARD_TEXT, EDGED))
def test_has_blank_line_is_the_splitters_own_test(text):
    assert seg.has_blank_line(text) == bool(seg._Small(text, seg._rules("fr", "t")).blank)


@pytest.mark.parametrize("engine", ENGINES)
def test_cases_in_one_batch(engine):
    with _engine(engine):
        _assert_batch_is_each(list(CASES), "fr", True)
        _assert_batch_is_each(list(CASES)[::-1], "en", True)


def test_bundled_corpus_in_one_batch():
    texts = list(read_corpus("karabakh-2023-fr").texts)
    _assert_batch_is_each(texts, "fr", True)
    # and one text alone, or none
    assert seg.segment_batch([], language="fr") == []
    (alone,) = seg.segment_batch(texts[:1], language="fr")
    assert alone[0].tolist() == seg.segment_arrays(texts[0])[0].tolist()
