"""The calendar gpfed pays by: English days and calendar months, in one place.

Contracts start and end on English days and a period is an English calendar month
(``YYYY-MM``), so "today" is today in London, not in UTC or wherever the server runs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

#: A period in the years gpfed pays for, 2000 to 2099: any other is a keying error, and years at
#: the edges of the calendar (0000, 9999) would overflow the date arithmetic behind a period.
PERIOD_PATTERN = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"


def uk_today() -> date:
    return datetime.now(UK).date()


def period_start(period: str) -> date:
    """The first day of a ``YYYY-MM`` period."""
    year, month = period.split("-")
    return date(int(year), int(month), 1)


def period_of(day: date) -> str:
    """The ``YYYY-MM`` period holding ``day``."""
    return f"{day.year:04d}-{day.month:02d}"


def period_end(period: str) -> date:
    """The last day of a ``YYYY-MM`` period."""
    return period_start(add_months(period, 1)) - timedelta(days=1)


def add_months(period: str, n: int) -> str:
    """The period ``n`` months after ``period`` (before it for a negative ``n``)."""
    year, month = (int(x) for x in period.split("-"))
    index = year * 12 + month - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(start: date, period: str) -> int:
    """Whole months from ``start``'s month to ``period`` (negative before it)."""
    first = period_start(period)
    return (first.year - start.year) * 12 + first.month - start.month


def months_from(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last``, both included (none if ``last`` is earlier)."""
    return [add_months(first, n) for n in range(months_between(period_start(first), last) + 1)]


def local_day(moment: datetime) -> date:
    """The English calendar day of a moment; a time without a zone is taken as UK local."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(UK).date()


def has_begun(period: str, today: date) -> bool:
    """Whether the period's first day has come: nothing is paid for a month not yet begun."""
    return period_start(period) <= today


#: A calendar quarter in the years gpfed pays for, ``YYYY-Qn``: Q1 is January to March. The NHS
#: financial year runs 1 April to 31 March, so the quarter ending 31 March (``YYYY-Q1``) closes
#: the financial year that began on 1 April of the year before.
QUARTER_PATTERN = r"^20[0-9]{2}-Q[1-4]$"


def quarter_of(day: date) -> str:
    """The calendar quarter ``YYYY-Qn`` holding ``day``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_first_day(quarter: str) -> date:
    """The first day of a ``YYYY-Qn`` quarter."""
    year, number = quarter.split("-Q")
    return date(int(year), 3 * int(number) - 2, 1)


def quarter_last_day(quarter: str) -> date:
    """The last day of a ``YYYY-Qn`` quarter (31 March, 30 June, 30 September, 31 December)."""
    year, number = quarter.split("-Q")
    if int(number) == 4:
        return date(int(year), 12, 31)
    return date(int(year), 3 * int(number) + 1, 1) - timedelta(days=1)


def financial_year_start(day: date) -> date:
    """1 April of the NHS financial year holding ``day``."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def financial_year_end(day: date) -> date:
    """31 March that ends the NHS financial year holding ``day``."""
    return date(financial_year_start(day).year + 1, 3, 31)
