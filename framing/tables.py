"""Tables for papers: LaTeX (booktabs), deterministic CSV, and the naming-contest table.

- :func:`to_latex` — a booktabs ``tabular`` (optionally in a ``table`` with caption and
  label), LaTeX special characters escaped, numbers in English or French typography.
  Written here rather than with ``DataFrame.to_latex``, which needs jinja2 since pandas 2.
- :func:`to_csv` — UTF-8, ``\\n`` line ends, byte-identical on every run, with a
  provenance JSON beside it (versions, the table's ``attrs``, the CSV's sha256).
- :func:`contest_table` — the compact "main results" table of
  :func:`framing.count_contest`: groups as rows, variants as columns, cells
  ``share [ci_low, ci_high]``, and ``n``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest
from framing.save import _collect_fingerprints as _fingerprints
from framing.save import _csv_bytes, _json_bytes, _sha256, _software, _table_record
from framing.style import (
    NBSP,
    NNBSP,
    _auto_grouping,
    _check_decimals,
    _check_locale,
    _number,
    _separators,
    format_number,
)

__all__ = ["contest_table", "to_csv", "to_latex"]

# --------------------------------------------------------------------------- LaTeX

_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    NBSP: "~",  # no-break space
    NNBSP: r"\,",  # narrow no-break space (thin space, unbreakable in LaTeX)
    "\u2212": "$-$",  # minus sign
}
_LATEX_TABLE = str.maketrans(_LATEX_ESCAPES)


def _escape(text: str) -> str:
    return text.translate(_LATEX_TABLE)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _latex_number(value: float, decimals: int, *, locale: str, grouping: bool) -> str:
    decimal_sep, group_sep, _ = _separators(locale)
    value = float(value)
    if math.isinf(value):
        return r"$\infty$" if value > 0 else r"$-\infty$"
    # {,} keeps a comma from adding space in math mode (siunitx, dcolumn); \, is a thin
    # unbreakable space, the French separator of thousands.
    return _number(
        value,
        decimals,
        decimal_sep="{,}" if decimal_sep == "," else ".",
        group_sep=r"\," if group_sep == NNBSP else "{,}",
        grouping=grouping,
        minus="$-$",
    )


def _select_columns(df: pd.DataFrame, columns: Any) -> tuple[pd.DataFrame, list[str]]:
    if columns is None:
        return df, [str(c) for c in df.columns]
    if isinstance(columns, str):
        columns = [columns]
    if isinstance(columns, Mapping):
        names, headers = list(columns), [str(v) for v in columns.values()]
    else:
        names = list(columns)
        headers = [str(c) for c in names]
    missing = [c for c in names if c not in df.columns]
    if missing:
        raise FramingError(
            f"No column {missing[0]!r} in the table. Columns: "
            f"{', '.join(repr(str(c)) for c in df.columns)}."
            + suggest(str(missing[0]), [str(c) for c in df.columns])
        )
    return df[names], headers


def _column_decimals(decimals: Any, names: Sequence[Any]) -> dict[Any, int]:
    if isinstance(decimals, Mapping):
        unknown = [k for k in decimals if k not in names]
        if unknown:
            raise FramingError(
                f"decimals names a column {unknown[0]!r} that is not in the table."
                + suggest(str(unknown[0]), [str(n) for n in names])
            )
        result = dict.fromkeys(names, 2)
        for key, value in decimals.items():
            checked = _check_decimals(value)
            if checked is None:
                raise FramingError(f"decimals[{key!r}] must be a non-negative integer.")
            result[key] = checked
        return result
    value = _check_decimals(decimals)
    if value is None:
        raise FramingError("decimals must be a non-negative integer or a dict of them.")
    return dict.fromkeys(names, value)


def to_latex(
    df: pd.DataFrame,
    path: str | Path | None = None,
    *,
    locale: str | None = None,
    decimals: int | Mapping[str, int] = 2,
    caption: str | None = None,
    label: str | None = None,
    columns: Sequence[str] | Mapping[str, str] | None = None,
    escape: bool = True,
    index: bool = False,
    na_rep: str = "--",
) -> str:
    r"""A DataFrame as a booktabs LaTeX table, in English or French typography.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path, optional
        Also write the LaTeX to this file (UTF-8; folders created).
    locale : {"en", "fr"}, optional
        Default: the active theme's locale, else ``"en"``. English: ``12{,}345.68``;
        French: decimal comma ``{,}`` and thin-space thousands ``\,``: ``12\,345{,}68``.
        Thousands are separated from 10,000 on when a column holds such a number (so
        years stay whole). Negative numbers get a true minus, ``$-$``.
    decimals : int or dict, default 2
        Digits after the decimal point of float columns (integers keep none), or
        ``{column: decimals}`` (other columns: 2).
    caption, label : str, optional
        With either, the ``tabular`` is wrapped in a ``table`` float with
        ``\caption`` (escaped unless ``escape=False``) and ``\label`` above it.
    columns : list of str or dict, optional
        Columns to show, in order; a dict also renames them (``{"n_group": "n"}``).
    escape : bool, default True
        Escape LaTeX's special characters in text cells, headers and caption:
        ``& % $ # _ { } ~ ^ \`` and ``< > |``; a no-break space becomes ``~``, a narrow
        no-break space ``\,`` and the minus sign U+2212 ``$-$``.
    index : bool, default False
        Include the index as the first column(s).
    na_rep : str, default "--"
        Text of missing values (an en dash in LaTeX).

    Returns
    -------
    str
        The LaTeX source, ending with a newline. It needs ``\usepackage{booktabs}``.

    Raises
    ------
    FramingError
        ``df`` is not a DataFrame; an unknown column in ``columns`` or ``decimals``; an
        unknown locale or invalid ``decimals``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["Le Monde", "AP&T"], "share": [0.625, 12345.5]})
    >>> print(to_latex(table, locale="fr", decimals=1))
    \begin{tabular}{lr}
    \toprule
    outlet & share \\
    \midrule
    Le Monde & 0{,}6 \\
    AP\&T & 12\,345{,}5 \\
    \bottomrule
    \end{tabular}
    <BLANKLINE>
    """
    if not isinstance(df, pd.DataFrame):
        raise FramingError(f"to_latex expects a pandas DataFrame; got {type(df).__name__}.")
    locale = _check_locale(locale)
    if index:
        df = df.reset_index()
    frame, headers = _select_columns(df, columns)
    names = list(frame.columns)
    places = _column_decimals(decimals, names)
    text = _escape if escape else str

    specs: list[str] = []
    body_columns: list[list[str]] = []
    for position, name in enumerate(names):
        values = frame.iloc[:, position].tolist()
        numeric = [v for v in values if _is_number(v) and not _is_missing(v)]
        is_numeric = bool(numeric) and all(_is_number(v) or _is_missing(v) for v in values)
        specs.append("r" if is_numeric else "l")
        grouping = _auto_grouping(float(v) for v in numeric)
        cells = []
        for value in values:
            if _is_missing(value):
                cells.append(na_rep)
            elif _is_number(value):
                digits = 0 if isinstance(value, numbers.Integral) else places[name]
                cells.append(_latex_number(value, digits, locale=locale, grouping=grouping))
            else:
                cells.append(text(str(value)))
        body_columns.append(cells)

    lines = [
        r"\begin{tabular}{" + "".join(specs) + "}",
        r"\toprule",
        " & ".join(text(h) for h in headers) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(row) + r" \\" for row in zip(*body_columns, strict=True)]
    lines += [r"\bottomrule", r"\end{tabular}"]
    if caption is not None or label is not None:
        head = [r"\begin{table}[htbp]", r"\centering"]
        if caption is not None:
            head.append(r"\caption{" + text(str(caption)) + "}")
        if label is not None:
            head.append(r"\label{" + str(label) + "}")
        lines = head + lines + [r"\end{table}"]
    latex = "\n".join(lines) + "\n"
    if path is not None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(latex.encode("utf-8"))
    return latex


# ----------------------------------------------------------------------------- CSV


def to_csv(df: pd.DataFrame, path: str | Path | None = None, *, provenance: bool = True) -> str:
    """Write a table as CSV, byte-identically on every run, with a provenance JSON.

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path, optional
        The CSV file (``.csv`` added when the name has no extension; folders created).
        None: only return the text.
    provenance : bool, default True
        Also write ``<name>.json`` beside the CSV: the versions of framing, matplotlib,
        numpy, pandas and Python, the columns, the row count, the table's ``attrs``
        (parameters, corpus and lexicon fingerprints), the fingerprints found in them,
        and the CSV's sha256. Keys sorted, no timestamp.

    Returns
    -------
    str
        The CSV text: UTF-8, ``\\n`` line ends, a header row, no index (unless an index
        level has a name: then the index comes first, as columns), floats rounded to 12
        significant digits and written in their shortest form (``0.1``, not
        ``0.10000000000000001``; ``-8.75494435389``, not ``-8.754944353893581``).

    Notes
    -----
    Twelve digits, not all seventeen, so that the file is the same on every machine: the
    last bits of a logarithm or an exponential depend on the processor's vector
    instructions (numpy chooses its routines at run time) and on the platform's maths
    library, about 10⁻¹⁵ of the value; rounded to 10⁻¹², they vanish except for a value
    that falls within that distance of a rounding boundary. The DataFrame itself keeps
    every bit; write it to Parquet for an exact copy.

    Raises
    ------
    FramingError
        ``df`` is not a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> to_csv(pd.DataFrame({"variant": ["Karabakh"], "share": [0.625]}))
    'variant,share\\nKarabakh,0.625\\n'
    """
    if not isinstance(df, pd.DataFrame):
        raise FramingError(f"to_csv expects a pandas DataFrame; got {type(df).__name__}.")
    content = _csv_bytes(df)
    if path is not None:
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".csv")
        if target.suffix.lower() == ".json":
            raise FramingError(
                f"Cannot write CSV to {str(target)!r}: .json is the provenance file beside "
                "the CSV. Use a .csv path."
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if provenance:
            record = {
                "data": _table_record(df),
                "files": {"csv": {"name": target.name, "sha256": _sha256(content)}},
                "fingerprints": _fingerprints([df.attrs]),
                "software": _software(),
            }
            target.with_suffix(".json").write_bytes(_json_bytes(record))
    return content.decode("utf-8")


# -------------------------------------------------------------------- contest table

_CONTEST_COLUMNS = {
    "contest",
    "variant",
    "n",
    "n_group",
    "share",
    "ci_low",
    "ci_high",
    "n_docs",
    "n_tied",
}
_REQUIRED = ("variant", "share", "ci_low", "ci_high")


def _cell(
    share: float, low: float, high: float, *, locale: str, decimals: int, percent: bool
) -> str:
    if _is_missing(share):
        return "–"

    def number(x: float) -> str:
        return format_number(x * 100 if percent else x, locale=locale, decimals=decimals)

    text = number(share)
    if percent:
        text += ("" if locale == "en" else NBSP) + "%"
    if _is_missing(low) or _is_missing(high):
        return text
    separator = f"{NNBSP}; " if locale == "fr" else ", "
    return f"{text} [{number(low)}{separator}{number(high)}]"


def contest_table(
    contest_result: pd.DataFrame,
    *,
    locale: str | None = None,
    decimals: int | None = None,
    percent: bool = True,
) -> pd.DataFrame:
    """The main-results table of a naming contest: one row per group, one column per variant.

    Parameters
    ----------
    contest_result : pandas.DataFrame
        The output of :func:`framing.count_contest` (columns: the group column(s),
        ``variant``, ``share``, ``ci_low``, ``ci_high``, ``n_group``, …).
    locale : {"en", "fr"}, optional
        Default: the active theme's locale, else ``"en"``. English cells read
        ``62.5% [48.1, 75.0]``; French ones ``62,5 % [48,1 ; 75,0]`` (a no-break space
        before %, a narrow no-break space before ;).
    decimals : int, optional
        Digits after the decimal separator: default 1 for percentages, 3 for
        proportions.
    percent : bool, default True
        Shares as percentages (the interval bounds without the sign); else proportions.

    Returns
    -------
    pandas.DataFrame
        Columns: the group column(s) (``by`` of ``count_contest``, or ``group``), then
        one text column per variant in the order of ``contest_result`` (the lexicon's),
        then ``n``, the group's mentions of the contest (``n_group``; documents with
        ``unit="document"``). Groups keep their order. A cell is ``"–"`` when the group
        has no mention, and has no interval when the interval is missing (a single
        document, or ``n_boot=0``). ``attrs`` are those of ``contest_result`` plus
        ``table="contest_table"``, ``locale``, ``decimals`` and ``percent``. Pass it to
        :func:`to_latex` or :func:`to_csv`.

    Raises
    ------
    FramingError
        Not a DataFrame; missing columns; several contests in one table; a group with
        two rows for the same variant; an unknown locale or invalid ``decimals``.

    Examples
    --------
    >>> import pandas as pd
    >>> result = pd.DataFrame({
    ...     "outlet": ["Le Monde", "Le Monde"], "contest": "region_name",
    ...     "variant": ["haut_karabakh", "karabakh"], "n": [5, 3], "n_group": 8,
    ...     "share": [0.625, 0.375], "ci_low": [0.481, 0.25], "ci_high": [0.75, 0.519]})
    >>> table = contest_table(result, locale="en")
    >>> table.columns.tolist()
    ['outlet', 'haut_karabakh', 'karabakh', 'n']
    >>> table.loc[0, "haut_karabakh"]
    '62.5% [48.1, 75.0]'
    >>> contest_table(result, locale="fr").loc[0, "haut_karabakh"]
    '62,5\\xa0% [48,1\\u202f; 75,0]'
    """
    if not isinstance(contest_result, pd.DataFrame):
        raise FramingError(
            "contest_table expects the DataFrame of framing.count_contest; got "
            f"{type(contest_result).__name__}."
        )
    locale = _check_locale(locale)
    decimals = _check_decimals(decimals)
    if decimals is None:
        decimals = 1 if percent else 3
    result = contest_result
    columns = [str(c) for c in result.columns]
    count_column = "n_group" if "n_group" in result.columns else "n"
    missing = [c for c in (*_REQUIRED, count_column) if c not in result.columns]
    if missing:
        raise FramingError(
            f"contest_table needs the columns of framing.count_contest; {missing[0]!r} is "
            f"missing (columns: {', '.join(columns)})." + suggest(missing[0], columns)
        )
    if "contest" in result.columns and result["contest"].nunique(dropna=False) > 1:
        contests = ", ".join(repr(c) for c in pd.unique(result["contest"]))
        raise FramingError(
            f"contest_table shows one contest at a time; the table holds {contests}. "
            "Select one: result[result['contest'] == name]."
        )
    by = result.attrs.get("by")
    if isinstance(by, str):
        by = [by]
    groups = (
        list(by)
        if by and all(c in result.columns for c in by)
        else [c for c in result.columns if c not in _CONTEST_COLUMNS]
    )
    if not groups:
        result = result.assign(group="all")
        groups = ["group"]

    keys = result[groups].astype(object).where(result[groups].notna(), "(missing)")
    key_tuples = list(keys.itertuples(index=False, name=None))
    group_order = list(dict.fromkeys(key_tuples))
    variants = list(pd.unique(result["variant"]))
    clash = [v for v in variants if str(v) in {*map(str, groups), "n"}]
    if clash:
        raise FramingError(
            f"contest_table: the variant {clash[0]!r} has the name of a group column or of "
            "'n'; rename it in the count_contest result first."
        )
    seen: set[tuple[Any, Any]] = set()
    cells: dict[tuple[Any, ...], dict[Any, str]] = {g: {} for g in group_order}
    counts: dict[tuple[Any, ...], Any] = {}
    for key, (_, row) in zip(key_tuples, result.iterrows(), strict=True):
        variant = row["variant"]
        if (key, variant) in seen:
            raise FramingError(
                f"contest_table: group {key if len(key) > 1 else key[0]!r} has two rows for "
                f"variant {variant!r}. Pass one count_contest result (one contest, one unit)."
            )
        seen.add((key, variant))
        cells[key][variant] = _cell(
            row["share"],
            row["ci_low"],
            row["ci_high"],
            locale=locale,
            decimals=decimals,
            percent=percent,
        )
        counts.setdefault(key, row[count_column])

    table = pd.DataFrame(group_order, columns=groups)
    for variant in variants:
        table[str(variant)] = [cells[g].get(variant, "–") for g in group_order]
    n = pd.Series([counts[g] for g in group_order])
    table["n"] = n.astype("int64") if all(float(v).is_integer() for v in n) else n
    table.attrs = {
        **dict(contest_result.attrs),
        "table": "contest_table",
        "locale": locale,
        "decimals": decimals,
        "percent": bool(percent),
    }
    return table
