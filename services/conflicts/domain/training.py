"""Mandatory conflicts of interest training: "CCG employees, committee members and practice staff
involved in CCG business must undertake mandatory online conflicts of interest training"
(Co-commissioning evaluation 3.4.3, "Conflicts of interest statutory guidance"), and the quarterly
self-certification asks whether staff completed it (3.4.1, "Assurance").

The guidance makes the training annual; gpfed reads that as a rolling year, like the annual
confirmation of the register (registers.CONFIRM_EVERY): a completion counts for 365 days. A
window on the NHS financial year instead would make everyone untrained each 1 April, whatever
they completed in March.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from services.conflicts.domain.registers import CONFIRM_EVERY
from shared.rules import RuleBroken


class Course(StrEnum):
    CONFLICTS_OF_INTEREST = "conflicts_of_interest"


#: The course the self-certification asks about.
MANDATORY = Course.CONFLICTS_OF_INTEREST
#: How long a completion counts for.
VALID_FOR: timedelta = CONFIRM_EVERY


def check_completion(completed_on: date, today: date) -> None:
    """A completion is recorded once it has happened."""
    if completed_on > today:
        raise RuleBroken("completed_on", f"is after today ({today})")


def trained_on(completions: Iterable[date], as_at: date) -> date | None:
    """The latest completion that still counts on ``as_at``: within the 365 days up to it."""
    counting = [d for d in completions if as_at - VALID_FOR < d <= as_at]
    return max(counting, default=None)
