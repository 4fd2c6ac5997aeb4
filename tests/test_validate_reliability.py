"""Reliability: Krippendorff's alpha against published values and an independent computation."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing._errors import FramingError, FramingWarning
from framing.validate import fleiss_kappa, reliability

pytest.importorskip("krippendorff")

N = None

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania, departmental paper 43, section C ("nominal data,
# any number of observers, missing data"): 4 observers x 12 units, 7 values missing.
# Published: nominal .743; the same data as ordinal (section D) .815, interval .849,
# ratio .797.
KRIPPENDORFF_2011_C = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    "C": [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
}
PUBLISHED_2011_C = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

# Krippendorff (2011), section B: two observers, binary data, 10 units: alpha = .095.
KRIPPENDORFF_2011_B = {
    "A": [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    "B": [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
}

# The computational example of the Wikipedia article "Krippendorff's alpha" (3 coders x 15
# units, missing values): nominal alpha = 0.691, interval alpha = 0.811.
WIKIPEDIA = {
    "A": [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
    "B": [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
    "C": [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
}

# Fleiss (1971), Table 1: 30 patients, each diagnosed by 6 psychiatrists into depression,
# personality disorder, schizophrenia, neurosis, other (counts per category). kappa = .430.
# (The same data are the `diagnoses` set of the R package irr.)
FLEISS_1971 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]  # fmt: skip

# Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories; 0.210.
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]  # fmt: skip


def _codes(data: dict[str, list]) -> pd.DataFrame:
    """Coder columns as read_codes returns them: text codes, None when missing."""
    return pd.DataFrame(
        {f"code_{c}": [None if v is None else str(v) for v in vs] for c, vs in data.items()}
    )


# --- an independent computation of alpha, from Krippendorff's coincidence matrix --------------


def reference_alpha(units: list[list[float]], level: str) -> float:
    """Krippendorff's alpha written from the definitions (coincidences, metric differences).

    ``units`` lists the values each unit received (missing values left out).
    """
    pairable = [u for u in units if len(u) >= 2]
    values = sorted({v for u in pairable for v in u})
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    o = np.zeros((k, k))
    for unit in pairable:
        m = len(unit)
        for i, j in itertools.permutations(range(m), 2):
            o[index[unit[i]], index[unit[j]]] += 1 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()

    def delta(c: int, kk: int) -> float:
        a, b = values[c], values[kk]
        if level == "nominal":
            return 0.0 if c == kk else 1.0
        if level == "ordinal":
            lo, hi = min(c, kk), max(c, kk)
            return (n_c[lo : hi + 1].sum() - (n_c[c] + n_c[kk]) / 2) ** 2
        if level == "interval":
            return (a - b) ** 2
        if level == "ratio":
            return ((a - b) / (a + b)) ** 2 if a + b else 0.0
        raise ValueError(level)

    d = np.array([[delta(c, kk) for kk in range(k)] for c in range(k)])
    observed = (o * d).sum()
    expected = (np.outer(n_c, n_c) * d).sum() / (n - 1)
    return 1 - observed / expected


def _units(data: dict[str, list]) -> list[list[float]]:
    columns = list(data.values())
    return [[float(v) for v in unit if v is not None] for unit in zip(*columns, strict=True)]


# --- published values ------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_krippendorff_2011_worked_example(level):
    table = reliability(_codes(KRIPPENDORFF_2011_C), level=level, n_boot=0)
    assert round(float(table.loc[0, "alpha"]), 3) == PUBLISHED_2011_C[level]


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_the_independent_coincidence_computation(level):
    table = reliability(_codes(KRIPPENDORFF_2011_C), level=level, n_boot=0)
    expected = reference_alpha(_units(KRIPPENDORFF_2011_C), level)
    assert float(table.loc[0, "alpha"]) == pytest.approx(expected, abs=1e-12)
    assert round(expected, 3) == PUBLISHED_2011_C[level]  # the reference is right too


def test_alpha_two_coders_binary_krippendorff_2011_section_b():
    table = reliability(_codes(KRIPPENDORFF_2011_B), n_boot=0)
    assert round(float(table.loc[0, "alpha"]), 3) == 0.095


@pytest.mark.parametrize(("level", "published"), [("nominal", 0.691), ("interval", 0.811)])
def test_alpha_wikipedia_example(level, published):
    table = reliability(_codes(WIKIPEDIA), level=level, n_boot=0)
    assert round(float(table.loc[0, "alpha"]), 3) == published


def test_fleiss_kappa_fleiss_1971_table_1():
    assert round(fleiss_kappa(FLEISS_1971), 3) == 0.430


def test_fleiss_kappa_wikipedia_example():
    assert round(fleiss_kappa(FLEISS_WIKIPEDIA), 3) == 0.210


def test_fleiss_kappa_from_coder_columns_equals_the_count_table():
    # Fleiss 1971 as six "rater" columns of category codes
    rows = []
    for counts in FLEISS_1971:
        rows.append([str(j + 1) for j, c in enumerate(counts) for _ in range(c)])
    codes = pd.DataFrame(rows, columns=[f"code_r{i}" for i in range(6)])
    table = reliability(codes, n_boot=0)
    assert round(float(table.loc[0, "fleiss_kappa"]), 3) == 0.430
    assert math.isnan(table.loc[0, "cohen_kappa"])  # six coders: no Cohen's kappa


# --- the other statistics, hand-computed -----------------------------------------------------


def test_percent_agreement_and_cohen_kappa_two_coders():
    # A and B agree on 8 of 10 units; 2x2 table [[4, 1], [1, 4]]: p_o = .8, p_e = .5
    codes = pd.DataFrame(
        {
            "code_A": ["1", "1", "1", "1", "1", "0", "0", "0", "0", "0"],
            "code_B": ["1", "1", "1", "1", "0", "0", "0", "0", "0", "1"],
        }
    )
    row = reliability(codes, n_boot=0).iloc[0]
    assert row["percent_agreement"] == pytest.approx(0.8)
    assert row["cohen_kappa"] == pytest.approx((0.8 - 0.5) / (1 - 0.5))
    # with two coders Fleiss' kappa is Scott's pi: p_e from pooled margins (10/20 each)
    assert row["fleiss_kappa"] == pytest.approx(0.6)
    assert (row["n_units"], row["n_pairable"], row["n_values"], row["n_coders"]) == (10, 10, 20, 2)


def test_percent_agreement_three_coders_is_the_mean_share_of_agreeing_pairs():
    codes = pd.DataFrame(
        {"code_A": ["1", "1", "0"], "code_B": ["1", "0", "0"], "code_C": ["1", "0", None]}
    )
    row = reliability(codes, n_boot=0).iloc[0]
    # unit 1: 3/3 pairs agree; unit 2: 1/3 (B-C); unit 3 (two codes): 1/1
    assert row["percent_agreement"] == pytest.approx((1 + 1 / 3 + 1) / 3)
    assert row["n_complete"] == 2


def test_units_with_a_single_code_are_left_out_as_krippendorff_prescribes():
    base = _codes(KRIPPENDORFF_2011_C)
    alone = pd.DataFrame({c: ["5" if c == "code_A" else None] for c in base.columns})
    both = pd.concat([base, alone, alone], ignore_index=True)
    first = reliability(base, n_boot=0).iloc[0]
    second = reliability(both, n_boot=0).iloc[0]
    assert second["alpha"] == first["alpha"]
    assert second["n_units"] == first["n_units"] + 2
    assert second["n_pairable"] == first["n_pairable"] == 11  # unit 12 has one code too


def test_a_single_value_throughout_gives_nan_not_one():
    codes = pd.DataFrame({"code_A": ["1", "1", "1"], "code_B": ["1", "1", "1"]})
    with pytest.warns(FramingWarning, match=r"undefined \(NaN\).*every pairable code is '1'"):
        row = reliability(codes, codebook=["0", "1"], n_boot=100, random_state=0).iloc[0]
    assert math.isnan(row["alpha"]) and math.isnan(row["alpha_ci_low"])
    assert math.isnan(row["cohen_kappa"]) and math.isnan(row["fleiss_kappa"])
    assert row["percent_agreement"] == 1.0


def test_no_unit_coded_twice_gives_nan_with_the_reason():
    codes = pd.DataFrame({"code_A": ["1", None], "code_B": [None, "0"]})
    with pytest.warns(FramingWarning, match="no unit was coded by two coders"):
        row = reliability(codes, n_boot=0).iloc[0]
    assert math.isnan(row["alpha"]) and row["n_pairable"] == 0


def test_fleiss_kappa_one_category_is_nan():
    assert math.isnan(fleiss_kappa([[3, 0], [3, 0]]))


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([[2, 1], [1, 1]], r"same number of ratings.*row sums found: 2, 3"),
        ([[1, 0], [0, 1]], "at least 2"),
        ([1, 2, 3], "2-D table"),
        ([[-1, 3]], "non-negative whole numbers"),
        (np.zeros((0, 3)), "no unit"),
    ],
)
def test_fleiss_kappa_errors(counts, message):
    with pytest.raises(FramingError, match=message):
        fleiss_kappa(counts)


# --- the bootstrap interval ------------------------------------------------------------------


def test_bootstrap_interval_is_seeded_and_brackets_alpha():
    codes = _codes(KRIPPENDORFF_2011_C)
    first = reliability(codes, n_boot=300, random_state=7).iloc[0]
    again = reliability(codes, n_boot=300, random_state=7).iloc[0]
    other = reliability(codes, n_boot=300, random_state=8).iloc[0]
    assert first["alpha_ci_low"] == again["alpha_ci_low"]
    assert first["alpha_ci_high"] == again["alpha_ci_high"]
    assert first["alpha_ci_low"] != other["alpha_ci_low"]
    assert first["alpha_ci_low"] <= first["alpha"] <= first["alpha_ci_high"]
    assert 0 < first["n_boot_valid"] <= 300


def test_alpha_by_group():
    codes = _codes(KRIPPENDORFF_2011_C)
    codes["item"] = ["x"] * 6 + ["y"] * 6
    table = reliability(codes, by="item", n_boot=0)
    assert table["item"].tolist() == ["x", "y"]
    for item, part in (("x", slice(0, 6)), ("y", slice(6, 12))):
        units = _units({k: v[part] for k, v in KRIPPENDORFF_2011_C.items()})
        expected = reference_alpha(units, "nominal")
        assert table.set_index("item").loc[item, "alpha"] == pytest.approx(expected)
    assert table.attrs["by"] == ["item"] and table.attrs["level"] == "nominal"


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=3, max_size=3),
        min_size=2,
        max_size=25,
    ),
    st.sampled_from(["nominal", "ordinal", "interval", "ratio"]),
)
def test_alpha_equals_the_reference_on_random_data(rows, level):
    data = {c: [r[i] for r in rows] for i, c in enumerate("ABC")}
    units = _units(data)
    pairable = [u for u in units if len(u) >= 2]
    if len({v for u in pairable for v in u}) < 2:
        return  # undefined: covered by the NaN tests
    table = reliability(_codes(data), level=level, n_boot=0)
    assert float(table.loc[0, "alpha"]) == pytest.approx(reference_alpha(units, level), abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(12)), st.permutations(["A", "B", "C", "D"]))
def test_alpha_does_not_depend_on_unit_or_coder_order(unit_order, coder_order):
    data = {c: [KRIPPENDORFF_2011_C[c][i] for i in unit_order] for c in coder_order}
    table = reliability(_codes(data), level="ordinal", n_boot=0)
    assert round(float(table.loc[0, "alpha"]), 3) == 0.815


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(5)))
def test_fleiss_kappa_does_not_depend_on_category_order(order):
    table = np.asarray(FLEISS_1971)[:, list(order)]
    assert fleiss_kappa(table) == pytest.approx(fleiss_kappa(FLEISS_1971))


# --- errors -------------------------------------------------------------------------------


def test_errors_are_named():
    codes = _codes(KRIPPENDORFF_2011_C)
    with pytest.raises(FramingError, match=r"no code column for coder 'E'.*Did you mean"):
        reliability(codes, coders=["A", "E"])
    with pytest.raises(FramingError, match=r"level must be one of .*Did you mean 'ordinal'"):
        reliability(codes, level="ordinale")
    with pytest.raises(FramingError, match="cannot group by 'itme'"):
        reliability(codes, by="itme")
    with pytest.raises(FramingError, match=r"codes '5' are not in the codebook"):
        reliability(codes, codebook=["1", "2", "3", "4"])
    words = pd.DataFrame({"code_A": ["yes", "no"], "code_B": ["yes", "yes"]})
    with pytest.raises(FramingError, match="level='interval' needs numeric codes"):
        reliability(words, level="interval")
    with pytest.raises(FramingError, match="needs the order of the codes"):
        reliability(words, level="ordinal")
    with pytest.raises(FramingError, match="codes must be a DataFrame"):
        reliability([["1", "1"]])
    negative = pd.DataFrame({"code_A": ["-1", "2"], "code_B": ["2", "2"]})
    with pytest.raises(FramingError, match="level='ratio' needs codes >= 0"):
        reliability(negative, level="ratio")


def test_ordinal_string_codes_follow_the_codebook_order():
    words = pd.DataFrame(
        {"code_A": ["low", "mid", "high", "mid"], "code_B": ["low", "high", "high", "mid"]}
    )
    table = reliability(words, level="ordinal", codebook=["low", "mid", "high"], n_boot=0)
    numbers = {"low": 1.0, "mid": 2.0, "high": 3.0}
    units = [
        [numbers[a], numbers[b]] for a, b in zip(words["code_A"], words["code_B"], strict=True)
    ]
    assert float(table.loc[0, "alpha"]) == pytest.approx(reference_alpha(units, "ordinal"))
    assert table.attrs["codes"] == ["low", "mid", "high"]


def test_plain_coder_columns_are_accepted():
    data = pd.DataFrame({"anna": ["1", "0", "1"], "bob": ["1", "0", "0"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = reliability(data, coders=["anna", "bob"], n_boot=0)
    assert table.loc[0, "n_pairable"] == 3
