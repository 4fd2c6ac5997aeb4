"""Parse the date columns researchers actually have: ISO, day-first numeric, French and English.

One function, :func:`parse_dates`, used by :func:`framing.read_corpus`. It parses each
distinct value once (a corpus of 19,240 debate turns holds a few dozen distinct session
dates) and maps the results back, so its cost grows with the number of distinct values.

Accepted forms (case-insensitive, surrounding whitespace and no-break spaces ignored):

- ISO 8601 and its common variants: ``2023-09-19``, ``2023-09-19T10:30:00``,
  ``2023-09-19 10:30``, ``2023-09-19T10:30:00.250+02:00``, ``2023/09/19``, ``20230919``.
  Partial dates stand for the first day of the period: ``2025-07`` is 1 July 2025, ``2025`` is
  1 January 2025.
- Day-first numeric dates: ``19/09/2023``, ``19-09-2023``, ``19.09.2023``, optionally with a
  time. Numeric dates are **always** read day first (``09/10/2023`` is 9 October); a value
  that only makes sense month first (``09/19/2023``) fails rather than being guessed.
  Two-digit years follow the POSIX ``%y`` rule: 00–68 are 2000–2068, 69–99 are 1969–1999.
- French long dates, with or without weekday, accents, capitals, « le », « 1er »:
  ``mardi 29 janvier 2013``, ``29 janvier 2013``, ``1er février 2013``,
  ``Mardi 1er Février 2013``, ``29 fevrier``-style unaccented months, abbreviations
  (``janv.``, ``févr.``, ``sept.``, ``déc.``), and an optional time (``à 10h30``, ``10:30``).
- English long dates: ``September 19, 2023``, ``19 September 2023``, ``Sept. 19th, 2023``,
  and RFC 2822 dates as found in RSS feeds (``Tue, 19 Sep 2023 10:30:00 +0000``).
- A month and year alone (``septembre 2023``, ``Sep 2023``) stand for the first of the month.
- A date without its year — a weekday and a day (``vendredi 1``, as truncated in some
  parliamentary records), a day and a month (``29 janvier``), or all three — is
  **completed from the other values of the same column**: it becomes the only day that fits
  within seven days of the span of the fully written dates, provided that span is at most
  400 days. When no day or more than one day fits, the value fails. Completed values are
  reported by :func:`parse_dates_detail` (and :func:`framing.read_corpus` warns about
  them and keeps their original text).

Time zones: a UTC offset or zone name is accepted and **ignored**: the result is the local
wall-clock time the source printed (a text dated ``2023-09-19T23:30:00-05:00`` is dated the
19th), because researchers bin news by the day the outlet published it.

Values that are already dates (``datetime``, ``date``, ``Timestamp``, ``numpy.datetime64``)
are kept; a column of dtype ``datetime64`` passes through unchanged.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

__all__ = ["DateParse", "parse_dates", "parse_dates_detail"]

_UNIT = "datetime64[us]"  # pandas' own default resolution; spans years 1 to 9999

_MONTHS: dict[str, int] = {
    # French (accents folded), full and abbreviated
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12,
    # English, full and abbreviated (``sept``, ``oct``, ``nov``, ``dec`` serve both languages)
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

_WEEKDAYS = (
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "lun|mar|mer|jeu|ven|sam|dim|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tues|tue|wed|thurs|thu|fri|sat|sun"
)

_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

# A time of day, with optional seconds, fraction, am/pm and an ignored zone.
_TIME = (
    r"(?:(?:a|at|,)\s*)?"
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})|\s*h\s*(?P<hmin>\d{2})?)"
    r"(?::(?P<second>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?"
    r"\s*(?P<ampm>am|pm)?"
    r"\s*(?:z|(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
    r"|cest|cet|bst|ist|est|edt|cst|cdt|mst|mdt|pst|pdt)?"
)

_OPT_TIME = rf"(?:(?:t|\s+){_TIME})?"  # after a numeric date: "T10:30" or " 10:30"
_OPT_LONG_TIME = rf"(?:,?\s+{_TIME})?"  # after a long date: ", 10:30", " à 10h30"
_OPT_WEEKDAY = rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?"
_MONTH = rf"(?P<month>{_MONTH_ALT})\.?"
_DAY = r"(?P<day>\d{1,2})(?:er|st|nd|rd|th|e)?"
_YEAR4 = r"(?P<year>\d{4})"

_ISO = re.compile(
    _YEAR4 + r"(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?:(?P=sep)(?P<day>\d{1,2}))?)?" + _OPT_TIME
)
_COMPACT = re.compile(_YEAR4 + r"(?P<month>\d{2})(?P<day>\d{2})")
_NUMERIC = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})" + _OPT_TIME
)
_LONG_DMY = re.compile(
    _OPT_WEEKDAY + r"(?:le\s+)?" + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR4 + _OPT_LONG_TIME
)
_LONG_MDY = re.compile(_OPT_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR4 + _OPT_LONG_TIME)
_MONTH_YEAR = re.compile(_MONTH + r",?\s+" + _YEAR4)
# no year: "vendredi 1", "vendredi 1er février", "29 janvier" (completed from context)
_PARTIAL = re.compile(rf"(?:(?P<weekday>{_WEEKDAYS})\.?,?\s+)?(?:le\s+)?{_DAY}(?:\s+{_MONTH})?")

_WEEKDAY_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "lundi lun monday mon",
            "mardi mar tuesday tues tue",
            "mercredi mer wednesday wed",
            "jeudi jeu thursday thurs thu",
            "vendredi ven friday fri",
            "samedi sam saturday sat",
            "dimanche dim sunday sun",
        )
    )
    for name in names.split()
}
_SLACK = np.timedelta64(7, "D")  # how far past the known dates a completion may fall
_MAX_SPAN = np.timedelta64(400, "D")  # no completion when the known dates span more


class _Partial(NamedTuple):
    """A date without its year: day of the month, plus a weekday and/or a month."""

    day: int
    month: int | None
    weekday: int | None


class DateParse(NamedTuple):
    """What :func:`parse_dates_detail` found, one entry per value."""

    parsed: np.ndarray  # datetime64[us], NaT where missing or failed
    failed: np.ndarray  # bool: present but not parseable
    completed: np.ndarray  # bool: a year-less value completed from the other dates


_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")


def _fold(value: str) -> str:
    """Lower-case, strip accents and collapse every kind of space to one ASCII space."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 68 else 1900
    return year


def _build(groups: dict[str, str | None], *, month: int | None = None) -> np.datetime64 | None:
    """A datetime64 from regex groups, or None when the calendar rejects it."""
    try:
        year = _year(groups["year"] or "")
        if month is None:
            month = int(groups.get("month") or 1)
        day = int(groups.get("day") or 1)
        hour = int(groups.get("hour") or 0)
        minute = int(groups.get("minute") or groups.get("hmin") or 0)
        second = int(groups.get("second") or 0)
        micro = int(((groups.get("frac") or "") + "000000")[:6])
        ampm = groups.get("ampm")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        value = _dt.datetime(year, month, day, hour, minute, second, micro)
    except (ValueError, TypeError):
        return None
    return np.datetime64(value, "us")


def _parse_one(raw: str) -> np.datetime64 | _Partial | None:
    """Parse one string; a _Partial for a year-less date; None when no form matches."""
    text = _fold(raw)
    if not text:
        return None
    match = _ISO.fullmatch(text)
    if match:
        return _build(match.groupdict())
    match = _COMPACT.fullmatch(text)
    if match:
        return _build(match.groupdict())
    match = _NUMERIC.fullmatch(text)
    if match:
        return _build(match.groupdict())
    for pattern in (_LONG_DMY, _LONG_MDY, _MONTH_YEAR):
        match = pattern.fullmatch(text)
        if match:
            groups = match.groupdict()
            return _build(groups, month=_MONTHS[groups["month"]])
    match = _PARTIAL.fullmatch(text)
    if match and (match["weekday"] or match["month"]):
        return _Partial(
            day=int(match["day"]),
            month=_MONTHS[match["month"]] if match["month"] else None,
            weekday=_WEEKDAY_NUMBERS[match["weekday"]] if match["weekday"] else None,
        )
    return None


def _complete(partial: _Partial, known: np.ndarray) -> np.datetime64 | None:
    """The only day near the known dates that fits a year-less date, or None."""
    if not len(known):
        return None
    first, last = known.min().astype("datetime64[D]"), known.max().astype("datetime64[D]")
    if last - first > _MAX_SPAN:
        return None
    days = np.arange(first - _SLACK, last + _SLACK + 1, dtype="datetime64[D]")
    calendar = pd.DatetimeIndex(days)
    fits = calendar.day == partial.day
    if partial.month is not None:
        fits &= calendar.month == partial.month
    if partial.weekday is not None:
        fits &= calendar.day_of_week == partial.weekday
    matches = days[np.asarray(fits)]
    return matches[0].astype(_UNIT) if len(matches) == 1 else None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _convert(value: Any) -> np.datetime64 | _Partial | None:
    """Parse one non-missing value of any type."""
    if isinstance(value, pd.Timestamp):
        return np.datetime64(value.tz_localize(None).to_pydatetime(), "us")
    if isinstance(value, _dt.datetime):
        return np.datetime64(value.replace(tzinfo=None), "us")
    if isinstance(value, _dt.date):
        return np.datetime64(value, "us")
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[us]")
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return _parse_one(str(int(value)))
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return _parse_one(str(int(value)))
    return _parse_one(str(value))


def parse_dates_detail(values: pd.Series | pd.Index | Iterable[Any]) -> DateParse:
    """Like :func:`parse_dates`, also saying which values were completed from context.

    Parameters
    ----------
    values : Series, Index or iterable
        As for :func:`parse_dates` (a ``datetime64`` input is converted, not passed through).

    Returns
    -------
    DateParse
        ``parsed`` (``datetime64[us]`` array), ``failed`` and ``completed`` (bool arrays).
    """
    if isinstance(values, (pd.Series, pd.Index)):
        series = pd.Series(values.array)
    else:
        series = pd.Series(list(values), dtype=object)
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    # one slot per distinct value, plus a last one for code -1 (missing): NaT, not failed
    parsed = np.full(len(uniques) + 1, np.datetime64("NaT"), dtype=_UNIT)
    failed = np.zeros(len(uniques) + 1, dtype=bool)
    completed = np.zeros(len(uniques) + 1, dtype=bool)
    partial: dict[int, _Partial] = {}
    for i, value in enumerate(uniques):
        if _is_missing(value):
            continue
        result = _convert(value)
        if result is None:
            failed[i] = True
        elif isinstance(result, _Partial):
            partial[i] = result
        else:
            parsed[i] = result
    known = parsed[:-1][~np.isnat(parsed[:-1])]
    for i, part in partial.items():
        result = _complete(part, known)
        if result is None:
            failed[i] = True
        else:
            parsed[i] = result
            completed[i] = True
    return DateParse(parsed[codes], failed[codes], completed[codes])


def parse_dates(values: pd.Series | pd.Index | Iterable[Any]) -> tuple[Any, np.ndarray]:
    """Parse dates written in ISO, day-first numeric, French or English forms.

    See the module docstring for the accepted forms. Each distinct value is parsed once.

    Parameters
    ----------
    values : Series, Index or iterable
        Strings, date-like objects or missing values (None, NaN, NaT, empty strings).
        A ``datetime64`` Series or Index is returned unchanged.

    Returns
    -------
    parsed : Series or DatetimeIndex
        ``datetime64[us]`` values, NaT where a value was missing or could not be parsed.
        A Series input gives a Series with the same index and name; anything else gives a
        DatetimeIndex.
    failed : numpy.ndarray of bool
        True where a value was present but could not be parsed. Missing values are NaT
        without being failures; year-less values completed from the other dates are not
        failures either (:func:`parse_dates_detail` tells them apart).

    Examples
    --------
    >>> parsed, failed = parse_dates(["mardi 29 janvier 2013", "19/09/2023", "2025-07", "?"])
    >>> [d.strftime("%Y-%m-%d") for d in parsed[:3]]
    ['2013-01-29', '2023-09-19', '2025-07-01']
    >>> failed.tolist()
    [False, False, False, True]
    """
    if isinstance(values, (pd.Series, pd.Index)) and pd.api.types.is_datetime64_any_dtype(
        values.dtype
    ):
        return values, np.zeros(len(values), dtype=bool)
    result = parse_dates_detail(values)
    if isinstance(values, pd.Series):
        return pd.Series(result.parsed, index=values.index, name=values.name), result.failed
    return pd.DatetimeIndex(result.parsed), result.failed
