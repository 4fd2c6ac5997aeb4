"""Inter-coder reliability: Krippendorff's α with a bootstrap interval, agreement, κ."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, FramingWarning, suggest
from framing._stats import check_ci, check_count, check_random_state, group_rng
from framing.validate._common import (
    LEVELS,
    check_choice,
    check_codebook,
    code_matrix,
    coder_columns,
    shown,
)

CALLER = "reliability()"


# --- Fleiss' kappa -------------------------------------------------------------------------


def fleiss_kappa(counts: Any) -> float:
    """Fleiss' (1971) κ for a fixed number of ratings per unit.

    Parameters
    ----------
    counts : array_like, shape (units, categories)
        ``counts[i, j]``: how many raters put unit i in category j. Every row must sum to
        the same number of ratings ``n >= 2`` (the raters may differ from unit to unit).

    Returns
    -------
    float
        :math:`\\kappa = (\\bar P - \\bar P_e) / (1 - \\bar P_e)` with
        :math:`P_i = (\\sum_j n_{ij}^2 - n) / (n(n-1))`, :math:`\\bar P` their mean,
        :math:`p_j = \\sum_i n_{ij} / (Nn)` and :math:`\\bar P_e = \\sum_j p_j^2`
        (Fleiss 1971, eqs. 2–9). NaN when every rating is in one category
        (:math:`\\bar P_e = 1`: chance-corrected agreement is undefined, not perfect).

    Raises
    ------
    FramingError
        Not a 2-D table of non-negative whole counts; no unit; rows with different sums or
        fewer than two ratings.

    References
    ----------
    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    *Psychological Bulletin*, 76(5), 378–382. Its Table 1 (30 patients, 6 psychiatric
    diagnoses each, 5 categories) gives κ = .430; the test suite checks that value.

    Examples
    --------
    >>> round(fleiss_kappa([[2, 0], [0, 2], [1, 1]]), 4)
    0.3333
    """
    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or table.shape[1] < 1:
        raise FramingError(
            "fleiss_kappa(): counts must be a 2-D table, units × categories; got shape "
            f"{table.shape}."
        )
    if not len(table):
        raise FramingError("fleiss_kappa(): counts has no unit (no row).")
    if (
        (table < 0).any()
        or not np.all(np.isfinite(table))
        or not np.allclose(table, np.round(table))
    ):
        raise FramingError("fleiss_kappa(): counts must be non-negative whole numbers.")
    per_unit = table.sum(axis=1)
    n = per_unit[0]
    if not np.all(per_unit == n) or n < 2:
        sums = sorted({int(s) for s in per_unit})
        raise FramingError(
            "fleiss_kappa(): every unit must have the same number of ratings, at least 2 "
            f"(row sums found: {shown(sums)}). Keep the units that all raters rated."
        )
    p = table.sum(axis=0) / (len(table) * n)
    agreement = ((table * table).sum(axis=1) - n) / (n * (n - 1))
    p_bar, p_e = float(agreement.mean()), float((p * p).sum())
    if math.isclose(p_e, 1.0):
        return float("nan")
    return (p_bar - p_e) / (1 - p_e)


# --- the domain of values ------------------------------------------------------------------


def _domain(
    matrix: np.ndarray, level: str, codebook: Mapping[str, str] | None
) -> tuple[list[str], np.ndarray]:
    """The codes in scale order, and the values given to ``krippendorff.alpha``."""
    present = sorted({v for v in matrix.ravel().tolist() if v is not None})
    if codebook is not None:
        codes = list(codebook)
        outside = [v for v in present if v not in codebook]
        if outside:
            raise FramingError(
                f"{CALLER}: the codes {shown(outside)} are not in the codebook (codes: "
                f"{shown(codes)}). Read the sheet with read_codes(), which names the rows, or "
                "pass the right codebook=." + suggest(str(outside[0]), codes)
            )
    else:
        codes = present
        numeric = _numbers(codes)
        if numeric is not None:
            codes = [c for _, c in sorted(zip(numeric, codes, strict=True))]
        elif level == "ordinal":
            raise FramingError(
                f"{CALLER}: level='ordinal' needs the order of the codes, and {shown(codes)} "
                "are not numbers. Pass codebook= with the codes in scale order."
            )
    if level in ("interval", "ratio"):
        values = _numbers(codes)
        if values is None:
            raise FramingError(
                f"{CALLER}: level={level!r} needs numeric codes (distances between codes are "
                f"differences of numbers); got {shown(codes)}. Use level='nominal' or "
                "'ordinal', or numeric codes."
            )
        if level == "ratio" and any(v < 0 for v in values):
            raise FramingError(
                f"{CALLER}: level='ratio' needs codes >= 0 (a ratio scale has a true zero); "
                f"got {shown(codes)}."
            )
        return codes, np.asarray(values, dtype=float)
    return codes, np.arange(len(codes), dtype=float)


def _numbers(codes: Sequence[str]) -> list[float] | None:
    try:
        return [float(c) for c in codes]
    except ValueError:
        return None


# --- per group -----------------------------------------------------------------------------


def _alpha(counts: np.ndarray, domain: np.ndarray, level: str) -> float:
    """Krippendorff's α of pairable units (value counts), NaN when undefined."""
    import krippendorff

    if len(counts) == 0 or int((counts.sum(axis=0) > 0).sum()) < 2:
        return float("nan")
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        value = krippendorff.alpha(
            value_counts=counts, value_domain=domain, level_of_measurement=level
        )
    return float(value)


def _bootstrap(
    counts: np.ndarray,
    domain: np.ndarray,
    level: str,
    *,
    ci: float,
    n_boot: int,
    rng: np.random.Generator,
) -> tuple[float, float, int]:
    """Percentile interval of α over units resampled with replacement; valid replicates."""
    m = len(counts)
    if n_boot == 0 or m < 2:
        return float("nan"), float("nan"), 0
    draws = rng.integers(0, m, size=(n_boot, m))
    values = np.fromiter(
        (_alpha(counts[row], domain, level) for row in draws), dtype=float, count=n_boot
    )
    finite = values[np.isfinite(values)]
    if not len(finite):
        return float("nan"), float("nan"), 0
    low, high = np.quantile(finite, [(1 - ci) / 2, (1 + ci) / 2])
    return float(low), float(high), len(finite)


def _cohen(matrix: np.ndarray, n_values: int) -> float:
    both = (matrix[:, 0] >= 0) & (matrix[:, 1] >= 0)
    a, b = matrix[both, 0], matrix[both, 1]
    if not len(a) or len(np.unique(np.concatenate([a, b]))) < 2:
        return float("nan")
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b, labels=list(range(n_values)))
    return float(value)


def _group_stats(
    matrix: np.ndarray,
    domain: np.ndarray,
    level: str,
    *,
    ci: float,
    n_boot: int,
    rng: np.random.Generator,
) -> dict[str, Any]:
    """Statistics of one group: ``matrix`` is units × coders of code indices (-1: none)."""
    n_units_all, n_coders = matrix.shape
    n_values = len(domain)
    counts = np.zeros((n_units_all, n_values), dtype=np.int64)
    rows, cols = np.nonzero(matrix >= 0)
    np.add.at(counts, (rows, matrix[rows, cols]), 1)
    per_unit = counts.sum(axis=1)
    pairable = per_unit >= 2
    paired = counts[pairable]
    m = per_unit[pairable].astype(float)
    out: dict[str, Any] = {
        "n_units": int((per_unit > 0).sum()),
        "n_pairable": int(pairable.sum()),
        "n_values": int(m.sum()),
        "n_coders": int((matrix >= 0).any(axis=0).sum()),
    }
    alpha = _alpha(paired, domain, level)
    low, high, valid = (float("nan"), float("nan"), 0)
    if np.isfinite(alpha):
        low, high, valid = _bootstrap(paired, domain, level, ci=ci, n_boot=n_boot, rng=rng)
    out.update(alpha=alpha, alpha_ci_low=low, alpha_ci_high=high, n_boot_valid=valid)
    if len(paired):
        agree = ((paired * (paired - 1)).sum(axis=1) / (m * (m - 1))).mean()
        out["percent_agreement"] = float(agree)
    else:
        out["percent_agreement"] = float("nan")
    out["cohen_kappa"] = _cohen(matrix, n_values) if n_coders == 2 else float("nan")
    complete = (matrix >= 0).all(axis=1)
    out["n_complete"] = int(complete.sum())
    out["fleiss_kappa"] = (
        fleiss_kappa(counts[complete]) if complete.any() and n_coders >= 2 else float("nan")
    )
    used = np.flatnonzero(paired.sum(axis=0) > 0)
    out["_used"] = used
    return out


# --- the public function -------------------------------------------------------------------


def reliability(
    codes: pd.DataFrame,
    *,
    coders: Sequence[str] | None = None,
    level: str = "nominal",
    by: str | Sequence[str] | None = None,
    codebook: Mapping[Any, str] | Sequence[Any] | None = None,
    ci: float = 0.95,
    n_boot: int = 1000,
    random_state: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """Inter-coder reliability: Krippendorff's α with a bootstrap interval, agreement, κ.

    Parameters
    ----------
    codes : pandas.DataFrame
        One row per unit, one column per coder: the table of :func:`read_codes`
        (``code_<coder>`` columns), or any table whose coder columns ``coders`` names.
        Empty cells (None / NaN) are missing codes.
    coders : list of str, optional
        The coders (``code_<coder>`` columns) or the column names. Default: the coders
        recorded in ``codes.attrs``, else every ``code_*`` column.
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        Krippendorff's metric of differences between codes. Ordinal uses the codebook's
        order; interval and ratio need numeric codes.
    by : str or list of str, optional
        Report one row per group (``"item"``: α per frame and variant).
    codebook : mapping or list, optional
        The codes in order. Default: ``codes.attrs["codebook"]``, else the codes present
        (numbers sorted numerically).
    ci : float, default 0.95
    n_boot : int, default 1000
        Bootstrap replicates for α's interval (0: none).
    random_state : int, numpy.random.Generator or None
        Seed of the bootstrap (each group draws from its own stream).

    Returns
    -------
    pandas.DataFrame
        One row per group (``group = "all"`` without ``by``). Columns:

        - the ``by`` columns, or ``group``.
        - ``n_units``: units with at least one code; ``n_pairable``: units with two codes
          or more (the only ones α uses: Krippendorff leaves a unit with a single code out,
          as it cannot be compared); ``n_values``: codes in pairable units; ``n_coders``.
        - ``alpha``: Krippendorff's α at ``level`` (missing codes allowed), computed by the
          ``krippendorff`` package; ``alpha_ci_low``, ``alpha_ci_high``: percentile
          bootstrap over pairable units resampled with replacement (replicates where α is
          undefined are left out); ``n_boot_valid``.
        - ``percent_agreement``: over pairable units, the mean share of agreeing coder
          pairs within a unit (with two coders: the share of units coded alike).
        - ``cohen_kappa``: Cohen's (1960) unweighted κ over units both coders coded
          (scikit-learn), two coders only, else NaN.
        - ``fleiss_kappa``: Fleiss' (1971) κ over the ``n_complete`` units every coder
          coded (with two coders it equals Scott's π).

        α and κ are NaN — never 1.0 — when they are undefined: no unit with two codes, or
        a single value coded throughout (expected disagreement 0); a FramingWarning says
        so. Percent agreement is still reported. ``attrs`` records the level, coders,
        codebook order, ``ci``, ``n_boot``, ``random_state`` and the methods.

    Raises
    ------
    FramingError
        No code column for a coder (with a suggestion); an unknown level or ``by``
        column; codes outside the codebook; non-numeric codes at the interval or ratio
        level; string codes at the ordinal level without an ordered codebook.

    Warns
    -----
    FramingWarning
        For groups where α is undefined (NaN), with the reason.

    References
    ----------
    Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg
    School for Communication, University of Pennsylvania, departmental paper 43 (worked
    examples: nominal α = .743, ordinal .815, interval .849, ratio .797 for 4 observers
    × 12 units with missing values — checked by the test suite).

    Hayes, A. F., & Krippendorff, K. (2007). Answering the call for a standard
    reliability measure for coding data. *Communication Methods and Measures*, 1(1),
    77–89.

    Zapf, A., Castell, S., Morawietz, L., & Karch, A. (2016). Measuring inter-rater
    reliability for nominal data – which coefficients and confidence intervals are
    appropriate? *BMC Medical Research Methodology*, 16, 93 (α with a bootstrap over
    units).

    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37–46.

    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    *Psychological Bulletin*, 76(5), 378–382.

    Examples
    --------
    >>> import pandas as pd
    >>> codes = pd.DataFrame({"code_A": ["1", "1", "0", "0", "1"],
    ...                       "code_B": ["1", "1", "0", "1", "1"]})
    >>> table = reliability(codes, n_boot=0)
    >>> table[["n_pairable", "percent_agreement", "cohen_kappa"]].round(3).values.tolist()
    [[5.0, 0.8, 0.545]]
    >>> round(float(table["alpha"].iloc[0]), 3)
    0.571
    """
    if not isinstance(codes, pd.DataFrame):
        raise FramingError(
            f"{CALLER}: codes must be a DataFrame (from read_codes, or one row per unit and "
            f"one column per coder); got {type(codes).__name__}."
        )
    level = check_choice(level, "level", LEVELS, caller=CALLER)
    ci = check_ci(ci)
    n_boot = check_count(n_boot, "n_boot")
    random_state = check_random_state(random_state)
    names, columns = coder_columns(codes, coders, caller=CALLER)
    book = codebook if codebook is not None else codes.attrs.get("codebook")
    book = None if book is None else check_codebook(book, caller=CALLER)
    by_columns = _by(by, codes)

    text = code_matrix(codes, columns)
    domain_codes, domain = _domain(text, level, book)
    index = {c: i for i, c in enumerate(domain_codes)}
    matrix = np.vectorize(lambda v: -1 if v is None else index[v], otypes=[np.int64])(text)
    if matrix.size == 0:
        matrix = matrix.reshape(len(codes), len(columns))

    if by_columns:
        keys = codes[by_columns].astype(object).where(codes[by_columns].notna(), "(missing)")
        grouped = keys.groupby(by_columns, sort=True, dropna=False).indices
        groups = [((k,) if not isinstance(k, tuple) else k, v) for k, v in grouped.items()]
    else:
        groups = [(("all",), np.arange(len(codes)))]
    rows = []
    undefined = []
    for key, members in groups:
        label = "\x1f".join(map(str, key))
        rng = group_rng(random_state, label)
        stats = _group_stats(
            matrix[np.asarray(members, dtype=np.int64)],
            domain,
            level,
            ci=ci,
            n_boot=n_boot,
            rng=rng,
        )
        used = stats.pop("_used")
        if not np.isfinite(stats["alpha"]):
            if stats["n_pairable"] == 0:
                reason = "no unit was coded by two coders or more"
            elif len(used) == 1:
                reason = f"every pairable code is {domain_codes[int(used[0])]!r}"
            else:  # pragma: no cover - the krippendorff package returned NaN otherwise
                reason = "alpha is not defined for these codes"
            undefined.append((key, reason))
        row = dict(zip(by_columns or ["group"], key, strict=True))
        row.update(stats)
        rows.append(row)
    table = pd.DataFrame(rows)
    ordered = (by_columns or ["group"]) + [
        "n_units",
        "n_pairable",
        "n_values",
        "n_coders",
        "alpha",
        "alpha_ci_low",
        "alpha_ci_high",
        "n_boot_valid",
        "percent_agreement",
        "cohen_kappa",
        "n_complete",
        "fleiss_kappa",
    ]
    table = table[ordered]
    if undefined:
        where = "; ".join(
            f"{'all units' if k == ('all',) else ', '.join(map(str, k))}: {r}"
            for k, r in undefined[:5]
        )
        more = f" and {len(undefined) - 5} more group(s)" if len(undefined) > 5 else ""
        warnings.warn(
            f"{CALLER}: Krippendorff's alpha is undefined (NaN) for {len(undefined)} group(s) "
            f"({where}{more}): with no variation, or no unit coded twice, agreement cannot "
            "be told from chance. Report percent agreement, or code a sample with more "
            "variation.",
            FramingWarning,
            stacklevel=2,
        )
    table.attrs = {
        "function": "reliability",
        "level": level,
        "coders": names,
        "codes": domain_codes,
        "by": by_columns or None,
        "ci": ci,
        "n_boot": n_boot,
        "random_state": random_state
        if not isinstance(random_state, np.random.Generator)
        else "numpy.random.Generator (state not recorded)",
        "alpha_method": "Krippendorff (2011) via the krippendorff package; units with a "
        "single code are not pairable and left out",
        "alpha_ci_method": "percentile bootstrap over pairable units (Zapf et al. 2016)",
        "kappa_method": "Cohen (1960) unweighted, two coders (scikit-learn); Fleiss (1971) "
        "over units every coder coded",
        "sources": codes.attrs.get("sources"),
    }
    return table


def _by(by: Any, codes: pd.DataFrame) -> list[str]:
    if by is None:
        return []
    names = [by] if isinstance(by, str) else by
    if not isinstance(names, Sequence) or not all(isinstance(n, str) for n in names):
        raise FramingError(f"{CALLER}: by must be a column name or a list of them; got {by!r}.")
    available = [str(c) for c in codes.columns]
    for name in names:
        if name not in codes.columns:
            raise FramingError(
                f"{CALLER}: cannot group by {name!r}: no such column (columns: "
                f"{shown(available, 20)})." + suggest(name, available)
            )
    return list(dict.fromkeys(names))
