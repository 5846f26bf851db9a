"""How the console writes money, dates and months: pounds, and dates the UK way."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


def pounds(pence: int | None) -> str:
    """1234567 -> £12,345.67; -250 -> -£2.50."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def uk_date(value: Any) -> str:
    """2026-12-01 (a date, datetime or ISO text) -> 1 December 2026."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return str(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month(period: str | None) -> str:
    """2026-12 -> December 2026."""
    if not period:
        return ""
    try:
        year, number = (int(p) for p in period.split("-", 1))
        return f"{MONTHS[number - 1]} {year}"
    except (ValueError, IndexError):
        return period


def shift_month(period: str, months: int) -> str:
    """2026-12 and 1 -> 2027-01; and back with a negative count."""
    year, number = (int(p) for p in period.split("-"))
    index = year * 12 + number - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_from(since: str, until: str) -> list[str]:
    """Each month from ``since`` to ``until`` (both ``YYYY-MM``), oldest first."""
    found: list[str] = []
    while since <= until:
        found.append(since)
        since = shift_month(since, 1)
    return found


def quarter(value: str | None) -> str:
    """2026-Q3 -> July to September 2026."""
    try:
        year, number = (int(p) for p in (value or "").split("-Q", 1))
        first = MONTHS[3 * number - 3]
        return f"{first} to {MONTHS[3 * number - 1]} {year}" if 1 <= number <= 4 else str(value)
    except (ValueError, IndexError):
        return value or ""


def last_ended_quarter(today: date) -> str:
    """The calendar quarter before the one holding ``today``: 2026-12-01 -> 2026-Q3."""
    number = (today.month - 1) // 3
    return f"{today.year}-Q{number}" if number else f"{today.year - 1}-Q4"


def shift_quarter(value: str, quarters: int) -> str:
    year, number = (int(p) for p in value.split("-Q"))
    index = year * 4 + number - 1 + quarters
    return f"{index // 4}-Q{index % 4 + 1}"


FILTERS = {"pounds": pounds, "uk_date": uk_date, "month": month, "quarter": quarter}
