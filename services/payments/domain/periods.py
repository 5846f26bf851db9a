"""The months, quarters and financial years payments are booked to.

A period is a calendar month ``YYYY-MM``; a quarter is a calendar quarter ``YYYY-Qn`` (Jan-Mar is
Q1), as ``ContractPerformanceRecorded.quarter`` names it; the NHS financial year runs from April
to March, so the quarter ending 31 March (``YYYY-Q1``) closes the year that began the April
before.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from shared import calendar
from shared.calendar import (
    QUARTER_PATTERN,
    add_months,
    months_between,
    months_from,
    period_of,
)

# The month arithmetic is the kernel's calendar; what is payments' own (quarters paid in
# arrears, financial years as periods) builds on it here. A month end asks the same few
# questions of the same few months for every contract (some 70,000 calls to the calendar for
# England's 1,250 hubs), so the answers, pure functions of a period's text, are kept: a few
# hundred months at most in a process's life.
__all__ = [
    "add_months",
    "arrears_month",
    "financial_year_end",
    "financial_year_months",
    "is_quarter_end",
    "last_month_of",
    "months_between",
    "months_from",
    "period_end",
    "period_of",
    "period_start",
    "quarter_end",
    "quarter_months",
    "quarter_of",
    "quarter_paid_in_arrears",
]


@lru_cache(maxsize=4096)
def period_start(period: str) -> date:
    return calendar.period_start(period)


@lru_cache(maxsize=4096)
def period_end(period: str) -> date:
    return calendar.period_end(period)


@lru_cache(maxsize=4096)
def quarter_of(period: str) -> str:
    return calendar.quarter_of(period_start(period))


def quarter_months(quarter: str) -> list[str]:
    return list(_quarter_months(quarter))


@lru_cache(maxsize=1024)
def _quarter_months(quarter: str) -> tuple[str, ...]:
    first = period_of(calendar.quarter_first_day(quarter))
    return tuple(months_from(first, period_of(calendar.quarter_last_day(quarter))))


@lru_cache(maxsize=4096)
def quarter_end(period: str) -> str:
    """The last month of ``period``'s quarter."""
    return quarter_months(quarter_of(period))[-1]


def is_quarter_end(period: str) -> bool:
    return int(period.split("-")[1]) % 3 == 0


@lru_cache(maxsize=4096)
def quarter_paid_in_arrears(period: str) -> str | None:
    """The quarter a quarterly-in-arrears contract pays in ``period`` (the month after the
    quarter), or None when ``period`` is not the first month of a quarter."""
    if int(period.split("-")[1]) % 3 != 1:
        return None
    return quarter_of(add_months(period, -1))


@lru_cache(maxsize=4096)
def arrears_month(period: str) -> str:
    """The month in which ``period``'s quarter is paid in arrears (the month after it)."""
    return add_months(quarter_end(period), 1)


@lru_cache(maxsize=4096)
def financial_year_end(period: str) -> str:
    """March of the financial year (April to March) that ``period`` falls in."""
    return period_of(calendar.financial_year_end(period_start(period)))


def financial_year_months(period: str) -> list[str]:
    """The twelve months, April to March, of the financial year ``period`` falls in."""
    return list(_financial_year_months(period))


@lru_cache(maxsize=4096)
def _financial_year_months(period: str) -> tuple[str, ...]:
    april = period_of(calendar.financial_year_start(period_start(period)))
    return tuple(months_from(april, financial_year_end(period)))


def last_month_of(quarter: str) -> str | None:
    """The last month of a quarter ``YYYY-Qn``; None for anything else (kept, never matched)."""
    if not re.match(QUARTER_PATTERN, quarter):
        return None
    return period_of(calendar.quarter_last_day(quarter))
