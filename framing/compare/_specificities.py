"""Lafon's (1980) specificities: signed hypergeometric tail probabilities, as TXM reports."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from framing._counts import term_table
from framing.compare._common import (
    base_attrs,
    check_min_count,
    check_top_n,
    ends_mask,
    label_rank,
    row_order,
    shared_doc,
)

_FUNC = "compare_specificities"
_LN10 = math.log(10.0)
# Stop summing a tail when what is left is below this fraction of the sum.
_TAIL_TOLERANCE = 1e-17


@shared_doc
def compare_specificities(
    data: Any,
    *,
    by: str,
    min_count: int = 1,
    top_n: int | None = None,
    ngram: int | tuple[int, int] = 1,
    stopwords: str | list[str] | None = None,
    language: str = "fr",
    term: str = "term",
    count: str = "n",
) -> pd.DataFrame:
    """Lafon's specificities of every term in every group (hypergeometric model).

    Lafon (1980) asks how surprising the frequency ``f`` of a term in a part of a corpus is
    if the part's ``t`` tokens were drawn at random, without replacement, from the ``T``
    tokens of the corpus, ``F`` of which are the term: ``f`` then follows the
    hypergeometric distribution ``H(T, F, t)``, with expected value ``F t / T``. The
    specificity is the signed base-10 logarithm of the tail probability on the side of the
    observation, with TXM's conventions (textometry R package, ``specificities``):

    - if ``f ≥ F t / T`` (over-use, or exactly the expected value):
      ``specificity = −log10 P(X ≥ f)`` (≥ 0; the tail **includes** ``f``);
    - if ``f < F t / T`` (under-use): ``specificity = log10 P(X ≤ f)`` (< 0).

    So a specificity of +3 reads "a frequency this high or higher has a probability of
    10⁻³"; |specificity| < 2 is usually read as banal. Tail probabilities are summed in
    log space from the exact probability mass function, so values far beyond the double
    precision range (P < 10⁻³⁰⁸) stay finite and exact: a specificity of 700 is reported
    as about 700, not infinity.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        A :class:`~framing.Corpus` (tokenised with :func:`framing.text.words`) or a long
        count table (columns ``by``, ``term``, ``count``), e.g. a lexical table
        published by a textometry tool.
    by : str
        Column holding the groups (the "parts" of the partition); missing values form
        the group ``"(missing)"``. A group with no tokens gets specificity 0 for every term.
    min_count : int, default 1
        Report only terms whose corpus frequency ``F`` is at least this (TXM's Fmin). The
        sizes ``t`` and ``T`` always count every token.
    top_n : int, optional
        Per group, keep the ``top_n`` most positive and the ``top_n`` most negative terms.
    {shared_parameters}

    Returns
    -------
    pandas.DataFrame
        One row per group and term (every term in every group, zero counts included),
        sorted by group (the group order of the data: sorted, ``"(missing)"`` last), then
        specificity (descending), then term. Columns (Lafon's notation in brackets):

        - ``<by>``: the group (the column is named after ``by``);
        - ``term``;
        - ``f``: the term's count in the group [f];
        - ``f_total``: its count in the whole corpus [F];
        - ``t``: the group's size in tokens [t];
        - ``t_total``: the corpus size in tokens [T];
        - ``expected``: ``F t / T``;
        - ``specificity``: signed ``log10`` tail probability, as above.

        ``attrs`` records the function, ``by``, the groups and their sizes, the filters
        and the source of the counts.

    Raises
    ------
    FramingError
        If ``by`` is not a column (with a suggestion) or a parameter is invalid.

    References
    ----------
    .. [1] Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus.
       *Mots*, 1, 127–165. https://doi.org/10.3406/mots.1980.1008
    .. [2] Lebart, L., & Salem, A. (1994). *Statistique textuelle*. Paris: Dunod, ch. 6.
    .. [3] Heiden, S., Loiseau, S., Vaudor, L., Decorde, M. textometry: Textual data
       analysis package used in the TXM software (R package), function
       ``specificities``. https://CRAN.R-project.org/package=textometry

    Examples
    --------
    >>> import framing
    >>> from framing.compare import compare_specificities
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> spec = compare_specificities(corpus, by="wing", ngram=(1, 3), min_count=5)
    >>> spec.columns.tolist()
    ['wing', 'term', 'f', 'f_total', 't', 't_total', 'expected', 'specificity']
    >>> row = spec[(spec["wing"] == "right") & (spec["term"] == "mariage homosexuel")]
    >>> bool(row["specificity"].iloc[0] > 0)
    True
    """
    min_count = check_min_count(min_count, _FUNC)
    top_n = check_top_n(top_n, _FUNC)
    table = term_table(
        data,
        by=by,
        ngram=ngram,
        stopwords=stopwords,
        language=language,
        term=term,
        count=count,
        func=_FUNC,
    )
    f_total_all = np.asarray(table.counts.sum(axis=1)).ravel().astype(np.int64)
    t_sizes = table.group_totals
    t_total = int(t_sizes.sum())
    rows = np.flatnonzero(f_total_all >= min_count)
    dense = table.counts[rows].toarray().astype(np.int64)  # terms × groups
    n_rows, n_groups = dense.shape
    f = dense.T.ravel()  # group-major: all terms of group 0, then group 1, ...
    f_total = np.tile(f_total_all[rows], n_groups)
    t = np.repeat(t_sizes, n_rows)
    specificity, expected = specificities(f, f_total, t, t_total)
    labels = table.term_labels(rows)
    group_index = np.repeat(np.arange(n_groups), n_rows)
    order = row_order(specificity, np.tile(label_rank(labels), n_groups), group_index)
    order = order[ends_mask(len(order), top_n, group_size=n_rows)]
    group_labels = np.empty(n_groups, dtype=object)
    group_labels[:] = list(table.groups)
    frame = pd.DataFrame(
        {
            by: group_labels[group_index[order]],
            "term": labels[order % n_rows] if n_rows else labels[:0],
            "f": f[order],
            "f_total": f_total[order],
            "t": t[order],
            "t_total": np.full(len(order), t_total, dtype=np.int64),
            "expected": expected[order],
            "specificity": specificity[order],
        }
    )
    frame.attrs = base_attrs(
        _FUNC,
        table,
        min_count=min_count,
        top_n=top_n,
        t_total=t_total,
        statistic="Lafon (1980) hypergeometric specificities; +: -log10 P(X >= f) when "
        "f >= Ft/T, -: log10 P(X <= f) otherwise (TXM convention)",
    )
    return frame


def specificities(
    f: np.ndarray, f_total: np.ndarray, t: np.ndarray, t_total: int
) -> tuple[np.ndarray, np.ndarray]:
    """(signed specificity, expected value) for arrays of f, F, t and a corpus size T."""
    f = np.asarray(f, dtype=float)
    big_f = np.asarray(f_total, dtype=float)
    t = np.asarray(t, dtype=float)
    big_t = float(t_total)
    expected = big_f * t / big_t if big_t > 0 else np.zeros_like(f)
    upper = f >= expected
    from scipy import stats

    log_pmf = stats.hypergeom.logpmf(f, big_t, big_f, t)
    log_tail = log_pmf + np.log(_tail_sum(f, big_f, t, big_t, upper))
    log_tail = np.minimum(log_tail, 0.0)  # a probability: rounding must not exceed 1
    spec = np.where(upper, -log_tail, log_tail) / _LN10
    return spec + 0.0, expected  # + 0.0 turns -0.0 into 0.0


def _tail_sum(
    f: np.ndarray, big_f: np.ndarray, t: np.ndarray, big_t: float, upper: np.ndarray
) -> np.ndarray:
    """Σ pmf(k) / pmf(f) over the tail beyond f (k ≥ f where upper, k ≤ f elsewhere).

    Consecutive hypergeometric probabilities have the ratio
    ``pmf(k+1)/pmf(k) = (F − k)(t − k) / ((k + 1)(T − F − t + k + 1))``, which decreases in
    ``k`` (the distribution is log-concave); so once a ratio ``r`` is below 1 the rest of
    the tail is at most ``term · r / (1 − r)``, and summing stops when that is negligible.
    The lower tail uses the inverse ratios, stepping down.
    """
    total = np.ones_like(f)
    term = np.ones_like(f)
    k = f.copy()
    active = np.flatnonzero(np.ones(len(f), dtype=bool))
    while len(active):
        kk, ff, tt, up = k[active], big_f[active], t[active], upper[active]
        rest = big_t - ff - tt
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(
                up,
                (ff - kk) * (tt - kk) / ((kk + 1.0) * (rest + kk + 1.0)),
                kk * (rest + kk) / ((ff - kk + 1.0) * (tt - kk + 1.0)),
            )
        ratio = np.where(np.isfinite(ratio) & (ratio > 0), ratio, 0.0)
        step = term[active] * ratio
        term[active] = step
        total[active] += step
        k[active] = kk + np.where(up, 1.0, -1.0)
        done = (ratio == 0) | (
            (ratio < 1.0) & (step * ratio <= _TAIL_TOLERANCE * total[active] * (1.0 - ratio))
        )
        active = active[~done]
    return total
