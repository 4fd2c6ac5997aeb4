"""Writing the frame behind a Corpus: JSON Lines, CSV/TSV, Parquet, an HTML preview."""

from __future__ import annotations

import csv
import gzip
import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framing._readers import isna


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with dates as ISO strings (date only when no value has a time)."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            valid = values.dropna()
            has_time = bool((valid != valid.dt.normalize()).any())
            fmt = "%Y-%m-%dT%H:%M:%S" if has_time else "%Y-%m-%d"
            frame[column] = values.dt.strftime(fmt).astype(object).where(values.notna())
    return frame


def json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts ready for :func:`json_text`: dates ISO, missing and ±inf None."""
    frame = export_frame(frame)
    for column in frame.columns:
        if pd.api.types.is_float_dtype(frame[column].dtype):
            frame[column] = frame[column].where(np.isfinite(frame[column].astype(float)))
    frame = frame.astype(object)
    return frame.where(frame.notna(), None).to_dict("records")


def json_text(value: Any, *, indent: int | None = None) -> str:
    """JSON of records: floats in their shortest exact form, UTF-8 text kept."""
    return json.dumps(value, ensure_ascii=False, indent=indent, default=_json_default)


def write_jsonl(frame: pd.DataFrame, path: Path) -> Path:
    """One JSON object per row (dates ISO, missing null); gzip without timestamp for .gz."""
    lines = (json_text(record) + "\n" for record in json_records(frame))
    payload = "".join(lines).encode("utf-8")
    if path.name.lower().endswith(".gz"):
        payload = gzip.compress(payload, mtime=0)
    path.write_bytes(payload)
    return path


def write_csv(frame: pd.DataFrame, path: Path, *, encoding: str) -> Path:
    """CSV (TSV for .tsv), every string quoted; gzip without timestamp or name for .gz."""
    gzipped = path.name.lower().endswith(".gz")
    tabs = path.name.lower().removesuffix(".gz").endswith(".tsv")
    # every string quoted: a lone "\r" in a text would otherwise end the row on reading
    content = export_frame(frame).to_csv(
        sep="\t" if tabs else ",",
        index=False,
        lineterminator="\n",
        quoting=csv.QUOTE_NONNUMERIC,
    )
    payload = content.encode(encoding)
    path.write_bytes(gzip.compress(payload, mtime=0) if gzipped else payload)
    return path


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """Parquet, column types (dates included) kept."""
    frame.to_parquet(path, index=False)
    return path


def html_preview(frame: pd.DataFrame, *, title: str, rows: int, width: int) -> str:
    """The first ``rows`` rows as an HTML table under ``title``, texts cut to ``width``."""
    head_rows = frame.head(rows)
    cells = []
    for record in head_rows.astype(object).itertuples(index=False):
        values = []
        for column, value in zip(head_rows.columns, record, strict=True):
            text = "" if value is None or isna(value) else str(value)
            if column == "text" and len(text) > width:
                text = text[:width].rstrip() + "…"
            values.append(f"<td>{html.escape(text)}</td>")
        cells.append("<tr>" + "".join(values) + "</tr>")
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in head_rows.columns)
    more = f"<p>… {len(frame) - rows} more</p>" if len(frame) > rows else ""
    return (
        f"<div><p><strong>{html.escape(title)}</strong></p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(cells)}</tbody></table>"
        f"{more}</div>"
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    return str(value)
