"""The ``keep=`` argument of the functions that copy corpus metadata onto their rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from framing._errors import FramingError, suggest


def keep_columns(
    keep: Any,
    available: Sequence[str],
    *,
    caller: str,
    table: str,
    reserved: Callable[[str], bool],
    refused: dict[str, str] | None = None,
    ignored: Sequence[str] = (),
) -> list[str]:
    """The metadata columns ``keep`` names, checked, in order and once each.

    ``keep`` is True (every column of ``available``), False or None (none), a column name,
    or a list or tuple of names. A name outside ``available`` is an error with a
    suggestion; so is a kept column that ``reserved`` says the ``table`` already has (its
    name would collide). ``refused`` maps a name to the message that refuses it;
    ``ignored`` names are accepted and left out (``doc_id``, which every table has).

    Raises
    ------
    FramingError
        ``caller`` first (« match_lexicon(): »), then what is wrong and the fix.
    """
    if keep is True:
        wanted = list(available)
    elif keep is False or keep is None:
        wanted = []
    elif isinstance(keep, str):
        wanted = [keep]
    elif isinstance(keep, (list, tuple)) and all(isinstance(k, str) for k in keep):
        wanted = list(keep)
    else:
        raise FramingError(
            f"{caller} keep must be True (every metadata column), False or None (none), a "
            f"column name or a list of column names; got {keep!r}."
        )
    for name in wanted:
        if refused and name in refused:
            raise FramingError(f"{caller} {refused[name]}")
        if name not in available and name not in ignored:
            listed = ", ".join(map(repr, available)) or "none"
            raise FramingError(
                f"{caller} keep names {name!r}, which is not a metadata column of the "
                f"corpus (metadata columns: {listed})." + suggest(name, list(available))
            )
    wanted = list(dict.fromkeys(w for w in wanted if w not in ignored))
    clash = [w for w in wanted if reserved(w)]
    if clash:
        raise FramingError(
            f"{caller} the corpus metadata column(s) {', '.join(map(repr, clash))} would "
            f"collide with column(s) of the {table}. Fix: pass keep= a list without them, "
            "or rename them in the corpus."
        )
    return wanted
