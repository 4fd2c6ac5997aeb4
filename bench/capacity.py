"""What two processes can do on this machine: the ceiling of an ``n_jobs=2`` speedup.

``match_lexicon(..., n_jobs=2)`` shares one corpus between two processes. However well it
shares, it cannot beat two processes that each match a whole corpus of their own at the
same time, with nothing to hand over or join. Matching the corpus once alone takes ``a``
seconds; matching it in two processes at once, one copy each, takes ``p`` (the slower of
the two): the two processes' throughput is ``2 a / p`` times one's, the **capacity**. On
two CPUs that are wholly the machine's own it is close to 2; on a virtual machine whose
CPUs share a physical core, caches or memory bandwidth with each other or with other
guests, it is lower, and no ``n_jobs=2`` speedup can reach more than it. The harness
measures it in the same rounds as the ``n_jobs`` runs (``run_parallel``), so that the
speedup can be read against what the machine gave two processes at that moment.

The second process (the *twin*) is started with ``spawn``, receives the corpus and the
lexicon once, matches once untimed (loading what a first call loads), then waits; each
``pair()`` tells it to match the corpus while this process matches it too, and returns
both times. :func:`thread_pair` does the same with two threads of this process.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any


def _twin(
    corpus: Any, lexicon: Any, before: Callable[[], None] | None, orders: Any, times: Any
) -> None:
    """The twin's loop: one match per order received, its wall time sent back."""
    from framing import match_lexicon

    match_lexicon(corpus, lexicon)  # untimed: the first call loads the compiled loops
    times.put(0.0)  # ready
    while orders.get() is not None:
        if before is not None:
            before()
        t0 = time.perf_counter()
        match_lexicon(corpus, lexicon)
        times.put(time.perf_counter() - t0)


class Twin:
    """A second process matching the same corpus with the same lexicon, on demand.

    Use as a context manager; :meth:`pair` runs one match here and one in the twin at once.
    ``before`` (picklable) runs before each of the twin's timed matches, as the harness'
    own ``before`` does before its runs.
    """

    def __init__(
        self,
        corpus: Any,
        lexicon: Any,
        *,
        before: Callable[[], None] | None = None,
        timeout: float = 600.0,
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._orders = context.Queue()
        self._times = context.Queue()
        self._timeout = timeout
        self._process = context.Process(
            target=_twin, args=(corpus, lexicon, before, self._orders, self._times), daemon=True
        )

    def __enter__(self) -> Twin:
        self._process.start()
        self._times.get(timeout=self._timeout)  # the twin is ready
        return self

    def __exit__(self, *exc: object) -> None:
        self._orders.put(None)
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()

    def pair(self, run: Callable[[], Any], before: Callable[[], None] | None = None):
        """``run()`` here while the twin matches: (this process' seconds, the twin's)."""
        if before is not None:
            before()
        self._orders.put(True)
        t0 = time.perf_counter()
        run()
        here = time.perf_counter() - t0
        return here, float(self._times.get(timeout=self._timeout))


def thread_pair(run: Callable[[], Any], before: Callable[[], None] | None = None):
    """``run()`` in this thread and in a second thread of this process at once: both
    seconds. Against ``run()`` alone, :func:`capacity` of these is what two *threads* can
    do: below the two processes' capacity by what the interpreter lock serialises (the
    ceiling of ``n_jobs=2`` when it matches in threads)."""
    import threading

    if before is not None:
        before()
    other: list[float] = []

    def timed() -> None:
        t0 = time.perf_counter()
        run()
        other.append(time.perf_counter() - t0)

    thread = threading.Thread(target=timed)
    t0 = time.perf_counter()
    thread.start()
    run()
    here = time.perf_counter() - t0
    thread.join()
    return here, other[0]


def capacity(alone: float, here: float, twin: float) -> float:
    """Two processes' throughput over one's: ``2 * alone / max(here, twin)``."""
    return 2.0 * alone / max(here, twin)
