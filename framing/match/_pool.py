"""The worker processes of ``match_lexicon(..., n_jobs=N)``, kept between calls.

Starting a worker costs about 1.5 s (a new interpreter, numpy, pandas and framing
imported, the Unicode tables and cue regexes built). A notebook or a script that matches
several corpora with ``n_jobs`` would pay it at every call; so the pool is kept after a
call and reused by the next one with the same number of workers, and its workers are
stopped after :data:`IDLE_SECONDS` without use, at interpreter exit, or by
:func:`shutdown`. A pool whose worker died is never reused. A second thread that asks for
workers while the kept pool is busy gets a pool of its own, stopped after its call.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

#: Seconds an unused pool is kept before its workers are stopped.
IDLE_SECONDS = 300.0

_lock = threading.Lock()
_kept: ProcessPoolExecutor | None = None
_kept_key: tuple[Any, int, str] | None = None  # (executor class, workers, start method)
_in_use = False
_timer: threading.Timer | None = None


def _is_broken(pool: ProcessPoolExecutor) -> bool:
    return bool(getattr(pool, "_broken", False))


def acquire(workers: int, start_method: str, executor: type = ProcessPoolExecutor) -> Any:
    """A pool of ``workers`` processes: the kept one if it fits and is free, else a new one."""
    global _kept, _kept_key, _in_use, _timer
    key = (executor, workers, start_method)
    stale = None
    with _lock:
        if _timer is not None:
            _timer.cancel()
            _timer = None
        if _in_use:  # another thread is using the kept pool: a pool of its own
            return _new(executor, workers, start_method)
        if _kept is not None and (_kept_key != key or _is_broken(_kept)):
            stale, _kept, _kept_key = _kept, None, None
        if _kept is None:
            _kept, _kept_key = _new(executor, workers, start_method), key
        _in_use = True
        pool = _kept
    if stale is not None:
        stale.shutdown(wait=True, cancel_futures=True)
    return pool


def start(workers: int, start_method: str, executor: type = ProcessPoolExecutor) -> Any | None:
    """Start a pool of ``workers`` processes and keep it for later calls, unless a pool is
    kept already or in use (then None). It is not in use: submit to it, do not release it."""
    global _kept, _kept_key
    with _lock:
        if _kept is not None or _in_use:
            return None
        _kept, _kept_key = _new(executor, workers, start_method), (executor, workers, start_method)
        _stop_when_idle()
        return _kept


def ready(workers: int, start_method: str, executor: type = ProcessPoolExecutor) -> bool:
    """Whether :func:`acquire` would hand back a kept pool (started, free, not broken)."""
    with _lock:
        return (
            _kept is not None
            and not _in_use
            and _kept_key == (executor, workers, start_method)
            and not _is_broken(_kept)
        )


def release(pool: Any, *, keep: bool) -> None:
    """Give a pool back: kept for the next call (if ``keep``), or stopped now."""
    global _kept, _kept_key, _in_use
    with _lock:
        if pool is not _kept:  # a thread's own pool
            stop = pool
        else:
            _in_use = False
            if keep and not _is_broken(pool):
                _stop_when_idle()
                return
            stop, _kept, _kept_key = pool, None, None
    stop.shutdown(wait=True, cancel_futures=True)


def shutdown() -> None:
    """Stop the worker processes kept by ``match_lexicon(..., n_jobs=N)`` now.

    They are otherwise stopped after :data:`IDLE_SECONDS` without use, and at exit.
    Calling it with no workers kept does nothing.

    Examples
    --------
    >>> from framing.match import stop_workers
    >>> stop_workers()
    """
    global _kept, _kept_key, _in_use, _timer
    with _lock:
        pool, _kept, _kept_key, _in_use = _kept, None, None, False
        if _timer is not None:
            _timer.cancel()
            _timer = None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_when_idle() -> None:
    """(Re)start the timer that stops the kept pool after :data:`IDLE_SECONDS`; under
    ``_lock``."""
    global _timer
    if _timer is not None:
        _timer.cancel()
    _timer = threading.Timer(IDLE_SECONDS, shutdown)
    _timer.daemon = True
    _timer.start()


def _new(executor: type, workers: int, start_method: str) -> Any:
    return executor(max_workers=workers, mp_context=multiprocessing.get_context(start_method))


atexit.register(shutdown)
