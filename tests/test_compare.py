"""framing.compare: log-odds, keyness, specificities and profile distances.

Every statistic is checked three ways: against **published values** (paper tables,
documented outputs of reference implementations), against an **independent computation**
written here from the formula (plain Python, exact integers, or another SciPy routine —
never the helpers of framing.compare), and by **properties** (antisymmetry, order
invariance, finite values for absent terms, pinned errors).

Published values (sources in tests/data/compare/README.md):

- Specificities (Lafon 1980): the textometry R package (the statistics engine of TXM),
  ``tests/specificities.Rout`` — all 60 values of the Robespierre lexical table of Lafon
  (1980) — and ``tests/specificities.lexicon.new.Rout`` (26 values).
- G² (Dunning 1993): three bigrams of Dunning's Table 1 (270.72, 263.90, 48.94), and the
  worked example of Rayson's log-likelihood calculator (52/50,000 vs 57/75,000: 2.65).
- χ²: Kothari (2004, p. 248, Table 10.9): 3.57, and 2.478 with Yates' correction; the
  SciPy documentation's 2 × 2 example (p = 0.0614122539870913).
- Log ratio (Hardie 2014): his worked example (0.0006 vs 0.0002 → log2 3) and scale (twice
  as frequent → 1, four times → 2). The 0.5 adjustment of zero counts is documented by
  Hardie's CQPweb implementation as described in Evert's DH 2022 replication code, not by
  a published number: it is checked against the formula only.
- Log-odds (Monroe, Colaresi & Quinn 2008): the paper prints no table of δ/σ values that
  can be recomputed from published counts, so eqs. 16, 20 and 22 are checked by hand
  computation, and — as a secondary check — against the documented outputs of a published
  re-implementation (``fightin_words``, Wigderowitz 2019, after Hessel's script): 11 z-scores
  with a uniform prior and 12 with a per-term prior.
- Jensen–Shannon distance: the SciPy documentation's examples (1.0 in base 2;
  0.46450140402245893 in natural-log units) and Lin's (1991) bound (≤ 1 bit).
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency

import framing
from framing._errors import CorpusError, FramingError, FramingWarning
from framing.compare import (
    compare_keyness,
    compare_log_odds,
    compare_profiles,
    compare_specificities,
)

DATA = Path(__file__).parent / "data" / "compare"


# --- helpers (independent of framing.compare) -----------------------------------------------


def corpus(texts, groups, column="side"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FramingWarning)  # empty texts are fine here
        return framing.Corpus(pd.DataFrame({"text": texts, column: groups}))


def long_table(counts: dict[str, dict[str, int]], by="side") -> pd.DataFrame:
    """{group: {term: n}} -> long count table."""
    rows = [(g, t, n) for g, terms in counts.items() for t, n in terms.items()]
    return pd.DataFrame(rows, columns=[by, "term", "n"])


def two_by_two(a, n_t, b, n_r, word="w"):
    """A count table whose 2 × 2 table for ``word`` is [[a, b], [n_t - a, n_r - b]]."""
    return long_table({"T": {word: a, "zz_rest": n_t - a}, "R": {word: b, "zz_rest": n_r - b}})


def keyness_row(a, n_t, b, n_r, **kwargs):
    table = compare_keyness(two_by_two(a, n_t, b, n_r), by="side", target="T", **kwargs)
    return table.set_index("term").loc["w"]


def g2_by_hand(cells):
    """Dunning's -2 log λ = 2 Σ O ln(O/E) over a 2 × 2 table, in plain Python."""
    (a, b), (c, d) = cells
    n = a + b + c + d
    rows, cols = (a + b, c + d), (a + c, b + d)
    total = 0.0
    for i, row in enumerate(((a, b), (c, d))):
        for j, observed in enumerate(row):
            if observed:
                total += observed * math.log(observed * n / (rows[i] * cols[j]))
    return 2 * total


def log10_tail_exact(f, big_f, t, big_t, upper):
    """log10 P(X >= f) (upper) or P(X <= f) of the hypergeometric law, with exact integers."""
    ks = range(f, min(big_f, t) + 1) if upper else range(max(0, t - (big_t - big_f)), f + 1)
    numerator = sum(math.comb(big_f, k) * math.comb(big_t - big_f, t - k) for k in ks)
    return math.log10(numerator) - math.log10(math.comb(big_t, t))


def specificity_exact(f, big_f, t, big_t):
    upper = Fraction(f) >= Fraction(big_f * t, big_t)
    tail = log10_tail_exact(f, big_f, t, big_t, upper)
    return -tail if upper else tail


def spec_lookup(table, by="side"):
    return {(g, t): s for g, t, s in table[[by, "term", "specificity"]].itertuples(index=False)}


# === specificities ===========================================================================


def robespierre_long():
    wide = pd.read_csv(DATA / "robespierre_counts.csv")
    return wide.melt(id_vars="term", var_name="part", value_name="n")


def test_specificities_match_txm_on_lafons_robespierre_table():
    published = pd.read_csv(DATA / "robespierre_specificities_txm.csv").set_index("term")
    result = compare_specificities(robespierre_long(), by="part")
    got = result.pivot(index="term", columns="part", values="specificity")
    got = got.loc[published.index, published.columns]
    assert got.shape == (6, 10)
    # published values are rounded to 4 decimals
    np.testing.assert_allclose(got.to_numpy(), published.to_numpy(), atol=5.1e-5, rtol=0)
    assert result.attrs["t_total"] == 61449


def test_specificities_match_txm_sublexicon_example():
    published = pd.read_csv(DATA / "sublexicon_specificities_txm.csv")
    counts = {
        "sublexicon": dict(zip(published["term"], published["sublexicon"], strict=True)),
        "complementary": dict(
            zip(published["term"], published["lexicon"] - published["sublexicon"], strict=True)
        ),
    }
    result = spec_lookup(compare_specificities(long_table(counts), by="side"))
    for row in published.itertuples(index=False):
        assert result[("sublexicon", row.term)] == pytest.approx(row.sublexicon_spec, abs=5.1e-5)
        assert result[("complementary", row.term)] == pytest.approx(
            row.complementary_spec, abs=5.1e-5
        )


def test_specificities_equal_exact_integer_computation():
    counts = {
        "A": {"w": 11, "x": 0, "y": 40, "z": 3},
        "B": {"w": 2, "x": 7, "y": 300, "z": 3},
        "C": {"w": 5, "x": 1, "y": 120, "z": 0},
    }
    result = compare_specificities(long_table(counts), by="side")
    big_t = sum(sum(v.values()) for v in counts.values())
    for row in result.itertuples(index=False):
        big_f = sum(counts[g][row.term] for g in counts)
        t = sum(counts[row.side].values())
        assert (row.f, row.f_total, row.t, row.t_total) == (
            counts[row.side][row.term],
            big_f,
            t,
            big_t,
        )
        assert row.expected == pytest.approx(big_f * t / big_t)
        assert row.specificity == pytest.approx(
            specificity_exact(row.f, big_f, t, big_t), abs=1e-9
        )


def test_specificity_at_exactly_the_expected_value_uses_the_upper_tail():
    # T = 10, F = 2, t = 5: expected F t / T = 1 = f, which TXM reads as over-use,
    # -log10 P(X >= 1) = -log10(1 - C(8, 5) / C(10, 5)) in both groups
    counts = {"A": {"w": 1, "rest": 4}, "B": {"w": 1, "rest": 4}}
    spec = spec_lookup(compare_specificities(long_table(counts), by="side"))
    p_at_least_one = 1 - Fraction(math.comb(8, 5), math.comb(10, 5))
    assert spec[("A", "w")] == pytest.approx(-math.log10(p_at_least_one), rel=1e-12)
    assert spec[("B", "w")] == pytest.approx(-math.log10(p_at_least_one), rel=1e-12)
    assert spec[("A", "w")] > 0


def test_specificity_beyond_double_precision_stays_finite_and_exact():
    # 300 occurrences, all in a part of 1,000 tokens out of 10,000: P(X >= 300) ~ 1e-320.
    counts = {"A": {"w": 300, "rest": 700}, "B": {"w": 0, "rest": 9000}}
    result = spec_lookup(compare_specificities(long_table(counts), by="side"))
    expected = -log10_tail_exact(300, 300, 1000, 10000, upper=True)
    assert expected > 300
    assert result[("A", "w")] == pytest.approx(expected, rel=1e-10)
    # B (9,000 tokens) has none of the 300: P(X <= 0) is the same tiny number
    assert result[("B", "w")] == pytest.approx(log10_tail_exact(0, 300, 9000, 10000, False))
    assert result[("B", "w")] == pytest.approx(-expected, rel=1e-10)


def test_specificities_of_a_huge_over_use_do_not_underflow():
    counts = {"A": {"w": 5000, "rest": 5000}, "B": {"w": 0, "rest": 990000}}
    spec = spec_lookup(compare_specificities(long_table(counts), by="side"))
    assert math.isfinite(spec[("A", "w")])
    assert spec[("A", "w")] > 5000
    assert spec[("A", "w")] == pytest.approx(
        -log10_tail_exact(5000, 5000, 10000, 1000000, upper=True), rel=1e-9
    )


def test_specificities_are_antisymmetric_between_two_groups():
    counts = {"A": {"a": 30, "b": 2, "c": 7, "d": 0}, "B": {"a": 12, "b": 9, "c": 8, "d": 4}}
    spec = spec_lookup(compare_specificities(long_table(counts), by="side"))
    for term in "abcd":
        assert spec[("A", term)] == pytest.approx(-spec[("B", term)], abs=1e-12)


def test_specificities_from_a_corpus_columns_order_and_top_n():
    texts = ["guerre guerre guerre paix", "paix paix paix accord", "accord guerre"]
    result = compare_specificities(corpus(texts, ["A", "B", None]), by="side")
    assert result.columns.tolist() == [
        "side",
        "term",
        "f",
        "f_total",
        "t",
        "t_total",
        "expected",
        "specificity",
    ]
    assert result["side"].drop_duplicates().tolist() == ["A", "B", "(missing)"]
    assert len(result) == 3 * 3  # every term in every group
    a_rows = result[result["side"] == "A"]
    assert a_rows["specificity"].is_monotonic_decreasing
    assert a_rows["term"].iloc[0] == "guerre"
    top = compare_specificities(corpus(texts, ["A", "B", None]), by="side", top_n=1)
    assert top.groupby("side", sort=False).size().tolist() == [2, 2, 2]
    mins = compare_specificities(corpus(texts, ["A", "B", None]), by="side", min_count=4)
    assert set(mins["term"]) == {"guerre", "paix"}


def test_specificities_of_an_empty_group_are_zero():
    result = compare_specificities(corpus(["guerre paix", "", "paix"], ["A", "B", "C"]), by="side")
    empty = result[result["side"] == "B"]
    assert (empty["t"] == 0).all()
    assert (empty["specificity"] == 0).all()


# === keyness =================================================================================


@pytest.mark.parametrize(
    "row", list(pd.read_csv(DATA / "dunning_1993_table1.csv").itertuples(index=False))
)
def test_g2_matches_dunning_1993_table_1(row):
    got = keyness_row(row.k11, row.k11 + row.k12, row.k21, row.k21 + row.k22)
    assert abs(got["g2"]) == pytest.approx(row.g2, abs=0.005)
    assert abs(got["g2"]) == pytest.approx(
        g2_by_hand(((row.k11, row.k21), (row.k12, row.k22))), rel=1e-10
    )


def test_g2_matches_raysons_calculator_example():
    got = keyness_row(52, 50000, 57, 75000)
    assert round(got["g2"], 2) == 2.65
    assert got["g2"] > 0  # more frequent in corpus 1: the calculator shows "+"
    assert got["p"] > 0.05  # "not statistically significant" (LL < 3.84)


def test_chi2_matches_kothari_with_and_without_yates():
    # Kothari (2004), Table 10.9: rows (17, 18) and (3, 12); columns are the two samples.
    plain = keyness_row(17, 20, 18, 30, measure="chi2")
    yates = keyness_row(17, 20, 18, 30, measure="chi2", correction="yates")
    assert plain["chi2"] == pytest.approx(3.57, abs=0.005)
    assert yates["chi2"] == pytest.approx(2.478, abs=0.005)
    assert plain["chi2"] > 0  # 17/20 > 18/30


def test_chi2_p_value_matches_scipy_documentation():
    got = keyness_row(12, 29, 3, 19, measure="chi2")
    assert got["p"] == pytest.approx(0.0614122539870913, rel=1e-9)


def test_log_ratio_matches_hardies_examples():
    # 0.0006 vs 0.0002 per token: three times as frequent
    assert keyness_row(6, 10000, 2, 10000)["log_ratio"] == pytest.approx(math.log2(3))
    assert keyness_row(20, 1000, 10, 1000)["log_ratio"] == pytest.approx(1.0)
    assert keyness_row(10, 1000, 40, 1000)["log_ratio"] == pytest.approx(-2.0)
    assert keyness_row(5, 1000, 5, 2000)["log_ratio"] == pytest.approx(1.0)


def test_log_ratio_replaces_a_zero_count_by_half():
    assert keyness_row(4, 1000, 0, 1000)["log_ratio"] == pytest.approx(math.log2(4 / 0.5))
    assert keyness_row(0, 1000, 3, 2000)["log_ratio"] == pytest.approx(
        math.log2((0.5 / 1000) / (3 / 2000))
    )


@settings(max_examples=80, deadline=None)
@given(
    a=st.integers(0, 400),
    b=st.integers(0, 400),
    rest_t=st.integers(1, 5000),
    rest_r=st.integers(1, 5000),
)
def test_keyness_equals_scipy_contingency_tests(a, b, rest_t, rest_r):
    if a + b == 0:
        return
    cells = [[a, b], [rest_t, rest_r]]
    got = keyness_row(a, a + rest_t, b, b + rest_r, measure="chi2", p_adjust=None)
    sign = np.sign(a * (b + rest_r) - b * (a + rest_t))
    g_test = chi2_contingency(cells, correction=False, lambda_="log-likelihood")
    pearson = chi2_contingency(cells, correction=False)
    assert got["g2"] == pytest.approx(sign * g_test.statistic, rel=1e-7, abs=1e-9)
    assert got["g2"] == pytest.approx(sign * g2_by_hand(cells), rel=1e-7, abs=1e-9)
    assert got["chi2"] == pytest.approx(sign * pearson.statistic, rel=1e-7, abs=1e-9)
    assert got["p"] == pytest.approx(pearson.pvalue, rel=1e-6, abs=1e-300)
    yates = keyness_row(a, a + rest_t, b, b + rest_r, measure="chi2", correction="yates")
    assert abs(yates["chi2"]) == pytest.approx(
        chi2_contingency(cells, correction=True).statistic, rel=1e-7, abs=1e-9
    )


def test_keyness_columns_sort_and_p_adjustment():
    counts = {
        "T": {"a": 40, "b": 10, "c": 25, "d": 0, "e": 3},
        "R": {"a": 10, "b": 40, "c": 25, "d": 6, "e": 3},
    }
    table = compare_keyness(long_table(counts), by="side", target="T")
    assert table.columns.tolist() == [
        "term",
        "n_target",
        "n_reference",
        "target_per_1k",
        "reference_per_1k",
        "g2",
        "chi2",
        "log_ratio",
        "p",
        "p_adj",
    ]
    assert table["term"].tolist()[0] == "a"
    assert table["term"].tolist()[-1] == "b"
    assert table["g2"].is_monotonic_decreasing
    # Benjamini–Hochberg by hand: p_(i) * m / i, made monotone from the largest p down
    p = table["p"].to_numpy()
    order = np.argsort(p)
    m = len(p)
    adjusted = np.empty(m)
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        adjusted[i] = running
    np.testing.assert_allclose(table["p_adj"], adjusted, rtol=1e-12)
    bonf = compare_keyness(long_table(counts), by="side", target="T", p_adjust="bonferroni")
    np.testing.assert_allclose(bonf["p_adj"], np.minimum(bonf["p"] * m, 1.0))
    none = compare_keyness(long_table(counts), by="side", target="T", p_adjust=None)
    assert "p_adj" not in none.columns
    assert table.attrs["n_target_tokens"] == 78
    assert table.attrs["reference"] == ["R"]


def test_keyness_rates_and_top_n():
    counts = {"T": {f"t{i}": i + 1 for i in range(10)}, "R": {f"t{i}": 10 - i for i in range(10)}}
    table = compare_keyness(long_table(counts), by="side", target="T", top_n=2)
    assert table["term"].tolist() == ["t9", "t8", "t1", "t0"]
    full = compare_keyness(long_table(counts), by="side", target="T")
    row = full.set_index("term").loc["t9"]
    assert row["target_per_1k"] == pytest.approx(10 / 55 * 1000)
    assert row["reference_per_1k"] == pytest.approx(1 / 55 * 1000)
    by_ratio = compare_keyness(long_table(counts), by="side", target="T", measure="log_ratio")
    assert by_ratio["log_ratio"].is_monotonic_decreasing


def test_keyness_min_range_counts_documents_on_the_over_used_side():
    texts = ["guerre guerre guerre guerre", "paix", "paix guerre", "paix", "paix"]
    groups = ["T", "T", "R", "R", "R"]
    table = compare_keyness(corpus(texts, groups), by="side", target="T", min_range=2)
    # "guerre" is over-used in T but in one T document only; "paix" is over-used in R
    # (3 documents) and kept.
    assert table["term"].tolist() == ["paix"]
    assert table[["range_target", "range_reference"]].iloc[0].tolist() == [1, 3]
    loose = compare_keyness(corpus(texts, groups), by="side", target="T", min_range=1)
    assert loose.set_index("term").loc["guerre", "range_target"] == 1


def test_keyness_min_range_needs_a_corpus():
    with pytest.raises(FramingError, match=r"min_range counts the documents"):
        compare_keyness(two_by_two(3, 10, 1, 10), by="side", target="T", min_range=2)


def test_yates_only_for_chi2():
    with pytest.raises(FramingError, match=r"correction='yates' corrects Pearson's chi2"):
        compare_keyness(two_by_two(3, 10, 1, 10), by="side", target="T", correction="yates")


def test_unknown_measure_suggests():
    with pytest.raises(FramingError, match=r"measure='G2' is not valid.*Did you mean 'g2'"):
        compare_keyness(two_by_two(3, 10, 1, 10), by="side", target="T", measure="G2")


# === log-odds ================================================================================


def bag(text: str) -> Counter:
    return Counter(text.split())


def fightin_words_counts():
    doc1 = bag("the quick brown fox jumps over the lazy pig")
    doc2 = bag("the lazy purple pig jumps over the lazier donkey")
    return {"doc1": dict(doc1), "doc2": dict(doc2)}


def test_log_odds_match_fightin_words_uniform_prior():
    # fightin_words README, "Uninformed example": prior=.05 for every word
    published = {
        "donkey": -0.6894227886807968,
        "lazier": -0.6894227886807968,
        "purple": -0.6894227886807968,
        "jumps": 0.0,
        "lazy": 0.0,
        "over": 0.0,
        "pig": 0.0,
        "the": 0.0,
        "brown": 0.6894227886807968,
        "fox": 0.6894227886807968,
        "quick": 0.6894227886807968,
    }
    table = compare_log_odds(
        long_table(fightin_words_counts()),
        by="side",
        target="doc1",
        prior="uniform",
        alpha0=0.05 * 11,
    )
    got = dict(zip(table["term"], table["z"], strict=True))
    assert set(got) == set(published)
    for word, z in published.items():
        assert got[word] == pytest.approx(z, abs=1e-12)
    assert table["alpha"].eq(0.05).all()


def test_log_odds_match_fightin_words_per_term_prior():
    # fightin_words README, "Informed example": 1000 × "very" in doc2, prior 1/1000 on it
    doc1 = bag("the quick brown fox jumps over the lazy pig")
    doc2 = bag("the lazy purple pig jumps over the " + 1000 * "very " + "sleepy donkey")
    data = long_table({"doc1": dict(doc1), "doc2": dict(doc2)})
    uninformed = {
        "very": -2.2144429606255946,
        "donkey": 0.3528670051726073,
        "brown": 1.7074955767167836,
        "jumps": 3.4564380059373603,
        "the": 4.954523357120953,
    }
    informed = {
        "very": -0.4368846171934332,
        "purple": 0.3539801999989518,
        "quick": 1.7087406001344665,
        "lazy": 3.4605672465974453,
        "the": 4.961066225017743,
    }
    flat = compare_log_odds(data, by="side", target="doc1", prior="uniform", alpha0=0.05 * 12)
    got = dict(zip(flat["term"], flat["z"], strict=True))
    for word, z in uninformed.items():
        assert got[word] == pytest.approx(z, abs=1e-12)
    words = sorted(set(doc1) | set(doc2))
    prior = pd.Series({w: (1 / 1000 if w == "very" else 0.05) for w in words})
    table = compare_log_odds(data, by="side", target="doc1", prior=prior)
    got = dict(zip(table["term"], table["z"], strict=True))
    for word, z in informed.items():
        assert got[word] == pytest.approx(z, abs=1e-12)
    assert table.attrs["prior"] == "series"
    assert table.attrs["alpha0"] == pytest.approx(1 / 1000 + 11 * 0.05)


def test_log_odds_equal_monroe_equations_by_hand_with_the_corpus_prior():
    counts = {
        "T": {"a": 10, "b": 3, "c": 0, "d": 7},
        "R": {"a": 2, "b": 8, "c": 5, "d": 7},
        "X": {"a": 1, "b": 1, "c": 1, "d": 30},  # outside the comparison, in the prior
    }
    alpha0 = 50.0
    table = compare_log_odds(
        long_table(counts), by="side", target="T", reference="R", alpha0=alpha0
    )
    got = table.set_index("term")
    n_all = sum(sum(g.values()) for g in counts.values())
    n_t, n_r = sum(counts["T"].values()), sum(counts["R"].values())
    for w in "abcd":
        y_all = sum(g[w] for g in counts.values())
        alpha = alpha0 * y_all / n_all  # α_w = α0 · background share
        y_t, y_r = counts["T"][w], counts["R"][w]
        delta = math.log((y_t + alpha) / (n_t + alpha0 - y_t - alpha)) - math.log(
            (y_r + alpha) / (n_r + alpha0 - y_r - alpha)
        )  # eq. 16
        var = 1 / (y_t + alpha) + 1 / (y_r + alpha)  # eq. 20
        assert got.loc[w, "alpha"] == pytest.approx(alpha)
        assert got.loc[w, "delta"] == pytest.approx(delta, rel=1e-12)
        assert got.loc[w, "se"] == pytest.approx(math.sqrt(var), rel=1e-12)
        assert got.loc[w, "z"] == pytest.approx(delta / math.sqrt(var), rel=1e-12)  # eq. 22
        assert (got.loc[w, "n_target"], got.loc[w, "n_reference"]) == (y_t, y_r)
    assert table.attrs["alpha_sum"] == pytest.approx(alpha0)


def test_log_odds_default_priors():
    counts = {"T": {"a": 10, "b": 3, "c": 1}, "R": {"a": 2, "b": 8, "c": 1}}
    corpus_prior = compare_log_odds(long_table(counts), by="side", target="T")
    # default α0 = all tokens, so α_w is the term's total count
    assert corpus_prior.set_index("term")["alpha"].to_dict() == {"a": 12, "b": 11, "c": 2}
    assert corpus_prior.attrs["alpha0"] == 25
    uniform = compare_log_odds(long_table(counts), by="side", target="T", prior="uniform")
    assert uniform["alpha"].tolist() == pytest.approx([0.01] * 3)
    assert uniform.attrs["alpha0"] == pytest.approx(0.03)


def test_log_odds_columns_sorting_min_count_top_n():
    counts = {"T": {f"w{i}": i for i in range(1, 9)}, "R": {f"w{i}": 9 - i for i in range(1, 9)}}
    table = compare_log_odds(long_table(counts), by="side", target="T")
    assert table.columns.tolist() == [
        "term",
        "n_target",
        "n_reference",
        "alpha",
        "delta",
        "se",
        "z",
    ]
    assert table["z"].is_monotonic_decreasing
    assert table["term"].iloc[0] == "w8"
    top = compare_log_odds(long_table(counts), by="side", target="T", top_n=1)
    assert top["term"].tolist() == ["w8", "w1"]
    # min_count filters rows but leaves every statistic unchanged
    counts["T"]["rare"] = 1
    filtered = compare_log_odds(long_table(counts), by="side", target="T", min_count=2)
    full = compare_log_odds(long_table(counts), by="side", target="T")
    assert "rare" not in set(filtered["term"])
    merged = filtered.merge(full, on="term", suffixes=("", "_full"))
    np.testing.assert_allclose(merged["z"], merged["z_full"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"prior": "flat"}, r"prior='flat' is not valid"),
        ({"prior": "corpus", "alpha0": -1}, r"alpha0 must be a positive number; got -1"),
        ({"prior": pd.Series({"a": 1.0})}, r"no pseudo-count for 2 term\(s\)"),
        ({"prior": pd.Series({"a": 1.0, "b": 0.0, "c": 1.0})}, r"must be positive numbers"),
        ({"prior": pd.Series({"a": 1, "b": 1, "c": 1}), "alpha0": 3}, r"Drop alpha0"),
        ({"prior": pd.Series([1.0, 1.0, 1.0], index=["a", "a", "b"])}, r"repeated terms"),
    ],
)
def test_log_odds_prior_errors(kwargs, message):
    counts = {"T": {"a": 10, "b": 3, "c": 1}, "R": {"a": 2, "b": 8, "c": 1}}
    with pytest.raises(FramingError, match=message):
        compare_log_odds(long_table(counts), by="side", target="T", **kwargs)


def test_log_odds_need_two_terms():
    with pytest.raises(FramingError, match=r"log-odds need at least two"):
        compare_log_odds(long_table({"T": {"a": 1}, "R": {"a": 2}}), by="side", target="T")


# === properties shared by the comparisons ====================================================

_COUNTS = st.dictionaries(
    st.sampled_from(["guerre", "paix", "offensive", "mesures", "bakou", "erevan"]),
    st.tuples(st.integers(0, 60), st.integers(0, 60)),
    min_size=2,
).filter(
    lambda d: (
        sum(a for a, _ in d.values()) > 0
        and sum(b for _, b in d.values()) > 0
        # a term counted nowhere is not in the data: two terms must remain (log-odds need two)
        and sum(a + b > 0 for a, b in d.values()) >= 2
    )
)


def _two_groups(d):
    return long_table(
        {"T": {w: a for w, (a, _) in d.items()}, "R": {w: b for w, (_, b) in d.items()}}
    )


@settings(max_examples=60, deadline=None)
@given(d=_COUNTS)
def test_swapping_target_and_reference_negates_the_signed_statistics(d):
    data = _two_groups(d)
    forward = compare_log_odds(data, by="side", target="T").set_index("term").sort_index()
    back = compare_log_odds(data, by="side", target="R").set_index("term").sort_index()
    np.testing.assert_allclose(back["delta"], -forward["delta"], atol=1e-12)
    np.testing.assert_allclose(back["z"], -forward["z"], atol=1e-12)
    k_forward = compare_keyness(data, by="side", target="T").set_index("term").sort_index()
    k_back = compare_keyness(data, by="side", target="R").set_index("term").sort_index()
    for column in ("g2", "chi2", "log_ratio"):
        np.testing.assert_allclose(k_back[column], -k_forward[column], atol=1e-9)
    np.testing.assert_allclose(k_back["p"], k_forward["p"], rtol=1e-9)
    assert np.isfinite(k_forward[["g2", "chi2", "log_ratio", "p"]].to_numpy()).all()
    assert np.isfinite(forward[["delta", "se", "z"]].to_numpy()).all()


@settings(max_examples=40, deadline=None)
@given(d=_COUNTS)
def test_specificities_antisymmetric_unless_exactly_expected(d):
    spec = compare_specificities(_two_groups(d), by="side")
    t_rows = spec[spec["side"] == "T"].set_index("term").sort_index()
    r_rows = spec[spec["side"] == "R"].set_index("term").sort_index()
    exact = np.isclose(t_rows["f"], t_rows["expected"], rtol=0, atol=1e-9)
    # when f equals its expected value exactly, TXM's convention makes both sides positive
    np.testing.assert_allclose(
        r_rows["specificity"][~exact], -t_rows["specificity"][~exact], atol=1e-9
    )
    assert np.isfinite(spec["specificity"]).all()


def test_document_order_does_not_matter():
    texts = ["la guerre et la paix", "la paix", "mesures de guerre", "la guerre", "paix"]
    groups = ["A", "B", "A", "B", "A"]
    order = [4, 2, 0, 3, 1]
    c1 = corpus(texts, groups)
    c2 = corpus([texts[i] for i in order], [groups[i] for i in order])
    for func, kwargs in (
        (compare_log_odds, {"target": "A"}),
        (compare_keyness, {"target": "A"}),
        (compare_specificities, {}),
    ):
        pd.testing.assert_frame_equal(
            func(c1, by="side", ngram=(1, 2), **kwargs),
            func(c2, by="side", ngram=(1, 2), **kwargs),
        )
    pd.testing.assert_frame_equal(compare_profiles(c1, by="side"), compare_profiles(c2, by="side"))


def test_reference_defaults_to_all_other_groups_and_lists_are_pooled():
    counts = {
        "A": {"x": 5, "y": 1},
        "B": {"x": 1, "y": 4},
        "C": {"x": 2, "y": 2},
    }
    data = long_table(counts)
    rest = compare_keyness(data, by="side", target="A")
    pooled = compare_keyness(
        long_table({"A": counts["A"], "BC": {"x": 3, "y": 6}}), by="side", target="A"
    )
    pd.testing.assert_series_equal(rest["g2"], pooled["g2"])
    assert rest.attrs["reference"] == ["B", "C"]
    listed = compare_keyness(data, by="side", target=["B", "C"], reference="A")
    np.testing.assert_allclose(
        listed.set_index("term")["g2"].sort_index(),
        -rest.set_index("term")["g2"].sort_index(),
    )


def test_missing_group_can_be_named():
    table = compare_keyness(
        corpus(["guerre", "paix", "paix guerre"], ["A", None, "B"]),
        by="side",
        target="(missing)",
        reference="A",
    )
    assert table.attrs["target"] == ["(missing)"]
    assert set(table["term"]) == {"guerre", "paix"}


# --- errors ----------------------------------------------------------------------------------

ALL = (
    (compare_log_odds, {"target": "A"}),
    (compare_keyness, {"target": "A"}),
)


@pytest.mark.parametrize(("func", "kwargs"), ALL)
def test_unknown_group_lists_the_groups(func, kwargs):
    data = corpus(["guerre", "paix"], ["Le Monde", "Libération"])
    with pytest.raises(
        FramingError,
        match=r"target='Le Mond' is not a group of 'side'. Groups present: 'Le Monde', "
        r"'Libération'.*Did you mean 'Le Monde'",
    ):
        func(data, by="side", target="Le Mond")


@pytest.mark.parametrize(("func", "kwargs"), ALL)
def test_target_equal_to_reference_is_refused(func, kwargs):
    data = corpus(["guerre", "paix"], ["A", "B"])
    with pytest.raises(FramingError, match=r"target and reference overlap \('A'\)"):
        func(data, by="side", target="A", reference="A")
    with pytest.raises(FramingError, match=r"target and reference overlap \('B'\)"):
        func(data, by="side", target=["A", "B"], reference=["B"])


@pytest.mark.parametrize(("func", "kwargs"), ALL)
def test_group_without_tokens_is_refused(func, kwargs):
    data = corpus(["guerre paix", "", "paix"], ["A", "B", "C"])
    with pytest.raises(FramingError, match=r"the reference \('B'\) has no tokens"):
        func(data, by="side", target="A", reference="B")
    with pytest.raises(FramingError, match=r"the target \('B'\) has no tokens"):
        func(data, by="side", target="B")


@pytest.mark.parametrize(("func", "kwargs"), ALL)
def test_nothing_to_compare_with(func, kwargs):
    with pytest.raises(FramingError, match=r"nothing to compare with"):
        func(corpus(["guerre", "paix"], ["A", "A"]), by="side", target="A")


@pytest.mark.parametrize(
    "func", [compare_log_odds, compare_keyness, compare_specificities, compare_profiles]
)
def test_unknown_by_column_suggests(func):
    kwargs = {"target": "A"} if func in (compare_log_odds, compare_keyness) else {}
    with pytest.raises(CorpusError, match=r"cannot group by 'sid'.*Did you mean 'side'"):
        func(corpus(["guerre"], ["A"]), by="sid", **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_count": 0}, r"min_count must be a whole number >= 1; got 0"),
        ({"top_n": -2}, r"top_n must be None or a whole number >= 1; got -2"),
        ({"min_range": 0}, r"min_range must be a whole number >= 1; got 0"),
        ({"p_adjust": "holm"}, r"p_adjust='holm' is not valid"),
        ({"target": []}, r"target is empty"),
    ],
)
def test_parameter_errors(kwargs, message):
    params = {"by": "side", "target": "A", **kwargs}
    with pytest.raises(FramingError, match=message):
        compare_keyness(corpus(["guerre", "paix"], ["A", "B"]), **params)


# === profiles ================================================================================


def test_js_distance_matches_scipy_documentation():
    disjoint = compare_profiles(
        long_table({"P": {"x": 1}, "Q": {"y": 1}, "R": {"z": 1}}), by="side"
    )
    assert disjoint.loc["P", "Q"] == pytest.approx(1.0)  # distance([1,0,0], [0,1,0], base 2)
    half = compare_profiles(long_table({"P": {"x": 2}, "Q": {"x": 1, "y": 1}}), by="side")
    # SciPy: jensenshannon([1.0, 0.0], [0.5, 0.5]) == 0.46450140402245893 in nats;
    # in bits the divergence is divided by ln 2, the distance by sqrt(ln 2)
    assert half.loc["P", "Q"] == pytest.approx(0.46450140402245893 / math.sqrt(math.log(2)))


def test_js_distances_equal_scipy_base_2_on_frame_profiles():
    profiles = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "B", "B", "C", "C", "C"],
            "frame": ["war", "terror", "peace", "war", "peace", "war", "terror", "law"],
            "n_hits": [10, 5, 1, 3, 9, 4, 4, 4],
        }
    )
    square = compare_profiles(profiles, by="outlet", term="frame", count="n_hits")
    wide = profiles.pivot_table(index="frame", columns="outlet", values="n_hits", fill_value=0)
    for a in "ABC":
        for b in "ABC":
            assert square.loc[a, b] == pytest.approx(
                jensenshannon(wide[a], wide[b], base=2), abs=1e-12
            )
    assert np.allclose(square.to_numpy(), square.to_numpy().T)
    assert ((square.to_numpy() >= 0) & (square.to_numpy() <= 1)).all()
    long = compare_profiles(profiles, by="outlet", term="frame", count="n_hits", form="long")
    assert long.columns.tolist() == ["group_a", "group_b", "distance"]
    assert len(long) == 9
    lookup = long.set_index(["group_a", "group_b"])["distance"]
    assert lookup[("A", "C")] == pytest.approx(square.loc["A", "C"])
    assert square.attrs["base"] == 2


def test_js_distance_of_an_empty_group_is_nan_with_a_warning():
    with pytest.warns(FramingWarning, match=r"group\(s\) 'B' have no tokens"):
        square = compare_profiles(corpus(["guerre paix", "", "paix"], ["A", "B", "C"]), by="side")
    assert math.isnan(square.loc["A", "B"])
    assert math.isnan(square.loc["B", "B"])
    assert square.loc["A", "C"] > 0


def test_profiles_form_error():
    with pytest.raises(FramingError, match=r"form='wide' is not valid"):
        compare_profiles(corpus(["guerre"], ["A"]), by="side", form="wide")


# === the bundled AN corpus ===================================================================


@pytest.fixture(scope="module")
def an_tables():
    an = framing.read_corpus("an-mariage-2013")
    kwargs = {"by": "wing", "ngram": (1, 3)}
    return {
        "log_odds": compare_log_odds(an, target="right", **kwargs).set_index("term"),
        "keyness": compare_keyness(an, target="right", **kwargs).set_index("term"),
        "specificities": compare_specificities(an, min_count=5, **kwargs),
    }


def test_an_corpus_naming_contest_by_wing(an_tables):
    """« mariage homosexuel » is the right's word, « mariage pour tous » the left's."""
    log_odds, keyness = an_tables["log_odds"], an_tables["keyness"]
    spec = an_tables["specificities"]
    right = spec[spec["wing"] == "right"].set_index("term")
    left = spec[spec["wing"] == "left"].set_index("term")
    for term in ("mariage homosexuel", "mariage pour tous"):
        print(
            f"{term!r}: right {log_odds.loc[term, 'n_target']}, others "
            f"{log_odds.loc[term, 'n_reference']}, left {left.loc[term, 'f']}; "
            f"z={log_odds.loc[term, 'z']:.2f} G2={keyness.loc[term, 'g2']:.2f} "
            f"spec(right)={right.loc[term, 'specificity']:.2f} "
            f"spec(left)={left.loc[term, 'specificity']:.2f}"
        )
    # counts seen: right 69 vs 20 (all left); right 115 vs 95 (87 left, 8 chair)
    assert log_odds.loc["mariage homosexuel", "n_target"] == 69
    assert log_odds.loc["mariage pour tous", "n_target"] == 115
    assert log_odds.loc["mariage homosexuel", "z"] > 0
    assert keyness.loc["mariage homosexuel", "g2"] > 0
    assert right.loc["mariage homosexuel", "specificity"] > 0
    assert log_odds.loc["mariage pour tous", "z"] < 0
    assert keyness.loc["mariage pour tous", "g2"] < 0
    assert right.loc["mariage pour tous", "specificity"] < 0
    assert left.loc["mariage pour tous", "specificity"] > 0
    assert left.loc["mariage homosexuel", "specificity"] < 0


def test_docstring_examples_run():
    import doctest

    from framing.compare import _keyness, _log_odds, _profiles, _specificities

    for module in (_log_odds, _keyness, _specificities, _profiles):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
        assert result.attempted > 0, module.__name__
        assert result.failed == 0, module.__name__
