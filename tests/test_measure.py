"""framing.measure: count_frames, count_contest, contest_independence, count_documents.

Built on hand-made matches tables and tiny corpora whose answers are counted by hand in the
comments; intervals are checked against independent computations (scipy's Wilson interval,
the two-document bootstrap, enumeration of permutations), never against the code's output.
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest, chi2_contingency
from scipy.stats.contingency import association

from framing import Corpus, Lexicon, LexiconWarning
from framing._errors import FramingError, FramingWarning
from framing.match import COLUMNS
from framing.measure import (
    ContestTest,
    contest_independence,
    count_contest,
    count_documents,
    count_frames,
)
from framing.measure._contest import UNITS

with warnings.catch_warnings():
    # the one-variant contest "city" is deliberate (it draws a LexiconWarning)
    warnings.simplefilter("ignore", LexiconWarning)
    LEXICON = Lexicon.from_dict(
        {
            "name": "tiny",
            "version": "1.0.0",
            "language": "fr",
            "frames": {
                "security": ["terroris*"],
                # a group frame: "conflict" has no entries of its own and never gets a hit
                "conflict": {"description": "group", "frames": {"military": ["offensive"]}},
            },
            "contests": {
                "region": {
                    "variants": {
                        "karabakh": ["Karabakh"],
                        "haut_karabakh": ["Haut-Karabakh"],
                        "artsakh": ["Artsakh"],
                    }
                },
                "city": {"variants": {"stepanakert": ["Stepanakert"]}},
            },
        }
    )


def words(k: int) -> str:
    """A text of exactly k words (count_words counts each « mot »)."""
    return " ".join(["mot"] * k) + "."


def make_corpus(rows):
    return Corpus.from_frame(pd.DataFrame(rows, columns=["doc_id", "text", "outlet"]))


def frame_hit(doc, frame, voice="author", distanced=False, outlet=None):
    return {
        "doc_id": doc,
        "start": 0,
        "end": 1,
        "surface": "x",
        "entry": "x",
        "frame": frame,
        "contest": None,
        "variant": None,
        "sentence": 0,
        "voice": voice,
        "distanced": distanced,
        "cue": None,
        "outlet": outlet,
    }


def contest_hit(doc, variant, contest="region", voice="author", outlet=None):
    row = frame_hit(doc, None, voice=voice, outlet=outlet)
    row.update(contest=contest, variant=variant)
    return row


def make_matches(rows, lexicon=LEXICON):
    table = pd.DataFrame(rows, columns=[*COLUMNS, "outlet"])  # the matches table's columns
    if lexicon is not None:
        table.attrs["lexicon"] = lexicon
    return table


# The tiny corpus: outlet A has a1 (10 words), a2 (20); B has b1 (10), b2 (30); D has d1 (5
# words, no hit at all); c1 (10 words) has no outlet.
CORPUS = make_corpus(
    [
        ("a1", words(10), "A"),
        ("a2", words(20), "A"),
        ("b1", words(10), "B"),
        ("b2", words(30), "B"),
        ("c1", words(10), None),
        ("d1", words(5), "D"),
    ]
)
OUTLET = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": None, "d1": "D"}

# Frame hits: a1 security ×2 + military ×1 (quoted); a2 security ×1 (quoted); b1 military ×3
# (author, author distanced, attributed); c1 security ×1.
FRAME_ROWS = [
    frame_hit("a1", "security"),
    frame_hit("a1", "security"),
    frame_hit("a1", "conflict/military", voice="quoted"),
    frame_hit("a2", "security", voice="quoted"),
    frame_hit("b1", "conflict/military"),
    frame_hit("b1", "conflict/military", distanced=True),
    frame_hit("b1", "conflict/military", voice="attributed"),
    frame_hit("c1", "security"),
]
# Region mentions: a1 karabakh ×2; a2 karabakh + haut_karabakh (a tie); b1 haut_karabakh ×3
# (one author, two quoted); b2 haut_karabakh ×1; c1 karabakh ×1; artsakh never.
CONTEST_ROWS = [
    contest_hit("a1", "karabakh"),
    contest_hit("a1", "karabakh"),
    contest_hit("a2", "karabakh"),
    contest_hit("a2", "haut_karabakh"),
    contest_hit("b1", "haut_karabakh"),
    contest_hit("b1", "haut_karabakh", voice="quoted"),
    contest_hit("b1", "haut_karabakh", voice="quoted"),
    contest_hit("b2", "haut_karabakh"),
    contest_hit("c1", "karabakh"),
]


def with_outlet(rows):
    return [{**row, "outlet": OUTLET[row["doc_id"]]} for row in rows]


MATCHES = make_matches(with_outlet(FRAME_ROWS + CONTEST_ROWS))


def row_of(table, **where):
    mask = np.ones(len(table), dtype=bool)
    for column, value in where.items():
        mask &= (table[column] == value).to_numpy()
    assert mask.sum() == 1, where
    return table[mask].iloc[0]


def wilson_scipy(k, n, ci=0.95):
    """Wilson interval from scipy (an implementation independent of framing._stats)."""
    interval = binomtest(int(k), int(n)).proportion_ci(confidence_level=ci, method="wilson")
    return interval.low, interval.high


# ---------------------------------------------------------------------------------------------
# count_frames


def test_count_frames_columns_and_hand_counts():
    with pytest.warns(FramingWarning, match=r"2 group\(s\) with a single document"):
        table = count_frames(MATCHES, CORPUS, by="outlet")
    assert list(table.columns) == [
        "outlet",
        "frame",
        "n_matches",
        "n_docs",
        "n_docs_with",
        "n_tokens",
        "rate_per_1k",
        "rate_ci_low",
        "rate_ci_high",
        "share_docs",
        "share_docs_ci_low",
        "share_docs_ci_high",
    ]
    # every group × every frame with entries, groups sorted with "(missing)" last, frames
    # in lexicon order (the group frame "conflict" is not a row)
    assert table[["outlet", "frame"]].values.tolist() == [
        [g, f] for g in ["A", "B", "D", "(missing)"] for f in ["security", "conflict/military"]
    ]
    expected = {  # (n_matches, n_docs, n_docs_with, n_tokens)
        ("A", "security"): (3, 2, 2, 30),
        ("A", "conflict/military"): (1, 2, 1, 30),
        ("B", "security"): (0, 2, 0, 40),
        ("B", "conflict/military"): (3, 2, 1, 40),
        ("D", "security"): (0, 1, 0, 5),
        ("D", "conflict/military"): (0, 1, 0, 5),
        ("(missing)", "security"): (1, 1, 1, 10),
        ("(missing)", "conflict/military"): (0, 1, 0, 10),
    }
    for (outlet, frame), values in expected.items():
        row = row_of(table, outlet=outlet, frame=frame)
        assert tuple(row[["n_matches", "n_docs", "n_docs_with", "n_tokens"]]) == values
        assert row["rate_per_1k"] == pytest.approx(1000 * values[0] / values[3])
        assert row["share_docs"] == pytest.approx(values[2] / values[1])
        low, high = wilson_scipy(values[2], values[1])
        assert row["share_docs_ci_low"] == pytest.approx(low, abs=1e-12)
        assert row["share_docs_ci_high"] == pytest.approx(high, abs=1e-12)


def test_rate_interval_resamples_documents():
    # Outlet A, security: a1 has 2 hits / 10 words (200 per 1k), a2 1 / 20 (50 per 1k). A
    # replicate draws a1a1, a1a2, a2a1 or a2a2, so the 95% interval runs from 50 to 200.
    # Outlet B, military: b1 3 / 10 (300), b2 0 / 30 (0): the interval is [0, 300].
    with pytest.warns(FramingWarning):
        table = count_frames(MATCHES, CORPUS, by="outlet", n_boot=4000)
    a = row_of(table, outlet="A", frame="security")
    assert (a["rate_ci_low"], a["rate_ci_high"]) == pytest.approx((50.0, 200.0))
    b = row_of(table, outlet="B", frame="conflict/military")
    assert (b["rate_ci_low"], b["rate_ci_high"]) == pytest.approx((0.0, 300.0))
    # groups with one document have no interval; a group without hits has [0, 0]
    assert math.isnan(row_of(table, outlet="D", frame="security")["rate_ci_low"])
    b0 = row_of(table, outlet="B", frame="security")
    assert (b0["rate_ci_low"], b0["rate_ci_high"]) == (0.0, 0.0)


def test_rate_interval_is_wider_than_a_token_level_interval_when_hits_cluster():
    # 20 documents of 100 words: 2 carry 30 hits each, 18 none. Treating the 2,000 tokens as
    # independent (Wilson on 60/2000) gives a narrow interval; resampling documents shows
    # how much the rate depends on which documents were drawn.
    rows = [(f"d{i:02}", words(100), "X") for i in range(20)]
    corpus = make_corpus(rows)
    hits = [frame_hit("d00", "security")] * 30 + [frame_hit("d01", "security")] * 30
    table = count_frames(make_matches(hits), corpus, frames="security", n_boot=2000)
    row = table.iloc[0]
    low, high = wilson_scipy(60, 2000)
    assert row["rate_per_1k"] == pytest.approx(30.0)
    assert row["rate_ci_high"] - row["rate_ci_low"] > 3 * 1000 * (high - low)


def test_one_group_when_by_is_none_and_group_sums_add_up():
    total = count_frames(MATCHES, CORPUS)
    assert total["group"].tolist() == ["all", "all"]
    assert total["n_matches"].tolist() == [4, 4]
    assert total["n_tokens"].tolist() == [85, 85]
    assert total["n_docs"].tolist() == [6, 6]
    with pytest.warns(FramingWarning):
        by_outlet = count_frames(MATCHES, CORPUS, by="outlet")
    sums = by_outlet.groupby("frame", sort=False)[["n_matches", "n_docs_with"]].sum()
    assert sums["n_matches"].tolist() == total["n_matches"].tolist()
    assert sums["n_docs_with"].tolist() == total["n_docs_with"].tolist()


def test_single_document_group_interval_is_nan_with_a_warning():
    with pytest.warns(
        FramingWarning,
        match=r"2 group\(s\) with a single document \(outlet='D'; outlet='\(missing\)'\): the "
        r"rate interval cannot be estimated by resampling documents and is NaN",
    ):
        table = count_frames(MATCHES, CORPUS, by="outlet")
    for outlet in ("D", "(missing)"):
        row = row_of(table, outlet=outlet, frame="security")
        assert math.isnan(row["rate_ci_low"]) and math.isnan(row["rate_ci_high"])
        assert not math.isnan(row["share_docs_ci_low"])  # Wilson is defined for n = 1


def test_per_names_the_rate_column():
    table = count_frames(MATCHES, CORPUS, per=100)
    assert "rate_per_100" in table.columns
    assert table["rate_per_100"].tolist() == pytest.approx([100 * 4 / 85] * 2)
    assert "rate_per_1m" in count_frames(MATCHES, CORPUS, per=1_000_000, n_boot=0).columns
    assert "rate_per_10k" in count_frames(MATCHES, CORPUS, per=10_000, n_boot=0).columns


def test_same_random_state_same_table():
    a = count_frames(MATCHES, CORPUS, random_state=3)
    b = count_frames(MATCHES, CORPUS, random_state=3)
    pd.testing.assert_frame_equal(a, b)
    c = count_frames(MATCHES, CORPUS, random_state=4)
    assert not np.allclose(a["rate_ci_low"], c["rate_ci_low"])


def test_attrs_record_the_parameters():
    table = count_frames(MATCHES, CORPUS, voice=["author", "quoted"], n_boot=200, ci=0.9)
    attrs = table.attrs
    assert attrs["function"] == "count_frames"
    assert attrs["voice"] == ["author", "quoted"]
    assert (attrs["n_boot"], attrs["ci"], attrs["random_state"], attrs["per"]) == (
        200,
        0.9,
        0,
        1000,
    )
    assert attrs["frames_source"] == "lexicon"
    assert attrs["lexicon"]["name"] == "tiny"
    assert attrs["corpus_fingerprint"] == CORPUS.fingerprint()
    assert "bootstrap" in attrs["rate_ci_method"] and "Wilson" in attrs["share_docs_ci_method"]
    assert attrs["n_hits_counted"] == 7  # the attributed military hit is left out


def test_voice_and_distanced_filter_hits():
    author = count_frames(MATCHES, CORPUS, voice="author", n_boot=0)
    # author hits: a1 security ×2, b1 military ×2, c1 security ×1
    assert author["n_matches"].tolist() == [3, 2]
    quoted_or_attr = count_frames(MATCHES, CORPUS, voice=["quoted", "attributed"], n_boot=0)
    assert quoted_or_attr["n_matches"].tolist() == [1, 2]
    distanced = count_frames(MATCHES, CORPUS, distanced=True, n_boot=0)
    assert distanced["n_matches"].tolist() == [0, 1]
    plain = count_frames(MATCHES, CORPUS, distanced=False, n_boot=0)
    assert plain["n_matches"].tolist() == [4, 3]


def test_rejected_hits_never_count():
    rows = [*FRAME_ROWS, frame_hit("d1", "security")]
    table = make_matches(rows)
    table["rejected"] = [None] * len(FRAME_ROWS) + ["near: no anchor within sentence"]
    counts = count_frames(table, CORPUS, n_boot=0)
    assert counts["n_matches"].tolist() == [4, 4]


def test_frames_come_from_the_lexicon_the_argument_or_the_table():
    bare = make_matches(FRAME_ROWS, lexicon=None)
    # without a lexicon: the frames present, sorted
    assert count_frames(bare, CORPUS, n_boot=0)["frame"].tolist() == [
        "conflict/military",
        "security",
    ]
    # a lexicon passed explicitly: its frames with entries, in file order
    assert count_frames(bare, CORPUS, lexicon=LEXICON, n_boot=0)["frame"].tolist() == [
        "security",
        "conflict/military",
    ]
    # frames= selects and orders; a frame without hits is reported with zeros
    picked = count_frames(bare, CORPUS, frames=["conflict/military", "other"], n_boot=0)
    assert picked["frame"].tolist() == ["conflict/military", "other"]
    assert picked["n_matches"].tolist() == [4, 0]
    # the lexicon as a plain mapping in attrs
    mapped = make_matches(FRAME_ROWS, lexicon=None)
    mapped.attrs["lexicon"] = {"name": "m", "frames": ["security", "conflict/military", "x"]}
    assert count_frames(mapped, CORPUS, n_boot=0)["frame"].tolist()[-1] == "x"


def test_lexicon_structure_recorded_by_the_matcher_in_attrs():
    # match_lexicon records lexicon_name/_version/_fingerprint; lexicon_frames and
    # lexicon_contests, when present, give the structure without the Lexicon object
    matches = make_matches(FRAME_ROWS + CONTEST_ROWS, lexicon=None)
    matches.attrs.update(
        lexicon_name="tiny2",
        lexicon_frames=["security", "conflict/military", "economy"],
        lexicon_contests={"region": ["karabakh", "haut_karabakh", "artsakh", "nk"]},
    )
    frames = count_frames(matches, CORPUS, n_boot=0)
    assert frames["frame"].tolist() == ["security", "conflict/military", "economy"]
    assert frames.attrs["lexicon"]["name"] == "tiny2"
    contest = count_contest(matches, contest="region", n_boot=0)
    assert contest["variant"].tolist() == ["karabakh", "haut_karabakh", "artsakh", "nk"]


def test_zero_hit_groups_and_frames_appear():
    only_a = make_matches([frame_hit("a1", "security")])
    with pytest.warns(FramingWarning):
        table = count_frames(only_a, CORPUS, by="outlet")
    assert len(table) == 8
    assert table["n_matches"].sum() == 1
    d = row_of(table, outlet="D", frame="conflict/military")
    assert (d["n_matches"], d["n_docs"], d["rate_per_1k"], d["share_docs"]) == (0, 1, 0.0, 0.0)


def test_empty_matches_give_zeros():
    empty = make_matches([])
    table = count_frames(empty, CORPUS, n_boot=50)
    assert table["n_matches"].tolist() == [0, 0]
    assert table["rate_ci_low"].tolist() == [0.0, 0.0]


def test_empty_documents_count_as_documents_without_tokens():
    with pytest.warns(FramingWarning, match=r"empty or whitespace-only text"):
        corpus = make_corpus([("e1", "", "A"), ("e2", "", "A")])
    table = count_frames(make_matches([]), corpus, frames="security", n_boot=50)
    row = table.iloc[0]
    assert (row["n_docs"], row["n_tokens"]) == (2, 0)
    assert math.isnan(row["rate_per_1k"]) and math.isnan(row["rate_ci_low"])


def test_multiple_by_columns_and_missing_values():
    frame = pd.DataFrame(
        {
            "doc_id": ["x1", "x2", "x3"],
            "text": [words(4), words(6), words(8)],
            "outlet": ["A", "A", None],
            "year": [2023, 2024, 2023],
        }
    )
    corpus = Corpus.from_frame(frame)
    matches = make_matches([frame_hit("x1", "security"), frame_hit("x3", "security")])
    with pytest.warns(FramingWarning):
        table = count_frames(matches, corpus, by=["outlet", "year"], frames="security")
    assert table[["outlet", "year", "n_matches", "n_tokens"]].values.tolist() == [
        ["A", 2023, 1, 4],
        ["A", 2024, 0, 6],
        ["(missing)", 2023, 1, 8],
    ]


# --- properties ------------------------------------------------------------------------------


@st.composite
def corpora_with_hits(draw):
    n = draw(st.integers(1, 10))
    outlets = draw(st.lists(st.sampled_from(["A", "B", None]), min_size=n, max_size=n))
    sizes = draw(st.lists(st.integers(1, 40), min_size=n, max_size=n))
    rows = [(f"doc{i}", words(k), o) for i, (k, o) in enumerate(zip(sizes, outlets, strict=True))]
    hits = []
    for i in range(n):
        for frame in ("security", "conflict/military"):
            hits += [frame_hit(f"doc{i}", frame)] * draw(st.integers(0, 4))
    return rows, hits


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=corpora_with_hits(), seed=st.integers(0, 2**16))
def test_properties_of_count_frames(data, seed):
    rows, hits = data
    corpus, matches = make_corpus(rows), make_matches(hits)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        table = count_frames(matches, corpus, by="outlet", n_boot=60, random_state=seed)
        total = count_frames(matches, corpus, n_boot=0)
        # per-group counts add up to the whole
        sums = table.groupby("frame", sort=False)["n_matches"].sum()
        assert sums.tolist() == total["n_matches"].tolist()
        assert total["n_matches"].sum() == len(hits)
        # the interval contains the estimate wherever it exists
        ok = table["rate_ci_low"].notna()
        assert (table.loc[ok, "rate_ci_low"] <= table.loc[ok, "rate_per_1k"] + 1e-9).all()
        assert (table.loc[ok, "rate_per_1k"] <= table.loc[ok, "rate_ci_high"] + 1e-9).all()
        # document order (corpus and matches) does not matter, intervals included
        order = np.random.default_rng(seed).permutation(len(rows))
        shuffled = make_corpus([rows[i] for i in order])
        hit_order = np.random.default_rng(seed + 1).permutation(len(hits))
        shuffled_hits = make_matches([hits[i] for i in hit_order])
        again = count_frames(shuffled_hits, shuffled, by="outlet", n_boot=60, random_state=seed)
        pd.testing.assert_frame_equal(table, again)
        # a document without hits changes no n_matches, and adds one document and its tokens
        grown = make_corpus([*rows, ("zzz", words(7), "A")])
        more = count_frames(matches, grown, by="outlet", n_boot=0)
    a_before = table[table["outlet"] == "A"]
    a_after = more[more["outlet"] == "A"]
    assert more.groupby("frame", sort=False)["n_matches"].sum().tolist() == sums.tolist()
    if len(a_before):
        assert (a_after["n_docs"].to_numpy() == a_before["n_docs"].to_numpy() + 1).all()
        assert (a_after["n_tokens"].to_numpy() == a_before["n_tokens"].to_numpy() + 7).all()
    else:
        assert a_after["n_docs"].tolist() == [1, 1]


@st.composite
def corpora_with_mentions(draw):
    n = draw(st.integers(1, 9))
    outlets = draw(st.lists(st.sampled_from(["A", "B", None]), min_size=n, max_size=n))
    rows = [(f"doc{i}", words(5), o) for i, o in enumerate(outlets)]
    hits = []
    for i in range(n):
        for variant in ("karabakh", "haut_karabakh", "artsakh"):
            hits += [contest_hit(f"doc{i}", variant)] * draw(st.integers(0, 3))
    return rows, hits


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=corpora_with_mentions(), seed=st.integers(0, 2**16), unit=st.sampled_from(UNITS))
def test_properties_of_count_contest(data, seed, unit):
    rows, hits = data
    corpus, matches = make_corpus(rows), make_matches(hits)
    kwargs = {"contest": "region", "by": "outlet", "unit": unit, "n_boot": 50, "n_perm": 50}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)
        table = count_contest(matches, corpus=corpus, random_state=seed, **kwargs)
        order = np.random.default_rng(seed).permutation(len(rows))
        hit_order = np.random.default_rng(seed + 1).permutation(len(hits))
        again = count_contest(
            make_matches([hits[i] for i in hit_order]),
            corpus=make_corpus([rows[i] for i in order]),
            random_state=seed,
            **kwargs,
        )
    pd.testing.assert_frame_equal(table, again)
    assert repr(table.attrs["test"]) == repr(again.attrs["test"])  # NaN-safe
    # per-group counts add up: mentions (or mentioning documents) in all
    mentioning = {h["doc_id"] for h in hits}
    assert table["n"].sum() == pytest.approx(len(hits) if unit == "mention" else len(mentioning))
    shares = table.groupby("outlet")["share"].sum()
    used = table.groupby("outlet")["n_group"].first() > 0
    assert np.allclose(shares[used], 1.0)
    ok = table["ci_low"].notna()
    assert (table.loc[ok, "ci_low"] <= table.loc[ok, "share"] + 1e-9).all()
    assert (table.loc[ok, "share"] <= table.loc[ok, "ci_high"] + 1e-9).all()


# --- errors ----------------------------------------------------------------------------------


def test_matches_from_another_corpus_are_an_error():
    stray = make_matches([*FRAME_ROWS, frame_hit("zz9", "security")])
    with pytest.raises(
        FramingError,
        match=r"1 matches belong to documents that are not in the corpus \('zz9'\): the "
        r"matches table and the corpus do not belong together",
    ):
        count_frames(stray, CORPUS)


def test_matches_made_from_fewer_documents_warn():
    matches = make_matches(FRAME_ROWS)
    matches.attrs.update(corpus_fingerprint="sha256:" + "0" * 64, n_docs=4)
    with pytest.warns(FramingWarning, match=r"made from a corpus of 4 documents .* has 6"):
        count_frames(matches, CORPUS, n_boot=0)


def test_unknown_group_column():
    with pytest.raises(
        FramingError,
        match=r"Cannot group by 'outlett': no such column in the corpus metadata .*"
        r"Did you mean 'outlet'\?",
    ):
        count_frames(MATCHES, CORPUS, by="outlett")


def test_unknown_frame_and_foreign_frames():
    with pytest.raises(
        FramingError, match=r"No frame 'securty' in lexicon 'tiny'.*Did you mean 'security'\?"
    ):
        count_frames(MATCHES, CORPUS, frames="securty")
    with pytest.raises(FramingError, match=r"A group frame such as 'conflict' has no entries"):
        count_frames(MATCHES, CORPUS, frames="conflict")
    foreign = make_matches([frame_hit("a1", "economy")])
    with pytest.raises(
        FramingError,
        match=r"The matches have frame 'economy', which lexicon 'tiny' does not define",
    ):
        count_frames(foreign, CORPUS)


def test_lexicon_that_did_not_make_the_matches():
    matches = make_matches(FRAME_ROWS, lexicon=None)
    matches.attrs.update(lexicon_name="other", lexicon_fingerprint="sha256:" + "1" * 64)
    with pytest.raises(
        FramingError, match=r"The matches were made with lexicon 'other' .* not with lexicon"
    ):
        count_frames(matches, CORPUS, lexicon=LEXICON)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"voice": "own"}, r"voice must be one of 'author', 'quoted', 'attributed'"),
        ({"voice": "autor"}, r"got 'autor'\. Did you mean 'author'\?"),
        ({"voice": 3}, r"voice must be a str or a list of str; got 3"),
        ({"distanced": "yes"}, r"distanced must be True .* got 'yes'"),
        ({"per": 0}, r"per must be a positive integer .* got 0"),
        ({"per": 2.5}, r"per must be a positive integer .* got 2\.5"),
        ({"ci": 95}, r"ci must be a confidence level strictly between 0 and 1"),
        ({"n_boot": -1}, r"n_boot must be an integer >= 0; got -1"),
        ({"random_state": "x"}, r"random_state must be a non-negative int"),
        ({"by": 3}, r"by must be a str or a list of str; got 3"),
        ({"frames": []}, r"frames must name at least one item"),
        ({"lexicon": 42}, r"lexicon must be a framing\.Lexicon, a bundled lexicon name"),
    ],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(FramingError, match=message):
        count_frames(MATCHES, CORPUS, **kwargs)


def test_bad_tables():
    with pytest.raises(FramingError, match=r"matches must be the pandas DataFrame returned by"):
        count_frames([1, 2], CORPUS)
    with pytest.raises(
        FramingError, match=r"The matches table has no column 'frame' .*Did you mean 'frames'"
    ):
        count_frames(MATCHES.rename(columns={"frame": "frames"}), CORPUS)
    with pytest.raises(FramingError, match=r"corpus must be the framing\.Corpus .* got DataFrame"):
        count_frames(MATCHES, CORPUS.docs)


def test_voice_filter_needs_voice_values():
    no_voice = MATCHES.assign(voice=None, distanced=None)
    with pytest.raises(FramingError, match=r"Cannot filter by voice: .*voice=False"):
        count_frames(no_voice, CORPUS, voice="author")
    with pytest.raises(FramingError, match=r"Cannot filter by distanced: .*voice=False"):
        count_frames(no_voice, CORPUS, distanced=True)


# ---------------------------------------------------------------------------------------------
# count_contest


def test_count_contest_mentions_by_outlet():
    with pytest.warns(FramingWarning, match=r"1 group\(s\) with a single document"):
        table = count_contest(MATCHES, contest="region", by="outlet", corpus=CORPUS, n_boot=4000)
    assert list(table.columns) == [
        "outlet",
        "contest",
        "variant",
        "n",
        "n_group",
        "share",
        "ci_low",
        "ci_high",
        "n_docs",
    ]
    # A: karabakh 3 (a1 2, a2 1), haut 1 (a2) of 4; B: haut 4 (b1 3, b2 1); D: nothing;
    # (missing): karabakh 1 (c1). Variants in lexicon order, artsakh with zeros.
    assert table[["outlet", "variant", "n", "n_group", "n_docs"]].values.tolist() == [
        ["A", "karabakh", 3, 4, 2],
        ["A", "haut_karabakh", 1, 4, 2],
        ["A", "artsakh", 0, 4, 2],
        ["B", "karabakh", 0, 4, 2],
        ["B", "haut_karabakh", 4, 4, 2],
        ["B", "artsakh", 0, 4, 2],
        ["D", "karabakh", 0, 0, 0],
        ["D", "haut_karabakh", 0, 0, 0],
        ["D", "artsakh", 0, 0, 0],
        ["(missing)", "karabakh", 1, 1, 1],
        ["(missing)", "haut_karabakh", 0, 1, 1],
        ["(missing)", "artsakh", 0, 1, 1],
    ]
    assert table["share"].tolist()[:6] == [0.75, 0.25, 0.0, 0.0, 1.0, 0.0]
    assert table.loc[table["outlet"] == "D", "share"].isna().all()
    # A's documents: a1 is all karabakh (1.0), a2 half (0.5): the interval is [0.5, 1.0]
    a = row_of(table, outlet="A", variant="karabakh")
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((0.5, 1.0))
    b = row_of(table, outlet="B", variant="haut_karabakh")
    assert (b["ci_low"], b["ci_high"]) == (1.0, 1.0)
    assert math.isnan(row_of(table, outlet="(missing)", variant="karabakh")["ci_low"])


def test_count_contest_per_document_splits_ties():
    table = count_contest(MATCHES, contest="region", by="outlet", corpus=CORPUS, unit="document")
    assert list(table.columns)[-1] == "n_tied"
    # A: a1 -> karabakh; a2 ties karabakh/haut_karabakh -> half each.
    a = table[table["outlet"] == "A"]
    assert a["n"].tolist() == [1.5, 0.5, 0.0]
    assert a["n_tied"].tolist() == [1, 1, 0]
    assert a["n_group"].tolist() == [2, 2, 2]
    assert a["share"].tolist() == [0.75, 0.25, 0.0]
    b = table[table["outlet"] == "B"]
    assert b["n"].tolist() == [0.0, 2.0, 0.0]
    low, high = wilson_scipy(2, 2)
    assert (b["ci_low"].iloc[1], b["ci_high"].iloc[1]) == pytest.approx((low, high))
    for _, group in table.groupby("outlet"):
        if group["n_group"].iloc[0]:
            assert group["share"].sum() == pytest.approx(1.0)


def test_count_contest_without_corpus_groups_from_the_matches():
    table = count_contest(MATCHES, contest="region", by="outlet", n_boot=0)
    # D has no match at all, so it is not a group; c1's missing outlet is
    assert table["outlet"].unique().tolist() == ["A", "B", "(missing)"]
    assert table["n"].sum() == 9


def test_count_contest_voice_filter():
    table = count_contest(MATCHES, contest="region", voice="author", n_boot=0)
    # two of b1's three haut_karabakh mentions are quoted
    assert table["n"].tolist() == [4, 3, 0]


def test_variants_from_the_table_without_a_lexicon():
    bare = make_matches(CONTEST_ROWS, lexicon=None)
    table = count_contest(bare, contest="region", n_boot=0)
    assert table["variant"].tolist() == ["haut_karabakh", "karabakh"]  # seen, sorted
    assert table.attrs["variants_source"] == "matches"


def test_contest_attrs_hold_the_test():
    table = count_contest(MATCHES, contest="region", n_boot=100, n_perm=99, random_state=5)
    attrs = table.attrs
    assert attrs["contest"] == "region"
    assert attrs["variants"] == ["karabakh", "haut_karabakh", "artsakh"]
    assert (attrs["unit"], attrs["n_boot"], attrs["n_perm"], attrs["random_state"]) == (
        "mention",
        100,
        99,
        5,
    )
    # one group: nothing to test
    assert math.isnan(attrs["test"]["p"])
    assert attrs["n_mentions"] == 9


def test_single_variant_contest():
    rows = [contest_hit("a1", "stepanakert", contest="city")] * 2 + [
        contest_hit("b1", "stepanakert", contest="city")
    ]
    matches = make_matches(with_outlet(rows))
    with pytest.warns(
        FramingWarning,
        match=r"contest 'city' has a single variant \('stepanakert'\): every share is 1, so "
        r"there is nothing to test: the independence test is NaN",
    ):
        table = count_contest(matches, contest="city", by="outlet", n_boot=0)
    assert table["share"].tolist() == [1.0, 1.0]
    assert math.isnan(table.attrs["test"]["statistic"])


def test_unknown_contest_lists_the_contests():
    with pytest.raises(
        FramingError,
        match=r"No contest 'regoin' in lexicon 'tiny'\. Contests: 'region', 'city'\. "
        r"Did you mean 'region'\?",
    ):
        count_contest(MATCHES, contest="regoin")
    bare = make_matches(CONTEST_ROWS, lexicon=None)
    with pytest.raises(FramingError, match=r"No contest 'x' in the matches\. Contests: 'region'"):
        count_contest(bare, contest="x")
    with pytest.raises(FramingError, match=r"contest must be the name of a contest"):
        count_contest(MATCHES, contest=["region"])


def test_contest_parameter_errors():
    with pytest.raises(
        FramingError, match=r"unit must be one of 'mention', 'document'; got 'mentions'"
    ):
        count_contest(MATCHES, contest="region", unit="mentions")
    with pytest.raises(FramingError, match=r"n_perm must be an integer >= 0"):
        count_contest(MATCHES, contest="region", n_perm=-5)
    with pytest.raises(FramingError, match=r"voice must be one of"):
        count_contest(MATCHES, contest="region", voice="narrator")
    with pytest.raises(FramingError, match=r"Cannot group by 'outlett': no such column in the "):
        count_contest(MATCHES, contest="region", by="outlett")
    with pytest.raises(FramingError, match=r"not in the corpus"):
        count_contest(MATCHES, contest="region", corpus=CORPUS[["a1", "b1"]])
    foreign = make_matches([contest_hit("a1", "nagorno")])
    with pytest.raises(FramingError, match=r"variant 'nagorno' of contest 'region', which"):
        count_contest(foreign, contest="region")


def test_group_column_must_be_constant_within_documents():
    with pytest.raises(
        FramingError,
        match=r"Cannot group by 'voice': it varies within documents \(e\.g\. 'a1'\)",
    ):
        count_contest(MATCHES, contest="region", by="voice")


# ---------------------------------------------------------------------------------------------
# contest_independence


def _exact_document_permutation_p(labels, counts):
    """Enumerate every distinct assignment of the group labels to the documents."""
    labels, counts = np.asarray(labels), np.asarray(counts, dtype=float)
    groups = sorted(set(labels.tolist()))

    def statistic(lab):
        table = np.array([counts[lab == g].sum(axis=0) for g in groups])
        table = table[:, table.sum(axis=0) > 0]
        return chi2_contingency(table, correction=False).statistic

    observed = statistic(labels)
    values = [statistic(np.array(p)) for p in set(itertools.permutations(labels.tolist()))]
    return np.mean([v >= observed - 1e-9 for v in values]), observed


def test_contest_independence_on_the_tiny_table():
    result = contest_independence(
        MATCHES, contest="region", by="outlet", corpus=CORPUS, n_perm=20_000
    )
    assert isinstance(result, ContestTest)
    # mentions: A [karabakh 3, haut 1], B [0, 4], (missing) [1, 0]; artsakh unused
    table = np.array([[3, 1], [0, 4], [1, 0]])
    reference = chi2_contingency(table, correction=False)
    assert result.statistic == pytest.approx(reference.statistic)
    assert result.df == 2
    assert result.p_asymptotic == pytest.approx(reference.pvalue)
    assert result.cramers_v == pytest.approx(association(table, method="cramer"))
    assert (result.n, result.n_docs, result.n_groups, result.n_variants) == (9, 5, 3, 2)
    # documents a1 a2 b1 b2 c1 with labels A A B B M: 30 distinct relabellings
    exact, _ = _exact_document_permutation_p(
        ["A", "A", "B", "B", "M"], [[2, 0], [1, 1], [0, 3], [0, 1], [1, 0]]
    )
    assert result.p == pytest.approx(exact, abs=0.01)
    assert result.to_dict()["by"] == ["outlet"]


def test_independence_respects_documents():
    # Outlet X: two documents with 50 « Karabakh » each; outlet Y: two with 50
    # « Haut-Karabakh » each. As 200 independent mentions the association is overwhelming,
    # but only 4 documents were sampled: 2 of the 6 ways to split them reproduce the perfect
    # split, so the document-level p is 1/3.
    corpus = make_corpus([(d, words(60), o) for d, o in zip("pqrs", "XXYY", strict=True)])
    rows = (
        [contest_hit("p", "karabakh", outlet="X")] * 50
        + [contest_hit("q", "karabakh", outlet="X")] * 50
        + [contest_hit("r", "haut_karabakh", outlet="Y")] * 50
        + [contest_hit("s", "haut_karabakh", outlet="Y")] * 50
    )
    result = contest_independence(
        make_matches(rows), contest="region", by="outlet", corpus=corpus, random_state=1
    )
    assert result.statistic == pytest.approx(200.0)
    assert result.cramers_v == pytest.approx(1.0)
    assert result.p_asymptotic < 1e-40  # the naive mention-level χ² p
    assert result.p == pytest.approx(1 / 3, abs=0.02)  # the document-level p
    assert result.p > 1e30 * result.p_asymptotic


def test_independence_strong_association_over_many_documents():
    corpus = make_corpus([(f"x{i:02}", words(20), "X" if i < 15 else "Y") for i in range(30)])
    rows = [contest_hit(f"x{i:02}", "karabakh" if i < 15 else "haut_karabakh") for i in range(30)]
    result = contest_independence(
        make_matches(rows), contest="region", by="outlet", corpus=corpus, n_perm=999
    )
    assert result.p == pytest.approx(1 / 1000)


def test_independence_p_is_spread_under_the_null():
    # Variants drawn independently of outlets (fixed seeds, not a flaky test).
    pvalues = []
    for seed in range(25):
        rng = np.random.default_rng(seed)
        docs = [(f"d{i:02}", words(20), rng.choice(["X", "Y", "Z"])) for i in range(24)]
        rows = []
        for doc_id, _, _ in docs:
            for _ in range(rng.integers(1, 6)):
                variant = rng.choice(["karabakh", "haut_karabakh"], p=[0.6, 0.4])
                rows.append(contest_hit(doc_id, str(variant)))
        result = contest_independence(
            make_matches(rows),
            contest="region",
            by="outlet",
            corpus=make_corpus(docs),
            n_perm=499,
            random_state=seed,
        )
        pvalues.append(result.p)
    pvalues = np.array(pvalues)
    assert 0.3 < pvalues.mean() < 0.7
    assert (pvalues < 0.05).sum() <= 4


def test_independence_is_reproducible_and_per_document_unit():
    a = contest_independence(MATCHES, contest="region", by="outlet", n_perm=500, random_state=2)
    b = contest_independence(MATCHES, contest="region", by="outlet", n_perm=500, random_state=2)
    assert a == b
    doc = contest_independence(MATCHES, contest="region", by="outlet", unit="document")
    # documents: A [1.5, 0.5], B [0, 2], (missing) [1, 0]
    table = np.array([[1.5, 0.5], [0.0, 2.0], [1.0, 0.0]])
    assert doc.statistic == pytest.approx(chi2_contingency(table, correction=False).statistic)
    assert doc.unit == "document" and doc.n == pytest.approx(5.0)


def test_independence_with_one_group_warns():
    with pytest.warns(
        FramingWarning,
        match=r"contest_independence\(\) without by= has one group: there is nothing to test",
    ):
        result = contest_independence(MATCHES, contest="region")
    assert math.isnan(result.statistic) and math.isnan(result.p)
    only_a = make_matches(with_outlet(CONTEST_ROWS[:4]))  # a1 and a2: outlet A only
    with pytest.warns(
        FramingWarning,
        match=r"only one group has mentions of contest 'region', so there is nothing to test: "
        r"the independence test is NaN",
    ):
        result = contest_independence(only_a, contest="region", by="outlet")
    assert math.isnan(result.p)
    only_haut = make_matches(with_outlet(CONTEST_ROWS[3:8]))  # a2, b1, b2: haut_karabakh
    only_haut = only_haut[only_haut["variant"] == "haut_karabakh"]
    with pytest.warns(FramingWarning, match=r"only one variant of contest 'region' is used"):
        result = contest_independence(only_haut, contest="region", by="outlet")
    assert math.isnan(result.cramers_v)


# ---------------------------------------------------------------------------------------------
# count_documents


def test_count_documents_frames():
    table = count_documents(MATCHES, CORPUS)
    assert list(table.columns) == [
        "doc_id",
        "frame",
        "n",
        "n_tokens",
        "rate_per_1k",
        "outlet",
    ]
    assert len(table) == 6 * 2  # every document × every frame
    assert table["doc_id"].tolist()[:4] == ["a1", "a1", "a2", "a2"]  # corpus order
    assert table["n"].tolist() == [2, 1, 1, 0, 0, 3, 0, 0, 1, 0, 0, 0]
    assert table["n_tokens"].tolist() == [10, 10, 20, 20, 10, 10, 30, 30, 10, 10, 5, 5]
    assert table["rate_per_1k"].tolist()[:2] == [200.0, 100.0]
    assert table["outlet"].tolist()[:2] == ["A", "A"]
    assert table["outlet"].isna().sum() == 2  # c1's metadata kept as is


def test_count_documents_variants():
    table = count_documents(MATCHES, CORPUS, item="variant", contest="region", voice="author")
    assert list(table.columns[:8]) == [
        "doc_id",
        "contest",
        "variant",
        "n",
        "n_contest",
        "share",
        "n_tokens",
        "rate_per_1k",
    ]
    assert len(table) == 6 * 3
    b1 = table[table["doc_id"] == "b1"]
    assert b1["n"].tolist() == [0, 1, 0]  # two of b1's mentions are quoted
    assert b1["n_contest"].tolist() == [1, 1, 1]
    a2 = table[table["doc_id"] == "a2"]
    assert a2["share"].tolist() == [0.5, 0.5, 0.0]
    assert table[table["doc_id"] == "d1"]["share"].isna().all()
    both = count_documents(MATCHES, CORPUS, item="variant")
    assert len(both) == 6 * (3 + 1)  # region's three variants and city's one


def test_count_documents_errors():
    with pytest.raises(
        FramingError, match=r"item must be one of 'frame', 'variant'; got 'frames'"
    ):
        count_documents(MATCHES, CORPUS, item="frames")
    with pytest.raises(FramingError, match=r"frames= selects frames for item='frame'"):
        count_documents(MATCHES, CORPUS, item="variant", frames="security")
    with pytest.raises(FramingError, match=r"contest= selects contests for item='variant'"):
        count_documents(MATCHES, CORPUS, contest="region")
    with pytest.raises(FramingError, match=r"No contest 'nope' in lexicon 'tiny'"):
        count_documents(MATCHES, CORPUS, item="variant", contest="nope")
    foreign = make_matches([contest_hit("a1", "nagorno")])
    with pytest.raises(FramingError, match=r"variant 'nagorno' of contest 'region', which"):
        count_documents(foreign, CORPUS, item="variant")


# ---------------------------------------------------------------------------------------------
# end to end on the bundled seeds

SEED_IDS = {
    "000": "000_9e5079871ae24380",
    "001": "001_e8a9aa4a5a1de8df",
    "002": "002_260b07781369273e",
    "003": "003_e0b1685020b70630",
    "004": "004_f2b60a6b7852c7d8",
}


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    framing = pytest.importorskip("framing")
    match = pytest.importorskip("framing.match")
    corpus = framing.read_corpus("karabakh-2023-fr")
    return corpus, match.match_lexicon(corpus, "karabakh-2023-fr")


def test_seeds_region_and_city_counts(seeds):
    corpus, matches = seeds
    # hand counts read off the five texts (tests/test_match.py holds the per-document
    # reasoning): region — Karabakh-type names 8, 7, 5, 6, 5; Haut-Karabakh 9 (all in 003);
    # Artsakh never. City — Khankendi once (000), Stepanakert three times (003).
    with pytest.warns(FramingWarning):
        region = count_contest(matches, contest="region_name", by="doc_id", corpus=corpus)
    per_doc = region.pivot(index="doc_id", columns="variant", values="n")
    assert per_doc.loc[list(SEED_IDS.values()), "azerbaijani_usage"].tolist() == [8, 7, 5, 6, 5]
    assert per_doc["haut_karabakh"].tolist() == [0, 0, 0, 9, 0]
    assert per_doc["artsakh"].sum() == 0
    assert region.attrs["variants_source"] == "lexicon"  # found through the bundled name
    city = count_contest(matches, contest="city_name", corpus=corpus, n_boot=0)
    assert city[["variant", "n", "n_docs"]].values.tolist() == [
        ["khankendi", 1, 2],
        ["stepanakert", 3, 2],
    ]
    # one document per group: relabelling documents only permutes the table's rows, so no
    # permutation is less extreme and the document-level p is exactly 1
    assert region.attrs["test"]["p"] == 1.0


def test_seeds_operation_name_by_voice(seeds):
    corpus, matches = seeds
    author = count_documents(
        matches, corpus, item="variant", contest="operation_name", voice="author"
    )
    n = author.set_index(["doc_id", "variant"])["n"]
    # seed 003's two counter-terrorism names are both quotations (« Il le qualifie
    # d’« antiterroriste » », « « À la suite des actions antiterroristes locales … », a
    # déclaré un porte-parole »); seed 004's lead « L'Azerbaïdjan a entamé des opérations
    # antiterroristes » is the outlet's own voice
    assert n[(SEED_IDS["003"], "counter_terrorism")] == 0
    assert n[(SEED_IDS["004"], "counter_terrorism")] >= 1
    distanced = count_documents(
        matches, corpus, item="variant", contest="operation_name", distanced=True
    )
    d = distanced.set_index(["doc_id", "variant"])["n"]
    assert d[(SEED_IDS["003"], "counter_terrorism")] == 1


def test_seeds_count_frames_is_consistent(seeds):
    corpus, matches = seeds
    with pytest.warns(FramingWarning, match=r"outlet='La Gazette'"):
        table = count_frames(matches, corpus, by="outlet")
    counted = matches["frame"].notna().sum()
    assert table["n_matches"].sum() == counted
    assert table.groupby("outlet", sort=False)["n_docs"].first().to_dict() == {
        "La Gazette": 1,
        "(missing)": 4,
    }
    assert set(table["frame"]) == {
        name for name, frame in framing_lexicon().frames.items() if frame.entries
    }
    assert (
        table["n_tokens"].groupby(table["outlet"]).first().sum()
        == (corpus.describe()["n_tokens"].iloc[0])
    )


def framing_lexicon():
    from framing import read_lexicon

    return read_lexicon("karabakh-2023-fr")
