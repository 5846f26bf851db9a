"""The calendar gpfed pays by: English days and calendar months, in one place.

Contracts start and end on English days and a period is an English calendar month
(``YYYY-MM``), so "today" is today in London, not in UTC or wherever the server runs.
"""

from __future__ import annotations

from datetime import date, datetime
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


def has_begun(period: str, today: date) -> bool:
    """Whether the period's first day has come: nothing is paid for a month not yet begun."""
    return period_start(period) <= today
