"""The kernel calendar: quarters and the NHS financial year (1 April to 31 March)."""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from shared import calendar
from shared.calendar import (
    QUARTER_PATTERN,
    financial_year_end,
    financial_year_start,
    quarter_first_day,
    quarter_last_day,
    quarter_of,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


def test_quarters_are_calendar_quarters_with_q1_january_to_march() -> None:
    assert quarter_of(date(2027, 3, 31)) == "2027-Q1"
    assert quarter_of(date(2027, 4, 1)) == "2027-Q2"
    assert quarter_of(date(2026, 12, 31)) == "2026-Q4"
    assert (quarter_first_day("2026-Q4"), quarter_last_day("2026-Q4")) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert (quarter_first_day("2028-Q1"), quarter_last_day("2028-Q1")) == (
        date(2028, 1, 1),
        date(2028, 3, 31),
    )
    assert quarter_last_day("2026-Q2") == date(2026, 6, 30)
    assert quarter_last_day("2026-Q3") == date(2026, 9, 30)


def test_the_quarter_pattern_accepts_2000_to_2099_and_q1_to_q4_only() -> None:
    for good in ("2000-Q1", "2026-Q4", "2099-Q3"):
        assert re.match(QUARTER_PATTERN, good)
    for bad in ("1999-Q4", "2100-Q1", "2026-Q0", "2026-Q5", "2026Q1", "2026-q1"):
        assert not re.match(QUARTER_PATTERN, bad)


@given(days)
def test_every_day_lies_in_its_quarter_and_the_next_quarter_starts_the_day_after(
    day: date,
) -> None:
    quarter = quarter_of(day)
    assert re.match(QUARTER_PATTERN, quarter)
    assert quarter_first_day(quarter) <= day <= quarter_last_day(quarter)
    after = quarter_last_day(quarter) + timedelta(days=1)
    assert quarter_first_day(quarter_of(after)) == after


def test_the_financial_year_runs_from_1_april_to_31_march() -> None:
    assert financial_year_start(date(2027, 3, 31)) == date(2026, 4, 1)
    assert financial_year_end(date(2027, 3, 31)) == date(2027, 3, 31)
    assert financial_year_start(date(2026, 4, 1)) == date(2026, 4, 1)
    assert financial_year_end(date(2026, 4, 1)) == date(2027, 3, 31)


@given(days)
def test_every_day_lies_in_one_financial_year_closed_by_a_q1_quarter(day: date) -> None:
    start, end = financial_year_start(day), financial_year_end(day)
    assert start <= day <= end
    assert (start.month, start.day, end.month, end.day) == (4, 1, 3, 31)
    assert end.year == start.year + 1
    # The quarter ending 31 March closes the year: "2027-Q1" closes 2026/27.
    assert quarter_of(end) == f"{end.year}-Q1" and quarter_last_day(quarter_of(end)) == end


def test_month_arithmetic_crosses_years_both_ways() -> None:
    assert calendar.add_months("2026-11", 2) == "2027-01"
    assert calendar.add_months("2026-01", -1) == "2025-12"
    assert calendar.period_end("2028-02") == date(2028, 2, 29)
    assert calendar.months_between(date(2026, 4, 15), "2027-03") == 11
    assert calendar.months_between(date(2026, 4, 15), "2026-03") == -1
    assert calendar.months_from("2026-11", "2027-02") == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
    ]
    assert calendar.months_from("2026-11", "2026-10") == []


def test_a_moment_belongs_to_its_english_day_and_month() -> None:
    """00:30 BST on 1 July is July in England though still 30 June in UTC."""
    from datetime import datetime

    moment = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert calendar.local_day(moment) == date(2026, 7, 1)
    assert calendar.period_of(calendar.local_day(moment)) == "2026-07"
    assert calendar.local_day(datetime(2026, 6, 30, 23, 30)) == date(2026, 6, 30)
