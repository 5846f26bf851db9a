"""What the public registers publish (docs/security.md, "What the public registers publish").

One rule decides, for every register and every format: an entry is public when its holder is
decision-making staff, the holder consented to publish it (some people must not have relatives'
details published, Co-commissioning evaluation 3.4.3) and, for an interest, it ended no more than
six months ago.

The decisions register names, for each conflict, the person, the organisation, the category of
the interest and the action taken. A declaration's description, and who holds it, show only
while that declaration itself passes the rule; a reason typed at the meeting never does. So a
decision keeps where each interest came from (:class:`RecordedInterest`), not its text, and the
rule is applied when the register is read: a declaration that leaves the register of interests
leaves the decisions register too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.conflicts.domain.registers import Category, HeldBy, still_published
from services.conflicts.domain.screening import Interest, Source


def published(
    *, decision_making: bool, publish: bool, end_date: date | None = None, today: date
) -> bool:
    """Whether a register entry (an interest, a gift) is public on ``today``."""
    return decision_making and publish and still_published(end_date, today)


@dataclass(frozen=True)
class RecordedInterest:
    """An interest behind a conflict, as a decision keeps it: its source and what it is about,
    never its free text."""

    source: Source
    category: Category
    organisation_ods: str | None = None
    declaration_id: str | None = None

    @classmethod
    def of(cls, interest: Interest) -> RecordedInterest:
        return cls(
            interest.source, interest.category, interest.organisation_ods, interest.declaration_id
        )

    def as_json(self) -> dict[str, str | None]:
        return {
            "source": self.source.value,
            "category": self.category.value,
            "organisation_ods": self.organisation_ods,
            "declaration_id": self.declaration_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RecordedInterest:
        return cls(
            Source(data["source"]),
            Category(data["category"]),
            data.get("organisation_ods"),
            data.get("declaration_id"),
        )


@dataclass(frozen=True)
class DeclarationEntry:
    """A declaration as the rule reads it, with its holder's standing."""

    description: str
    held_by: HeldBy
    decision_making: bool
    publish: bool
    end_date: date | None = None

    def published(self, today: date) -> bool:
        return published(
            decision_making=self.decision_making,
            publish=self.publish,
            end_date=self.end_date,
            today=today,
        )


@dataclass(frozen=True)
class PublicInterest:
    organisation_ods: str | None
    category: Category
    # Only for a declaration that is itself published.
    description: str | None = None
    held_by: HeldBy | None = None

    def as_json(self) -> dict[str, str | None]:
        shown: dict[str, str | None] = {
            "organisation_ods": self.organisation_ods,
            "category": self.category.value,
        }
        if self.held_by is not None:
            shown |= {"description": self.description, "held_by": self.held_by.value}
        return shown


@dataclass(frozen=True)
class PublicConflict:
    name: str | None
    action: str
    interests: tuple[PublicInterest, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "action": self.action,
            "interests": [i.as_json() for i in self.interests],
        }


def public_interest(
    recorded: RecordedInterest, declarations: Mapping[str, DeclarationEntry], today: date
) -> PublicInterest:
    entry = (
        declarations.get(recorded.declaration_id)
        if recorded.source is Source.DECLARATION and recorded.declaration_id
        else None
    )
    if entry is None or not entry.published(today):
        return PublicInterest(recorded.organisation_ods, recorded.category)
    return PublicInterest(
        recorded.organisation_ods, recorded.category, entry.description, entry.held_by
    )


def recorded_interests(conflict: Mapping[str, Any]) -> list[RecordedInterest]:
    """The interests a stored conflict keeps; none for a decision recorded before they were
    kept, whose free-text reason is never shown."""
    return [RecordedInterest.from_json(i) for i in conflict.get("interests") or []]


def public_conflict(
    conflict: Mapping[str, Any],
    name: str | None,
    declarations: Mapping[str, DeclarationEntry],
    today: date,
) -> PublicConflict:
    """What the decisions register shows of a conflict stored with a decision."""
    return PublicConflict(
        name,
        str(conflict["action"]),
        tuple(public_interest(i, declarations, today) for i in recorded_interests(conflict)),
    )


def route_forward(escalated_from: str | None, advisers: list[str]) -> tuple[str | None, str | None]:
    """What the decisions register says of the route a decision took (issue 17): the committee
    the item was escalated from, by name (committee names are public, like their decisions),
    and the conflicted members the committee took clinical advice from, by name, as each
    conflict already names them. The escalation's reason is never published."""
    escalation = f"escalated from {escalated_from}" if escalated_from else None
    advice = (
        "decided with clinical advice from conflicted members who did not vote: "
        + ", ".join(advisers)
        if advisers
        else None
    )
    return escalation, advice
