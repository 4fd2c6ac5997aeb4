"""save_figure: reproducible PDF/SVG/PNG files with their data and provenance beside them.

One call writes, for ``save_figure(fig, "figures/contest")``::

    figures/contest.pdf   figures/contest.svg   figures/contest.png
    figures/contest.csv   the plotted data (when there are data)
    figures/contest.json  provenance: versions, data attrs, fingerprints, sha256 of each file

Run twice — in two processes, on two machines with the same versions of Python,
matplotlib, numpy and pandas — and every file is byte-identical: no creation dates in the
PDF, SVG or PNG, a fixed SVG hash salt, SVG ids numbered rather than hashed from the
geometry, TrueType fonts shipped with matplotlib, the data's floats to 12 significant
digits (:func:`framing.tables.to_csv`: the last bits of a statistic vary with the
processor), and no timestamp in the JSON (reproducibility over "when": pass
``provenance={"date": ...}`` to record one).

The data convention for plot functions
--------------------------------------
A ``plot_*`` function calls :func:`attach_data` with the table it drew, on the Axes it drew
on; :func:`get_data` collects the tables of a figure and :func:`save_figure` writes them
as ``<name>.csv`` (one table), or as one CSV with a leading ``panel`` column (``a``,
``b``, … in the order of ``fig.axes``) when several Axes carry data. A table attached to
the Figure itself takes precedence over those of its Axes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import math
import numbers
import platform
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd

from framing._digits import written_frame
from framing._errors import FramingError, suggest

__all__ = ["SUPPORTED_FORMATS", "attach_data", "get_data", "save_figure"]

#: Formats written byte-identically across runs; ``save_figure`` writes no other.
SUPPORTED_FORMATS = ("pdf", "svg", "png")
DEFAULT_FORMATS = SUPPORTED_FORMATS

_DATA_ATTR = "_framing_data"
_SVG_HASHSALT = "framing"
_METADATA_KEYS = ("Title", "Author", "Subject", "Keywords")
# The same four keys under each format's own names; the dates that matplotlib would add
# are removed (None), which is what makes the files reproducible.
_FORMAT_METADATA = {
    "pdf": ({"Title": "Title", "Author": "Author", "Subject": "Subject", "Keywords": "Keywords"},
            {"CreationDate": None, "ModDate": None}),
    "svg": ({"Title": "Title", "Author": "Creator", "Subject": "Description",
             "Keywords": "Keywords"},
            {"Date": None}),
    "png": ({"Title": "Title", "Author": "Author", "Subject": "Description",
             "Keywords": "Keywords"},
            {"Software": None}),
}  # fmt: skip


# ------------------------------------------------------------------- data on figures


def _root_figure(obj: Any, what: str) -> Any:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    if isinstance(obj, Axes):
        obj = obj.figure
    while isinstance(obj, SubFigure):
        obj = obj.figure
    if not isinstance(obj, Figure):
        raise FramingError(
            f"{what} expects a matplotlib Figure (or Axes); got {type(obj).__name__}."
        )
    return obj


def attach_data(ax: Any, data: pd.DataFrame) -> Any:
    """Attach the table an Axes (or Figure) shows, for :func:`save_figure` to write.

    Plot functions call this with the table they drew, so that the figure's data travel
    with it: ``save_figure`` writes them as CSV and records their ``attrs`` (corpus and
    lexicon fingerprints, parameters) in the provenance JSON.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or matplotlib.figure.Figure
    data : pandas.DataFrame
        Stored as a copy (its ``attrs`` included); attaching again replaces it.

    Returns
    -------
    Axes or Figure
        ``ax``, for chaining (``return attach_data(ax, table)``).

    Raises
    ------
    FramingError
        ``data`` is not a DataFrame, or ``ax`` is neither an Axes nor a Figure.

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = attach_data(fig.add_subplot(), pd.DataFrame({"x": [1, 2]}))
    >>> get_data(fig)["x"].tolist()
    [1, 2]
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

    if not isinstance(ax, (Axes, FigureBase)):
        raise FramingError(
            f"attach_data expects a matplotlib Axes or Figure; got {type(ax).__name__}."
        )
    if not isinstance(data, pd.DataFrame):
        raise FramingError(f"attach_data expects a pandas DataFrame; got {type(data).__name__}.")
    setattr(ax, _DATA_ATTR, data.copy())
    return ax


def _panel_label(i: int) -> str:
    letters = string.ascii_lowercase
    label = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        label = letters[rest] + label
    return label


def _figure_tables(fig: Any) -> list[tuple[str | None, pd.DataFrame]]:
    """(panel label or None, table) for each table attached to ``fig`` or its Axes."""
    own = getattr(fig, _DATA_ATTR, None)
    if own is not None:
        return [(None, own)]
    seen: set[int] = set()
    axes: list[Any] = []

    def collect(container: Any) -> None:
        for ax in container.axes:
            if id(ax) not in seen:
                seen.add(id(ax))
                axes.append(ax)
        for sub in getattr(container, "subfigs", []):
            collect(sub)

    collect(fig)
    tables = [getattr(ax, _DATA_ATTR) for ax in axes if getattr(ax, _DATA_ATTR, None) is not None]
    if len(tables) == 1:
        return [(None, tables[0])]
    return [(_panel_label(i), table) for i, table in enumerate(tables)]


def get_data(fig: Any) -> pd.DataFrame | None:
    """The data a figure shows, as attached by :func:`attach_data`; None when there are none.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or Axes

    Returns
    -------
    pandas.DataFrame or None
        The table attached to the Figure, else the single table attached to one of its
        Axes, else the tables of several Axes stacked with a leading ``panel`` column
        (``"a"``, ``"b"``, … in the order of ``fig.axes``; columns a panel lacks are empty).

    Raises
    ------
    FramingError
        ``fig`` is not a Figure or Axes.
    """
    tables = _figure_tables(_root_figure(fig, "get_data"))
    if not tables:
        return None
    if len(tables) == 1:
        return tables[0][1]
    parts = [table.assign(panel=label) for label, table in tables]
    stacked = pd.concat(parts, ignore_index=True, sort=False)
    return stacked[["panel", *[c for c in stacked.columns if c != "panel"]]]


# -------------------------------------------------------- deterministic text helpers

_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")


def _jsonable(obj: Any) -> Any:
    """A JSON-ready copy of ``obj``: str keys, lists, finite floats (NaN/inf → None)."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, numbers.Integral):
        return int(obj)
    if isinstance(obj, numbers.Real):
        value = float(obj)
        return value if math.isfinite(value) else None
    if isinstance(obj, Mapping):
        return {str(key): _jsonable(value) for key, value in obj.items()}
    if isinstance(obj, (set, frozenset)):
        return sorted((_jsonable(v) for v in obj), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, (pd.Series, pd.Index)):
        return [_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, pd.DataFrame):
        return {"columns": [str(c) for c in obj.columns], "n_rows": len(obj)}
    if obj is pd.NaT or obj is pd.NA:
        return None
    if isinstance(obj, (_dt.date, _dt.time)):
        return obj.isoformat()
    if isinstance(obj, Path):
        return obj.as_posix()
    if is_dataclass(obj) and not isinstance(obj, type):
        return _jsonable(asdict(obj))
    if callable(getattr(obj, "to_dict", None)):
        return _jsonable(obj.to_dict())
    if callable(getattr(obj, "fingerprint", None)):  # a Corpus or Lexicon object
        record = {"type": type(obj).__name__, "fingerprint": obj.fingerprint()}
        for key in ("name", "version"):
            value = getattr(obj, key, None)
            if value is None or isinstance(value, (str, numbers.Number)):
                record[key] = _jsonable(value)
        return record
    return _ADDRESS.sub("", str(obj))  # never a memory address: it changes every run


def _json_bytes(obj: Any) -> bytes:
    text = json.dumps(
        _jsonable(obj), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False
    )
    return (text + "\n").encode("utf-8")


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as written: its index too when any index level has a name."""
    if any(name is not None for name in df.index.names):
        return df.reset_index()
    return df


def _csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV, ``\\n`` line ends, floats to 12 significant digits in their shortest form."""
    text = written_frame(_csv_frame(df)).to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _software() -> dict[str, str]:
    import framing

    return {
        "framing": framing.__version__,
        "matplotlib": mpl.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "python": platform.python_version(),
    }


def _fingerprints(attrs: Any, prefix: str = "") -> dict[str, list[str]]:
    """Every ``*fingerprint`` value in nested attrs, by where it was found.

    ``corpus_fingerprint`` → ``corpus``; ``lexicon: {fingerprint: …}`` → ``lexicon``.
    """
    found: dict[str, list[str]] = {}
    if isinstance(attrs, Mapping):
        for key, value in attrs.items():
            key = str(key)
            if key.endswith("fingerprint") and isinstance(value, str):
                label = key[: -len("fingerprint")].rstrip("_") or prefix.rstrip(".") or key
                found.setdefault(label, []).append(value)
            else:
                for label, values in _fingerprints(value, f"{prefix}{key}.").items():
                    found.setdefault(label, []).extend(values)
    elif isinstance(attrs, list):
        for value in attrs:
            for label, values in _fingerprints(value, prefix).items():
                found.setdefault(label, []).extend(values)
    return found


def _collect_fingerprints(attrs_list: Iterable[Any]) -> dict[str, Any]:
    merged: dict[str, set[str]] = {}
    for attrs in attrs_list:
        for label, values in _fingerprints(_jsonable(attrs)).items():
            merged.setdefault(label, set()).update(values)
    return {
        label: (next(iter(values)) if len(values) == 1 else sorted(values))
        for label, values in sorted(merged.items())
    }


def _table_record(df: pd.DataFrame) -> dict[str, Any]:
    frame = _csv_frame(df)
    return {
        "columns": [str(c) for c in frame.columns],
        "n_rows": len(frame),
        "attrs": _jsonable(dict(df.attrs)),
    }


# ------------------------------------------------------------------------ save_figure


def _check_formats(formats: Any) -> list[str]:
    if isinstance(formats, str):
        formats = [formats]
    try:
        items = list(formats)
    except TypeError:
        raise FramingError(
            f"formats must be a sequence of format names such as ('pdf', 'png'); got {formats!r}."
        ) from None
    if not items:
        raise FramingError(f"formats is empty; give at least one of {SUPPORTED_FORMATS}.")
    checked: list[str] = []
    for item in items:
        name = str(item).lower().lstrip(".")
        if name not in SUPPORTED_FORMATS:
            raise FramingError(
                f"Unknown format {item!r}. save_figure writes {', '.join(SUPPORTED_FORMATS)} "
                "(the formats it can write byte-identically on every run)."
                + suggest(name, SUPPORTED_FORMATS)
            )
        if name not in checked:
            checked.append(name)
    return checked


def _image_suffixes() -> set[str]:
    from matplotlib.backend_bases import FigureCanvasBase

    known = set(FigureCanvasBase.get_supported_filetypes())
    return known | {"jpg", "jpeg", "tif", "tiff", "gif", "webp", "bmp"}


def _target(path: Any, formats: Any) -> tuple[Path, list[str]]:
    """(path without format suffix, formats) from the user's path and formats."""
    if not isinstance(path, (str, Path)) or not str(path):
        raise FramingError(f"path must be a file path (str or Path); got {path!r}.")
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in SUPPORTED_FORMATS:
        if formats is None:
            return path.with_suffix(""), [suffix]
        checked = _check_formats(formats)
        if suffix not in checked:
            raise FramingError(
                f"The path {str(path)!r} ends in .{suffix} but formats={tuple(checked)!r}. "
                f"Drop the extension (save_figure adds one per format) or include {suffix!r} "
                "in formats."
            )
        return path.with_suffix(""), checked
    if suffix in _image_suffixes():
        raise FramingError(
            f"Cannot write {str(path)!r}: .{suffix} is not a supported format. save_figure "
            f"writes {', '.join(SUPPORTED_FORMATS)}; drop the extension or use one of them."
        )
    # any other dot belongs to the name ("contest.region_name" → contest.region_name.pdf)
    return path, _check_formats(DEFAULT_FORMATS if formats is None else formats)


def _check_metadata(metadata: Any) -> dict[str, str]:
    if metadata is None:
        return {}
    if not isinstance(metadata, Mapping):
        raise FramingError(f"metadata must be a dict; got {type(metadata).__name__}.")
    checked: dict[str, str] = {}
    for key, value in metadata.items():
        if key not in _METADATA_KEYS:
            raise FramingError(
                f"Unknown metadata key {key!r}. save_figure writes {', '.join(_METADATA_KEYS)} "
                "into every format (dates are never written)." + suggest(str(key), _METADATA_KEYS)
            )
        if not isinstance(value, str):
            raise FramingError(f"metadata[{key!r}] must be a str; got {type(value).__name__}.")
        checked[key] = value
    return checked


def _format_metadata(fmt: str, metadata: Mapping[str, str]) -> dict[str, Any]:
    names, fixed = _FORMAT_METADATA[fmt]
    result: dict[str, Any] = dict(fixed)
    for key, value in metadata.items():
        result[names[key]] = value
    return result


def _check_dpi(dpi: Any) -> float:
    if isinstance(dpi, bool) or not isinstance(dpi, numbers.Real):
        raise FramingError(f"dpi must be a positive number; got {dpi!r}.")
    value = float(dpi)
    if not math.isfinite(value) or value <= 0:
        raise FramingError(f"dpi must be a positive number; got {dpi!r}.")
    return value


def _render(fig: Any, fmt: str, dpi: float, metadata: Mapping[str, str]) -> bytes:
    rc = {
        "pdf.fonttype": 42,  # TrueType embedded: editable text, no Type 3 bitmaps
        "ps.fonttype": 42,
        "savefig.bbox": "standard",  # never "tight": the page is the figure size
    }
    if mpl.rcParams["svg.hashsalt"] is None:
        rc["svg.hashsalt"] = _SVG_HASHSALT  # else element ids are random uuids
    buffer = io.BytesIO()
    with mpl.rc_context(rc):
        fig.savefig(
            buffer,
            format=fmt,
            dpi=dpi,
            metadata=_format_metadata(fmt, metadata),
            bbox_inches=None,
        )
    content = buffer.getvalue()
    return _numbered_svg_ids(content) if fmt == "svg" else content


# matplotlib names clip paths, markers and hatches by a hash of their geometry: a clip
# rectangle 1e-13 point off (the layout of bars a last bit longer) renames every use.
_HASHED_ID = re.compile(rb'id="([hmp][0-9a-f]{10})"')
_HASHED_REF = re.compile(rb'(?<=[#"])([hmp][0-9a-f]{10})(?=[")])')
_ID_NAMES = {ord("h"): b"hatch", ord("m"): b"marker", ord("p"): b"clip"}


def _numbered_svg_ids(svg: bytes) -> bytes:
    """matplotlib's hashed SVG ids renamed ``clip1``, ``marker1``, … in order of first use."""
    hashed = {match.group(1) for match in _HASHED_ID.finditer(svg)}
    names: dict[bytes, bytes] = {}
    counts: dict[int, int] = {}

    def rename(match: re.Match[bytes]) -> bytes:
        old = match.group(1)
        if old not in hashed:
            return old
        if old not in names:
            kind = old[0]
            counts[kind] = counts.get(kind, 0) + 1
            names[old] = _ID_NAMES[kind] + str(counts[kind]).encode()
        return names[old]

    return _HASHED_REF.sub(rename, svg)


def save_figure(
    fig: Any,
    path: str | Path,
    *,
    formats: Iterable[str] | str | None = None,
    dpi: float = 300,
    data: pd.DataFrame | None = None,
    provenance: Mapping[str, Any] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Save a figure as PDF, SVG and PNG, byte-identically, with its data and provenance.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or Axes
        The figure (an Axes stands for its figure).
    path : str or Path
        Where to write, without extension: ``"figures/contest"`` writes
        ``figures/contest.pdf``, ``.svg``, ``.png``, ``.csv`` and ``.json``. Missing
        folders are created. A path ending in ``.pdf``, ``.svg`` or ``.png`` writes that
        format only (unless ``formats`` says otherwise; then the extension must be one of
        them). Other dots belong to the name.
    formats : sequence of {"pdf", "svg", "png"}, default ("pdf", "svg", "png")
        Formats to write, in this order.
    dpi : float, default 300
        Resolution of the PNG (and of rasterised artists in PDF and SVG). The physical
        size is always the figure size: the PNG has ``round(width_in * dpi)`` pixels.
    data : pandas.DataFrame, optional
        The plotted data. Default: :func:`get_data` (the tables plot functions attach).
        Written as ``<name>.csv``: UTF-8, ``\\n`` line ends, no index (unless the index
        has a name), floats to 12 significant digits in their shortest form (as
        :func:`framing.tables.to_csv`).
    provenance : dict, optional
        Anything to record in the JSON under ``"provenance"``, e.g. ``{"date":
        "2024-05-02", "study": "study.yaml"}``. Nothing time-dependent is recorded
        otherwise.
    metadata : dict, optional
        ``Title``, ``Author``, ``Subject``, ``Keywords`` (str) written into each file's
        metadata, mapped to each format's own keys.

    Returns
    -------
    list of Path
        The files written: the figures in ``formats`` order, then the CSV (when there are
        data), then the JSON.

    Raises
    ------
    FramingError
        Not a figure; an unknown format; an extension that conflicts with ``formats`` or
        names an unsupported format; ``data`` not a DataFrame; an unknown metadata key;
        a dpi that is not a positive number.

    Notes
    -----
    Reproducibility: PDF without ``CreationDate``/``ModDate``, SVG without ``Date`` and
    with a fixed ``svg.hashsalt`` (when none is set) and matplotlib's hashed ids of clip
    paths, markers and hatches renamed ``clip1``, ``marker1``, ``hatch1``, … in order of
    first use (a hash of the clip rectangle changes when the layout moves by 10⁻¹³ point,
    e.g. with a bar a last bit longer), PNG without the ``Software`` text chunk. Fonts
    are embedded in the PDF as TrueType (``pdf.fonttype`` 42, forced here whatever the
    rcParams say), never as Type 3. The bounding box is the figure
    (``bbox_inches=None`` and ``savefig.bbox: standard``), never "tight", so the page is
    the size asked for with :func:`framing.figure_size`. With the paper theme the text
    font is DejaVu Sans, which ships with matplotlib, so the output does not depend on the
    fonts installed. The JSON holds, with sorted keys and no timestamp::

        {"data": {"attrs": …, "columns": […], "n_rows": …, "panels": …},
         "figure": {"dpi": 300.0, "height_mm": …, "width_mm": …},
         "files": {"csv": {"name": …, "sha256": …}, "pdf": {…}, …},
         "fingerprints": {"corpus": "sha256:…", "lexicon": "sha256:…"},
         "metadata": {…}, "provenance": {…},
         "software": {"framing": …, "matplotlib": …, "numpy": …, "pandas": …, "python": …}}

    ``fingerprints`` gathers every ``*fingerprint`` value found in the data's ``attrs``.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from matplotlib.figure import Figure
    >>> from framing.style import figure_size, theme
    >>> with theme("paper"):
    ...     fig = Figure(figsize=figure_size("single"))
    ...     ax = fig.add_subplot()
    ...     _ = ax.bar(["Karabakh", "Haut-Karabakh"], [3, 5])
    >>> table = pd.DataFrame({"variant": ["Karabakh", "Haut-Karabakh"], "n": [3, 5]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = save_figure(fig, f"{tmp}/contest", data=table)
    ...     [p.name for p in paths]
    ['contest.pdf', 'contest.svg', 'contest.png', 'contest.csv', 'contest.json']
    """
    figure = _root_figure(fig, "save_figure")
    stem, fmts = _target(path, formats)
    dpi = _check_dpi(dpi)
    metadata = _check_metadata(metadata)
    if provenance is not None and not isinstance(provenance, Mapping):
        raise FramingError(f"provenance must be a dict; got {type(provenance).__name__}.")
    if data is not None and not isinstance(data, pd.DataFrame):
        raise FramingError(
            f"data must be a pandas DataFrame (the plotted table); got {type(data).__name__}."
        )
    tables = [(None, data)] if data is not None else _figure_tables(figure)

    stem.parent.mkdir(parents=True, exist_ok=True)
    name = stem.name
    written: list[Path] = []
    files: dict[str, dict[str, str]] = {}
    for fmt in fmts:
        content = _render(figure, fmt, dpi, metadata)
        target = stem.parent / f"{name}.{fmt}"
        target.write_bytes(content)
        written.append(target)
        files[fmt] = {"name": target.name, "sha256": _sha256(content)}

    data_record: dict[str, Any] | None = None
    if tables:
        table = data if data is not None else get_data(figure)
        content = _csv_bytes(table)
        target = stem.parent / f"{name}.csv"
        target.write_bytes(content)
        written.append(target)
        files["csv"] = {"name": target.name, "sha256": _sha256(content)}
        data_record = _table_record(table)
        if len(tables) > 1:
            data_record["attrs"] = None
            data_record["panels"] = {label: _table_record(t) for label, t in tables}

    width_in, height_in = figure.get_size_inches()
    record = {
        "data": data_record,
        "figure": {
            "dpi": dpi,
            "height_mm": round(float(height_in) * 25.4, 3),
            "width_mm": round(float(width_in) * 25.4, 3),
        },
        "files": files,
        "fingerprints": _collect_fingerprints(t.attrs for _, t in tables),
        "metadata": metadata,
        "provenance": None if provenance is None else dict(provenance),
        "software": _software(),
    }
    target = stem.parent / f"{name}.json"
    target.write_bytes(_json_bytes(record))
    written.append(target)
    return written
