"""What the parts of :mod:`framing.validate` share: the code-sheet schema, items, codes."""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing._errors import FramingError, suggest

#: The kinds of unit a code sheet can hold.
UNITS: tuple[str, ...] = ("hit", "document", "sentence")
#: Measurement levels of :func:`framing.validate.reliability`.
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")

#: Columns every code sheet has, whatever its unit (code and note columns follow).
ID_COLUMNS: tuple[str, ...] = ("unit_id", "unit", "doc_id", "item")
#: Columns :func:`read_codes` needs in a sheet of hits, beyond :data:`ID_COLUMNS`.
HIT_COLUMNS: tuple[str, ...] = ("start", "end")
CODE_PREFIX = "code_"
NOTE_PREFIX = "note_"
#: Marks put around the hit in the ``context`` column of a sheet of hits.
MARK_OPEN, MARK_CLOSE = "[[", "]]"
#: Worksheet names of an XLSX code sheet.
CODES_SHEET, INSTRUCTIONS_SHEET, META_SHEET = "codes", "instructions", "_meta"
#: Format version of the metadata stored beside a sheet.
SHEET_FORMAT = 1

DEFAULT_CODERS: tuple[str, ...] = ("coder_1", "coder_2")
DEFAULT_CODEBOOKS: dict[str, dict[str, str]] = {
    "hit": {
        "1": "correct: the marked words signal this frame, or name this variant, as the "
        "lexicon intends (for a contest: they refer to the event the contest is about)",
        "0": "false positive: another sense, another event, or another referent",
    },
    "document": {
        "1": "present: the text uses this frame / this naming variant (in any voice)",
        "0": "absent",
    },
    "sentence": {
        "1": "present: the sentence uses this frame / this naming variant (in any voice)",
        "0": "absent",
    },
}
DEFAULT_POSITIVE = "1"

_CODER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def shown(values: Iterable[Any], n: int = 10) -> str:
    """``'a', 'b', … (12 in all)``: the first n values, quoted."""
    values = list(values)
    if not values:
        return "none"
    text = ", ".join(repr(v) for v in values[:n])
    return text + (f", … ({len(values)} in all)" if len(values) > n else "")


def code_column(coder: str) -> str:
    return CODE_PREFIX + coder


def note_column(coder: str) -> str:
    return NOTE_PREFIX + coder


# --- items: what a row asks about ------------------------------------------------------------


def item_ids(frame: Any, contest: Any, variant: Any) -> np.ndarray:
    """``frame:<id>`` for a frame hit, ``contest:<contest>/<variant>`` for a contest hit.

    Frame ids may contain ``/`` (``conflict/military``), so the prefix keeps the two kinds
    apart.
    """
    frame = pd.Series(frame, dtype=object).reset_index(drop=True)
    contest = pd.Series(contest, dtype=object).reset_index(drop=True)
    variant = pd.Series(variant, dtype=object).reset_index(drop=True)
    is_frame = frame.notna().to_numpy()
    as_frame = ("frame:" + frame.fillna("").astype(str)).to_numpy(dtype=object)
    as_contest = (
        "contest:" + contest.fillna("").astype(str) + "/" + variant.fillna("").astype(str)
    ).to_numpy(dtype=object)
    return np.where(is_frame, as_frame, as_contest).astype(object)


def item_label(item: str) -> str:
    """The item without its kind prefix: ``conflict/military``, ``operation_name/offensive``."""
    return item.split(":", 1)[1] if ":" in item else item


def hit_unit_ids(doc_id: Any, start: Any, end: Any, item: Any) -> list[str]:
    return [
        f"{d}:{int(a)}-{int(b)}:{i}" for d, a, b, i in zip(doc_id, start, end, item, strict=True)
    ]


# --- codes ---------------------------------------------------------------------------------


def normalize_code(value: Any) -> str | None:
    """A code as text: blank and missing values are None, ``1.0`` (Excel) is ``"1"``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        return str(int(number)) if number.is_integer() else repr(number)
    text = str(value).strip()
    return text or None


def check_codebook(codebook: Any, *, caller: str) -> dict[str, str]:
    """A codebook as an ordered ``{code: description}`` dict of text codes."""
    if isinstance(codebook, Mapping):
        pairs = [(k, "" if v is None else str(v)) for k, v in codebook.items()]
    elif isinstance(codebook, Sequence) and not isinstance(codebook, str):
        pairs = [(k, "") for k in codebook]
    else:
        raise FramingError(
            f"{caller}: codebook must be a mapping {{code: description}} or a list of codes "
            f"(such as {{'1': 'correct', '0': 'false positive'}}); got {codebook!r}."
        )
    out: dict[str, str] = {}
    for key, description in pairs:
        code = normalize_code(key)
        if code is None:
            raise FramingError(f"{caller}: the codebook has an empty code ({key!r}).")
        if code in out:
            raise FramingError(
                f"{caller}: the codebook lists the code {code!r} twice (codes are compared as "
                "text, so 1 and '1' are the same code)."
            )
        out[code] = description
    if len(out) < 2:
        raise FramingError(
            f"{caller}: a codebook needs at least two codes (one code leaves nothing to "
            f"agree or disagree on); got {list(out)!r}."
        )
    return out


def check_coders(coders: Any, *, caller: str) -> list[str]:
    if isinstance(coders, str):
        coders = [coders]
    if not isinstance(coders, Sequence) or not coders:
        raise FramingError(
            f"{caller}: coders must be a non-empty list of coder names, such as "
            f"['A', 'B']; got {coders!r}."
        )
    names = [str(c) for c in coders]
    for name in names:
        if not _CODER.match(name):
            raise FramingError(
                f"{caller}: coder name {name!r} is not valid: use letters, digits, '_', '.' "
                "or '-' (it becomes the column name 'code_<coder>')."
            )
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise FramingError(f"{caller}: coder names must be unique; {shown(duplicated)} repeat.")
    return names


def check_positive(positive: Any, codebook: Mapping[str, str] | None, *, caller: str) -> list[str]:
    """The codes that mean "correct" / "present", checked against the codebook."""
    values = [positive] if isinstance(positive, (str, int)) else positive
    if not isinstance(values, Sequence) or not values:
        raise FramingError(
            f"{caller}: positive must be a code or a list of codes; got {positive!r}."
        )
    codes = [normalize_code(v) for v in values]
    if any(c is None for c in codes):
        raise FramingError(f"{caller}: positive contains an empty code: {positive!r}.")
    if codebook:
        for code in codes:
            if code not in codebook:
                raise FramingError(
                    f"{caller}: positive={code!r} is not a code of the codebook (codes: "
                    f"{shown(codebook)})." + suggest(str(code), list(codebook))
                )
    return [str(c) for c in codes]


def check_choice(value: Any, name: str, choices: Sequence[str], *, caller: str) -> str:
    if isinstance(value, str) and value in choices:
        return value
    raise FramingError(
        f"{caller}: {name} must be one of {', '.join(map(repr, choices))}; got {value!r}."
        + suggest(str(value), choices)
    )


def coder_columns(codes: pd.DataFrame, coders: Any, *, caller: str) -> tuple[list[str], list[str]]:
    """The coders and their code columns: ``code_<coder>``, else a column named as the coder."""
    if coders is None:
        coders = codes.attrs.get("coders")
        if not coders:
            coders = [
                c[len(CODE_PREFIX) :] for c in codes.columns if str(c).startswith(CODE_PREFIX)
            ]
        if not coders:
            raise FramingError(
                f"{caller}: cannot tell which columns hold the codes: the table has no "
                "'code_<coder>' column and no recorded coders. Pass coders=[...] (coder names, "
                "or the names of the columns that hold their codes)."
            )
    names = [str(c) for c in ([coders] if isinstance(coders, str) else coders)]
    columns = []
    available = [str(c) for c in codes.columns]
    for name in names:
        if code_column(name) in codes.columns:
            columns.append(code_column(name))
        elif name in codes.columns:
            columns.append(name)
        else:
            raise FramingError(
                f"{caller}: no code column for coder {name!r}: expected a column "
                f"{code_column(name)!r} (columns: {shown(available, 20)})."
                + suggest(code_column(name), available)
            )
    return names, columns


def code_matrix(codes: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Units × coders array of codes as text (None where not coded)."""
    matrix = np.empty((len(codes), len(columns)), dtype=object)
    for j, column in enumerate(columns):
        matrix[:, j] = [normalize_code(v) for v in codes[column].tolist()]
    return matrix


def resolve_labels(
    matrix: np.ndarray, coders: Sequence[str], label: str, *, caller: str
) -> np.ndarray:
    """One code per unit from several coders: the strict majority, or one coder's code.

    Returns an object array with None where the unit has no code or the majority is tied.
    """
    if label != "majority":
        if label not in coders:
            raise FramingError(
                f"{caller}: label={label!r} must be 'majority' or the name of a coder whose "
                f"codes are the final ones (coders: {shown(coders)})." + suggest(label, coders)
            )
        return matrix[:, list(coders).index(label)].copy()
    out = np.full(len(matrix), None, dtype=object)
    for i, row in enumerate(matrix):
        values = [v for v in row if v is not None]
        if not values:
            continue
        counts: dict[str, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        if len(ranked) == 1 or ranked[0] > ranked[1]:
            out[i] = max(counts, key=counts.__getitem__)
    return out
