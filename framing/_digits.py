"""Numbers as framing writes them: 12 significant digits, the same bits on every machine.

A statistic computed on two machines can differ in its last one or two bits: numpy picks
its logarithm and exponential at run time by the processor's vector instructions
(AVX-512 or not), and other platforms have other maths libraries. Written with every
digit (``repr``), such a value changes the CSV, its sha256 in the provenance, and the
SVG drawn from it. Rounded to :data:`SIGNIFICANT_DIGITS` first, it is written the same
wherever the difference stays below the rounding step (about 10⁻¹² of the value, where
those differences are about 10⁻¹⁵) — every value except one that falls, by chance,
within a few units of the last place of a rounding boundary.

The rounding goes through Python's correctly rounded float ↔ decimal conversions, so it
does not depend on the processor or the maths library either.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Significant digits of the floats in written tables (CSV, TSV, JSON Lines).
SIGNIFICANT_DIGITS = 12


def round_significant(values: np.ndarray, digits: int = SIGNIFICANT_DIGITS) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits (half to even), NaN/inf kept.

    Each value becomes the float nearest to its decimal rounding, so ``repr`` of the
    result has at most ``digits`` significant digits (``-8.754944353893581`` →
    ``-8.75494435389``); integers of up to ``digits`` digits and short decimals such
    as ``0.625`` are unchanged.
    """
    array = np.asarray(values)
    spec = f".{digits}g"
    rounded = [float(format(value, spec)) for value in array.ravel().tolist()]
    return np.asarray(rounded, dtype=array.dtype).reshape(array.shape)


def written_frame(frame: pd.DataFrame, digits: int = SIGNIFICANT_DIGITS) -> pd.DataFrame:
    """A copy of ``frame`` whose float columns are rounded by :func:`round_significant`.

    Columns of numpy floats and pandas' nullable ``Float64``/``Float32`` are rounded
    (missing values stay missing); every other column, the index and ``attrs`` are kept.
    """
    columns = [
        i
        for i, dtype in enumerate(frame.dtypes)
        if pd.api.types.is_float_dtype(dtype) and not isinstance(dtype, pd.SparseDtype)
    ]
    if not columns:
        return frame
    result = frame.copy()
    for i in columns:
        values = result.iloc[:, i]
        numbers = values.to_numpy(dtype="float64", na_value=np.nan)
        rounded = pd.Series(round_significant(numbers, digits), index=values.index)
        # back to the column's dtype: float32 stays float32, NaN becomes NA in Float64
        result.isetitem(i, rounded.astype(values.dtype).rename(values.name))
    return result
