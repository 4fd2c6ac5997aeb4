"""Audited overrides files: coders' decisions, versioned (read, check, write from codes).

:func:`framing.validate.apply_overrides` applies them to a matches table. An overrides
file is a versioned YAML file:

.. code-block:: yaml

    name: karabakh-2023-fr-overrides
    version: 1.0.0
    coders: [A, B]                  # or coder: A
    date: 2025-03-01                # optional
    description: Decisions of the March 2025 validation round.   # optional
    lexicon: {name: karabakh-2023-fr, version: 1.0.0, fingerprint: "sha256:…"}  # optional
    overrides:
      - doc_id: "004_f2b60a6b7852c7d8"
        start: 1204
        end: 1213
        contest: operation_name     # optional filters: entry, frame, contest
        decision: exclude           # the hit is not counted
        reason: « offensive » here names the Armenian offensive feared by Baku.
      - {doc_id: "003_e0b1685020b70630", start: 88, end: 97, decision: relabel,
         variant: military_operation, reason: "« opération » = the military operation"}

``exclude`` keeps the hit in the table and marks it ``rejected`` (so that every
``framing.count_*`` function skips it, as it skips hits rejected by a proximity
constraint); ``relabel`` changes a contest hit's ``variant`` and keeps the old one in
``relabelled_from``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from framing._errors import FramingError, suggest
from framing.validate._common import (
    DEFAULT_POSITIVE,
    check_coders,
    check_positive,
    code_matrix,
    coder_columns,
    note_column,
    resolve_labels,
)

#: Decisions an override can take.
DECISIONS: tuple[str, ...] = ("exclude", "relabel")
#: Columns :func:`apply_overrides` adds (``rejected`` too, when the matches lack it).
OVERRIDE_COLUMNS: tuple[str, ...] = ("override", "override_reason", "relabelled_from")
REJECTED = "rejected"
#: Prefix of the ``rejected`` reason of an excluded hit.
REJECTED_PREFIX = "override: "
_TOP_KEYS = ("name", "version", "coders", "coder", "date", "description", "lexicon", "overrides")
_ITEM_KEYS = (
    "doc_id",
    "start",
    "end",
    "entry",
    "frame",
    "contest",
    "decision",
    "variant",
    "reason",
)
_INTS = ("start", "end", "line")


@dataclass(frozen=True)
class Overrides:
    """A parsed overrides file (see :mod:`framing.validate`).

    Attributes
    ----------
    name, version : str
    coders : tuple of str
    date : str or None
        ISO date, when given.
    description : str or None
    lexicon : dict or None
        ``name``, ``version``, ``fingerprint`` of the lexicon the decisions were made on.
    items : pandas.DataFrame
        One row per override: ``doc_id``, ``start``, ``end``, ``entry``, ``frame``,
        ``contest``, ``decision``, ``variant``, ``reason``, ``line`` (in the file).
    fingerprint : str
        ``"sha256:<hex>"`` of the canonical JSON of the file's content (keys sorted):
        comments, layout and key order do not change it; any decision does.
    source : str or None
        The file it was read from.
    """

    name: str
    version: str
    coders: tuple[str, ...]
    date: str | None
    description: str | None
    lexicon: dict[str, Any] | None
    items: pd.DataFrame
    fingerprint: str
    source: str | None = None

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (
            f"<Overrides {self.name!r} version {self.version}: {len(self.items)} decision(s) "
            f"by {', '.join(self.coders)}; {self.fingerprint[:19]}…>"
        )


# --- reading -------------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def _fingerprint(data: Any) -> str:
    text = json.dumps(_canonical(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _item_lines(text: str) -> list[int]:
    """1-based line of each item of the top-level ``overrides`` list."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "overrides" and isinstance(value, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in value.value]
    return []


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def read_overrides(path: str | os.PathLike[str]) -> Overrides:
    """Read and check an overrides file.

    Parameters
    ----------
    path : str or path
        A YAML file in the format described in :mod:`framing.validate`.

    Returns
    -------
    Overrides

    Raises
    ------
    FramingError
        Every problem at once, as ``file:line: message``: not YAML; a missing or unknown
        key (with a suggestion); ``name``/``version``/``reason`` not text; no coder; a
        ``doc_id`` that is not text (quote it: ``"001"``); offsets that are not whole
        numbers with ``0 <= start < end``; an unknown decision; ``relabel`` without
        ``variant`` or ``exclude`` with one.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "overrides.yaml"
    >>> _ = path.write_text('''name: demo-overrides
    ... version: 1.0.0
    ... coder: A
    ... overrides:
    ...   - {doc_id: d1, start: 0, end: 9, decision: exclude, reason: another war}
    ... ''', encoding="utf-8")
    >>> read_overrides(path).items[["doc_id", "decision", "line"]].values.tolist()
    [['d1', 'exclude', 5]]
    """
    source = Path(path)
    if not source.is_file():
        raise FramingError(f"read_overrides(): {source} does not exist or is not a file.")
    text = source.read_text(encoding="utf-8-sig")
    name = source.name
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise FramingError(
            f"{name}{line}: not valid YAML ({getattr(exc, 'problem', exc)}). Fix the syntax "
            "(a mapping per override, « - {doc_id: …, start: …} »)."
        ) from None
    return _parse(data, text, name, str(source))


def _parse(data: Any, text: str, name: str, source: str | None) -> Overrides:
    problems: list[str] = []

    def problem(line: int, message: str) -> None:
        problems.append(f"{name}:{line}: {message}")

    if not isinstance(data, Mapping):
        raise FramingError(
            f"{name}:1: an overrides file is a mapping with name, version, coder(s) and "
            "overrides; got " + ("an empty file." if data is None else f"{type(data).__name__}.")
        )
    for key in data:
        if key not in _TOP_KEYS:
            problem(
                _key_line(text, str(key)),
                f"unknown key {key!r} (keys: {', '.join(_TOP_KEYS)})."
                + suggest(str(key), _TOP_KEYS),
            )
    for key in ("name", "version"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problem(
                _key_line(text, key),
                f"{key!r} must be a non-empty text; got {value!r}"
                + (' (quote it: version: "1.0").' if isinstance(value, (int, float)) else "."),
            )
    coders: list[str] = []
    if "coder" in data and "coders" in data:
        problem(_key_line(text, "coders"), "give 'coder' or 'coders', not both.")
    raw = data.get("coders", data.get("coder"))
    if isinstance(raw, str):
        raw = [raw]
    if (
        not isinstance(raw, list)
        or not raw
        or not all(isinstance(c, str) and c.strip() for c in raw)
    ):
        problem(
            _key_line(text, "coders" if "coders" in data else "coder"),
            "who decided? Give 'coder: <name>' or 'coders: [<name>, …]' (an audit needs it).",
        )
    else:
        coders = [c.strip() for c in raw]
    date = data.get("date")
    if date is not None and not isinstance(date, (str, _dt.date)):
        problem(_key_line(text, "date"), f"'date' must be a date (2025-03-01); got {date!r}.")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        problem(_key_line(text, "description"), "'description' must be text.")
    lexicon = data.get("lexicon")
    if lexicon is not None and not isinstance(lexicon, Mapping):
        problem(
            _key_line(text, "lexicon"),
            "'lexicon' must be a mapping {name, version, fingerprint}.",
        )
    items = data.get("overrides")
    if items is None:
        items = []
        if "overrides" not in data:
            problem(1, "the 'overrides' list is missing (it may be empty: « overrides: [] »).")
    if not isinstance(items, list):
        problem(_key_line(text, "overrides"), "'overrides' must be a list of mappings.")
        items = []
    lines = _item_lines(text)
    rows = []
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else _key_line(text, "overrides")
        if not isinstance(item, Mapping):
            problem(line, f"override {i + 1} must be a mapping; got {item!r}.")
            continue
        for key in item:
            if key not in _ITEM_KEYS:
                problem(
                    line,
                    f"override {i + 1}: unknown key {key!r} (keys: {', '.join(_ITEM_KEYS)})."
                    + suggest(str(key), _ITEM_KEYS),
                )
        for key in ("doc_id", "start", "end", "decision", "reason"):
            if key not in item:
                problem(line, f"override {i + 1}: {key!r} is missing.")
        doc_id = item.get("doc_id")
        if "doc_id" in item and not isinstance(doc_id, str):
            problem(
                line,
                f"override {i + 1}: doc_id must be text; got {doc_id!r}. Quote it "
                f'(doc_id: "{doc_id}"): YAML reads 001 as the number 1.',
            )
        start, end = item.get("start"), item.get("end")
        whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
        if ("start" in item and "end" in item) and (not whole or not 0 <= start < end):
            problem(
                line,
                f"override {i + 1}: start and end must be whole numbers with 0 <= start < end "
                f"(the hit's offsets in the matches table); got {start!r}, {end!r}.",
            )
        decision = item.get("decision")
        if "decision" in item and decision not in DECISIONS:
            problem(
                line,
                f"override {i + 1}: decision must be 'exclude' or 'relabel'; got {decision!r}."
                + suggest(str(decision), DECISIONS),
            )
        variant = item.get("variant")
        if decision == "relabel" and not (isinstance(variant, str) and variant.strip()):
            problem(line, f"override {i + 1}: decision 'relabel' needs 'variant: <new variant>'.")
        if decision == "exclude" and variant is not None:
            problem(
                line,
                f"override {i + 1}: 'variant' is for decision 'relabel'; an excluded hit gets "
                "no new variant (to pick out a contest hit, use 'contest:').",
            )
        reason = item.get("reason")
        if "reason" in item and not (isinstance(reason, str) and reason.strip()):
            problem(line, f"override {i + 1}: 'reason' must say why, in words.")
        for key in ("entry", "frame", "contest"):
            if item.get(key) is not None and not isinstance(item.get(key), str):
                problem(line, f"override {i + 1}: {key!r} must be text.")
        rows.append(
            {
                "doc_id": doc_id,
                "start": start,
                "end": end,
                "entry": item.get("entry"),
                "frame": item.get("frame"),
                "contest": item.get("contest"),
                "decision": decision,
                "variant": variant,
                "reason": reason.strip() if isinstance(reason, str) else reason,
                "line": line,
            }
        )
    if problems:
        raise FramingError(
            f"The overrides file {name} has {len(problems)} problem(s):\n  "
            + "\n  ".join(problems)
        )
    # object columns built explicitly: missing filters must stay None (pandas would infer
    # a string dtype and turn them into NaN)
    table = pd.DataFrame(
        {
            key: pd.Series([r[key] for r in rows], dtype=np.int64 if key in _INTS else object)
            for key in (*_ITEM_KEYS, "line")
        }
    )
    return Overrides(
        name=data["name"].strip(),
        version=data["version"].strip(),
        coders=tuple(coders),
        date=None if date is None else _canonical(date),
        description=description,
        lexicon=None if lexicon is None else _canonical(dict(lexicon)),
        items=table,
        fingerprint=_fingerprint(data),
        source=source,
    )


# --- writing from codes --------------------------------------------------------------------


def write_overrides(
    codes: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    name: str,
    version: str,
    coders: Sequence[str] | None = None,
    label: str = "majority",
    positive: str | Sequence[str] = DEFAULT_POSITIVE,
    date: str | _dt.date | None = None,
    description: str | None = None,
    overwrite: bool = False,
) -> Overrides:
    """Write the hits coders judged false positives as an overrides file (``exclude``).

    Parameters
    ----------
    codes : pandas.DataFrame
        A code sheet of hits read with :func:`read_codes`.
    path : str or path
        The YAML file to write. Review it, add ``relabel`` decisions by hand if needed,
        and version it with the study.
    name, version : str
        The file's name and version (bump the version whenever a decision changes).
    coders : list of str, optional
        Whose codes decide (default: the sheet's coders); recorded as ``coders``.
    label : str, default "majority"
        ``"majority"`` (ties decide nothing) or the name of the coder whose codes are final.
    positive : str or list of str, default "1"
        The codes meaning correct; every other resolved code excludes the hit.
    date : str or date, optional
        Recorded as ``date`` (left out by default, so the file is reproducible).
    description : str, optional
    overwrite : bool, default False
        Replace an existing file.

    Returns
    -------
    Overrides
        The file as read back by :func:`read_overrides`.

    Raises
    ------
    FramingError
        Not a sheet of hits; an existing file without ``overwrite``; bad ``name``,
        ``version``, coder, ``label`` or ``positive``.
    """
    caller = "write_overrides()"
    if not isinstance(codes, pd.DataFrame) or "unit" not in codes.columns:
        raise FramingError(f"{caller}: codes must be a code sheet read with read_codes().")
    hits = codes[codes["unit"].astype(str) == "hit"].reset_index(drop=True)
    if len(hits) == 0:
        raise FramingError(
            f"{caller}: the codes hold no hit (unit == 'hit'): overrides apply to hits of "
            "the matches table."
        )
    for key, value in (("name", name), ("version", version)):
        if not isinstance(value, str) or not value.strip():
            raise FramingError(f"{caller}: {key} must be a non-empty text; got {value!r}.")
    names, columns = coder_columns(hits, coders, caller=caller)
    check_coders(names, caller=caller)
    positives = check_positive(positive, codes.attrs.get("codebook"), caller=caller)
    labels = resolve_labels(code_matrix(hits, columns), names, label, caller=caller)
    target = Path(path)
    if target.exists() and not overwrite:
        raise FramingError(
            f"{caller}: {target} exists. Choose another name, or pass overwrite=True."
        )
    items = []
    for i, row in hits.iterrows():
        if labels[i] is None or labels[i] in positives:
            continue
        notes = [
            f"{c}: {row[note_column(c)]}"
            for c in names
            if note_column(c) in hits.columns and isinstance(row[note_column(c)], str)
        ]
        who = "majority of " + ", ".join(names) if label == "majority" else label
        item: dict[str, Any] = {
            "doc_id": str(row["doc_id"]),
            "start": int(row["start"]),
            "end": int(row["end"]),
        }
        if isinstance(row.get("entry"), str):
            item["entry"] = row["entry"]
        if isinstance(row.get("frame"), str):
            item["frame"] = row["frame"]
        elif isinstance(row.get("contest"), str):
            item["contest"] = row["contest"]
        item["decision"] = "exclude"
        item["reason"] = "; ".join(notes) or f"coded {labels[i]!r} ({who})"
        items.append(item)
    data: dict[str, Any] = {"name": name.strip(), "version": version.strip(), "coders": names}
    if date is not None:
        data["date"] = date.isoformat() if isinstance(date, _dt.date) else str(date)
    if description is not None:
        data["description"] = description
    lexicon = codes.attrs.get("lexicon") or {}
    if lexicon.get("name"):
        data["lexicon"] = {k: lexicon.get(k) for k in ("name", "version", "fingerprint")}
    data["overrides"] = items
    header = (
        "# Overrides: coders' decisions applied to the matches with "
        "framing.validate.apply_overrides.\n"
        f"# Written from {', '.join(codes.attrs.get('sources') or ['a code sheet'])}: hits "
        f"whose code ({label}) is not {' / '.join(positives)} are excluded.\n"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=99)
    target.write_text(header + body, encoding="utf-8")
    return read_overrides(target)
