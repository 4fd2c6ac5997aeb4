# Pre-optimisation reference of framing/voice/_checks.py (commit e13c5ba), kept to pin
# behaviour: tests/test_voice_speedup.py checks the optimised voice code against it.
# Verbatim except this header and the imports, which point into this package.
"""Checks of the texts, hits and spans passed to the voice functions."""

from __future__ import annotations

from typing import Any

import numpy as np

from framing._errors import FramingError


def _text_module() -> Any:
    try:
        from framing import text as text_module
    except ImportError as exc:  # pragma: no cover - framing.text ships with the package
        raise ImportError(
            "framing.text is needed to find sentences and paragraphs; pass sentences= and "
            "paragraphs= explicitly instead."
        ) from exc
    return text_module


def _check_text(text: Any) -> None:
    if not isinstance(text, str):
        raise FramingError(
            f"text must be a str (one document), got {type(text).__name__}. For a corpus, "
            "call this once per document."
        )


def _check_int(value: Any, name: str, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise FramingError(f"{name} must be an integer >= {low}, got {value!r}.")
    return int(value)


def _as_int_array(values: Any, name: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise FramingError(
            f"{name} must be a one-dimensional sequence of integer offsets, got an array of "
            f"dtype {arr.dtype} and shape {arr.shape}."
        )
    return arr.astype(np.int64)


def _hit_arrays(text: str, starts: Any, ends: Any) -> tuple[np.ndarray, np.ndarray]:
    s = _as_int_array(starts, "starts")
    e = _as_int_array(ends, "ends")
    if len(s) != len(e):
        raise FramingError(
            f"starts and ends must have the same length, got {len(s)} and {len(e)}."
        )
    bad = np.flatnonzero((s < 0) | (e < s) | (e > len(text)))
    if len(bad):
        k = int(bad[0])
        raise FramingError(
            f"hit {k} has span ({s[k]}, {e[k]}), expected 0 <= start <= end <= len(text) = "
            f"{len(text)}. Pass offsets into this document's own text."
        )
    return s, e


def _span_arrays(text: str, spans: Any, name: str) -> tuple[np.ndarray, np.ndarray]:
    try:
        arr = np.asarray(list(spans), dtype=np.int64)
    except (TypeError, ValueError):
        arr = None
    if arr is None or (arr.size and (arr.ndim != 2 or arr.shape[1] != 2)):
        raise FramingError(
            f"{name} must be a list of (start, end) pairs of integers; got {spans!r:.80}."
        )
    arr = arr.reshape(-1, 2)
    arr = arr[np.argsort(arr[:, 0], kind="stable")]
    s, e = arr[:, 0], arr[:, 1]
    bad = np.flatnonzero((s < 0) | (e < s) | (e > len(text)))
    if len(bad):
        k = int(bad[0])
        raise FramingError(
            f"{name} span ({s[k]}, {e[k]}) is outside the text: expected 0 <= start <= end "
            f"<= len(text) = {len(text)}."
        )
    overlap = np.flatnonzero(s[1:] < e[:-1])
    if len(overlap):
        k = int(overlap[0])
        raise FramingError(
            f"{name} spans overlap: ({s[k]}, {e[k]}) and ({s[k + 1]}, {e[k + 1]}). Pass "
            "disjoint spans, e.g. from framing.text."
        )
    return s, e


def _paragraph_arrays(text: str, paragraphs: Any) -> tuple[np.ndarray, np.ndarray]:
    if paragraphs is None:
        paragraphs = _text_module().paragraph_spans(text, mode="auto")
    return _span_arrays(text, paragraphs, "paragraphs")
