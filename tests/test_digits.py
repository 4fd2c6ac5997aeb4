"""Floats as framing writes them: 12 significant digits, independent of the machine."""

from __future__ import annotations

import decimal
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing._digits import SIGNIFICANT_DIGITS, round_significant, written_frame


def _by_decimal(value: float, digits: int) -> float:
    """Independent rounding: the exact decimal of the float, rounded half to even."""
    context = decimal.Context(prec=digits, rounding=decimal.ROUND_HALF_EVEN)
    return float(context.plus(decimal.Decimal(value)))


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(1, 17))
def test_round_significant_matches_decimal_rounding(value: float, digits: int) -> None:
    got = round_significant(np.array([value]), digits)[0]
    assert got == _by_decimal(value, digits)
    assert math.copysign(1.0, got) == math.copysign(1.0, value)


@given(st.floats(min_value=1e-300, max_value=1e300), st.integers(1, 4))
def test_a_few_units_in_the_last_place_rarely_matter(value: float, ulps: int) -> None:
    """Rounded to 12 digits, a value and its neighbour a few ulps away are the same number
    unless they straddle a rounding boundary; the result is always within half a unit of
    the 12th digit."""
    nudged = value
    for _ in range(ulps):
        nudged = math.nextafter(nudged, math.inf)
    a, b = round_significant(np.array([value, nudged]))
    exact = decimal.Context(prec=60)
    step = decimal.Decimal(10) ** (math.floor(math.log10(value)) - 11)
    assert abs(exact.subtract(decimal.Decimal(a), decimal.Decimal(value))) <= step
    if a != b:  # then a rounding boundary lies between the two values
        low, high = (decimal.Decimal(format(x, ".12g")) for x in (a, b))
        middle = exact.divide(exact.add(low, high), 2)
        assert decimal.Decimal(value) <= middle <= decimal.Decimal(nudged)


def test_round_significant_keeps_special_values_shape_and_dtype() -> None:
    values = np.array([[np.nan, np.inf], [-np.inf, -0.0]])
    got = round_significant(values)
    assert got.shape == (2, 2) and got.dtype == np.float64
    assert np.isnan(got[0, 0]) and got[0, 1] == np.inf and got[1, 0] == -np.inf
    assert got[1, 1] == 0.0 and math.copysign(1.0, got[1, 1]) == -1.0
    short = np.array([0.625, 5.0, 123456789012.0, 1e-300], dtype=np.float64)
    assert round_significant(short).tolist() == short.tolist()
    single = round_significant(np.array([1 / 3], dtype=np.float32))
    assert single.dtype == np.float32 and single[0] == np.float32(1 / 3)


def test_written_frame_rounds_float_columns_only() -> None:
    frame = pd.DataFrame(
        {
            "term": ["forces", "des", "x"],
            "n": [2, 10, 3],
            "g2": [-6.256966347004084, -8.754944353893581, np.nan],
            "share": pd.array([1 / 3, None, 0.5], dtype="Float64"),
        },
        index=pd.Index([5, 6, 7], name="row"),
    )
    frame.attrs = {"measure": "g2"}
    original = frame.copy()
    got = written_frame(frame)
    pd.testing.assert_frame_equal(frame, original)  # the input is not changed
    assert got["g2"].iloc[:2].tolist() == [-6.256966347, -8.75494435389]
    assert np.isnan(got["g2"].iloc[2])
    assert str(got["share"].dtype) == "Float64"
    assert got["share"].iloc[0] == 0.333333333333 and got["share"].isna().tolist() == [
        False,
        True,
        False,
    ]
    assert got["term"].tolist() == original["term"].tolist()
    assert got["n"].dtype == original["n"].dtype and got["n"].tolist() == [2, 10, 3]
    assert got.index.equals(original.index) and got.attrs == {"measure": "g2"}


def test_written_frame_without_floats_is_the_frame() -> None:
    frame = pd.DataFrame({"term": ["a"], "n": [1]})
    assert written_frame(frame) is frame


def test_default_is_twelve_digits() -> None:
    assert SIGNIFICANT_DIGITS == 12
    assert repr(float(round_significant(np.array([math.pi]))[0])) == "3.14159265359"


@pytest.mark.parametrize("digits", [1, 6, 12])
def test_written_frame_honours_digits(digits: int) -> None:
    got = written_frame(pd.DataFrame({"x": [math.e]}), digits)
    assert got["x"].iloc[0] == _by_decimal(math.e, digits)
