"""Dated affiliations in screening, and register compliance: declare within 28 days of appointment
or a change, confirm at least annually (docs/domain.md, "Registers of interests")."""

from __future__ import annotations

from datetime import date

from services.conflicts.domain.compliance import Change, Trigger, overdue
from services.conflicts.domain.registers import Affiliation, Person, Relationship
from services.conflicts.domain.screening import screen
from tests.unit.conflicts.factories import FED, JUL, pccc, people


def _gp1(start: date | None, end: date | None) -> dict[str, Person]:
    aff = Affiliation("B86001", Relationship.PARTNER, start, end)
    return people(gp1=Person("gp1", "Dr One", (aff,)))


def test_an_affiliation_conflicts_only_while_active_on_the_decision_date() -> None:
    def conflicted(start: date | None, end: date | None) -> list[str]:
        s = screen(pccc(), _gp1(start, end), [FED, "B86001"], JUL)
        return [c.person_id for c in s.conflicts]

    assert conflicted(None, None) == ["gp1"]
    assert conflicted(date(2026, 7, 1), None) == ["gp1"]  # starts on the day
    assert conflicted(None, date(2026, 7, 1)) == ["gp1"]  # ends on the day: still held
    assert conflicted(date(2026, 7, 2), None) == []  # not yet started
    assert conflicted(None, date(2026, 6, 30)) == []  # ended the day before


APPOINTED = date(2026, 1, 1)


def test_nobody_is_overdue_within_28_days_of_appointment() -> None:
    assert overdue(APPOINTED, [], [], date(2026, 1, 29)) == []


def test_no_declaration_within_28_days_of_appointment_is_overdue_with_its_due_date() -> None:
    [o] = overdue(APPOINTED, [], [], date(2026, 1, 30))
    assert (o.trigger, o.due_date) == (Trigger.APPOINTMENT, date(2026, 1, 29))
    assert o.reason == "no declaration within 28 days of appointment on 2026-01-01 (due 2026-01-29)"


def test_a_nil_declaration_on_the_28th_day_is_in_time_and_a_late_one_is_not() -> None:
    assert overdue(APPOINTED, [], [date(2026, 1, 29)], date(2026, 3, 1)) == []
    [late] = overdue(APPOINTED, [], [date(2026, 1, 30)], date(2026, 3, 1))
    assert late.trigger is Trigger.APPOINTMENT


def test_a_new_affiliation_needs_a_declaration_on_or_after_it_within_28_days() -> None:
    change = Change(Trigger.AFFILIATION, date(2026, 3, 1))
    declared = [date(2026, 1, 10)]  # met the appointment duty, but before the change
    assert overdue(APPOINTED, [change], declared, date(2026, 3, 29)) == []
    [o] = overdue(APPOINTED, [change], declared, date(2026, 3, 30))
    assert (o.trigger, o.due_date) == (Trigger.AFFILIATION, date(2026, 3, 29))
    assert "a new affiliation on 2026-03-01" in o.reason
    assert overdue(APPOINTED, [change], [*declared, date(2026, 3, 15)], date(2026, 6, 1)) == []


def test_a_role_change_needs_a_declaration_within_28_days() -> None:
    change = Change(Trigger.ROLE_CHANGE, date(2026, 5, 1))
    [o] = overdue(APPOINTED, [change], [date(2026, 1, 2)], date(2026, 6, 1))
    assert (o.trigger, o.due_date) == (Trigger.ROLE_CHANGE, date(2026, 5, 29))


def test_no_declaration_or_confirmation_in_365_days_is_overdue() -> None:
    declared = [date(2026, 1, 2)]
    assert overdue(APPOINTED, [], declared, date(2027, 1, 2)) == []
    [o] = overdue(APPOINTED, [], declared, date(2027, 1, 3))
    assert (o.trigger, o.due_date) == (Trigger.ANNUAL, date(2027, 1, 2))
    assert o.reason == "no declaration or confirmation since 2026-01-02 (due 2027-01-02)"


def test_several_missed_duties_are_all_reported_oldest_due_first() -> None:
    change = Change(Trigger.AFFILIATION, date(2026, 2, 1))
    found = overdue(APPOINTED, [change], [], date(2027, 6, 1))
    assert [(o.trigger, o.due_date) for o in found] == [
        (Trigger.APPOINTMENT, date(2026, 1, 29)),
        (Trigger.AFFILIATION, date(2026, 3, 1)),
        (Trigger.ANNUAL, date(2027, 1, 1)),
    ]
