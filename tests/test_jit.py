"""framing._jit: compiled loops with an on-disk cache, and without one where none can be
written (issue #9)."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings

import numba
import numpy as np
import pandas as pd
import pytest

from framing import _jit
from framing._errors import FramingWarning


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


def test_compiled_loops_once_the_volume_repays_them(monkeypatch):
    # Loading the compiled loops costs a process 0.5-1 s: they are used from the call that
    # brings the characters scanned to COMPILED_AFTER, then for the rest of the process.
    monkeypatch.setattr(_jit, "_on", False)
    monkeypatch.setattr(_jit, "_scanned", 0)
    monkeypatch.setattr(_jit, "COMPILED_AFTER", 1000)
    assert _jit.worth_compiling(600) is False
    assert _jit.worth_compiling(399) is False
    assert _jit.worth_compiling(1) is True
    assert _jit.worth_compiling(0) is True  # for good
    monkeypatch.setattr(_jit, "_on", False)
    _jit.use_compiled()
    assert _jit.worth_compiling(0) is True


def _numba_imported(code: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-c", code + "; import sys; print('numba' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1] == "True"


def test_small_jobs_never_import_numba():
    # The bundled corpus through match_lexicon, with voice: the regex routes, no numba; the
    # same text once the threshold is low: the compiled loops.
    run = (
        "import framing, framing.datasets as d; "
        "framing.match_lexicon(d.load_corpus('karabakh-2023-fr'), "
        "d.load_lexicon('karabakh-2023-fr'))"
    )
    assert not _numba_imported(run)
    assert _numba_imported("import framing._jit as j; j.COMPILED_AFTER = 1000; " + run)


def test_workers_turn_the_compiled_loops_on(monkeypatch):
    from framing.match import _parallel

    monkeypatch.setattr(_jit, "_on", False)
    assert _parallel._warm(lambda sample: _jit.worth_compiling(0), None) is True


def test_a_kept_worker_warms_up_once(monkeypatch):
    # A worker kept from an earlier call has loaded its compiled loops and built its
    # tables on its first warm-up: later calls' warm-ups return at once.
    from framing.match import _parallel

    monkeypatch.setattr(_parallel, "_warmed", set())
    runs = []

    def function(sample, **kwargs):
        runs.append(sample)
        return len(sample)

    assert _parallel._warm(function, "abc") == 3
    assert _parallel._warm(function, "abcd") is None
    assert runs == ["abc"]
    assert _parallel._warm(len, "ab") == 2  # another function warms up on its own


def test_without_numba_the_regex_routes_serve_with_a_warning(monkeypatch):
    # A broken or missing numba (an llvmlite that does not load, a Python numba has no
    # wheel for yet) must not break matching: same voice, slower route, said once.
    from framing.voice import assign_voice

    text = "« Selon lui », a-t-il dit. Le soi-disant régime. " * 60
    hits = [m.start() for m in re.finditer("régime", text)]
    ends = [h + 6 for h in hits]
    expected = assign_voice(text, hits, ends)
    monkeypatch.setitem(sys.modules, "numba", None)  # import numba -> ImportError
    monkeypatch.setattr(_jit, "_on", True)
    _jit.available.cache_clear()
    try:
        with pytest.warns(FramingWarning, match="numba cannot be imported.*same results"):
            got = assign_voice(text, hits, ends)
        pd.testing.assert_frame_equal(got, expected)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # said once
            assign_voice(text, hits, ends)
    finally:
        _jit.available.cache_clear()
