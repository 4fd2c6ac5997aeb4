"""Small, reusable statistics on numpy arrays: intervals, cluster bootstrap, permutation test.

Private to the package; the public functions of :mod:`framing.measure` validate their input
and call these. Everything here is vectorised over replicates (no Python loop over bootstrap
or permutation draws × documents) and works in chunks so that memory stays bounded.

- :func:`wilson_interval` — Wilson (1927) score interval for a proportion, no continuity
  correction (method 3 of Newcombe 1998).
- :func:`cluster_bootstrap_ratio` — percentile bootstrap of a ratio of sums, resampling
  clusters (documents) with replacement (Efron & Tibshirani 1993; Davison & Hinkley 1997,
  §3.8; Field & Welsh 2007).
- :func:`chi2_statistic`, :func:`cramers_v` — Pearson's X² of a contingency table and
  Cramér's (1946) V.
- :func:`permutation_chi2` — X² of a group × category table built from clusters, with a
  p-value from permuting the group labels of whole clusters (Good 2005).

References
----------
Cramér, H. (1946). *Mathematical Methods of Statistics*. Princeton University Press, p. 282.

Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
Cambridge University Press.

Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.

Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data. *Journal of the Royal
Statistical Society B*, 69(3), 369–390.

Good, P. I. (2005). *Permutation, Parametric, and Bootstrap Tests of Hypotheses* (3rd ed.).
Springer.

Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion: comparison
of seven methods. *Statistics in Medicine*, 17(8), 857–872.

Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero.
*Statistical Applications in Genetics and Molecular Biology*, 9(1), article 39.

Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
*Journal of the American Statistical Association*, 22(158), 209–212.
"""

from __future__ import annotations

import numbers
import zlib
from statistics import NormalDist
from typing import Any

import numpy as np

from framing._errors import FramingError

__all__ = [
    "check_ci",
    "check_count",
    "check_random_state",
    "chi2_statistic",
    "cluster_bootstrap_ratio",
    "cramers_v",
    "group_rng",
    "permutation_chi2",
    "wilson_interval",
]

# Elements of one (replicates × clusters) block; bounds memory at ~64 MB of int64/float64.
_BLOCK = 8_000_000
# Relative tolerance when comparing permuted statistics with the observed one, so that a
# permutation reproducing the observed table counts as "at least as extreme" despite
# floating-point noise.
_TIES_RTOL = 1e-9


# --- parameter checks (shared by the public functions) -------------------------------------


def check_ci(ci: Any) -> float:
    """The confidence level as a float in (0, 1), or a FramingError."""
    if isinstance(ci, bool) or not isinstance(ci, numbers.Real) or not 0 < float(ci) < 1:
        raise FramingError(
            f"ci must be a confidence level strictly between 0 and 1 (e.g. 0.95); got {ci!r}."
        )
    return float(ci)


def check_count(value: Any, name: str, *, minimum: int = 0) -> int:
    """A non-negative (or >= minimum) integer parameter such as n_boot, or a FramingError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise FramingError(f"{name} must be an integer >= {minimum}; got {value!r}.")
    return int(value)


def check_random_state(random_state: Any) -> int | np.random.Generator | None:
    """An int >= 0, a numpy Generator or None, or a FramingError."""
    if random_state is None or isinstance(random_state, np.random.Generator):
        return random_state
    if (
        isinstance(random_state, numbers.Integral)
        and not isinstance(random_state, bool)
        and random_state >= 0
    ):
        return int(random_state)
    raise FramingError(
        "random_state must be a non-negative int (a seed), a numpy.random.Generator or None; "
        f"got {random_state!r}."
    )


def group_rng(random_state: int | np.random.Generator | None, key: str) -> np.random.Generator:
    """The random generator for one group's resampling.

    With an int seed, each group gets its own stream derived from ``(seed, crc32(key))``, so
    a group's interval depends only on its own documents and the seed: adding a group, or
    reordering groups, changes no other group's interval. A Generator is used as is (its
    state advances from group to group); None draws fresh entropy.
    """
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None:
        return np.random.default_rng()
    return np.random.default_rng([random_state, zlib.crc32(key.encode("utf-8"))])


# --- Wilson interval -----------------------------------------------------------------------


def _z(ci: float) -> float:
    return NormalDist().inv_cdf(0.5 + ci / 2)


def wilson_interval(successes: Any, n: Any, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion, without continuity correction.

    With :math:`\\hat p = x/n` and :math:`z` the :math:`(1 + \\text{ci})/2` normal quantile,
    the limits are

    .. math::

        \\frac{\\hat p + z^2/2n \\pm z\\sqrt{\\hat p(1-\\hat p)/n + z^2/4n^2}}{1 + z^2/n}.

    Parameters
    ----------
    successes, n : array_like
        Counts (broadcast against each other). ``successes`` may be fractional (documents
        split between tied categories); it must lie in ``[0, n]``.
    ci : float, default 0.95

    Returns
    -------
    (low, high) : tuple of numpy.ndarray
        Float arrays of the broadcast shape, inside [0, 1]; exactly 0 (1) when
        ``successes`` is 0 (``n``); NaN where ``n`` is 0.

    Raises
    ------
    FramingError
        If a count is negative, ``successes > n``, or ``ci`` is not in (0, 1).

    References
    ----------
    Wilson (1927), JASA 22:209–212; Newcombe (1998), Stat Med 17:857–872 (method 3, whose
    Table I gives 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611,
    1/29 → 0.0061–0.1718).

    Examples
    --------
    >>> low, high = wilson_interval(81, 263)
    >>> round(float(low), 4), round(float(high), 4)
    (0.2553, 0.3662)
    """
    ci = check_ci(ci)
    x, total = np.broadcast_arrays(np.asarray(successes, dtype=float), np.asarray(n, dtype=float))
    if np.any(x < 0) or np.any(total < 0) or np.any(x > total):
        raise FramingError(
            "Wilson interval: counts must satisfy 0 <= successes <= n; got successes="
            f"{successes!r}, n={n!r}."
        )
    z = _z(ci)
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / total
        denom = 1 + z2 / total
        centre = (p + z2 / (2 * total)) / denom
        half = z * np.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / denom
    low = np.clip(centre - half, 0.0, 1.0)
    high = np.clip(centre + half, 0.0, 1.0)
    low = np.where(x == 0, 0.0, low)
    high = np.where(x == total, 1.0, high)
    empty = total == 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


# --- cluster bootstrap ---------------------------------------------------------------------


def _resample_weights(rng: np.random.Generator, n_rows: int, n_clusters: int) -> np.ndarray:
    """``w[b, j]``: how many times cluster j is drawn in replicate b (rows sum to n_clusters)."""
    draws = rng.integers(0, n_clusters, size=(n_rows, n_clusters))
    draws += (np.arange(n_rows) * n_clusters)[:, None]
    return np.bincount(draws.ravel(), minlength=n_rows * n_clusters).reshape(n_rows, n_clusters)


def cluster_bootstrap_ratio(
    numerators: Any,
    denominators: Any,
    *,
    ci: float = 0.95,
    n_boot: int = 1000,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of ratios of sums, resampling clusters with replacement.

    Each replicate draws ``m`` clusters (documents) with replacement from the ``m`` given,
    and recomputes ``sum(numerators) / sum(denominators)`` over the drawn clusters, for
    every column at once (the same draw serves all columns). The interval is the
    ``(1 - ci)/2`` and ``(1 + ci)/2`` quantiles of the replicates (linear interpolation);
    replicates whose denominator sums to zero are left out.

    Parameters
    ----------
    numerators : array_like, shape (m,) or (m, k)
        Per-cluster numerators (hits of k items).
    denominators : array_like, shape (m,) or (m, k)
        Per-cluster denominators (tokens, or mentions per item).
    ci : float, default 0.95
    n_boot : int, default 1000
        Replicates; 0 returns NaN intervals.
    rng : numpy.random.Generator

    Returns
    -------
    (low, high) : tuple of numpy.ndarray, shape (k,) (or scalars' shape () for 1-D input)

    Notes
    -----
    With fewer than two clusters the between-cluster variability cannot be estimated: every
    replicate would repeat the single cluster and give a zero-width interval that looks
    certain. Such intervals are returned as NaN instead (the caller warns). Resampling is
    vectorised as a (replicates × clusters) matrix of draw counts times the data, in blocks
    of replicates bounded in memory; the result depends only on ``rng``, ``m``, ``n_boot``
    and the data.

    References
    ----------
    Efron & Tibshirani (1993), ch. 6 and 13 (percentile interval); Davison & Hinkley (1997),
    §3.8 (resampling clusters); Field & Welsh (2007).
    """
    ci = check_ci(ci)
    num = np.asarray(numerators, dtype=float)
    den = np.asarray(denominators, dtype=float)
    squeeze = num.ndim == 1
    if squeeze:
        num = num[:, None]
    if den.ndim == 1:
        den = den[:, None]
    m, k = num.shape
    if den.shape[0] != m:
        raise ValueError("numerators and denominators must have one row per cluster")
    nan = np.full(k, np.nan)
    if n_boot == 0 or m < 2:
        return (nan[0], nan[0]) if squeeze else (nan, nan.copy())
    per_block = max(1, _BLOCK // m)
    num_b = np.empty((n_boot, k))
    den_b = np.empty((n_boot, den.shape[1]))
    for start in range(0, n_boot, per_block):
        stop = min(n_boot, start + per_block)
        weights = _resample_weights(rng, stop - start, m).astype(float)
        num_b[start:stop] = weights @ num
        den_b[start:stop] = weights @ den
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = num_b / den_b
    ratios[~np.isfinite(ratios)] = np.nan
    alpha = (1 - ci) / 2
    valid = ~np.isnan(ratios).all(axis=0)
    low, high = nan.copy(), nan.copy()
    if valid.any():
        quantiles = np.nanquantile(ratios[:, valid], [alpha, 1 - alpha], axis=0)
        low[valid], high[valid] = quantiles[0], quantiles[1]
    return (low[0], high[0]) if squeeze else (low, high)


# --- contingency tables --------------------------------------------------------------------


def _drop_empty(table: np.ndarray) -> np.ndarray:
    table = np.asarray(table, dtype=float)
    return table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]


def chi2_statistic(table: Any) -> tuple[float, int]:
    """Pearson's X² of a two-way table of counts, and its degrees of freedom.

    All-zero rows and columns are left out first (they carry no information and would make
    expected counts zero). ``X² = Σ (O − E)² / E`` with ``E = row total × column total / N``
    and ``df = (r − 1)(c − 1)`` over the remaining r rows and c columns; no continuity
    correction. A table with fewer than two non-empty rows or columns gives ``(nan, 0)``.

    Returns
    -------
    (statistic, df) : tuple of float and int

    Examples
    --------
    The arthritis trial of Koch & Edwards (1988), treatment × improvement, as analysed by
    Friendly (2000): X² = 13.055 on 2 df.

    >>> statistic, df = chi2_statistic([[29, 7, 7], [13, 7, 21]])
    >>> round(statistic, 3), df
    (13.055, 2)
    """
    observed = _drop_empty(table)
    r, c = observed.shape
    if r < 2 or c < 2:
        return float("nan"), 0
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    return float(((observed - expected) ** 2 / expected).sum()), (r - 1) * (c - 1)


def cramers_v(table: Any) -> float:
    """Cramér's V of a two-way table: ``sqrt(X² / (N · (min(r, c) − 1)))``.

    Computed on the non-empty rows and columns (see :func:`chi2_statistic`); NaN when fewer
    than two remain on either side. No bias correction.

    References
    ----------
    Cramér (1946), p. 282.

    Examples
    --------
    >>> round(cramers_v([[29, 7, 7], [13, 7, 21]]), 3)  # Friendly (2000): V = 0.394
    0.394
    """
    observed = _drop_empty(table)
    statistic, _ = chi2_statistic(observed)
    if np.isnan(statistic):
        return float("nan")
    return float(np.sqrt(statistic / (observed.sum() * (min(observed.shape) - 1))))


def _chi2_many(tables: np.ndarray, col_totals: np.ndarray, total: float) -> np.ndarray:
    """X² of a stack of (groups × categories) tables sharing their column totals.

    Cells whose expected count is 0 (a group left without mentions) contribute nothing.
    """
    row_totals = tables.sum(axis=2)
    expected = row_totals[:, :, None] * col_totals[None, None, :] / total
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(expected > 0, (tables - expected) ** 2 / expected, 0.0)
    return cells.sum(axis=(1, 2))


def permutation_chi2(
    labels: Any,
    counts: Any,
    *,
    n_perm: int = 9999,
    rng: np.random.Generator,
) -> dict[str, float]:
    """Test group × category independence by permuting the group labels of whole clusters.

    Each cluster (document) has one group label and a vector of category counts (mentions
    of each variant). The statistic is Pearson's X² of the group × category table summed
    over clusters; its null distribution is obtained by shuffling the labels among the
    clusters, so a cluster's counts always move together and within-document dependence
    is respected. Under the null hypothesis that documents are exchangeable across groups,
    the test is exact up to Monte Carlo error.

    Parameters
    ----------
    labels : array_like of int, shape (m,)
        Group code of each cluster (0 … G−1).
    counts : array_like, shape (m, c)
        Category counts (or weights) per cluster.
    n_perm : int, default 9999
    rng : numpy.random.Generator

    Returns
    -------
    dict
        ``statistic`` (X², observed), ``df``, ``p`` (permutation,
        ``(1 + #{X²* >= X²}) / (1 + n_perm)``, Phipson & Smyth 2010), ``p_asymptotic``
        (the χ²(df) tail of X², which treats mentions as independent: shown for
        comparison only), ``cramers_v``, ``n`` (table total). NaN statistics when the table
        has fewer than two non-empty rows or columns, or ``n_perm`` is 0 (then ``p`` only).

    References
    ----------
    Good (2005); Davison & Hinkley (1997), §4.3; Phipson & Smyth (2010).
    """
    labels = np.asarray(labels, dtype=np.int64)
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 2 or counts.shape[0] != labels.shape[0]:
        raise ValueError("counts must be (clusters × categories), one row per label")
    # only categories used somewhere, only groups that own a cluster with mentions
    counts = counts[:, counts.sum(axis=0) > 0]
    keep = counts.sum(axis=1) > 0
    labels, counts = labels[keep], counts[keep]
    _, labels = np.unique(labels, return_inverse=True)
    n_groups = int(labels.max()) + 1 if labels.size else 0
    m, c = counts.shape
    table = np.zeros((n_groups, c))
    np.add.at(table, labels, counts)
    statistic, df = chi2_statistic(table)
    result = {
        "statistic": statistic,
        "df": df,
        "p": float("nan"),
        "p_asymptotic": float("nan"),
        "cramers_v": cramers_v(table),
        "n": float(counts.sum()),
    }
    if np.isnan(statistic):
        return result
    from scipy.stats import chi2  # imported here: only this comparison value needs scipy

    result["p_asymptotic"] = float(chi2.sf(statistic, df))
    if n_perm == 0:
        return result
    col_totals = counts.sum(axis=0)
    total = float(col_totals.sum())
    threshold = statistic * (1 - _TIES_RTOL)
    per_block = max(1, _BLOCK // max(1, m * max(1, n_groups)))
    extreme = 0
    for start in range(0, n_perm, per_block):
        rows = min(n_perm, start + per_block) - start
        shuffled = rng.permuted(np.broadcast_to(labels, (rows, m)), axis=1)
        flat = (shuffled + (np.arange(rows) * n_groups)[:, None]).ravel()
        tables = np.empty((rows, n_groups, c))
        for j in range(c):  # categories are few; replicates × clusters are vectorised
            weights = np.broadcast_to(counts[:, j], (rows, m)).ravel()
            tables[:, :, j] = np.bincount(
                flat, weights=weights, minlength=rows * n_groups
            ).reshape(rows, n_groups)
        extreme += int((_chi2_many(tables, col_totals, total) >= threshold).sum())
    result["p"] = (1 + extreme) / (1 + n_perm)
    return result
