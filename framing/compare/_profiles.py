"""Jensen–Shannon distances between the term (or frame) profiles of groups."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from framing._counts import shown, term_table
from framing._errors import FramingWarning
from framing.compare._common import base_attrs, check_choice, shared_doc

FORMS = ("square", "long")
_FUNC = "compare_profiles"


@shared_doc
def compare_profiles(
    data: Any,
    *,
    by: str,
    form: str = "square",
    ngram: int | tuple[int, int] = 1,
    stopwords: str | list[str] | None = None,
    language: str = "fr",
    term: str = "term",
    count: str = "n",
) -> pd.DataFrame:
    """How different the groups' profiles are: Jensen–Shannon distances, base 2.

    Each group's profile is the distribution of its counts over the terms (words, n-grams,
    or the frames or variants of a count table): ``P_g(w) = n_gw / n_g``. The
    Jensen–Shannon divergence of two profiles ``P`` and ``Q`` (Lin 1991) is

    ``JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M)``, with ``M = ½ (P + Q)``,

    in bits (base-2 logarithms), so that it lies in [0, 1]: 0 for identical profiles, 1 for
    profiles with no term in common. Its square root is a metric (Endres & Schindelin 2003)
    and is what this function reports: the **Jensen–Shannon distance**, also in [0, 1].

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        A :class:`~framing.Corpus` (tokenised with :func:`framing.text.words`), or a long
        count table with one row per group and item: term counts, or a frame profile
        (e.g. counts of frames or naming-contest variants per outlet; name its columns with
        ``term=`` and ``count=``).
    by : str
        Column holding the groups; missing values form the group ``"(missing)"``.
    form : {"square", "long"}, default "square"
        ``"square"``: a groups × groups matrix (index and columns are the groups, both
        named ``by``). ``"long"``: one row per ordered pair of groups, with columns
        ``group_a``, ``group_b``, ``distance`` (pairs of a group with itself included,
        distance 0).
    {shared_parameters}

    Returns
    -------
    pandas.DataFrame
        Jensen–Shannon distances (base 2, in [0, 1]), symmetric, 0 on the diagonal, groups
        in the data's order (sorted, ``"(missing)"`` last). A group with no tokens has no
        profile: its distances are NaN (with a warning). ``attrs`` records the function,
        ``by``, ``form``, the groups and their sizes, ``base`` (2) and the source of the
        counts.

    Raises
    ------
    FramingError
        If ``by`` is not a column (with a suggestion) or a parameter is invalid.

    Warns
    -----
    FramingWarning
        When a group has no tokens.

    References
    ----------
    .. [1] Lin, J. (1991). Divergence measures based on the Shannon entropy. *IEEE
       Transactions on Information Theory*, 37(1), 145–151. https://doi.org/10.1109/18.61115
    .. [2] Endres, D. M., & Schindelin, J. E. (2003). A new metric for probability
       distributions. *IEEE Transactions on Information Theory*, 49(7), 1858–1860.
       https://doi.org/10.1109/TIT.2003.813506

    Examples
    --------
    >>> import framing
    >>> from framing.compare import compare_profiles
    >>> corpus = framing.read_corpus("an-mariage-2013")
    >>> distances = compare_profiles(corpus, by="wing")
    >>> distances.index.tolist()
    ['left', 'right', '(missing)']
    >>> bool(0 < distances.loc["left", "right"] < 1)
    True
    """
    form = check_choice(form, FORMS, "form", _FUNC)
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
    matrix = _distances(table.counts.tocsc(), table.group_totals)
    empty = [g for g, n in zip(table.groups, table.group_totals, strict=True) if n == 0]
    if empty:
        warnings.warn(
            f"{_FUNC}(): group(s) {shown([repr(g) for g in empty])} have no tokens, so no "
            "profile; their distances are NaN.",
            FramingWarning,
            stacklevel=2,
        )
    groups = pd.Index(list(table.groups), name=by, dtype=object)
    if form == "square":
        frame = pd.DataFrame(matrix, index=groups, columns=groups.copy())
    else:
        n = len(groups)
        labels = np.empty(n, dtype=object)
        labels[:] = list(table.groups)
        frame = pd.DataFrame(
            {
                "group_a": np.repeat(labels, n),
                "group_b": np.tile(labels, n),
                "distance": matrix.ravel(),
            }
        )
    frame.attrs = base_attrs(
        _FUNC,
        table,
        form=form,
        base=2,
        statistic="Jensen-Shannon distance: sqrt of the JS divergence in bits (Lin 1991; "
        "Endres & Schindelin 2003)",
    )
    return frame


def _distances(counts: Any, totals: np.ndarray) -> np.ndarray:
    """Square matrix of JS distances (base 2) between the columns of a terms × groups matrix."""
    from scipy.special import rel_entr

    n = counts.shape[1]
    out = np.zeros((n, n))
    profiles = []
    for g in range(n):
        column = np.asarray(counts[:, g].toarray()).ravel().astype(float)
        profiles.append(column / totals[g] if totals[g] > 0 else None)
    for i in range(n):
        for j in range(i + 1, n):
            p, q = profiles[i], profiles[j]
            if p is None or q is None:
                value = math.nan
            else:
                support = (p > 0) | (q > 0)
                p_s, q_s = p[support], q[support]
                m = 0.5 * (p_s + q_s)
                nats = 0.5 * rel_entr(p_s, m).sum() + 0.5 * rel_entr(q_s, m).sum()
                bits = min(max(nats / math.log(2.0), 0.0), 1.0)
                value = math.sqrt(bits)
            out[i, j] = out[j, i] = value
        if profiles[i] is None:
            out[i, i] = math.nan
    return out
