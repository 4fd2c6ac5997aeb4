"""framing._jit: compiled loops with an on-disk cache, and without one where none can be
written (issue #9)."""

from __future__ import annotations

import numba
import numpy as np

from framing import _jit


def _total(values):  # a loop to compile
    out = 0
    for v in values:
        out += v
    return out


def test_compiled_with_a_cache():
    compiled = _jit.jit(_total)
    assert isinstance(compiled, numba.core.registry.CPUDispatcher)
    assert compiled(np.arange(5)) == 10
    assert compiled._cache.__class__.__name__ == "FunctionCache"  # cache=True took


def test_no_cache_folder_compiles_without_cache(monkeypatch):
    # numba raises "cannot cache function ...: no locator available" when neither the
    # package's __pycache__ nor the user's cache folder can be written (read-only install,
    # no home folder); the loop is then compiled in every process instead of failing.
    real = numba.njit
    asked = []

    def njit(**options):
        asked.append(options["cache"])
        if options["cache"]:
            raise RuntimeError("cannot cache function '_total': no locator available")
        return real(**options)

    monkeypatch.setattr(numba, "njit", njit)
    compiled = _jit.jit(_total)
    assert asked == [True, False]
    assert compiled(np.arange(4)) == 6
    assert compiled._cache.__class__.__name__ == "NullCache"
