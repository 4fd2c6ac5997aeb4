"""Keyness: G² (Dunning 1993), Pearson's χ² and Hardie's (2014) log ratio."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from framing._counts import term_table
from framing._errors import FramingError
from framing.compare._common import (
    base_attrs,
    check_choice,
    check_min_count,
    check_top_n,
    ends_mask,
    group_names,
    label_rank,
    row_order,
    shared_doc,
    target_and_reference,
)

MEASURES = ("g2", "chi2", "log_ratio")
CORRECTIONS = (None, "yates")
P_ADJUST = ("fdr_bh", "bonferroni", None)
#: Hardie (2014): a zero frequency counts as this in the log ratio.
ZERO_FREQUENCY = 0.5

_FUNC = "compare_keyness"


@shared_doc
def compare_keyness(
    data: Any,
    *,
    by: str,
    target: Any,
    reference: Any = None,
    measure: str = "g2",
    correction: str | None = None,
    p_adjust: str | None = "fdr_bh",
    min_count: int = 1,
    min_range: int | None = None,
    top_n: int | None = None,
    ngram: int | tuple[int, int] = 1,
    stopwords: str | list[str] | None = None,
    language: str = "fr",
    term: str = "term",
    count: str = "n",
) -> pd.DataFrame:
    """Keywords of a group against a reference: G², χ² and log ratio, signed.

    For each term, the 2 × 2 table crosses {this term, all other tokens} with {target,
    reference}: ``a`` and ``b`` its counts in target and reference, ``c = N_t − a`` and
    ``d = N_r − b`` the other tokens, ``N_t``, ``N_r`` the sizes of the two sides.
    Expected counts come from the margins (``E_a = (a + b) N_t / N``, …).

    - ``g2``: the log-likelihood ratio ``G² = 2 Σ O ln(O / E)`` over **all four cells**
      (Dunning 1993; ``0 ln 0 = 0``). Tools that follow Rayson & Garside (2000) to the
      letter sum the two cells of the term's row only; the two forms differ in the third
      decimal for rare words (52 vs 57 occurrences in 50,000 vs 75,000 tokens: 2.654 here,
      2.652 with two cells).
    - ``chi2``: Pearson's ``X² = Σ (O − E)² / E`` over the four cells, with Yates'
      continuity correction ``Σ (|O − E| − ½)² / E`` (``|O − E|`` floored at 0) when
      ``correction="yates"``.
    - ``log_ratio``: Hardie's (2014) effect size, the binary log of the ratio of relative
      frequencies ``log2((a / N_t) / (b / N_r))``, where a zero count is replaced by 0.5
      (Hardie's adjustment, as in CQPweb) so that it stays finite. 1 means twice as
      frequent in the target, −1 half as frequent. Always reported.

    ``g2`` and ``chi2`` are **signed**: positive when the term is relatively more frequent
    in the target (``a / N_t > b / N_r``), negative when less. ``p`` is the upper tail of
    χ² with one degree of freedom at the unsigned statistic of ``measure`` (of ``g2`` when
    ``measure="log_ratio"``).

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        A :class:`~framing.Corpus` (tokenised with :func:`framing.text.words`) or a long
        count table (columns ``by``, ``term``, ``count``).
    by : str
        Column holding the groups; missing values form the group ``"(missing)"``.
    target : group or list of groups
        The group studied (a list is pooled).
    reference : group, list of groups, or None, default None
        What it is compared with; None pools every other group (``"(missing)"``
        included).
    measure : {"g2", "chi2", "log_ratio"}, default "g2"
        The statistic that orders the rows and gives ``p``.
    correction : {None, "yates"}, default None
        Yates' continuity correction of ``chi2`` (only with ``measure="chi2"``).
    p_adjust : {"fdr_bh", "bonferroni", None}, default "fdr_bh"
        Multiple-testing adjustment of ``p`` into ``p_adj``: Benjamini–Hochberg false
        discovery rate, Bonferroni, or none (no ``p_adj`` column). The family is every row
        that passes ``min_count`` and ``min_range`` (before ``top_n``).
    min_count : int, default 1
        Report only terms with at least this many occurrences in target and reference
        together; the sizes ``N_t``, ``N_r`` always count every token.
    min_range : int, optional
        Dispersion filter (Corpus only): keep a term only if it occurs in at least this many
        documents of the side where it is over-used — target documents when the signed
        statistic is positive, reference documents when it is negative — so that one
        speaker's idiosyncrasy does not make a keyword. Adds the columns ``range_target``
        and ``range_reference``.
    top_n : int, optional
        Keep the ``top_n`` rows at each end of the ordering (the strongest positive and the
        strongest negative keywords).
    {shared_parameters}

    Returns
    -------
    pandas.DataFrame
        One row per term, sorted by ``measure`` (descending; ties by term):

        - ``term``; ``n_target``, ``n_reference``: ``a`` and ``b``;
        - ``target_per_1k``, ``reference_per_1k``: relative frequencies per 1,000 tokens;
        - ``g2``, ``chi2``: signed statistics (``chi2`` with Yates when asked);
        - ``log_ratio``: Hardie's log ratio (effect size);
        - ``p``: p-value of ``measure`` (χ², 1 df); ``p_adj``: adjusted p-value;
        - ``range_target``, ``range_reference`` (with ``min_range``): documents of each side
          that contain the term.

        ``attrs`` records the function, ``by``, ``target``, ``reference``, ``measure``,
        ``correction``, ``p_adjust``, the side sizes, the filters and the source of the
        counts.

    Raises
    ------
    FramingError
        If ``by`` or a group is unknown (the message lists the groups), target and
        reference overlap, a side has no tokens, ``min_range`` is asked for with a count
        table, or a parameter is invalid.

    See Also
    --------
    compare_log_odds : the Bayesian log-odds ratio of Monroe et al. (2008).

    References
    ----------
    .. [1] Dunning, T. (1993). Accurate methods for the statistics of surprise and
       coincidence. *Computational Linguistics*, 19(1), 61–74.
    .. [2] Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling.
       In *Proceedings of the Workshop on Comparing Corpora* (ACL 2000), 1–6.
    .. [3] Hardie, A. (2014). Log Ratio – an informal introduction. ESRC Centre for
       Corpus Approaches to Social Science (CASS), Lancaster University.
       http://cass.lancs.ac.uk/log-ratio-an-informal-introduction/
    .. [4] Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate.
       *Journal of the Royal Statistical Society B*, 57(1), 289–300.

    Examples
    --------
    >>> import framing
    >>> from framing.compare import compare_keyness
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> keys = compare_keyness(corpus, by="wing", target="right", reference="left",
    ...                        ngram=(1, 3), min_count=10)
    >>> keys.columns.tolist()[5:]
    ['g2', 'chi2', 'log_ratio', 'p', 'p_adj']
    >>> bool(keys.set_index("term").loc["mariage pour tous", "g2"] < 0)
    True
    """
    measure = check_choice(measure, MEASURES, "measure", _FUNC)
    correction = check_choice(correction, CORRECTIONS, "correction", _FUNC)
    p_adjust = check_choice(p_adjust, P_ADJUST, "p_adjust", _FUNC)
    if correction == "yates" and measure != "chi2":
        raise FramingError(
            f"{_FUNC}(): correction='yates' corrects Pearson's chi2; it needs "
            f"measure='chi2' (got measure={measure!r})."
        )
    min_count = check_min_count(min_count, _FUNC)
    top_n = check_top_n(top_n, _FUNC)
    if min_range is not None:
        min_range = check_min_count(min_range, _FUNC, "min_range")
        if not _is_corpus(data):
            raise FramingError(
                f"{_FUNC}(): min_range counts the documents that contain a term, which a "
                "count table does not record; pass the Corpus, or leave min_range=None."
            )
    table = term_table(
        data,
        by=by,
        ngram=ngram,
        stopwords=stopwords,
        language=language,
        term=term,
        count=count,
        keep_docs=min_range is not None,
        func=_FUNC,
    )
    t_cols, r_cols = target_and_reference(table, target, reference, _FUNC)
    a = table.column(t_cols)
    b = table.column(r_cols)
    n_t, n_r = int(a.sum()), int(b.sum())
    present = (a + b) > 0
    g2, chi2, log_ratio = _statistics(a, b, n_t, n_r, yates=correction == "yates")

    keep = present & ((a + b) >= min_count)
    if min_range is not None:
        range_t = table.doc_range(t_cols)
        range_r = table.doc_range(r_cols)
        side = np.where(g2 >= 0, range_t, range_r)
        keep &= side >= min_range
    kept = np.flatnonzero(keep)
    p = chi2_sf_1(np.abs(chi2[kept] if measure == "chi2" else g2[kept]))
    p_adj = _adjust(p, p_adjust) if p_adjust is not None else None
    labels = table.term_labels(kept)
    statistic = {"g2": g2, "chi2": chi2, "log_ratio": log_ratio}[measure][kept]
    order = row_order(statistic, label_rank(labels))
    order = order[ends_mask(len(order), top_n)]
    rows = kept[order]
    columns = {
        "term": labels[order],
        "n_target": a[rows],
        "n_reference": b[rows],
        "target_per_1k": a[rows] * 1000.0 / n_t,
        "reference_per_1k": b[rows] * 1000.0 / n_r,
        "g2": g2[rows],
        "chi2": chi2[rows],
        "log_ratio": log_ratio[rows],
        "p": p[order],
    }
    if p_adj is not None:
        columns["p_adj"] = p_adj[order]
    if min_range is not None:
        columns["range_target"] = range_t[rows]
        columns["range_reference"] = range_r[rows]
    frame = pd.DataFrame(columns)
    frame.attrs = base_attrs(
        _FUNC,
        table,
        target=group_names(table, t_cols),
        reference=group_names(table, r_cols),
        measure=measure,
        correction=correction,
        p_adjust=p_adjust,
        n_target_tokens=n_t,
        n_reference_tokens=n_r,
        min_count=min_count,
        min_range=min_range,
        top_n=top_n,
        statistic="G2 over the full 2x2 table (Dunning 1993); Pearson chi2; log ratio "
        "(Hardie 2014, zero counts as 0.5)",
    )
    return frame


def _is_corpus(data: object) -> bool:
    from framing.corpus import Corpus

    return isinstance(data, Corpus)


def _statistics(
    a: np.ndarray, b: np.ndarray, n_t: int, n_r: int, *, yates: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signed G², signed χ² and log ratio for every term (vectorised)."""
    a = a.astype(float)
    b = b.astype(float)
    total = float(n_t + n_r)
    row = a + b
    other = total - row
    # a - E_a; the other cells deviate by the same amount with alternating signs.
    dev = (a * n_r - b * n_t) / total
    observed = (a, b, n_t - a, n_r - b)
    expected = (row * n_t / total, row * n_r / total, other * n_t / total, other * n_r / total)
    signs = (1.0, -1.0, -1.0, 1.0)
    g2 = np.zeros_like(a)
    inv_expected = np.zeros_like(a)
    for o, e, s in zip(observed, expected, signs, strict=True):
        ok = (o > 0) & (e > 0)
        ratio = np.divide(s * dev, e, out=np.zeros_like(a), where=ok)
        g2 += np.where(ok, o * np.log1p(ratio), 0.0)
        inv_expected += np.divide(1.0, e, out=np.zeros_like(a), where=e > 0)
    g2 = 2.0 * np.clip(g2, 0.0, None)
    spread = np.clip(np.abs(dev) - 0.5, 0.0, None) if yates else np.abs(dev)
    chi2 = spread**2 * inv_expected
    sign = np.sign(dev)
    a_adj = np.where(a > 0, a, ZERO_FREQUENCY)
    b_adj = np.where(b > 0, b, ZERO_FREQUENCY)
    log_ratio = np.log2((a_adj / n_t) / (b_adj / n_r))
    return sign * g2, sign * chi2, log_ratio


def chi2_sf_1(x: np.ndarray) -> np.ndarray:
    """Upper tail of χ² with one degree of freedom: ``erfc(sqrt(x / 2))`` (exact identity)."""
    from scipy import special

    return special.erfc(np.sqrt(np.asarray(x, dtype=float) / 2.0))


def _adjust(p: np.ndarray, method: str) -> np.ndarray:
    if len(p) == 0:
        return p.copy()
    if method == "bonferroni":
        return np.minimum(p * len(p), 1.0)
    from scipy import stats

    return stats.false_discovery_control(p, method="bh")
