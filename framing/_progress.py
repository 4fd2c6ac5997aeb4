"""Progress bars (tqdm) on stderr, the same for every long-running call of framing."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

#: The size assumed for a terminal that reports none (0 columns or 0 rows).
FALLBACK_COLUMNS, FALLBACK_ROWS = 80, 24


def progress_bar(
    *, total: int | None, desc: str, unit: str, disable: bool | None, leave: bool = True
) -> Any:
    """A ``tqdm.auto`` bar on stderr (a widget in Jupyter).

    ``disable=None`` follows tqdm's rule: shown when stderr is a terminal. A terminal that
    reports a size of 0 (a new pseudo-terminal, ``script``, some CI runners and container
    consoles) would make tqdm print nothing, not even the counts: tqdm hides the bars
    below the terminal's last row, and with 0 rows that is every bar. Such a terminal is
    taken as 80 columns by 24 rows.
    """
    from tqdm.auto import tqdm

    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=disable,
        leave=leave,
        **terminal_fallback(sys.stderr),
    )


def terminal_fallback(stream: TextIO) -> dict[str, int]:
    """tqdm's ``ncols`` / ``nrows`` for a terminal that reports 0 of them, else nothing."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):  # not a terminal, or no file descriptor
        return {}
    fallback = {}
    if size.columns == 0:
        fallback["ncols"] = FALLBACK_COLUMNS
    if size.lines == 0:
        fallback["nrows"] = FALLBACK_ROWS
    return fallback
