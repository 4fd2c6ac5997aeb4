"""Short documents scanned in batches give each document its own hits.

:func:`framing.match._scan.scan_documents` joins consecutive short documents with a
separator and scans them at once; every test compares it with
:func:`~framing.match._scan.scan_document` run on each document alone, which is the
definition.
"""

from __future__ import annotations

import unittest.mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import _jit as jit_module
from framing._errors import FramingWarning
from framing.corpus import Corpus
from framing.lexicon import Lexicon
from framing.match import _api, _documents, _hits, _scan, match_lexicon
from framing.text._segment import segment_arrays
from tests.test_segment_speedup import HARD_TEXT

# Letters (accented, upper case, « œ » that expands), the separator itself, spaces and line
# breaks, apostrophes and hyphens (elision, prefixes, compounds), a combining mark (whose
# normalisation cannot be looked up: the batch falls back), CJK and astral letters.
ALPHABET = "abslqéÉœ \u00a0\n\x00'’-.«»\u0301中𐐀"
WORDS = ["l", "qu", "jusqu", "anti", "non", "abs", "sa", "s", "é", "œil", "Karabakh", "haut"]


def _lexicon(language: str = "fr") -> Lexicon:
    return Lexicon.from_dict(
        {
            "name": "batch",
            "version": "1.0.0",
            "language": language,
            "frames": {
                "f": ["s*", "abs", "sa* é*", "karabakh", "haut-karabakh", "oeil", "-pro"],
                "g": [
                    {"term": "Abs", "case_sensitive": True},
                    {"term": "é", "fold_accents": False},
                    "anti*",
                    "discrimination",
                    "sa.",
                ],
            },
        }
    )


@st.composite
def _texts(draw: st.DrawFn) -> list[str]:
    def one() -> st.SearchStrategy[str]:
        pieces = st.lists(st.sampled_from(WORDS) | st.text(ALPHABET, max_size=3), max_size=10)
        return pieces.map("".join)

    return draw(st.lists(one(), max_size=8))


def _same(plan, texts: list[str]) -> None:
    expected = [_scan.scan_document(plan, text) for text in texts]
    got = list(_scan.scan_documents(plan, texts))
    assert len(got) == len(expected)
    for g, x in zip(got, expected, strict=True):
        for a, b in zip(g, x, strict=True):
            np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("loops", [False, True], ids=["numpy", "compiled"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=_texts(), batch=st.integers(1, 60), longest=st.integers(0, 40))
def test_batches_give_each_document_its_own_hits(language, loops, texts, batch, longest):
    plan = _api._compile(_lexicon(language), language).plan
    with (
        unittest.mock.patch.object(_scan, "BATCH_CHARS", batch),
        unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", longest),
        unittest.mock.patch.object(jit_module, "_on", loops),
    ):
        _same(plan, texts)


def test_a_batch_with_a_combining_mark_is_scanned_document_by_document():
    plan = _api._compile(_lexicon(), "fr").plan
    texts = ["abs sa é", "e\u0301 abs", "l'abs"]
    with unittest.mock.patch.object(_scan, "scan_document", wraps=_scan.scan_document) as one:
        got = list(_scan.scan_documents(plan, texts))
    assert one.call_count == 3  # the lookup path gave up on the batch
    for g, text in zip(got, texts, strict=True):
        np.testing.assert_array_equal(g[1], _scan.scan_document(plan, text)[1])


def test_batches_are_used_and_cut():
    plan = _api._compile(_lexicon(), "fr").plan
    texts = ["abs " * 10] * 7 + ["x" * 50, "abs"]
    with (
        unittest.mock.patch.object(_scan, "BATCH_CHARS", 100),
        unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", 45),
        unittest.mock.patch.object(_scan, "_scan_batch", wraps=_scan._scan_batch) as batches,
    ):
        _same(plan, texts)
    # 41 characters a document: batches of three (123 >= 100), then one, the long
    # document alone, and the last one
    sizes = [len(call.args[1]) for call in batches.call_args_list]
    assert sizes[:2] == [3, 3] and sum(sizes) == 8


def test_a_key_holding_the_separator_turns_batches_off():
    lex = Lexicon.from_dict(
        {"name": "t", "version": "1.0.0", "language": "fr", "frames": {"f": ["a\x00b", "ab"]}}
    )
    plan = _api._compile(lex, "fr").plan
    assert not _scan._batchable(plan)
    texts = ["a\x00b ab", "ab a\x00b"]
    _same(plan, texts)
    assert [len(t) for t, _, _ in _scan.scan_documents(plan, texts)] == [2, 2]


def test_lone_surrogates_in_a_batch():
    plan = _api._compile(_lexicon(), "fr").plan
    _same(plan, ["abs \udc80 sa", "\ud800abs", "abs"])


def test_tables_same_with_and_without_batches():
    texts = ["Abs l'abs, sa été.", "", "L’œil du Haut-Karabakh.", "anti-abs s-abs", "sa."] * 5
    with pytest.warns(FramingWarning, match="empty"):
        corpus = Corpus.from_frame(pd.DataFrame({"text": texts}))
    with unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", 0):
        expected = match_lexicon(corpus, _lexicon())
    with unittest.mock.patch.object(_scan, "BATCH_CHARS", 50):
        got = match_lexicon(corpus, _lexicon())
    assert len(expected) > 20
    pd.testing.assert_frame_equal(got, expected)


# --- sentences and paragraphs of short documents, split in batches -------------------------


def _one_by_one(texts, *, language, paragraphs):
    return [segment_arrays(t, language=language, paragraphs=paragraphs) for t in texts]


VOICED = ["Il parle d'« opération antiterroriste ».", "L'offensive, a dit M. Aliev, est finie."]
PRESS = st.lists(
    st.one_of(
        HARD_TEXT,
        st.sampled_from(VOICED),
        st.builds(lambda a, b: a + b, st.sampled_from(VOICED), HARD_TEXT),
        st.builds(lambda a, b: a + "\n" + b, HARD_TEXT, st.sampled_from(VOICED)),
    ),
    min_size=1,
    max_size=8,
)
VOICE_LEXICON = {
    "name": "voiced",
    "version": "1.0.0",
    "language": "fr",
    "frames": {"f": ["opération*", "offensive", "Bakou", "M", "il", "le", "suite"]},
}


def _storable(text: str) -> str:
    """``text`` with its lone surrogates replaced: pandas' string columns refuse them."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


@pytest.mark.filterwarnings("ignore:.*empty or whitespace-only")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=PRESS, batch=st.integers(1, 400))
def test_tables_same_with_sentences_and_voice_in_batches_or_one_by_one(texts, batch):
    corpus = Corpus(pd.DataFrame({"text": [_storable(t) for t in texts]}))
    lexicon = Lexicon.from_dict(VOICE_LEXICON)
    with unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", 0):  # every step one by one
        expected = match_lexicon(corpus, lexicon)
    with unittest.mock.patch.object(_documents, "segment_batch", _one_by_one):
        voice_batched = match_lexicon(corpus, lexicon)  # scans and voice in batches
    with unittest.mock.patch.object(_scan, "BATCH_CHARS", batch):
        got = match_lexicon(corpus, lexicon)  # scans, sentences and voice in batches
    pd.testing.assert_frame_equal(voice_batched, expected)
    pd.testing.assert_frame_equal(got, expected)


def test_sentences_are_split_in_batches_only_for_short_documents_with_hits():
    texts = ["Une offensive. Puis rien.", "Rien ici.", "x " * 40 + "offensive.", "offensive"]
    corpus = Corpus(pd.DataFrame({"text": texts}))
    lexicon = Lexicon.from_dict(VOICE_LEXICON)
    with (
        unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", 50),
        unittest.mock.patch.object(_scan, "BATCH_CHARS", 20),
        unittest.mock.patch.object(
            _documents, "segment_batch", wraps=_documents.segment_batch
        ) as batches,
        unittest.mock.patch.object(_hits, "segment_arrays", wraps=_hits.segment_arrays) as alone,
    ):
        got = match_lexicon(corpus, lexicon)
    asked = [call.args[0] for call in batches.call_args_list]
    # the first document fills a batch (20 characters); the second has no hit; the third is
    # long (split on its own); the last one is a batch of its own, at the end
    assert asked == [[texts[0]], [texts[3]]]
    assert [call.args[0] for call in alone.call_args_list] == [texts[2]]
    assert got["doc_id"].nunique() == 3


# --- the hits of short documents, kept in batches ------------------------------------------

CONSTRAINED = {
    "name": "constrained",
    "version": "1.0.0",
    "language": "fr",
    "frames": {
        "f": [
            {"term": "opération*", "not_near": ["Ukraine", "spéciale"], "not_window": 3},
            "opération militaire",
            "militaire",
            {"term": "offensive", "near": ["Bakou", "Aliev"], "window": "sentence"},
            "suite",
        ],
        "g": ["opération", "offensive éclair", "le"],
    },
}
SHORT_WORDS = [
    "opération",
    "opérations",
    "militaire",
    "offensive",
    "éclair",
    "Bakou",
    "Aliev",
    "Ukraine",
    "spéciale",
    "suite",
    "le",
    "dit",
    "«",
    "»",
    ".",
    ",",
    "\n",
]


@pytest.mark.filterwarnings("ignore:.*empty or whitespace-only")
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(st.lists(st.sampled_from(SHORT_WORDS), max_size=14), min_size=1, max_size=10),
    overlap=st.sampled_from(["longest", "all"]),
    audit=st.booleans(),
    voice=st.booleans(),
    batch=st.integers(1, 300),
)
def test_short_documents_kept_in_batches_as_one_by_one(docs, overlap, audit, voice, batch):
    # constraints (near, not_near: rejected hits), the overlap rule and the sentence of
    # each hit, for documents matched together, against each document matched alone
    corpus = Corpus(pd.DataFrame({"text": [" ".join(words) for words in docs]}))
    lexicon = Lexicon.from_dict(CONSTRAINED)
    options = {"overlap": overlap, "audit": audit, "voice": voice}
    with unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", 0):  # every step one by one
        expected = match_lexicon(corpus, lexicon, **options)
    with unittest.mock.patch.object(_scan, "BATCH_CHARS", batch):
        got = match_lexicon(corpus, lexicon, **options)
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs["n_rejected"] == expected.attrs["n_rejected"]


def test_short_documents_are_kept_in_batches():
    texts = ["Une opération militaire à Bakou.", "Rien.", "L'offensive, dit Aliev."] * 3
    corpus = Corpus(pd.DataFrame({"text": texts}))
    lexicon = Lexicon.from_dict(CONSTRAINED)
    batches = []
    real = _api.match_short_documents

    def spy(batch, *args, **kwargs):
        batches.append([doc for doc, *_ in batch])
        return real(batch, *args, **kwargs)

    with unittest.mock.patch.object(_api, "match_short_documents", spy):
        got = match_lexicon(corpus, lexicon)
    assert batches == [[0, 2, 3, 5, 6, 8]]  # the documents with hits, in one batch
    assert set(got["doc_id"]) == {corpus.doc_ids[i] for i in (0, 2, 3, 5, 6, 8)}


def test_the_assemblee_debates_kept_in_batches_as_one_by_one():
    # 19,240 interventions (most of them short), a lexicon that matches often, with
    # constraints and nested entries: the whole table, document by document or in batches
    from framing.corpus import read_corpus

    corpus = read_corpus("an-mariage-2013")
    lexicon = Lexicon.from_dict(
        {
            "name": "debates",
            "version": "1.0.0",
            "language": "fr",
            "frames": {
                "family": ["mariage*", "famille*", "enfant*", "parent*", "mariage pour tous"],
                "law": [
                    {"term": "loi", "not_near": ["famille*"], "not_window": 4},
                    {"term": "texte", "near": ["loi", "projet"], "window": "sentence"},
                    "projet de loi",
                    "amendement*",
                ],
            },
        }
    )
    for options in ({"overlap": "longest"}, {"overlap": "all", "audit": True}):
        with unittest.mock.patch.object(_scan, "BATCH_DOC_CHARS", 0):
            expected = match_lexicon(corpus, lexicon, **options)
        got = match_lexicon(corpus, lexicon, **options)
        assert expected.attrs["n_rejected"] > 0 and len(expected) > 10_000
        pd.testing.assert_frame_equal(got, expected)
