"""Tests for framing.sklearn: LexiconVectorizer, a scikit-learn text transformer.

scikit-learn's estimator checks and this estimator
---------------------------------------------------
``check_estimator`` / ``parametrize_with_checks`` generate their common checks only for
estimators that accept a 2-D numeric array (``input_tags.two_d_array``). A text vectorizer
declares ``input_tags.string=True, two_d_array=False`` (as ``CountVectorizer`` does), so for it
scikit-learn 1.9 runs nothing but ``check_estimator_cloneable`` and warns "Can't test
estimator" (pinned in ``test_check_estimator_skips_text_estimators``). Hence:

- ``APPLICABLE``: the checks that do not depend on numeric data (API, params, tags, repr,
  NotFittedError before fit) are run one by one on the real estimator;
- ``NOT_APPLICABLE``: the checks that feed random numeric matrices and expect a numeric
  transformer to accept them, each with the reason; where the property they test matters for
  texts, a text version of it is written below (``test_text_*``);
- ``test_every_check_is_classified`` lists what scikit-learn would generate for a numeric
  transformer and fails when a check appears that is in neither list (a new scikit-learn
  version), so that every check is looked at.
"""

from __future__ import annotations

import math
import pickle
import warnings
from functools import partial

import joblib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sklearn = pytest.importorskip("sklearn")

from sklearn.base import clone  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.exceptions import NotFittedError, SkipTestWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.utils import estimator_checks as ec  # noqa: E402
from sklearn.utils import get_tags  # noqa: E402

import framing  # noqa: E402
from framing import FramingError, Lexicon, LexiconError  # noqa: E402
from framing.sklearn import LexiconVectorizer  # noqa: E402
from framing.text import count_words  # noqa: E402

# --- fixtures ------------------------------------------------------------------------------

DEMO = {
    "name": "demo",
    "version": "1.0.0",
    "language": "fr",
    "frames": {
        "security": ["antiterroris*", "menace*"],
        # a group frame "conflict" with no entries of its own, and its child
        "conflict": {"frames": {"military": ["offensive*", "armée"]}},
    },
    "contests": {
        "region": {"variants": {"haut_karabakh": ["Haut-Karabakh"], "karabakh": ["Karabakh"]}},
        "operation": {
            "variants": {
                "counter_terrorism": ["mesures anti-terroristes"],
                "offensive": ["offensive"],
            }
        },
    },
}
FRAMES = ["security", "conflict/military"]
VARIANTS = [
    "region/haut_karabakh",
    "region/karabakh",
    "operation/counter_terrorism",
    "operation/offensive",
]
ENTRIES = [
    "security:antiterroris*",
    "security:menace*",
    "conflict/military:offensive*",
    "conflict/military:armée",
    "region/haut_karabakh:Haut-Karabakh",
    "region/karabakh:Karabakh",
    "operation/counter_terrorism:mesures anti-terroristes",
    "operation/offensive:offensive",
]
# Hand-counted: doc 0 has « antiterroristes », « menace » (security), « offensive »
# (conflict/military and operation/offensive), « Karabakh », « mesures antiterroristes »;
# doc 2 « armée » and « Haut-Karabakh » (one mention of haut_karabakh, not also of karabakh);
# docs 1 and 3 are empty / whitespace only.
TEXTS = [
    "Bakou a lancé des mesures antiterroristes au Karabakh. L'offensive menace les civils.",
    "",
    "L'armée est entrée au Haut-Karabakh.",
    "  \n ",
]
WORDS = [13, 0, 6, 0]  # count_words of TEXTS, by hand
COUNTS_ALL = [
    # security, conflict/military, haut_karabakh, karabakh, counter_terrorism, offensive
    [2, 1, 0, 1, 1, 1],
    [0, 0, 0, 0, 0, 0],
    [0, 1, 1, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.from_dict(DEMO)


@pytest.fixture(scope="module")
def karabakh() -> Lexicon:
    return framing.read_lexicon("karabakh-2023-fr")


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> framing.Corpus:
    return framing.read_corpus(seeds_dir)


# --- hand-known values ---------------------------------------------------------------------


def test_counts_by_hand(lex):
    vec = LexiconVectorizer(lex, features="all")
    X = vec.fit_transform(TEXTS)
    assert X.dtype == np.float64
    np.testing.assert_array_equal(X, np.array(COUNTS_ALL, dtype=float))
    assert vec.get_feature_names_out().tolist() == FRAMES + VARIANTS


@pytest.mark.parametrize(
    ("features", "names", "columns"),
    [("frames", FRAMES, [0, 1]), ("variants", VARIANTS, [2, 3, 4, 5])],
)
def test_frames_and_variants_are_slices_of_all(lex, features, names, columns):
    vec = LexiconVectorizer(lex, features=features)
    X = vec.fit_transform(TEXTS)
    assert vec.get_feature_names_out().tolist() == names
    np.testing.assert_array_equal(X, np.array(COUNTS_ALL, dtype=float)[:, columns])


def test_entries_by_hand(lex):
    vec = LexiconVectorizer(lex, features="entries")
    X = vec.fit_transform([TEXTS[0], TEXTS[2]])
    assert vec.get_feature_names_out().tolist() == ENTRIES
    np.testing.assert_array_equal(X, [[1, 1, 1, 0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 0, 0, 0]])


def test_overlap_all_counts_the_part_too(lex):
    # « Karabakh » inside « Haut-Karabakh » counts for the karabakh variant only with "all"
    X = LexiconVectorizer(lex, features="variants", overlap="all").fit_transform(TEXTS[2:3])
    np.testing.assert_array_equal(X, [[1, 1, 0, 0]])


def test_rates_and_binary_by_hand(lex):
    counts = np.array(COUNTS_ALL, dtype=float)
    rates = LexiconVectorizer(lex, features="all", value="rate").fit_transform(TEXTS)
    expected = np.zeros_like(counts)
    expected[0] = counts[0] / 13 * 1000
    expected[2] = counts[2] / 6 * 1000
    np.testing.assert_allclose(rates, expected)
    assert not np.isnan(rates).any()  # empty texts: rate 0, not NaN
    per100 = LexiconVectorizer(lex, features="all", value="rate", per=100).fit_transform(TEXTS)
    np.testing.assert_allclose(per100, expected / 10)
    binary = LexiconVectorizer(lex, features="all", value="binary").fit_transform(TEXTS)
    np.testing.assert_array_equal(binary, (counts > 0).astype(float))


def test_words_used_for_rates_are_count_words(lex):
    assert [count_words(t) for t in TEXTS] == WORDS


def test_text_without_words_has_rate_zero(lex):
    X = LexiconVectorizer(lex, value="rate").fit_transform(["« ? » …", ""])
    np.testing.assert_array_equal(X, np.zeros((2, 2)))


VOICE_TEXTS = [
    "C'est une « offensive » éclair.",  # quoted, distanced (scare quotes)
    "L'offensive continue.",  # author
    "« L'offensive est terminée », a déclaré le ministre.",  # quoted, not distanced
    "Selon Bakou, l'offensive est terminée.",  # attributed
    "Une soi-disant offensive.",  # author, distanced (« soi-disant »)
]


@pytest.mark.parametrize(
    ("voice", "distanced", "expected"),
    [
        (None, None, [1, 1, 1, 1, 1]),
        ("author", None, [0, 1, 0, 0, 1]),
        ("quoted", None, [1, 0, 1, 0, 0]),
        ("attributed", None, [0, 0, 0, 1, 0]),
        (["author", "attributed"], None, [0, 1, 0, 1, 1]),
        (None, True, [1, 0, 0, 0, 1]),
        (None, False, [0, 1, 1, 1, 0]),
        ("author", False, [0, 1, 0, 0, 0]),
    ],
)
def test_voice_and_distanced_filters(voice, distanced, expected):
    lex = Lexicon.from_dict(
        {"name": "v", "version": "1.0.0", "language": "fr", "frames": {"military": ["offensive*"]}}
    )
    vec = LexiconVectorizer(lex, voice=voice, distanced=distanced)
    np.testing.assert_array_equal(vec.fit_transform(VOICE_TEXTS)[:, 0], expected)


def test_proximity_rejected_hits_never_count():
    lex = Lexicon.from_dict(
        {
            "name": "near",
            "version": "1.0.0",
            "language": "fr",
            "frames": {"event": [{"term": "offensive", "near": ["Bakou"]}]},
        }
    )
    X = LexiconVectorizer(lex).fit_transform(["Bakou lance une offensive.", "Une offensive."])
    np.testing.assert_array_equal(X, [[1], [0]])


# --- agreement with the matches table (independent computation) ----------------------------


def _expected_from_matches(matches, doc_ids, names, key):
    """Counts per (document, feature) by groupby over the matches table."""
    keyed = matches.assign(key=key(matches)).dropna(subset=["key"])
    table = keyed.groupby(["doc_id", "key"]).size().unstack(fill_value=0)
    return table.reindex(index=doc_ids, columns=names, fill_value=0).to_numpy(dtype=float)


KEYS = {
    "frames": lambda m: m["frame"],
    "variants": lambda m: (m["contest"] + "/" + m["variant"]).where(m["frame"].isna()),
    "all": lambda m: m["frame"].fillna(m["contest"] + "/" + m["variant"]),
    "entries": lambda m: m["frame"].fillna(m["contest"] + "/" + m["variant"]) + ":" + m["entry"],
}


@pytest.mark.parametrize("features", list(KEYS))
def test_counts_equal_matches_grouped_by_document(seeds, karabakh, features):
    vec = LexiconVectorizer(karabakh, features=features)
    X = vec.fit_transform(seeds)
    names = vec.get_feature_names_out().tolist()
    matches = framing.match_lexicon(seeds, karabakh, voice=False)
    expected = _expected_from_matches(matches, seeds.doc_ids, names, KEYS[features])
    np.testing.assert_array_equal(X, expected)
    if features in ("all", "entries"):  # every hit is of a frame or of a variant
        assert X.sum() == len(matches)


def test_rates_equal_counts_over_count_words(seeds, karabakh):
    vec = LexiconVectorizer(karabakh, features="variants", value="rate", per=1000)
    rates = vec.fit_transform(seeds)
    names = vec.get_feature_names_out().tolist()
    matches = framing.match_lexicon(seeds, karabakh, voice=False)
    counts = _expected_from_matches(matches, seeds.doc_ids, names, KEYS["variants"])
    words = np.array([count_words(t, language="fr") for t in seeds.texts], dtype=float)
    np.testing.assert_allclose(rates, counts / words[:, None] * 1000)


def test_author_voice_equals_filtered_matches(seeds, karabakh):
    vec = LexiconVectorizer(karabakh, features="frames", voice="author")
    X = vec.fit_transform(seeds)
    matches = framing.match_lexicon(seeds, karabakh)
    own = matches[matches["voice"] == "author"]
    names = vec.get_feature_names_out().tolist()
    np.testing.assert_array_equal(
        X, _expected_from_matches(own, seeds.doc_ids, names, KEYS["frames"])
    )
    assert X.sum() < len(matches[matches["frame"].notna()])  # the seeds do quote


# --- feature names -------------------------------------------------------------------------


def test_feature_names_follow_the_bundled_lexicon_order(karabakh):
    names = LexiconVectorizer(karabakh, features="all").fit([]).get_feature_names_out()
    assert names.dtype == object
    assert names[:6].tolist() == [
        "security/counter_terrorism",
        "conflict/military",
        "humanitarian",
        "sovereignty_legality",
        "delegitimation",
        "international_reaction",
    ]
    assert names[6:9].tolist() == [
        "operation_name/counter_terrorism",
        "operation_name/military_operation",
        "operation_name/operation",
    ]
    assert names[-1] == "population_movement/reintegration"
    assert len(names) == len(set(names))


def test_feature_names_are_a_copy_and_ignore_input_features(lex):
    vec = LexiconVectorizer(lex).fit(TEXTS)
    names = vec.get_feature_names_out(["text"])
    names[0] = "changed"
    assert vec.get_feature_names_out().tolist() == FRAMES


def test_repeated_entry_is_one_column():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.LexiconWarning)
        lex = Lexicon.from_dict(
            {"name": "r", "version": "1.0.0", "language": "fr", "frames": {"a": ["x", "x"]}}
        )
    vec = LexiconVectorizer(lex, features="entries").fit([])
    assert vec.get_feature_names_out().tolist() == ["a:x"]
    np.testing.assert_array_equal(vec.transform(["x y x"]), [[2]])


def test_transform_uses_the_fitted_features_until_refit(lex):
    vec = LexiconVectorizer(lex).fit([])
    vec.set_params(features="variants")
    assert vec.transform(TEXTS).shape == (4, len(FRAMES))
    assert vec.get_feature_names_out().tolist() == FRAMES
    assert vec.fit([]).get_feature_names_out().tolist() == VARIANTS


# --- inputs and outputs --------------------------------------------------------------------


def _generator():
    yield from TEXTS


@pytest.mark.parametrize(
    "make",
    [
        list,
        tuple,
        np.array,
        lambda t: np.array(t, dtype=object).reshape(-1, 1),
        pd.Series,
        lambda t: pd.Series(t, dtype="string"),
        lambda t: pd.DataFrame({"outlet": list("abcd"), "text": t}),
        lambda t: pd.DataFrame({"body": t}),
        lambda t: framing.Corpus(pd.DataFrame({"text": t})),
    ],
    ids=["list", "tuple", "ndarray", "2d-one-column", "series", "string-series", "df-text",
         "df-one-column", "corpus"],
)  # fmt: skip
def test_input_kinds_give_the_same_matrix(lex, make):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", framing.FramingWarning)  # Corpus: empty texts
        X = make(TEXTS)
    vec = LexiconVectorizer(lex, features="all")
    np.testing.assert_array_equal(vec.fit(X).transform(X), COUNTS_ALL)
    np.testing.assert_array_equal(vec.fit_transform(X), COUNTS_ALL)


def test_generator_is_read_once_by_fit_transform(lex):
    X = LexiconVectorizer(lex, features="all").fit_transform(_generator())
    np.testing.assert_array_equal(X, COUNTS_ALL)


def test_empty_input_gives_no_row(lex):
    vec = LexiconVectorizer(lex).fit([])
    assert vec.transform([]).shape == (0, len(FRAMES))
    assert vec.set_output(transform="pandas").transform([]).columns.tolist() == FRAMES


def test_set_output_pandas_keeps_names_and_index(lex):
    series = pd.Series(TEXTS, index=["d1", "d2", "d3", "d4"], name="text")
    vec = LexiconVectorizer(lex, features="all").set_output(transform="pandas")
    out = vec.fit_transform(series)
    assert isinstance(out, pd.DataFrame)
    assert out.columns.tolist() == FRAMES + VARIANTS
    assert out.index.tolist() == ["d1", "d2", "d3", "d4"]
    np.testing.assert_array_equal(out.to_numpy(), COUNTS_ALL)
    frame = pd.DataFrame({"text": TEXTS}, index=pd.Index([10, 11, 12, 13], name="doc"))
    out = vec.transform(frame)
    assert out.index.equals(frame.index)
    assert vec.transform(TEXTS).index.tolist() == [0, 1, 2, 3]


def test_pandas_output_of_a_corpus_by_doc_id(seeds, karabakh):
    docs = seeds.docs.set_index("doc_id")
    out = LexiconVectorizer(karabakh).set_output(transform="pandas").fit_transform(docs)
    assert out.index.tolist() == seeds.doc_ids


# --- sklearn behaviour: clone, pickle, tags ------------------------------------------------


def test_params_stored_as_given_and_lexicon_read_at_fit(karabakh):
    vec = LexiconVectorizer("karabakh-2023-fr", voice=["author"], per=100)
    assert vec.get_params()["lexicon"] == "karabakh-2023-fr"
    assert not hasattr(vec, "lexicon_")
    vec.fit(["Un texte."])
    assert vec.lexicon == "karabakh-2023-fr"
    assert vec.voice == ["author"]
    assert vec.lexicon_ == karabakh
    assert vec.language_ == "fr"


def test_lexicon_from_a_path(repo_dir, karabakh):
    path = repo_dir / "lexicons" / "karabakh-2023-fr.yaml"
    vec = LexiconVectorizer(path).fit([])
    assert vec.lexicon is path
    assert vec.lexicon_ == karabakh


def test_clone_is_unfitted_with_equal_params(lex):
    vec = LexiconVectorizer(lex, features="variants", value="rate", per=10).fit(TEXTS)
    copy = clone(vec)
    assert copy.get_params() == vec.get_params()
    assert not hasattr(copy, "lexicon_")
    with pytest.raises(NotFittedError):
        copy.transform(TEXTS)


@pytest.mark.parametrize("lexicon", ["demo-object", "karabakh-2023-fr"])
def test_pickle_round_trip(lex, lexicon):
    vec = LexiconVectorizer(lex if lexicon == "demo-object" else lexicon, features="all")
    vec.fit(TEXTS)
    again = pickle.loads(pickle.dumps(vec))
    assert again.get_params().keys() == vec.get_params().keys()
    np.testing.assert_array_equal(again.get_feature_names_out(), vec.get_feature_names_out())
    np.testing.assert_array_equal(again.transform(TEXTS), vec.transform(TEXTS))


def test_tags_declare_text_input(lex):
    tags = get_tags(LexiconVectorizer(lex))
    assert tags.input_tags.string
    assert not tags.input_tags.two_d_array
    assert tags.requires_fit
    assert tags.transformer_tags is not None


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"features": "frame"}, r"features='frame' is not valid; .*Did you mean 'frames'"),
        ({"features": ["frames"]}, r"features=\['frames'\] is not valid; expected one of"),
        ({"value": "rates"}, r"value='rates' is not valid; .*Did you mean 'rate'"),
        ({"overlap": "short"}, r"overlap='short' is not valid; expected one of 'longest', 'all'"),
        ({"per": 0}, r"per must be a positive number of tokens .*; got 0\."),
        ({"per": -5}, r"per must be a positive number .*got -5\."),
        ({"per": True}, r"per must be a positive number .*got True\."),
        ({"per": math.nan}, r"per must be a positive number .*got nan\."),
        ({"per": "1000"}, r"per must be a positive number .*got '1000'\."),
        ({"voice": "auteur"}, r"voice='auteur' is not a voice; .*Did you mean 'author'"),
        ({"voice": []}, r"voice must be one of 'author', 'quoted', 'attributed', a non-empty"),
        ({"voice": 1}, r"voice must be one of .*got 1\."),
        ({"distanced": "yes"}, r"distanced must be True .*None \(every hit\); got 'yes'\."),
        ({"language": "de"}, r"LexiconVectorizer: language='de' is not supported; expected"),
    ],
)
def test_invalid_parameters_raise_at_fit(lex, params, match):
    vec = LexiconVectorizer(lex, **params)  # no validation in __init__
    with pytest.raises(FramingError, match=match):
        vec.fit(TEXTS)


def test_invalid_lexicon_type():
    with pytest.raises(FramingError, match=r"lexicon must be a framing.Lexicon, .*got int\."):
        LexiconVectorizer(3).fit(TEXTS)


def test_unknown_lexicon_name_is_a_lexicon_error():
    with pytest.raises(LexiconError, match=r"karabakh-2032-fr"):
        LexiconVectorizer("karabakh-2032-fr").fit(TEXTS)


def test_no_feature_of_the_kind_asked():
    lex = Lexicon.from_dict(
        {"name": "f", "version": "1.0.0", "language": "fr", "frames": {"a": ["x"]}}
    )
    with pytest.raises(
        LexiconError,
        match=r"features='variants'\): lexicon 'f' has no contests, .*Fix: use "
        r"features='frames' or 'all'",
    ):
        LexiconVectorizer(lex, features="variants").fit(TEXTS)


def test_frame_and_variant_with_the_same_name_clash_in_all():
    lex = Lexicon.from_dict(
        {
            "name": "clash",
            "version": "1.0.0",
            "language": "fr",
            "frames": {"operation/offensive": ["offensive"]},
            "contests": {"operation": {"variants": {"offensive": ["offensive"], "x": ["y"]}}},
        }
    )
    with pytest.raises(
        LexiconError,
        match=r"frame 'operation/offensive' and variant 'offensive' of contest 'operation' "
        r"would share the column name",
    ):
        LexiconVectorizer(lex, features="all").fit(TEXTS)
    assert LexiconVectorizer(lex, features="frames").fit(TEXTS).transform(["offensive"]) == 1


@pytest.mark.parametrize(
    ("X", "match"),
    [
        ("Une offensive.", r"expects an iterable of texts, .*got a single str\. Fix: wrap it"),
        (b"bytes", r"got a single bytes"),
        (np.zeros((3, 4)), r"got a 2-D array of shape \(3, 4\)\. A text vectorizer cannot"),
        (np.zeros(3), r"the document at position 0 is np.float64\(0.0\), of type float64"),
        ([1, 2], r"the document at position 0 is 1, of type int\. Fix: pass texts"),
        (["a", None], r"position 1 is None, of type NoneType\. Fix: fill missing texts with ''"),
        (pd.Series(["a", np.nan]), r"position 1 is nan, of type float\. Fix: fill missing"),
        (["a", b"b"], r"position 1 is b'b', of type bytes\. Fix: decode bytes first"),
        ({"text": ["a"]}, r"expects texts: .*; got dict\."),
        (42, r"expects texts: a list, tuple, 1-D numpy array or pandas Series of str .*got int"),
        (
            pd.DataFrame({"body": ["a"], "outlet": ["x"]}),
            r"DataFrame with 2 columns and no 'text' column \(columns: 'body', 'outlet'\)\. "
            r"Fix: select the text column",
        ),
        (pd.DataFrame([["a", "b"]], columns=["text", "text"]), r"several columns named 'text'"),
    ],
    ids=["str", "bytes", "2d-numeric", "1d-numeric", "ints", "none", "nan", "bytes-item",
         "dict", "int", "df-no-text", "df-two-text"],
)  # fmt: skip
def test_non_text_input_is_rejected(lex, X, match):
    with pytest.raises(FramingError, match=match):
        LexiconVectorizer(lex).fit(X)
    fitted = LexiconVectorizer(lex).fit(TEXTS)
    with pytest.raises(FramingError, match=match):
        fitted.transform(X)


def test_sparse_input_is_rejected(lex):
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(FramingError, match=r"got a scipy sparse csr_matrix of numbers"):
        LexiconVectorizer(lex).fit(sparse.csr_matrix(np.eye(3)))


def test_not_fitted(lex):
    vec = LexiconVectorizer(lex)
    with pytest.raises(NotFittedError, match="not fitted yet"):
        vec.transform(TEXTS)
    with pytest.raises(NotFittedError, match="not fitted yet"):
        vec.get_feature_names_out()


# --- property tests ------------------------------------------------------------------------

FRAGMENTS = [
    "offensive",
    "l'offensive",
    "Offensive",
    "menace",
    "menaces",
    "antiterroriste",
    "mesures anti-terroristes",
    "Haut-Karabakh",
    "Karabakh",
    "armée",
    "la",
    "de",
    ",",
    ".",
    "«",
    "»",
    "\n",
]
documents = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(documents, max_size=5), data=st.data())
def test_rows_depend_only_on_their_own_text(lex, texts, data):
    vec = LexiconVectorizer(lex, features="all").fit([])
    X = vec.transform(texts)
    assert X.shape == (len(texts), len(FRAMES) + len(VARIANTS))
    for i, text in enumerate(texts):
        np.testing.assert_array_equal(X[i], vec.transform([text])[0])
    order = data.draw(st.permutations(range(len(texts))))
    np.testing.assert_array_equal(vec.transform([texts[i] for i in order]), X[list(order)])
    # the other values are functions of the counts
    binary = LexiconVectorizer(lex, features="all", value="binary").fit([]).transform(texts)
    np.testing.assert_array_equal(binary, (X > 0).astype(float))
    rates = LexiconVectorizer(lex, features="all", value="rate", per=100).fit([])
    words = np.array([count_words(t) for t in texts], dtype=float).reshape(-1, 1)
    expected = np.where(words > 0, X * 100 / np.where(words > 0, words, 1), 0.0)
    np.testing.assert_allclose(rates.transform(texts), expected)


# --- in pipelines --------------------------------------------------------------------------

MARRIAGE = {
    "name": "mariage-test",
    "version": "1.0.0",
    "language": "fr",
    "frames": {
        "family": ["famille*", "enfant*", "père*", "mère*", "filiation"],
        "equality": ["égalité", "discrimin*", "droit*"],
    },
    "contests": {
        "marriage": {
            "variants": {
                "for_all": ["mariage pour tous"],
                "homosexual": ["mariage homosexuel", "mariage gay"],
                "same_sex": ["mariage de personnes de même sexe", "mariage entre personnes"],
            }
        }
    },
}


@pytest.fixture(scope="module")
def assembly() -> pd.DataFrame:
    """The first 300 interventions of a member with a wing, from the bundled AN corpus."""
    corpus = framing.read_corpus("an-mariage-2013")
    docs = corpus.docs
    docs = docs[docs["wing"].notna()].head(300).set_index("doc_id")
    assert set(docs["wing"]) == {"left", "right"}
    return docs


def test_pipeline_with_logistic_regression_runs_and_is_deterministic(assembly):
    lex = Lexicon.from_dict(MARRIAGE)
    texts, wing = assembly["text"], assembly["wing"]

    def fitted():
        model = make_pipeline(
            LexiconVectorizer(lex, features="all", value="rate"), LogisticRegression()
        )
        return model.fit(texts, wing)

    first, second = fitted(), fitted()
    proba = first.predict_proba(texts)
    assert proba.shape == (300, 2)
    np.testing.assert_array_equal(proba, second.predict_proba(texts))
    assert set(first.predict(texts)) <= {"left", "right"}
    assert first[-1].coef_.shape == (1, 5)
    names = first[:-1].get_feature_names_out().tolist()
    assert names == ["family", "equality", "marriage/for_all", "marriage/homosexual",
                     "marriage/same_sex"]  # fmt: skip
    model = make_pipeline(LexiconVectorizer(lex, features="all"), LogisticRegression())
    scores = cross_val_score(model, texts, wing, cv=3)
    np.testing.assert_array_equal(scores, cross_val_score(model, texts, wing, cv=3))


def test_column_transformer_on_a_text_column(assembly):
    lex = Lexicon.from_dict(MARRIAGE)
    columns = ColumnTransformer(
        [("lexicon", LexiconVectorizer(lex, features="variants"), "text")],
        remainder="drop",
    ).set_output(transform="pandas")
    data = assembly[["text", "gender", "wing"]]
    out = columns.fit_transform(data)
    assert out.columns.tolist() == [
        "lexicon__marriage/for_all",
        "lexicon__marriage/homosexual",
        "lexicon__marriage/same_sex",
    ]
    assert out.index.equals(data.index)
    direct = LexiconVectorizer(lex, features="variants").fit_transform(data["text"])
    np.testing.assert_array_equal(out.to_numpy(), direct)
    # a list of one column gives a one-column DataFrame, which is accepted too
    listed = ColumnTransformer(
        [("lexicon", LexiconVectorizer(lex, features="variants"), ["text"])]
    )
    np.testing.assert_array_equal(listed.fit_transform(data), direct)
    model = make_pipeline(columns, LogisticRegression()).fit(data, data["wing"])
    np.testing.assert_array_equal(model.predict(data), model.predict(data))


def test_seeds_in_a_pipeline(seeds, karabakh):
    # five texts, two classes (003 writes « Haut-Karabakh », the others Karabakh / Karabagh):
    # it runs, reproducibly (no performance claim)
    labels = ["karabakh", "karabakh", "karabakh", "haut-karabakh", "karabakh"]
    model = make_pipeline(LexiconVectorizer(karabakh, features="variants"), LogisticRegression())
    first = model.fit(seeds, labels).predict_proba(seeds)
    np.testing.assert_array_equal(first, clone(model).fit(seeds, labels).predict_proba(seeds))


# --- scikit-learn's estimator checks -------------------------------------------------------

APPLICABLE = [
    ec.check_estimator_cloneable,
    ec.check_estimator_tags_renamed,
    ec.check_valid_tag_types,
    ec.check_estimator_repr,
    ec.check_no_attributes_set_in_init,
    ec.check_do_not_raise_errors_in_init_or_set_params,
    ec.check_mixin_order,
    ec.check_parameters_default_constructible,
    ec.check_get_params_invariance,
    ec.check_set_params,
    ec.check_estimator_sparse_tag,  # sparse=False, and sparse input is refused
    ec.check_estimators_unfitted,  # NotFittedError comes before any look at X
    ec.check_transformers_unfitted,
    ec.check_get_feature_names_out_error,
    ec.check_transformer_n_iter,  # no max_iter: nothing to report
    ec.check_fit1d,  # a 1-D numeric array is not texts: a ValueError (FramingError)
]

_NUMERIC = "feeds a random numeric matrix and expects a numeric transformer to accept it"
NOT_APPLICABLE = {
    "check_fit_score_takes_y": f"{_NUMERIC}; fit(X, y=None) takes y: see the pipeline tests",
    "check_estimators_overwrite_params": f"{_NUMERIC}; see test_text_fit_keeps_params",
    "check_dont_overwrite_parameters": f"{_NUMERIC}; see test_text_fit_adds_only_fitted_attrs",
    "check_estimators_fit_returns_self": f"{_NUMERIC}; see test_text_fit_returns_self",
    "check_readonly_memmap_input": f"{_NUMERIC}; texts cannot be memory-mapped arrays",
    "check_n_features_in_after_fitting": "n_features_in_ is not set: one text per row, as "
    "for scikit-learn's text vectorizers",
    "check_n_features_in": "as check_n_features_in_after_fitting",
    "check_positive_only_tag_during_fit": f"{_NUMERIC} (negative values)",
    "check_estimators_dtypes": f"{_NUMERIC} (float32, int64 ...)",
    "check_complex_data": "expects a 'Complex data not supported' message; complex numbers "
    "are refused as non-text, with the non-text message",
    "check_dtype_object": f"{_NUMERIC} (numbers as objects, then strings of numbers)",
    "check_estimators_empty_data_messages": "expects an error for 0 samples; an empty list "
    "of texts gives a matrix with no row (test_empty_input_gives_no_row)",
    "check_pipeline_consistency": f"{_NUMERIC}; see the pipeline tests (deterministic)",
    "check_estimators_nan_inf": "expects NaN/inf in a numeric matrix to be refused; a "
    "missing text is refused (test_non_text_input_is_rejected)",
    "check_estimator_sparse_array": "expects a message naming sparse input for a sparse "
    "numeric matrix; ours is checked by test_sparse_input_is_rejected",
    "check_estimator_sparse_matrix": "as check_estimator_sparse_array",
    "check_estimators_pickle": f"{_NUMERIC}; see test_pickle_round_trip",
    "check_array_api_input": "array API inputs are numeric arrays",
    "check_f_contiguous_array_estimator": f"{_NUMERIC} (Fortran order)",
    "check_transformer_data_not_an_array": f"{_NUMERIC} (as a non-array sequence)",
    "check_transformer_general": f"{_NUMERIC}; see test_text_fit_is_idempotent_and_learns_nothing",
    "check_transformer_preserve_dtypes": "the input is text; the output is always float64",
    "check_methods_sample_order_invariance": f"{_NUMERIC}; see the property test",
    "check_methods_subset_invariance": f"{_NUMERIC}; see the property test",
    "check_fit2d_1sample": "expects a 1-sample error; one text is a valid input",
    "check_fit2d_1feature": "a text has no features to count",
    "check_dict_unchanged": f"{_NUMERIC}; see test_text_transform_leaves_state_unchanged",
    "check_fit_idempotent": f"{_NUMERIC}; see test_text_fit_is_idempotent_and_learns_nothing",
    "check_fit_check_is_fitted": f"{_NUMERIC}; see test_not_fitted and the clone test",
    "check_fit2d_predict1d": "expects 1-D input to transform to be refused; 1-D is how texts come",
}


def _name(check) -> str:
    check = getattr(check, "__wrapped__", check)
    return check.func.__name__ if isinstance(check, partial) else check.__name__


@pytest.mark.parametrize("check", APPLICABLE, ids=_name)
def test_applicable_sklearn_check(lex, check):
    estimator = LexiconVectorizer(lex, features="all", voice="author")
    check(type(estimator).__name__, estimator)


def test_check_estimator_skips_text_estimators(lex):
    # with honest tags, scikit-learn generates no common check for a text estimator
    with pytest.warns(SkipTestWarning, match="Can't test estimator LexiconVectorizer"):
        ec.check_estimator(LexiconVectorizer(lex))


class _NumericProbe(LexiconVectorizer):
    """Claims 2-D numeric input, only to list the checks scikit-learn would generate."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags


def test_every_check_is_classified(lex):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        generated = {
            _name(check) for _, check in ec.estimator_checks_generator(_NumericProbe(lex))
        }
    applicable = {_name(check) for check in APPLICABLE}
    assert not applicable & set(NOT_APPLICABLE)
    unclassified = generated - applicable - set(NOT_APPLICABLE)
    assert not unclassified, f"classify these new scikit-learn checks: {sorted(unclassified)}"


# Text versions of the checks that do apply in spirit.


def test_text_fit_returns_self(lex):
    vec = LexiconVectorizer(lex)
    assert vec.fit(TEXTS) is vec
    assert vec.fit(TEXTS, y=[0, 1, 0, 1]) is vec


def test_text_fit_keeps_params(lex):
    vec = LexiconVectorizer(lex, features="all", voice=["author", "quoted"], distanced=False)
    before = joblib.hash(vec.get_params())
    vec.fit(TEXTS)
    assert joblib.hash(vec.get_params()) == before


def test_text_fit_adds_only_fitted_attrs(lex):
    vec = LexiconVectorizer(lex)
    before = set(vars(vec))
    vec.fit(TEXTS)
    added = set(vars(vec)) - before
    public = {a for a in added if not a.startswith("_")}
    assert public == {"lexicon_", "language_", "feature_names_out_"}


def test_text_transform_leaves_state_unchanged(lex):
    vec = LexiconVectorizer(lex, features="all").fit(TEXTS)
    before = joblib.hash(vars(vec))
    vec.transform(TEXTS)
    assert joblib.hash(vars(vec)) == before


def test_text_fit_is_idempotent_and_learns_nothing(lex):
    vec = LexiconVectorizer(lex, features="all")
    first = vec.fit(TEXTS).transform(TEXTS)
    np.testing.assert_array_equal(vec.fit(TEXTS).transform(TEXTS), first)
    np.testing.assert_array_equal(vec.fit(["Rien à voir."]).transform(TEXTS), first)
    np.testing.assert_array_equal(vec.fit_transform(TEXTS), first)
