"""framing._sort.lexsort_ints gives numpy's lexsort permutation, whatever the keys."""

from __future__ import annotations

import unittest.mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import _sort
from framing._sort import lexsort_ints

DTYPES = [np.int64, np.int32, np.uint32, np.uint64, np.bool_]


@st.composite
def _keys(draw: st.DrawFn) -> list[np.ndarray]:
    n = draw(st.integers(0, 40))
    n_keys = draw(st.integers(1, 4))
    keys = []
    for _ in range(n_keys):
        dtype = draw(st.sampled_from(DTYPES))
        if dtype is np.bool_:
            values = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        else:
            info = np.iinfo(dtype)
            # small ranges (packed into one key), and huge ones (numpy's lexsort)
            wide = draw(st.booleans())
            lo, hi = (info.min, info.max) if wide else (max(info.min, -5), 8)
            base = draw(st.integers(info.min, info.max - 8)) if not wide else 0
            values = [
                min(max(base + v, info.min), info.max)
                for v in draw(st.lists(st.integers(lo, hi), min_size=n, max_size=n))
            ]
        keys.append(np.asarray(values, dtype=dtype))
    return keys


@settings(max_examples=500, deadline=None)
@given(_keys())
def test_same_permutation_as_lexsort(keys):
    # packed from the first row (the default packs only 1,000 rows or more)
    with unittest.mock.patch.object(_sort, "_MIN_ROWS", 1):
        assert np.array_equal(lexsort_ints(keys), np.lexsort(keys))


def test_many_rows_packed_and_same_as_lexsort():
    rng = np.random.default_rng(0)
    keys = [rng.integers(0, 50, 5000), rng.integers(-(10**6), 10**6, 5000)]
    with unittest.mock.patch.object(np, "lexsort", side_effect=AssertionError("not packed")):
        got = lexsort_ints(keys)
    assert np.array_equal(got, np.lexsort(keys))


def test_ties_keep_input_order():
    # two identical rows: the stable order keeps them as given, as lexsort does
    keys = [np.array([3, 1, 3, 1]), np.array([0, 0, 0, 0])]
    with unittest.mock.patch.object(_sort, "_MIN_ROWS", 1):
        assert lexsort_ints(keys).tolist() == [1, 3, 0, 2]
