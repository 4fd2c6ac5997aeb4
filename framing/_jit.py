"""Compiled loops: :func:`jit` wraps ``numba.njit`` for the few scans numpy cannot express
without many passes (issue #9), and :func:`worth_compiling` says when to use them.

Numba compiles a function at its first call on a machine (a few seconds) and keeps the
machine code in a cache next to the module, or in the user's cache folder when the package
folder cannot be written, so that later processes load it instead. Where no cache folder
can be written at all, the function is compiled in every process instead of failing.

Loading the machine code still costs each process about 0.5–1 s (numba's import and LLVM's
set-up), which the compiled loops repay only over a few million characters: a process
uses them once it has been asked to scan :data:`COMPILED_AFTER` characters in all, and the
scans take their regular-expression route before (same results: both routes are tested
against each other). So ``import framing``, a notebook on a few articles and ``framing
run`` on the bundled texts never import numba; the worker processes of ``n_jobs``, which
only ever get large corpora, turn the compiled loops on at once (:func:`use_compiled`).
"""

from __future__ import annotations

import functools
import threading
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from framing._errors import FramingWarning

F = TypeVar("F", bound=Callable[..., Any])

#: Characters a process scans before it switches to the compiled loops (see above).
COMPILED_AFTER = 2_000_000

_lock = threading.Lock()
_scanned = 0
_on = False


def worth_compiling(n_chars: int) -> bool:
    """Whether a scan of ``n_chars`` characters should use the compiled loops.

    Counts the characters; True from the call that brings the count to
    :data:`COMPILED_AFTER` on (or after :func:`use_compiled`), for the rest of the process.
    Always False where numba cannot be imported (said once, in a warning).
    """
    global _scanned, _on
    if _on:
        return available()
    with _lock:
        _scanned += n_chars
        _on = _on or _scanned >= COMPILED_AFTER
    return _on and available()


@functools.cache
def available() -> bool:
    """Whether numba can be imported; if not, warn once that the slower routes are taken."""
    try:
        import numba  # noqa: F401
    except Exception as exc:  # ImportError, or a broken llvmlite (OSError, ...)
        warnings.warn(
            f"numba cannot be imported ({type(exc).__name__}: {exc}); framing's matcher, "
            "normalisation, sentence splitter and voice scans take their numpy and "
            "regular-expression routes: same results, several times slower on large "
            "corpora. Reinstall numba (pip install numba) for the compiled loops.",
            FramingWarning,
            stacklevel=2,
        )
        return False
    return True


def enabled() -> bool:
    """Whether the compiled loops are in use, without counting characters.

    For the steps that follow one that counted the text (the matcher's glob tails run
    after the automaton, whose text the sentence splitter and the voice scans count).
    """
    return _on and available()


def use_compiled() -> None:
    """Use the compiled loops from now on in this process, whatever the volume."""
    global _on
    _on = True


def jit(func: F) -> F:
    """Compile ``func`` in nopython mode, releasing the GIL, with an on-disk cache."""
    import numba  # here, not at the top: importing this module must not import numba

    try:
        return numba.njit(cache=True, nogil=True)(func)
    except RuntimeError:  # numba: "cannot cache function ...: no locator available"
        return numba.njit(cache=False, nogil=True)(func)
