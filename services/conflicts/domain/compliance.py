"""Register compliance (docs/domain.md, "Registers of interests": declare within 28 days of a
change, confirm at least once a year): who is overdue, why, and by when they should have
declared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.conflicts.domain.registers import CONFIRM_EVERY, DECLARE_WITHIN


class Trigger(StrEnum):
    APPOINTMENT = "appointment"
    AFFILIATION = "affiliation"
    ROLE_CHANGE = "role_change"
    ANNUAL = "annual"


@dataclass(frozen=True)
class Change:
    """A change to a person's interests that calls for a new declaration."""

    trigger: Trigger
    on: date


@dataclass(frozen=True)
class Overdue:
    trigger: Trigger
    reason: str
    due_date: date


_WHAT = {
    Trigger.APPOINTMENT: "appointment",
    Trigger.AFFILIATION: "a new affiliation",
    Trigger.ROLE_CHANGE: "a role change",
}


def overdue(
    appointed_on: date, changes: Iterable[Change], declared_on: Iterable[date], today: date
) -> list[Overdue]:
    """Every obligation the person has missed, oldest due first; empty when up to date.

    A declaration (nil included) meets an obligation only when made within its 28 days: a late
    one does not (the existing rule), though it does restart the annual clock. For appointment
    a declaration made before it counts (people declare on joining); for a change only one made
    on or after the change does, since an earlier one cannot have covered it."""
    dates = sorted(declared_on)
    found: list[Overdue] = []
    obligations = [Change(Trigger.APPOINTMENT, appointed_on), *changes]
    for change in obligations:
        due = change.on + DECLARE_WITHIN
        earliest = None if change.trigger is Trigger.APPOINTMENT else change.on
        met = any((earliest is None or earliest <= d) and d <= due for d in dates)
        if today > due and not met:
            found.append(
                Overdue(
                    change.trigger,
                    f"no declaration within 28 days of {_WHAT[change.trigger]} on {change.on}"
                    f" (due {due})",
                    due,
                )
            )
    last = dates[-1] if dates else appointed_on
    annual_due = last + CONFIRM_EVERY
    if today > annual_due:
        reason = f"no declaration or confirmation since {last} (due {annual_due})"
        found.append(Overdue(Trigger.ANNUAL, reason, annual_due))
    return sorted(found, key=lambda o: o.due_date)
