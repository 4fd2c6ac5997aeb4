"""framing._stats: Wilson interval, cluster bootstrap, X², Cramér's V, permutation test.

Reference values come from publications (cited at each test) or from independent
computations written here (root finding, enumeration, scipy), never from the code under test.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize
from scipy.stats import chi2_contingency, norm
from scipy.stats.contingency import association

from framing._errors import FramingError
from framing._stats import (
    check_ci,
    check_count,
    check_random_state,
    chi2_statistic,
    cluster_bootstrap_ratio,
    cramers_v,
    group_rng,
    permutation_chi2,
    wilson_interval,
)

# ---------------------------------------------------------------------------------------------
# Wilson interval

# Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
# comparison of seven methods. Statistics in Medicine 17(8), 857–872, Table I, method 3
# ("score method", Wilson 1927, no continuity correction), 95% limits to four decimals.
NEWCOMBE_TABLE_I = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("x", "n", "low", "high"), NEWCOMBE_TABLE_I)
def test_wilson_matches_newcombe_1998_table_i(x, n, low, high):
    lo, hi = wilson_interval(x, n, ci=0.95)
    assert round(float(lo), 4) == low
    assert round(float(hi), 4) == high


def _score_test_limits(x, n, ci):
    """Independent Wilson limits: the p where the score statistic equals ±z (root finding)."""
    z = float(norm.ppf(0.5 + ci / 2))
    p_hat = x / n

    def score(p):
        return (p_hat - p) / math.sqrt(p * (1 - p) / n)

    eps = 1e-12
    inner_low, inner_high = min(max(p_hat, eps), 1 - eps), max(min(p_hat, 1 - eps), eps)
    low = 0.0 if x == 0 else optimize.brentq(lambda p: score(p) - z, eps, inner_low)
    high = 1.0 if x == n else optimize.brentq(lambda p: score(p) + z, inner_high, 1 - eps)
    return low, high


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=5000),
    frac=st.floats(min_value=0, max_value=1),
    ci=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_inverts_the_score_test(n, frac, ci):
    x = round(frac * n)
    lo, hi = wilson_interval(x, n, ci=ci)
    ref_lo, ref_hi = _score_test_limits(x, n, ci)
    assert float(lo) == pytest.approx(ref_lo, abs=1e-9)
    assert float(hi) == pytest.approx(ref_hi, abs=1e-9)
    assert 0 <= lo <= x / n <= hi <= 1


@given(n=st.integers(min_value=1, max_value=500), frac=st.floats(min_value=0, max_value=1))
def test_wilson_is_symmetric_in_successes_and_failures(n, frac):
    x = round(frac * n)
    lo, hi = wilson_interval(x, n)
    lo2, hi2 = wilson_interval(n - x, n)
    assert float(lo) == pytest.approx(1 - float(hi2), abs=1e-12)
    assert float(hi) == pytest.approx(1 - float(lo2), abs=1e-12)


def test_wilson_edges_and_broadcasting():
    lo, hi = wilson_interval([0, 5, 5, 0], [10, 5, 10, 0])
    assert lo[0] == 0.0 and hi[1] == 1.0  # exact at 0 and n
    assert 0 < lo[2] < 0.5 < hi[2] < 1
    assert np.isnan(lo[3]) and np.isnan(hi[3])  # n = 0: no proportion
    lo, hi = wilson_interval(np.array([[1], [2]]), np.array([4, 8]))
    assert lo.shape == (2, 2)


def test_wilson_accepts_fractional_successes():
    lo, hi = wilson_interval(2.5, 5)
    ref = _score_test_limits(2.5, 5, 0.95)
    assert (float(lo), float(hi)) == pytest.approx(ref, abs=1e-9)


def test_wilson_rejects_impossible_counts():
    with pytest.raises(FramingError, match=r"0 <= successes <= n; got successes=6, n=5"):
        wilson_interval(6, 5)
    with pytest.raises(FramingError, match=r"0 <= successes <= n"):
        wilson_interval(-1, 5)


@pytest.mark.parametrize("ci", [0, 1, 1.5, -0.1, "0.95", True, None])
def test_ci_must_be_a_level_in_0_1(ci):
    with pytest.raises(FramingError, match=r"ci must be a confidence level strictly between 0"):
        check_ci(ci)


def test_count_and_seed_checks():
    assert check_count(0, "n_boot") == 0
    with pytest.raises(FramingError, match=r"n_boot must be an integer >= 0; got -1"):
        check_count(-1, "n_boot")
    with pytest.raises(FramingError, match=r"n_perm must be an integer >= 0; got 9\.5"):
        check_count(9.5, "n_perm")
    generator = np.random.default_rng(1)
    assert check_random_state(generator) is generator
    assert check_random_state(None) is None
    with pytest.raises(FramingError, match=r"random_state must be a non-negative int"):
        check_random_state("seed")
    with pytest.raises(FramingError, match=r"random_state must be a non-negative int"):
        check_random_state(-3)


def test_group_streams_are_seeded_per_group():
    a1 = group_rng(7, "outlet=A").integers(0, 1000, 5)
    a2 = group_rng(7, "outlet=A").integers(0, 1000, 5)
    b = group_rng(7, "outlet=B").integers(0, 1000, 5)
    assert a1.tolist() == a2.tolist()
    assert a1.tolist() != b.tolist()


# ---------------------------------------------------------------------------------------------
# X² and Cramér's V

# Koch & Edwards (1988) rheumatoid-arthritis trial, Treatment × Improved (None, Some,
# Marked): Placebo 29, 7, 7; Treated 13, 7, 21. Published analysis (Friendly 2000,
# "Visualizing Categorical Data", and the vcd::assocstats documentation example built on
# it; also Kabacoff, "R in Action", ch. 7): Pearson X² = 13.055, df = 2, p = 0.0014626,
# Cramér's V = 0.394.
ARTHRITIS = np.array([[29, 7, 7], [13, 7, 21]])


def test_chi2_and_cramers_v_match_the_published_arthritis_example():
    statistic, df = chi2_statistic(ARTHRITIS)
    assert round(statistic, 3) == 13.055
    assert df == 2
    assert round(cramers_v(ARTHRITIS), 3) == 0.394


def _chi2_by_hand(table):
    """X² with explicit loops over the cells."""
    table = [[float(v) for v in row] for row in table]
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table, strict=True)]
    total = sum(rows)
    out = 0.0
    for i, row in enumerate(table):
        for j, observed in enumerate(row):
            expected = rows[i] * cols[j] / total
            out += (observed - expected) ** 2 / expected
    return out


tables = st.integers(2, 5).flatmap(
    lambda r: st.integers(2, 5).flatmap(
        lambda c: st.lists(
            st.lists(st.integers(1, 60), min_size=c, max_size=c), min_size=r, max_size=r
        )
    )
)


@settings(max_examples=100, deadline=None)
@given(table=tables)
def test_chi2_and_v_agree_with_scipy_and_a_hand_loop(table):
    table = np.array(table)
    statistic, df = chi2_statistic(table)
    reference = chi2_contingency(table, correction=False)
    assert statistic == pytest.approx(reference.statistic, rel=1e-9)
    assert statistic == pytest.approx(_chi2_by_hand(table), rel=1e-9)
    assert df == reference.dof
    assert cramers_v(table) == pytest.approx(association(table, method="cramer"), rel=1e-9)


def test_empty_rows_and_columns_are_left_out():
    padded = np.zeros((4, 5), dtype=int)
    padded[1:3, [0, 2, 4]] = ARTHRITIS
    assert chi2_statistic(padded) == chi2_statistic(ARTHRITIS)
    assert cramers_v(padded) == cramers_v(ARTHRITIS)


def test_one_row_or_column_gives_nan():
    statistic, df = chi2_statistic([[3, 4, 5]])
    assert math.isnan(statistic) and df == 0
    assert math.isnan(cramers_v([[3], [4]]))
    # perfect association: V is 1
    assert cramers_v([[10, 0], [0, 7]]) == pytest.approx(1.0)


# ---------------------------------------------------------------------------------------------
# cluster bootstrap


def test_bootstrap_is_reproducible_with_the_same_seed():
    num = np.array([[1, 0], [4, 2], [0, 0], [7, 1], [2, 5]])
    den = np.array([100, 250, 80, 300, 120])
    a = cluster_bootstrap_ratio(num, den, n_boot=500, rng=np.random.default_rng(3))
    b = cluster_bootstrap_ratio(num, den, n_boot=500, rng=np.random.default_rng(3))
    c = cluster_bootstrap_ratio(num, den, n_boot=500, rng=np.random.default_rng(4))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_two_clusters_give_the_range_of_their_ratios():
    # With two documents A and B, a replicate is AA, AB, BA or BB (each 1/4): the ratios are
    # r_A, the pooled ratio, r_B. The 2.5% and 97.5% quantiles are therefore r_A and r_B.
    num = np.array([2.0, 9.0])
    den = np.array([100.0, 150.0])
    low, high = cluster_bootstrap_ratio(num, den, n_boot=4000, rng=np.random.default_rng(0))
    assert float(low) == pytest.approx(0.02)
    assert float(high) == pytest.approx(0.06)


def test_bootstrap_of_a_mean_matches_the_normal_approximation():
    # With unit denominators the ratio is a mean; for many clusters the percentile interval
    # approaches mean ± z · sd / sqrt(m), sd the population (1/m) standard deviation.
    values = np.random.default_rng(11).gamma(2.0, 3.0, size=400)
    low, high = cluster_bootstrap_ratio(
        values, np.ones_like(values), n_boot=4000, rng=np.random.default_rng(5)
    )
    half = 1.959964 * values.std() / math.sqrt(len(values))
    assert float(low) == pytest.approx(values.mean() - half, rel=0.02)
    assert float(high) == pytest.approx(values.mean() + half, rel=0.02)


def test_one_cluster_or_no_replicate_gives_nan():
    low, high = cluster_bootstrap_ratio([3.0], [100.0], rng=np.random.default_rng(0))
    assert math.isnan(low) and math.isnan(high)
    low, high = cluster_bootstrap_ratio(
        np.ones((5, 2)), np.full(5, 10.0), n_boot=0, rng=np.random.default_rng(0)
    )
    assert np.isnan(low).all() and np.isnan(high).all()


def test_zero_denominators_are_left_out_and_all_zero_is_nan():
    low, high = cluster_bootstrap_ratio([0.0, 0.0], [0.0, 0.0], rng=np.random.default_rng(0))
    assert math.isnan(low) and math.isnan(high)
    # one empty cluster: replicates that drew only it are dropped, not counted as 0
    low, high = cluster_bootstrap_ratio(
        [0.0, 5.0], [0.0, 50.0], n_boot=500, rng=np.random.default_rng(0)
    )
    assert float(low) == pytest.approx(0.1) and float(high) == pytest.approx(0.1)


@settings(max_examples=60, deadline=None)
@given(
    hits=st.lists(st.integers(0, 30), min_size=2, max_size=25),
    seed=st.integers(0, 10_000),
)
def test_interval_contains_the_point_estimate(hits, seed):
    rng = np.random.default_rng(seed)
    tokens = rng.integers(50, 2000, size=len(hits))
    low, high = cluster_bootstrap_ratio(hits, tokens, n_boot=400, rng=rng)
    estimate = sum(hits) / tokens.sum()
    assert float(low) <= estimate + 1e-12
    assert estimate <= float(high) + 1e-12


# ---------------------------------------------------------------------------------------------
# permutation test


def _exact_permutation_p(labels, counts):
    """p over every distinct relabelling of the clusters (enumeration, no sampling)."""
    labels = np.asarray(labels)
    counts = np.asarray(counts, dtype=float)
    groups = sorted(set(labels.tolist()))

    def stat(lab):
        table = np.array([counts[lab == g].sum(axis=0) for g in groups])
        return _chi2_by_hand(table)

    observed = stat(labels)
    values = [stat(np.array(p)) for p in set(itertools.permutations(labels.tolist()))]
    return sum(v >= observed - 1e-9 for v in values) / len(values), observed


def test_permutation_p_approaches_the_exact_enumeration():
    labels = [0, 0, 0, 1, 1, 1, 1]
    counts = [[5, 1], [3, 0], [4, 2], [1, 3], [0, 4], [2, 2], [1, 5]]
    exact, observed = _exact_permutation_p(labels, counts)
    result = permutation_chi2(labels, counts, n_perm=20_000, rng=np.random.default_rng(1))
    assert result["statistic"] == pytest.approx(observed)
    assert result["p"] == pytest.approx(exact, abs=0.01)


def test_permutation_respects_documents():
    # Two documents per group, each with 50 identical mentions: group A says x, group B y.
    # Counted as 200 independent mentions the association is overwhelming (p ~ 1e-45), but
    # there are only 4 documents: of the 6 ways to give two of them label A, 2 reproduce
    # the perfect split, so the document-level p is about 1/3.
    labels = [0, 0, 1, 1]
    counts = [[50, 0], [50, 0], [0, 50], [0, 50]]
    result = permutation_chi2(labels, counts, n_perm=9999, rng=np.random.default_rng(0))
    assert result["statistic"] == pytest.approx(200.0)
    assert result["p_asymptotic"] < 1e-40
    assert result["p"] == pytest.approx(1 / 3, abs=0.02)
    assert result["cramers_v"] == pytest.approx(1.0)


def test_strong_association_over_many_documents_gives_a_tiny_p():
    labels = [0] * 30 + [1] * 30
    counts = [[3, 0]] * 28 + [[2, 1]] * 2 + [[0, 3]] * 28 + [[1, 2]] * 2
    result = permutation_chi2(labels, counts, n_perm=999, rng=np.random.default_rng(0))
    assert result["p"] == pytest.approx(1 / 1000)  # no permutation reaches the observed X²


def test_p_is_roughly_uniform_under_independence():
    # Variants drawn independently of the groups, 40 fixed seeds: p should spread over
    # (0, 1) — about 5% below 0.05 and a mean near 1/2. Fixed seeds keep it deterministic.
    pvalues = []
    for seed in range(40):
        rng = np.random.default_rng(seed)
        labels = rng.integers(0, 3, size=30)
        counts = rng.multinomial(rng.integers(1, 8), [0.5, 0.3, 0.2], size=30)
        result = permutation_chi2(labels, counts, n_perm=499, rng=rng)
        pvalues.append(result["p"])
    pvalues = np.array(pvalues)
    assert 0.35 < pvalues.mean() < 0.65
    assert (pvalues < 0.05).sum() <= 5
    assert (pvalues > 0.5).sum() >= 12


def test_permutation_edge_cases():
    one_variant = permutation_chi2([0, 1, 1], [[2], [3], [1]], rng=np.random.default_rng(0))
    assert math.isnan(one_variant["statistic"]) and math.isnan(one_variant["p"])
    one_group = permutation_chi2([0, 0], [[2, 1], [0, 3]], rng=np.random.default_rng(0))
    assert math.isnan(one_group["p"])
    no_perm = permutation_chi2([0, 1], [[2, 0], [0, 2]], n_perm=0, rng=np.random.default_rng(0))
    assert no_perm["statistic"] == pytest.approx(4.0) and math.isnan(no_perm["p"])
    # clusters without counts and unused categories do not enter the test
    padded = permutation_chi2(
        [0, 0, 1, 1, 2],
        [[5, 0, 1], [3, 0, 0], [0, 0, 4], [1, 0, 3], [0, 0, 0]],
        n_perm=200,
        rng=np.random.default_rng(2),
    )
    plain = permutation_chi2(
        [0, 0, 1, 1], [[5, 1], [3, 0], [0, 4], [1, 3]], n_perm=200, rng=np.random.default_rng(2)
    )
    assert padded == plain
