"""Compiled loops: :func:`jit` wraps ``numba.njit`` for the few scans numpy cannot express
without many passes (issue #9).

Numba compiles a function at its first call (one to three seconds) and keeps the machine
code in a cache next to the module, or in the user's cache folder when the package folder
cannot be written, so that later processes load it in milliseconds. Where no cache folder
can be written at all, the function is compiled in every process instead of failing.
Modules that use :func:`jit` are imported only where the compiled loops are needed, so that
``import framing`` does not import numba.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numba

F = TypeVar("F", bound=Callable[..., Any])


def jit(func: F) -> F:
    """Compile ``func`` in nopython mode, releasing the GIL, with an on-disk cache."""
    try:
        return numba.njit(cache=True, nogil=True)(func)
    except RuntimeError:  # numba: "cannot cache function ...: no locator available"
        return numba.njit(cache=False, nogil=True)(func)
