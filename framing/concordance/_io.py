"""Writing a concordance as CSV for a spreadsheet (:func:`write_kwic`)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from framing._errors import FramingError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_kwic(
    data: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    sep: str | None = None,
    encoding: str = "utf-8-sig",
    guard_formulas: bool = True,
) -> Path:
    """Write a concordance as CSV for a spreadsheet: UTF-8 with a BOM, formulas defused.

    ``data.to_csv(path, index=False)`` works as for any DataFrame; this writer adds what
    Excel needs. The byte-order mark (``encoding="utf-8-sig"``) makes Excel read the file
    as UTF-8, so « é » and « » » survive (pandas and Python's ``csv`` read it back
    unchanged). Excel with a French locale expects ``;`` between fields: pass
    ``sep=";"``. The file follows RFC 4180: lines end with CRLF, and a field is quoted
    when it holds the separator, a quote or a line break.

    Parameters
    ----------
    data : pandas.DataFrame
        A concordance from :func:`kwic` (any DataFrame works).
    path : str or path
        The file to write; a ``.tsv`` suffix means tab-separated.
    sep : str, optional
        Field separator: default ``","`` (``"\\t"`` for ``.tsv``).
    encoding : str, default "utf-8-sig"
        ``"utf-8"`` writes no BOM.
    guard_formulas : bool, default True
        Prefix with ``'`` the text cells that start with ``=``, ``+``, ``-``, ``@``, a tab or
        a carriage return, so that a spreadsheet shows them as text instead of running them
        as formulas (a context starting « - Le ministre » would otherwise become an error,
        and a crafted text could run a formula: OWASP "CSV injection").

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FramingError
        If ``data`` is not a DataFrame or ``sep`` is not one character.

    Examples
    --------
    >>> import tempfile
    >>> path = write_kwic(kwic("Une offensive.", "offensive"), tempfile.mkdtemp() + "/k.csv")
    >>> path.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    if not isinstance(data, pd.DataFrame):
        raise FramingError(f"write_kwic(): data must be a DataFrame; got {type(data).__name__}.")
    path = Path(path)
    if sep is None:
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
    if not isinstance(sep, str) or len(sep) != 1:
        raise FramingError(
            f"write_kwic(): sep must be one character such as ',' or ';'; got {sep!r}."
        )
    frame = pd.DataFrame(data)
    if guard_formulas:
        frame = frame.copy()
        for name in frame.columns:
            if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name].dtype):
                values = frame[name].astype(object)
                risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
                if risky.any():
                    frame[name] = values.where(~risky, "'" + values.astype(str))
    frame.to_csv(
        path,
        index=False,
        sep=sep,
        encoding=encoding,
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    return path
