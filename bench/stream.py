"""The streaming part: ``framing match … --out … --chunksize N`` in a subprocess.

Wall time, CPU time and peak RSS of each run (GNU ``/usr/bin/time``), over JSON Lines
corpora of growing size, and how linear the time is in the size.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import corpus as bcorpus
from bench.report import ratio

BIG_MB = 1000


def log(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _cli_has(flag: str) -> bool:
    help_text = subprocess.run(
        [sys.executable, "-m", "framing.cli", "match", "--help"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return flag in help_text


TIME = Path("/usr/bin/time")


def _pty() -> tuple[int | None, int | None]:
    """A pseudo-terminal (master, slave) of 24 rows and 100 columns, or (None, None).

    A new pseudo-terminal has no size (0 columns), and tqdm draws a bar as wide as the
    terminal: nothing at all on one 0 columns wide. A user's terminal has a size.
    """
    try:
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
    except (ImportError, OSError):
        return None, None
    with contextlib.suppress(OSError):  # a terminal that takes no size stays as it is
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    return master, slave


def _drain(fd: int, sink: Any) -> None:
    """Copy a pty's output to a file until the other side closes."""
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return
        if not data:
            return
        sink.write(data)


def _run_measured(cmd: list[str], cwd: Path) -> dict[str, Any]:
    """Run a command; its wall time, CPU time and peak RSS.

    The peak RSS comes from GNU ``/usr/bin/time``, which forks the command from its own
    small process. ``getrusage``/``wait4`` on a child of this (large) process would report
    this process's footprint instead: Linux keeps the high-water mark across ``fork`` and
    ``exec``. Without ``/usr/bin/time`` the ``wait4`` figure is kept and flagged.
    """
    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "time.txt"
        err_path, out_path = Path(tmp) / "err.txt", Path(tmp) / "out.txt"
        full = [str(TIME), "-f", "%M %e %U %S", "-o", str(stats), *cmd] if TIME.exists() else cmd
        t0 = time.perf_counter()
        with err_path.open("wb") as err, out_path.open("wb") as out:
            # stderr on a pseudo-terminal, as a user sees it: tqdm bars show on terminals only
            master, slave = _pty()
            proc = subprocess.Popen(
                full, cwd=cwd, stdout=out, stderr=slave if slave is not None else err
            )
            drain = None
            if master is not None:
                os.close(slave)
                drain = threading.Thread(target=_drain, args=(master, err), daemon=True)
                drain.start()
            _, status, usage = os.wait4(proc.pid, 0)
            if drain is not None:
                drain.join(timeout=10)
                os.close(master)
        wall = time.perf_counter() - t0
        returncode = os.waitstatus_to_exitcode(status)
        stderr = err_path.read_text("utf-8", "replace")
        stdout = out_path.read_text("utf-8", "replace")
        measured = stats.read_text().split() if stats.exists() else []
    rec = {
        "wall_s": wall,
        "returncode": returncode,
        "stderr_tail": stderr[-600:],
        "stdout_tail": stdout[-300:],
        "progress_bar": bool(re.search(r"\d+%\|", stderr) or re.search(r"\d[^\n]*/s\]", stderr)),
    }
    if len(measured) >= 4 and measured[0].isdigit():
        rec["peak_rss_mb"] = int(measured[0]) / 1024  # kilobytes
        rec["cpu_s"] = float(measured[2]) + float(measured[3])
        rec["rss_source"] = "/usr/bin/time"
    else:
        rec["peak_rss_mb"] = usage.ru_maxrss / 1024
        rec["cpu_s"] = usage.ru_utime + usage.ru_stime
        rec["rss_source"] = "wait4 (an upper bound: includes this process's footprint)"
    return rec


def run_stream(
    lexicon_path: Path, sizes: list[float], repeat: int, chunksize: int, big: bool, fmt: str
) -> dict[str, Any]:
    has_chunks = _cli_has("--chunksize")
    out: dict[str, Any] = {
        "chunksize_flag": has_chunks,
        "chunksize": chunksize if has_chunks else None,
        "format": fmt,
        "sizes": {},
    }
    if not has_chunks:
        out["status"] = (
            "framing match has no --chunksize yet: measured the non-streaming CLI "
            "(whole corpus in memory); 1 GB skipped"
        )
        big = False
    frame = bcorpus.load_frame()
    plan = [(s, repeat) for s in sizes] + ([(BIG_MB, 1)] if big else [])
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
        for size, n in plan:
            path = bcorpus.write_jsonl(bcorpus.jsonl_path(size), size, frame=frame)
            real_mb = path.stat().st_size / bcorpus.MB
            dest = Path(tmp) / f"matches-{size:g}.{fmt}"
            cmd = [sys.executable, "-m", "framing.cli", "match", str(path), str(lexicon_path)]
            cmd += ["--out", str(dest)]
            if has_chunks:
                cmd += ["--chunksize", str(chunksize)]
            runs = []
            for i in range(n):
                log(f"stream: {real_mb:.0f} MB JSONL, run {i + 1}/{n}")
                runs.append(_run_measured(cmd, bcorpus.REPO))
                if runs[-1]["returncode"] != 0:
                    break
            ok = [r for r in runs if r["returncode"] == 0]
            rec: dict[str, Any] = {
                "file_mb": round(real_mb, 2),
                "command": shlex.join(["framing", *cmd[3:]]),
                "runs_s": [round(r["wall_s"], 3) for r in runs],
                "cpu_runs_s": [round(r["cpu_s"], 3) for r in runs],
                "peak_rss_mb": [round(r["peak_rss_mb"], 1) for r in runs],
                "returncode": runs[-1]["returncode"],
                "progress_bar": any(r["progress_bar"] for r in runs),
                "rss_source": runs[-1]["rss_source"],
            }
            if ok:
                rec["median_s"] = round(statistics.median(r["wall_s"] for r in ok), 3)
                rec["cpu_median_s"] = round(statistics.median(r["cpu_s"] for r in ok), 3)
                rec["max_peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in ok), 1)
                rec["mb_per_s"] = round(real_mb / rec["median_s"], 3)
                rec["stdout_tail"] = ok[-1]["stdout_tail"].strip()
            else:
                rec["stderr_tail"] = runs[-1]["stderr_tail"]
            out["sizes"][f"{size:g}"] = rec
    out["linearity"] = linearity(out["sizes"], sizes, "median_s")
    out["linearity_cpu"] = linearity(out["sizes"], sizes, "cpu_median_s")
    big_rec, last = out["sizes"].get(f"{BIG_MB:g}", {}), out["sizes"].get(f"{sizes[-1]:g}", {})
    if "median_s" in big_rec and "median_s" in last:
        out["big_s_per_mb_vs_last"] = {
            clock: ratio(big_rec[key] / big_rec["file_mb"], last[key] / last["file_mb"])
            for clock, key in (("wall", "median_s"), ("cpu", "cpu_median_s"))
        }
    return out


def linearity(records: dict[str, dict], sizes: list[float], key: str) -> dict[str, Any]:
    """How far the times (``key``: wall or CPU medians) are from linear in the file size.

    Two readings: ``through_origin`` compares each size's seconds per MB with the largest
    size's (strict: start-up costs count against small sizes); ``affine`` fits
    ``t = a + b * MB`` by least squares and reports each point's relative residual and the
    fixed cost ``a`` (start-up: Python, imports, lexicon compile).
    """
    pts = [
        (records[f"{s:g}"]["file_mb"], records[f"{s:g}"][key])
        for s in sizes
        if key in records.get(f"{s:g}", {})
    ]
    if len(pts) < 2:
        return {}
    mb = np.array([p[0] for p in pts])
    sec = np.array([p[1] for p in pts])
    per_mb = sec / mb
    origin = per_mb / per_mb[-1] - 1
    b, a = np.polyfit(mb, sec, 1)
    resid = (sec - (a + b * mb)) / sec
    return {
        "through_origin_deviation": [round(float(x), 3) for x in origin],
        "through_origin_max": round(float(np.abs(origin).max()), 3),
        "affine_fixed_s": round(float(a), 3),
        "affine_s_per_mb": round(float(b), 4),
        "affine_residual": [round(float(x), 3) for x in resid],
        "affine_max": round(float(np.abs(resid).max()), 3),
    }
