"""Events published by the conflicts service on ``gpfed.conflicts.v1``."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.events.bounds import NonNegativePence

ConflictAction = Literal["leave_room", "stay_no_vote", "advice_only_when_asked", "none"]


class DecisionItemOpened(Event):
    ce_type = "gpfed.decision.item_opened"
    producer = "conflicts"
    subject_field = "item_id"

    item_id: str
    committee_id: str
    contract_id: str
    affected_ods: list[str]


class DecisionItemRefused(Event):
    """No item was opened for a proposed contract: the committee it names is unknown, or is
    not a committee of the contract's commissioner. The contract cannot be decided."""

    ce_type = "gpfed.decision.item_refused"
    producer = "conflicts"
    subject_field = "contract_id"

    contract_id: str
    committee_id: str
    commissioner_ods: str
    reason: str


class ConflictedMember(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    person_id: str
    reason: str
    action: ConflictAction


class DecisionRecorded(Event):
    ce_type = "gpfed.decision.recorded"
    producer = "conflicts"
    subject_field = "item_id"

    item_id: str
    committee_id: str
    contract_id: str
    outcome: Literal["approved", "rejected", "deferred"]
    quorate: bool
    decided_on: date
    conflicts: list[ConflictedMember]


class PersonRegistered(Event):
    """Someone on the register of interests (004:3376-3384)."""

    ce_type = "gpfed.person.registered"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    decision_making: bool


class InterestDeclared(Event):
    """A declaration on the register; ``nil`` confirms there is nothing to declare."""

    ce_type = "gpfed.interest.declared"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    declaration_id: str
    nil: bool
    organisation_ods: str | None = None


class GiftRecorded(Event):
    ce_type = "gpfed.gift.recorded"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    gift_id: str
    value_pence: NonNegativePence
    declarable: bool
    acceptable: bool
    needs_approval: bool


class CommitteeFormed(Event):
    ce_type = "gpfed.committee.formed"
    producer = "conflicts"
    subject_field = "committee_id"

    committee_id: str
    name: str
    member_ids: list[str]
    #: The commissioner the committee belongs to (added in v1: absent from older events).
    organisation_ods: str | None = None


class BreachReported(Event):
    """An anonymised breach of the conflicts policy (004:1701-1707)."""

    ce_type = "gpfed.breach.reported"
    producer = "conflicts"
    subject_field = "breach_id"

    breach_id: str
    occurred_on: date


class AffiliationAdded(Event):
    """A person's affiliation recorded after they joined the register: a change to declare."""

    ce_type = "gpfed.affiliation.added"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    affiliation_id: str
    organisation_ods: str
    relationship: str
    start_date: date | None = None
    end_date: date | None = None


class AffiliationEnded(Event):
    ce_type = "gpfed.affiliation.ended"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    affiliation_id: str
    end_date: date


class PersonRolesChanged(Event):
    ce_type = "gpfed.person.roles_changed"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    roles: list[str]
    changed_on: date
