"""framing._counts: group × term counts from a Corpus or a count table.

Expected values are counted by hand from the tiny texts below, or with plain Python over
``framing.text.words`` (the tokeniser is tested in test_text.py); never with the code
under test.
"""

from __future__ import annotations

import itertools
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing._counts import MISSING_GROUP, check_ngram, resolve_stopwords, term_table
from framing._errors import CorpusError, FramingError, FramingWarning
from framing.text import words


def corpus(texts, groups, column="outlet"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # empty texts are fine here
        return framing.Corpus(pd.DataFrame({"text": texts, column: groups}))


def as_dict(table):
    """{(group, term): count} of the nonzero cells."""
    frame = table.to_frame()
    return {(g, t): int(n) for g, t, n in frame[[table.by, "term", "n"]].itertuples(index=False)}


# --- unigrams --------------------------------------------------------------------------------


def test_unigram_counts_by_group_hand_counted():
    table = term_table(
        corpus(["L’armée a lancé l’offensive.", "Une offensive, dit l’armée."], ["A", "B"]),
        by="outlet",
    )
    assert table.groups == ("A", "B")
    # A: l' armée a lancé l' offensive (6 words); B: une offensive dit l' armée (5 words)
    assert table.group_totals.tolist() == [6, 5]
    counts = as_dict(table)
    assert counts[("A", "l'")] == 2
    assert counts[("A", "armée")] == 1
    assert counts[("B", "armée")] == 1
    assert counts[("A", "offensive")] == 1
    assert ("B", "lancé") not in counts
    assert table.settings["source"] == "corpus"


def test_group_totals_equal_the_corpus_token_count():
    texts = ["Un deux trois.", "Quatre, cinq !", "", "six sept huit neuf dix"]
    table = term_table(corpus(texts, ["x", "y", "x", "z"]), by="outlet")
    assert table.group_totals.sum() == sum(len(words(t)) for t in texts)
    assert dict(zip(table.groups, table.group_totals.tolist(), strict=True)) == {
        "x": 3,
        "y": 2,
        "z": 5,
    }


def test_missing_group_values_form_their_own_group_listed_last():
    table = term_table(corpus(["a b", "c", "d"], ["Z", None, "A"]), by="outlet")
    assert table.groups == ("A", "Z", MISSING_GROUP)
    assert as_dict(table)[(MISSING_GROUP, "c")] == 1


def test_numeric_groups_are_sorted_numerically():
    table = term_table(corpus(["a", "b", "c"], [10, 9, 100], column="year"), by="year")
    assert table.groups == (9, 10, 100)


def test_unknown_by_column_error():
    with pytest.raises(CorpusError, match=r"cannot group by 'outlat'.*Did you mean 'outlet'"):
        term_table(corpus(["a"], ["A"]), by="outlat")


def test_by_must_be_one_column_name():
    with pytest.raises(FramingError, match=r"by must be the name of one column"):
        term_table(corpus(["a"], ["A"]), by=["outlet"])


def test_data_of_the_wrong_type_is_refused():
    with pytest.raises(FramingError, match=r"data must be a framing.Corpus or a pandas"):
        term_table(["un texte"], by="outlet")


# --- n-grams ---------------------------------------------------------------------------------


def test_bigrams_stay_inside_sentences_and_documents():
    table = term_table(
        corpus(["Il part. Nous restons ici", "ici Il"], ["A", "A"]), by="outlet", ngram=2
    )
    terms = set(table.term_labels())
    assert terms == {"il part", "nous restons", "restons ici", "ici il"}
    # "part nous" would cross a sentence end; "ici ici" a document end


def test_unigrams_and_trigrams_together_and_elision_labels():
    table = term_table(corpus(["Le mariage pour tous. L’armée"], ["A"]), by="outlet", ngram=(1, 3))
    counts = as_dict(table)
    assert counts[("A", "mariage pour tous")] == 1
    assert counts[("A", "le mariage pour")] == 1
    assert counts[("A", "l'armée")] == 1  # no space after an elided form
    assert counts[("A", "mariage")] == 1
    # unigrams 6 (le mariage pour tous l' armée) + bigrams 4 + trigrams 2
    assert table.group_totals.tolist() == [12]


def test_only_bigrams():
    table = term_table(corpus(["a b c", "b c"], ["A", "B"]), by="outlet", ngram=2)
    assert as_dict(table) == {("A", "a b"): 1, ("A", "b c"): 1, ("B", "b c"): 1}


def test_text_shorter_than_the_ngram():
    table = term_table(corpus(["seul", "deux mots"], ["A", "B"]), by="outlet", ngram=3)
    assert table.n_terms == 0
    assert table.group_totals.tolist() == [0, 0]


@pytest.mark.parametrize("bad", [0, 6, (2, 1), (1, 2, 3), "2", 1.5, True])
def test_invalid_ngram_is_refused(bad):
    with pytest.raises(FramingError, match=r"ngram=.* is not valid; expected an n-gram order"):
        check_ngram(bad, "f")


# --- stopwords -------------------------------------------------------------------------------


def test_stopwords_drop_terms_made_only_of_stopwords():
    table = term_table(
        corpus(["Le mariage pour tous de la République"], ["A"]),
        by="outlet",
        ngram=(1, 3),
        stopwords="fr",
    )
    terms = set(table.term_labels())
    assert "mariage pour tous" in terms  # « pour », « tous » are stopwords, « mariage » not
    assert "mariage" in terms
    assert "de la" not in terms
    assert "le" not in terms
    assert "pour tous" not in terms
    assert "tous de la" not in terms
    assert table.settings["stopwords"].startswith("fr (framing list fr-1.0.0")


def test_user_stopword_list_is_normalised_like_the_tokens():
    stop, note = resolve_stopwords(["L’", "ARMÉE"], "fr", "f")
    assert stop == {"l'", "armée"}
    assert note == "user list (2 words)"


def test_shipped_lists_hold_function_words_not_content_words():
    fr, _ = resolve_stopwords("fr", "fr", "f")
    en, _ = resolve_stopwords("en", "en", "f")
    assert {"le", "de", "qu'", "est", "ont", "pour", "tous", "ne"} <= fr
    assert not {"mariage", "guerre", "offensive", "faire"} & fr
    assert {"the", "of", "'s", "was", "could", "and"} <= en
    assert not {"war", "said", "offensive"} & en


def test_unknown_stopword_list_suggests():
    with pytest.raises(FramingError, match=r"stopwords='french' is not a shipped list"):
        resolve_stopwords("french", "fr", "f")


def test_stopwords_must_be_strings():
    with pytest.raises(FramingError, match=r"stopwords must be strings"):
        resolve_stopwords(["le", 3], "fr", "f")


def test_stopwords_argument_type():
    with pytest.raises(FramingError, match=r"stopwords=3 is not valid"):
        resolve_stopwords(3, "fr", "f")


# --- document counts -------------------------------------------------------------------------


def test_document_range_counts_documents_not_occurrences():
    table = term_table(
        corpus(["a a a", "a b", "b", "a"], ["X", "X", "Y", "Y"]), by="outlet", keep_docs=True
    )
    labels = table.term_labels().tolist()
    x, y = table.groups.index("X"), table.groups.index("Y")
    assert table.doc_range([x])[labels.index("a")] == 2
    assert table.doc_range([y])[labels.index("a")] == 1
    assert table.doc_range([x, y])[labels.index("b")] == 2


# --- count tables ----------------------------------------------------------------------------


def test_count_table_duplicates_are_added_and_zero_terms_dropped():
    frame = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "term": ["war", "war", "war", "peace"],
            "n": [2, 3, 1, 0],
        }
    )
    table = term_table(frame, by="outlet")
    assert as_dict(table) == {("A", "war"): 5, ("B", "war"): 1}
    assert table.term_labels().tolist() == ["war"]
    assert table.settings["source"] == "count table"


def test_count_table_with_other_column_names_and_stopwords():
    frame = pd.DataFrame({"g": ["A", "B"], "frame": ["the war", "of the"], "hits": [4, 2]})
    table = term_table(frame, by="g", term="frame", count="hits", stopwords="en", language="en")
    assert as_dict(table) == {("A", "the war"): 4}


def test_count_table_round_trip():
    texts = ["Le mariage pour tous.", "Le mariage homosexuel, le mariage."]
    original = term_table(corpus(texts, ["A", "B"]), by="outlet", ngram=(1, 2))
    again = term_table(original.to_frame(), by="outlet")
    assert as_dict(again) == as_dict(original)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"outlet": ["A"], "word": ["x"], "n": [1]}), r"no term column 'term'"),
        (pd.DataFrame({"outlet": ["A"], "term": ["x"], "k": [1]}), r"no count column 'n'"),
        (pd.DataFrame({"outlt": ["A"], "term": ["x"], "n": [1]}), r"Did you mean 'outlt'"),
        (pd.DataFrame({"outlet": ["A"], "term": [None], "n": [1]}), r"missing values \(rows"),
        (pd.DataFrame({"outlet": ["A"], "term": ["x"], "n": ["many"]}), r"must hold counts"),
        (pd.DataFrame({"outlet": ["A"], "term": ["x"], "n": [-1]}), r"whole, non-negative"),
        (pd.DataFrame({"outlet": ["A"], "term": ["x"], "n": [1.5]}), r"whole, non-negative"),
    ],
)
def test_count_table_errors(frame, message):
    with pytest.raises(FramingError, match=message):
        term_table(frame, by="outlet")


def test_count_table_refuses_ngrams():
    frame = pd.DataFrame({"outlet": ["A"], "term": ["x"], "n": [1]})
    with pytest.raises(FramingError, match=r"ngram=2 needs a Corpus"):
        term_table(frame, by="outlet", ngram=2)


def test_count_table_columns_must_differ():
    frame = pd.DataFrame({"outlet": ["A"], "n": [1]})
    with pytest.raises(FramingError, match=r"must be three different columns"):
        term_table(frame, by="outlet", term="n")


# --- properties ------------------------------------------------------------------------------

_WORDS = st.sampled_from(["guerre", "paix", "offensive", "Karabakh", "mesures", "l’armée"])
_DOCS = st.lists(
    st.tuples(st.lists(_WORDS, max_size=12).map(" ".join), st.sampled_from(["A", "B", "C"])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(docs=_DOCS, seed=st.integers(0, 1000))
def test_counts_match_plain_python_and_ignore_document_order(docs, seed):
    texts = [t for t, _ in docs]
    groups = [g for _, g in docs]
    table = term_table(corpus(texts, groups), by="outlet", ngram=(1, 2))
    expected: Counter = Counter()
    for text, group in docs:
        tokens = words(text)
        expected.update((group, w) for w in tokens)
        for left, right in itertools.pairwise(tokens):
            label = left + right if left.endswith("'") else f"{left} {right}"
            expected[(group, label)] += 1
    assert as_dict(table) == dict(expected)
    order = np.random.default_rng(seed).permutation(len(docs))
    shuffled = term_table(
        corpus([texts[i] for i in order], [groups[i] for i in order]), by="outlet", ngram=(1, 2)
    )
    assert as_dict(shuffled) == as_dict(table)
    assert shuffled.groups == table.groups


def test_a_corpus_is_tokenised_once(monkeypatch):
    # several statistics on the same corpus, grouped one way or another, reuse one count
    import framing._counts as counts_module

    corpus = framing.read_corpus("karabakh-2023-fr")
    calls = []
    real = counts_module._tokens

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(counts_module, "_tokens", spy)
    first = framing.compare_keyness(corpus, by="outlet", target="La Gazette")
    again = framing.compare_keyness(corpus, by="outlet", target="La Gazette")
    framing.compare_log_odds(corpus, by="outlet", target="La Gazette")
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, again)
    # another grouping sums the same document counts: no new tokenising, and the table a
    # fresh corpus gives
    by_source = term_table(corpus, by="source_note")
    assert len(calls) == 1
    framing.compare_keyness(corpus, by="outlet", target="La Gazette", ngram=2)
    assert len(calls) == 2  # another n-gram range is counted anew
    fresh = framing.read_corpus("karabakh-2023-fr")  # another object: counted anew
    pd.testing.assert_frame_equal(
        framing.compare_keyness(fresh, by="outlet", target="La Gazette"), first
    )
    assert len(calls) == 3
    fresh = framing.read_corpus("karabakh-2023-fr")
    assert as_dict(term_table(fresh, by="source_note")) == as_dict(by_source)
    assert term_table(fresh, by="source_note").groups == by_source.groups


@pytest.mark.parametrize(
    "tokens",
    [
        [],
        ["a"],
        ["le", "chat", "le", "Chat", "é", "chat", "", "le"],
        ["x\ud800", "a", "x\ud800"],  # a lone surrogate: Arrow cannot hold it, pandas can
    ],
)
def test_factorize_strings_is_pandas_factorize(tokens):
    from framing._counts import _factorize_strings

    codes, vocab = _factorize_strings(tokens)
    expected_codes, expected_vocab = pd.factorize(np.asarray(tokens, dtype=object))
    assert codes.dtype == np.int64
    assert codes.tolist() == expected_codes.tolist()
    assert vocab.dtype == object
    assert vocab.tolist() == list(expected_vocab)
