"""Tests for framing._dates: the date forms found in news and parliamentary corpora."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing import _dates
from framing._dates import parse_dates, parse_dates_detail

# (written value, expected date as (y, m, d) or (y, m, d, H, M[, S]))
CASES = [
    # ISO and partial ISO (a partial date is the first day of its period)
    ("2023-09-19", (2023, 9, 19)),
    ("2023-09-19T10:30:00", (2023, 9, 19, 10, 30)),
    ("2023-09-19 10:30", (2023, 9, 19, 10, 30)),
    ("2023-09-19T10:30:00Z", (2023, 9, 19, 10, 30)),
    ("2023-09-19T23:30:00-05:00", (2023, 9, 19, 23, 30)),  # wall-clock time kept
    ("2023/09/19", (2023, 9, 19)),
    ("20230919", (2023, 9, 19)),
    ("2025-07", (2025, 7, 1)),
    ("2025", (2025, 1, 1)),
    ("  2023-09-19\n", (2023, 9, 19)),
    # day-first numeric
    ("19/09/2023", (2023, 9, 19)),
    ("19-09-2023", (2023, 9, 19)),
    ("19.09.2023", (2023, 9, 19)),
    ("9/10/2023", (2023, 10, 9)),  # always day first
    ("19/09/2023 10:30", (2023, 9, 19, 10, 30)),
    ("19/09/23", (2023, 9, 19)),  # POSIX %y: 00-68 → 20xx
    ("01/01/70", (1970, 1, 1)),  # 69-99 → 19xx
    # French long dates
    ("mardi 29 janvier 2013", (2013, 1, 29)),
    ("29 janvier 2013", (2013, 1, 29)),
    ("1er février 2013", (2013, 2, 1)),
    ("Mardi 1er Février 2013", (2013, 2, 1)),
    ("MERCREDI 30 JANVIER 2013", (2013, 1, 30)),
    ("3 fevrier 2013", (2013, 2, 3)),
    ("15 août 2020", (2020, 8, 15)),
    ("15 aout 2020", (2020, 8, 15)),
    ("1 decembre 2020", (2020, 12, 1)),
    ("24 décembre 2019", (2019, 12, 24)),
    ("12 janv. 2020", (2020, 1, 12)),
    ("3 févr. 2021", (2021, 2, 3)),
    ("5 sept. 2022", (2022, 9, 5)),
    ("24 déc. 2019", (2019, 12, 24)),
    ("le 19 septembre 2023", (2023, 9, 19)),
    ("le 19 septembre 2023 à 10h30", (2023, 9, 19, 10, 30)),
    ("19\u00a0septembre\u202f2023", (2023, 9, 19)),  # no-break spaces
    ("mar. 19 sept. 2023", (2023, 9, 19)),
    ("septembre 2023", (2023, 9, 1)),
    # English long dates and RFC 2822
    ("September 19, 2023", (2023, 9, 19)),
    ("19 September 2023", (2023, 9, 19)),
    ("Sept. 19th, 2023", (2023, 9, 19)),
    ("Tue, 19 Sep 2023", (2023, 9, 19)),
    ("Tue, 19 Sep 2023 10:30:00 +0000", (2023, 9, 19, 10, 30)),
    ("Sep 19, 2023, 3:30 pm", (2023, 9, 19, 15, 30)),
    ("Sep 2023", (2023, 9, 1)),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hand_written_cases(raw, expected):
    parsed, failed = parse_dates([raw])
    assert not failed[0]
    assert parsed[0] == pd.Timestamp(*expected)


@pytest.mark.parametrize(
    "raw",
    ["09/19/2023", "31 février 2013", "30/02/2023", "hier", "n.d.", "2023-13-01", "13:00", "7"],
)
def test_unparseable_values_fail_and_are_nat(raw):
    parsed, failed = parse_dates(["2023-09-19", raw])
    assert failed.tolist() == [False, True]
    assert parsed[0] == pd.Timestamp(2023, 9, 19)
    assert pd.isna(parsed[1])


def test_missing_values_are_nat_without_failing():
    parsed, failed = parse_dates([None, np.nan, "", "   ", pd.NaT, "2023-09-19"])
    assert failed.tolist() == [False] * 6
    assert parsed.isna().tolist() == [True] * 5 + [False]


def test_series_keeps_index_and_name():
    values = pd.Series(["19/09/2023", "bad"], index=["a", "b"], name="date")
    parsed, failed = parse_dates(values)
    assert isinstance(parsed, pd.Series)
    assert parsed.index.tolist() == ["a", "b"]
    assert parsed.name == "date"
    assert parsed.dtype == np.dtype("datetime64[us]")
    assert failed.tolist() == [False, True]


def test_list_gives_datetime_index():
    parsed, _ = parse_dates(["2023-09-19"])
    assert isinstance(parsed, pd.DatetimeIndex)


def test_datetime_column_passes_through():
    values = pd.Series(pd.to_datetime(["2023-09-19", None]))
    parsed, failed = parse_dates(values)
    assert parsed is values
    assert not failed.any()


def test_date_objects_are_kept():
    values = [
        dt.date(2023, 9, 19),
        dt.datetime(2023, 9, 19, 10, 30),
        pd.Timestamp("2023-09-19 10:30", tz="Europe/Paris"),
        np.datetime64("2023-09-19"),
        2023,
    ]
    parsed, failed = parse_dates(values)
    assert not failed.any()
    assert list(parsed) == [
        pd.Timestamp(2023, 9, 19),
        pd.Timestamp(2023, 9, 19, 10, 30),
        pd.Timestamp(2023, 9, 19, 10, 30),  # wall-clock time, zone dropped
        pd.Timestamp(2023, 9, 19),
        pd.Timestamp(2023, 1, 1),
    ]


def test_each_distinct_value_is_parsed_once(monkeypatch):
    calls: list[object] = []
    original = _dates._convert

    def counting(value):
        calls.append(value)
        return original(value)

    monkeypatch.setattr(_dates, "_convert", counting)
    values = ["mardi 29 janvier 2013"] * 10_000 + ["19/09/2023"] * 9_240 + [None] * 5
    parsed, failed = parse_dates(values)
    assert sorted(calls) == ["19/09/2023", "mardi 29 janvier 2013"]
    assert len(parsed) == 19_245
    assert not failed.any()


# --- year-less values completed from context --------------------------------------------


def test_weekday_and_day_completed_from_the_column():
    # « vendredi 1 » as truncated in the 2013 Assemblée nationale records: 1 February 2013
    # is the only Friday the 1st near 29 January – 12 February 2013.
    values = ["mardi 29 janvier 2013", "vendredi 1", "mardi 12 février 2013", "vendredi 1"]
    result = parse_dates_detail(values)
    assert result.completed.tolist() == [False, True, False, True]
    assert not result.failed.any()
    assert pd.Timestamp(result.parsed[1]) == pd.Timestamp(2013, 2, 1)
    parsed, failed = parse_dates(values)
    assert parsed[3] == pd.Timestamp(2013, 2, 1)
    assert not failed.any()


def test_day_and_month_completed_with_the_year():
    result = parse_dates_detail(["2013-01-20", "29 janvier", "2013-02-10"])
    assert pd.Timestamp(result.parsed[1]) == pd.Timestamp(2013, 1, 29)
    assert result.completed.tolist() == [False, True, False]


@pytest.mark.parametrize(
    "values",
    [
        ["vendredi 1"],  # no context at all
        ["mardi 29 janvier 2013", "lundi 1"],  # no Monday the 1st near that date
        ["2010-01-01", "2013-02-12", "vendredi 1"],  # span too long: ambiguous
        ["2013-01-29", "1"],  # a bare number is not a date
    ],
)
def test_year_less_values_fail_without_a_single_fit(values):
    result = parse_dates_detail(values)
    assert result.failed[-1]
    assert not result.completed.any()
    assert np.isnat(result.parsed[-1])


# --- properties ----------------------------------------------------------------------------

_FR_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
]  # fmt: skip
_FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_EN_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_form_of_a_date_parses_to_that_date(day):
    day_fr = "1er" if day.day == 1 else str(day.day)
    forms = [
        day.isoformat(),
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        f"{_FR_DAYS[day.weekday()]} {day_fr} {_FR_MONTHS[day.month - 1]} {day.year}",
        f"{_EN_MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}",
    ]
    parsed, failed = parse_dates(forms)
    assert not failed.any(), forms
    assert set(parsed) == {pd.Timestamp(day)}


@given(st.lists(st.sampled_from([c[0] for c in CASES] + ["bad", None, ""]), max_size=30))
def test_parsing_is_elementwise(values):
    parsed, failed = parse_dates(values)
    for i, value in enumerate(values):
        alone, alone_failed = parse_dates([value])
        assert alone_failed[0] == failed[i]
        assert (pd.isna(alone[0]) and pd.isna(parsed[i])) or alone[0] == parsed[i]
