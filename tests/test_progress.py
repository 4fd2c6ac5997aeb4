"""Progress bars show on a terminal that reports no size."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import subprocess
import sys
import threading

import pytest

from framing._progress import FALLBACK_COLUMNS, FALLBACK_ROWS, terminal_fallback

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")


def _terminal(rows: int, columns: int) -> tuple[int, int]:
    import struct

    try:
        master, slave = pty.openpty()
    except OSError:
        pytest.skip("no pseudo-terminals here")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return master, slave


def _output(master: int, process: subprocess.Popen) -> bytes:
    """Everything the child writes to the terminal, until it closes it (EIO)."""
    watchdog = threading.Timer(120, process.kill)  # a hung child fails the test, no hang
    watchdog.start()
    chunks = []
    try:
        with contextlib.suppress(OSError):
            chunks.extend(iter(functools.partial(os.read, master, 65536), b""))
        process.wait(timeout=60)
    finally:
        watchdog.cancel()
        os.close(master)
    return b"".join(chunks)


@pytest.mark.parametrize(("rows", "columns"), [(0, 0), (24, 0), (0, 100), (24, 100)])
def test_fallback_only_for_a_missing_size(rows, columns):
    master, slave = _terminal(rows, columns)
    try:
        with os.fdopen(os.dup(slave), "w") as stream:
            got = terminal_fallback(stream)
    finally:
        os.close(master)
        os.close(slave)
    expected = {}
    if columns == 0:
        expected["ncols"] = FALLBACK_COLUMNS
    if rows == 0:
        expected["nrows"] = FALLBACK_ROWS
    assert got == expected


def test_no_fallback_off_a_terminal():
    assert terminal_fallback(io.StringIO()) == {}  # no file descriptor (Jupyter, tests)
    with open(os.devnull, "w") as devnull:  # a file descriptor, not a terminal
        assert terminal_fallback(devnull) == {}


def test_match_chunks_shows_its_bar_on_a_terminal_without_size():
    # A new pseudo-terminal is 0 x 0; tqdm alone prints nothing there (checked first, so
    # that this test fails if the fallback is lost, not if tqdm changes its mind).
    code_tqdm = "import sys, tqdm\nb = tqdm.tqdm(total=3, file=sys.stderr)\nb.update(3)\nb.close()"
    code_framing = (
        "from framing import match_chunks, read_corpus\n"
        "match_chunks(read_corpus('karabakh-2023-fr', chunksize=2), 'karabakh-2023-fr')"
    )
    outputs = []
    for code in (code_tqdm, code_framing):
        master, slave = _terminal(0, 0)
        process = subprocess.Popen([sys.executable, "-c", code], stderr=slave, stdout=slave)
        os.close(slave)
        outputs.append(_output(master, process).decode("utf-8", "replace"))
    bare, ours = outputs
    assert process.returncode == 0, ours
    if "3/3" in bare:
        pytest.skip("this tqdm draws on a terminal without size: nothing to fall back from")
    assert "matching" in ours and "5/5" in ours, ours
