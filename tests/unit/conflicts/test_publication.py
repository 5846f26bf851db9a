"""The one rule for what the public registers publish, and how a decision's conflicts are shown
by it (docs/security.md, "What the public registers publish")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.conflicts.domain.committees import ConflictKind
from services.conflicts.domain.publication import (
    DeclarationEntry,
    RecordedInterest,
    public_conflict,
    published,
)
from services.conflicts.domain.registers import Category, HeldBy, Person
from services.conflicts.domain.screening import Source, screen
from tests.unit.conflicts.factories import FED, JUL, declaration, pccc, people

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("decision_making", "publish", "end_date", "expected"),
    [
        (True, True, None, True),
        (False, True, None, False),  # only decision-making staff are on the register
        (True, False, None, False),  # the holder did not consent
        (True, True, TODAY - timedelta(days=183), True),  # six months after it ended: still on
        (True, True, TODAY - timedelta(days=184), False),  # and then off
    ],
)
def test_an_entry_is_published_only_for_decision_makers_with_consent_within_six_months(
    decision_making: bool, publish: bool, end_date: date | None, expected: bool
) -> None:
    assert (
        published(decision_making=decision_making, publish=publish, end_date=end_date, today=TODAY)
        is expected
    )


def _stored(*interests: RecordedInterest) -> dict[str, object]:
    return {
        "person_id": "gp1",
        "action": "stay_no_vote",
        "reason": "full text for the committee",
        "interests": [i.as_json() for i in interests],
    }


def test_a_decision_shows_an_unpublished_declarations_organisation_and_category_only() -> None:
    private = RecordedInterest(Source.DECLARATION, Category.FINANCIAL, "B86001", "d1")
    entries = {"d1": DeclarationEntry("Spouse is a director", HeldBy.FAMILY, True, publish=False)}
    shown = public_conflict(_stored(private), "Dr One", entries, TODAY).as_json()
    assert shown == {
        "name": "Dr One",
        "action": "stay_no_vote",
        "interests": [{"organisation_ods": "B86001", "category": "financial"}],
    }


def test_a_decision_shows_a_published_declarations_text_until_it_leaves_the_register() -> None:
    interest = RecordedInterest(Source.DECLARATION, Category.FINANCIAL, "B86002", "d2")
    ended = TODAY - timedelta(days=100)
    entries = {"d2": DeclarationEntry("Shareholder", HeldBy.SELF, True, True, ended)}
    [shown] = public_conflict(_stored(interest), "Dr One", entries, TODAY).interests
    assert (shown.description, shown.held_by) == ("Shareholder", HeldBy.SELF)
    later = TODAY + timedelta(days=100)
    [gone] = public_conflict(_stored(interest), "Dr One", entries, later).interests
    assert (gone.description, gone.held_by) == (None, None)


def test_a_reason_raised_at_the_meeting_and_a_decision_without_interests_show_no_text() -> None:
    raised = RecordedInterest(Source.RAISED_AT_MEETING, Category.NON_FINANCIAL_PERSONAL)
    [shown] = public_conflict(_stored(raised), "Dr One", {}, TODAY).interests
    assert shown.as_json() == {"organisation_ods": None, "category": "non_financial_personal"}
    legacy = {"person_id": "gp1", "action": "leave_room", "reason": "partner of B86001"}
    assert public_conflict(legacy, "Dr One", {}, TODAY).as_json() == {
        "name": "Dr One",
        "action": "leave_room",
        "interests": [],
    }


def test_screening_keeps_where_each_interest_came_from() -> None:
    gp1 = Person(
        "gp1",
        "Dr One",
        declarations=(declaration("B86001", HeldBy.FAMILY, id="d1", description="secret"),),
    )
    s = screen(
        pccc(),
        people(gp1=gp1),
        [FED, "B86001"],
        JUL,
        raised=[("lay", ConflictKind.PERSONAL, "typed at the meeting")],
    )
    recorded = {
        c.person_id: [RecordedInterest.of(i).as_json() for i in c.interests] for c in s.conflicts
    }
    assert recorded == {
        "lay": [
            {
                "source": "raised_at_meeting",
                "category": "non_financial_personal",
                "organisation_ods": None,
                "declaration_id": None,
            }
        ],
        "gp1": [
            {
                "source": "declaration",
                "category": "financial",
                "organisation_ods": "B86001",
                "declaration_id": "d1",
            }
        ],
    }
    # What a decision keeps has no free text: the public register cannot copy it by mistake.
    assert "secret" not in str(recorded) and "typed" not in str(recorded)
