"""Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from framing._counts import TermTable, shown, term_table
from framing._errors import FramingError, suggest
from framing.compare._common import (
    base_attrs,
    check_min_count,
    check_top_n,
    ends_mask,
    group_names,
    label_rank,
    row_order,
    shared_doc,
    target_and_reference,
)

PRIORS = ("corpus", "uniform")
#: alpha_w of the uniform prior when alpha0 is not given (alpha0 = UNIFORM_ALPHA * V).
UNIFORM_ALPHA = 0.01

_FUNC = "compare_log_odds"


@shared_doc
def compare_log_odds(
    data: Any,
    *,
    by: str,
    target: Any,
    reference: Any = None,
    prior: str | pd.Series = "corpus",
    alpha0: float | None = None,
    min_count: int = 1,
    top_n: int | None = None,
    ngram: int | tuple[int, int] = 1,
    stopwords: str | list[str] | None = None,
    language: str = "fr",
    term: str = "term",
    count: str = "n",
) -> pd.DataFrame:
    """Which terms one group uses more than another: log-odds ratios with a Dirichlet prior.

    The "Fightin' Words" statistic of Monroe, Colaresi & Quinn (2008). Word counts of each
    side are modelled as multinomial with a Dirichlet prior of pseudo-counts ``α_w``; the
    point estimate of the log-odds ratio (their eq. 16) is

    ``δ_w = log[(y_wt + α_w) / (n_t + α0 − y_wt − α_w)]
    − log[(y_wr + α_w) / (n_r + α0 − y_wr − α_w)]``

    with ``y_wt``, ``y_wr`` the counts of term ``w`` in the target and the reference,
    ``n_t``, ``n_r`` their sizes (all tokens) and ``α0 = Σ_w α_w``. Its approximate
    variance (eq. 20) is ``σ²_w = 1/(y_wt + α_w) + 1/(y_wr + α_w)`` and the ranking
    statistic is the z-score ``z_w = δ_w / σ_w`` (eq. 22). Positive values: the target
    uses the term more; the prior shrinks the log-odds of rare terms towards zero.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        A :class:`~framing.Corpus`, tokenised here with :func:`framing.text.words`, or a
        long count table with one row per group and term (columns ``by``, ``term``,
        ``count``; duplicated rows are added), e.g. a published frequency table.
    by : str
        Metadata column (or count-table column) holding the groups. Documents whose value
        is missing form the group ``"(missing)"``.
    target : group or list of groups
        The group studied; a list pools several groups into one side.
    reference : group, list of groups, or None, default None
        What the target is compared with; None pools every other group (``"(missing)"``
        included).
    prior : {"corpus", "uniform"} or pandas.Series, default "corpus"
        The Dirichlet prior, written out:

        - ``"corpus"`` — informative prior from the background frequency of each term in
          the **whole data** (all groups, not only target and reference):
          ``α_w = α0 · y_w / N``, ``y_w`` the term's count over all groups and ``N`` all
          tokens. Monroe et al. (§3.5) shrink towards each word's share of a background
          collection scaled by a total prior mass ``α0``; the default here, ``α0 = N``,
          makes ``α_w = y_w``: the whole data counted once more as prior (the
          empirical-Bayes choice of tidylo, and the background-counts prior of Jurafsky et
          al. 2014). A smaller ``α0`` (e.g. ``1000``) is a weaker prior, a larger one
          shrinks more.
        - ``"uniform"`` — the same pseudo-count for every term: ``α_w = α0 / V``, ``V`` the
          number of distinct terms; the default ``α0 = 0.01 · V`` gives ``α_w = 0.01``.
        - a Series mapping **every** term of the data to its ``α_w > 0``; then
          ``α0 = Σ α_w`` over the data's terms (extra entries are ignored) and ``alpha0``
          must be None.
    alpha0 : float, optional
        Total prior mass ``α0`` for ``"corpus"`` and ``"uniform"`` (see ``prior``).
    min_count : int, default 1
        Report only terms with at least this many occurrences in target and reference
        together. The statistics do not depend on it: ``n_t``, ``n_r`` and ``α0`` are
        always computed over all terms.
    top_n : int, optional
        Keep the ``top_n`` terms with the highest z and the ``top_n`` with the lowest.
    {shared_parameters}

    Returns
    -------
    pandas.DataFrame
        One row per term, sorted by ``z`` (descending), ties by term:

        - ``term``: the term (an n-gram reads as its words joined by spaces);
        - ``n_target``, ``n_reference``: its counts ``y_wt`` and ``y_wr``;
        - ``alpha``: its prior pseudo-count ``α_w``;
        - ``delta``: the log-odds ratio ``δ_w`` (natural log), positive when the target
          uses the term more;
        - ``se``: ``σ_w``;
        - ``z``: ``δ_w / σ_w``.

        ``attrs`` records the function, ``by``, ``target`` and ``reference`` (lists of
        groups), ``prior``, ``alpha0``, ``alpha_sum`` (``Σ α_w``, equal to ``alpha0``),
        ``n_target_tokens``, ``n_reference_tokens``, ``min_count``, ``top_n`` and where the
        counts came from (corpus name and fingerprint, ``ngram``, ``stopwords``).

    Raises
    ------
    FramingError
        If ``by`` is not a column (with a suggestion), a group is unknown (the message
        lists the groups), target and reference overlap, a side has no tokens, or a
        parameter is invalid (an incomplete prior Series, a non-positive ``alpha0``, …).

    See Also
    --------
    compare_keyness : G², χ² and log ratio for the same comparison.
    compare_specificities : Lafon's specificities for every group at once.

    References
    ----------
    .. [1] Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
       feature selection and evaluation for identifying the content of political conflict.
       *Political Analysis*, 16(4), 372–403. https://doi.org/10.1093/pan/mpn018
       (eqs. 16, 20, 22; informative Dirichlet prior, §3.5).
    .. [2] Jurafsky, D., Chahuneau, V., Routledge, B. R., & Smith, N. A. (2014). Narrative
       framing of consumer sentiment in online restaurant reviews. *First Monday*, 19(4).

    Examples
    --------
    >>> import framing
    >>> from framing.compare import compare_log_odds
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> table = compare_log_odds(corpus, by="wing", target="right", ngram=(1, 3))
    >>> list(table.columns)
    ['term', 'n_target', 'n_reference', 'alpha', 'delta', 'se', 'z']
    >>> bool(table.set_index("term").loc["mariage homosexuel", "z"] > 0)
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
    t_cols, r_cols = target_and_reference(table, target, reference, _FUNC)
    if table.n_terms < 2:
        raise FramingError(
            f"{_FUNC}(): the data has {table.n_terms} distinct term(s); log-odds need at "
            "least two (the odds of a term are against all the others)."
        )
    alpha, alpha0, prior_name = _prior(table, prior, alpha0)
    y_t = table.column(t_cols).astype(float)
    y_r = table.column(r_cols).astype(float)
    n_t, n_r = float(y_t.sum()), float(y_r.sum())

    delta = (
        np.log(y_t + alpha)
        - np.log(n_t + alpha0 - y_t - alpha)
        - np.log(y_r + alpha)
        + np.log(n_r + alpha0 - y_r - alpha)
    )
    se = np.sqrt(1.0 / (y_t + alpha) + 1.0 / (y_r + alpha))
    keep = np.flatnonzero((y_t + y_r) >= min_count)
    labels = table.term_labels(keep)
    z = delta[keep] / se[keep]
    order = row_order(z, label_rank(labels))
    order = order[ends_mask(len(order), top_n)]
    rows = keep[order]
    frame = pd.DataFrame(
        {
            "term": labels[order],
            "n_target": y_t[rows].astype(np.int64),
            "n_reference": y_r[rows].astype(np.int64),
            "alpha": alpha[rows],
            "delta": delta[rows],
            "se": se[rows],
            "z": z[order],
        }
    )
    frame.attrs = base_attrs(
        _FUNC,
        table,
        target=group_names(table, t_cols),
        reference=group_names(table, r_cols),
        prior=prior_name,
        alpha0=alpha0,
        alpha_sum=float(alpha.sum()),
        n_target_tokens=int(n_t),
        n_reference_tokens=int(n_r),
        min_count=min_count,
        top_n=top_n,
        statistic="Monroe, Colaresi & Quinn (2008) eqs. 16, 20, 22",
    )
    return frame


def _positive(value: object, name: str) -> float:
    if (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
        and math.isfinite(float(value))
        and float(value) > 0
    ):
        return float(value)
    raise FramingError(f"{_FUNC}(): {name} must be a positive number; got {value!r}.")


def _prior(table: TermTable, prior: object, alpha0: object) -> tuple[np.ndarray, float, str]:
    """(α_w per term, α0, name of the prior)."""
    if isinstance(prior, pd.Series):
        if alpha0 is not None:
            raise FramingError(
                f"{_FUNC}(): alpha0 is only used with prior='corpus' or 'uniform'; a Series "
                "prior gives every α_w itself (α0 is their sum). Drop alpha0."
            )
        return (*_series_prior(table, prior), "series")
    if not isinstance(prior, str) or prior not in PRIORS:
        raise FramingError(
            f"{_FUNC}(): prior={prior!r} is not valid; expected 'corpus', 'uniform' or a "
            "pandas Series mapping each term to its pseudo-count."
            + (suggest(prior, PRIORS) if isinstance(prior, str) else "")
        )
    n_terms = table.n_terms
    if prior == "corpus":
        background = np.asarray(table.counts.sum(axis=1)).ravel().astype(float)
        total = float(background.sum())
        a0 = total if alpha0 is None else _positive(alpha0, "alpha0")
        return a0 * background / total, a0, prior
    a0 = UNIFORM_ALPHA * n_terms if alpha0 is None else _positive(alpha0, "alpha0")
    return np.full(n_terms, a0 / n_terms), a0, prior


def _series_prior(table: TermTable, prior: pd.Series) -> tuple[np.ndarray, float]:
    if not prior.index.is_unique:
        dupes = prior.index[prior.index.duplicated()].unique().tolist()
        raise FramingError(
            f"{_FUNC}(): the prior Series has repeated terms ({shown([repr(d) for d in dupes])})"
            "; give each term one pseudo-count."
        )
    labels = table.term_labels()
    keyed = pd.Series(prior.to_numpy(), index=prior.index.astype(str))
    values = pd.to_numeric(keyed.reindex(labels), errors="coerce").to_numpy(dtype=float)
    missing = np.isnan(values) & ~pd.Index(labels).isin(keyed.index)
    if missing.any():
        absent = labels[missing].tolist()
        raise FramingError(
            f"{_FUNC}(): the prior Series has no pseudo-count for {len(absent)} term(s) of "
            f"the data ({shown([repr(a) for a in absent], n=5)}). Give every term one, e.g. "
            "prior.reindex(terms, fill_value=0.01)."
        )
    bad = ~np.isfinite(values) | (values <= 0)
    if bad.any():
        terms = labels[bad].tolist()
        raise FramingError(
            f"{_FUNC}(): prior pseudo-counts must be positive numbers; terms "
            f"{shown([repr(t) for t in terms], n=5)} have {values[bad][0]!r}."
        )
    return values, float(values.sum())
