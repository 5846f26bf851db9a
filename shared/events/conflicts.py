"""Events published by the conflicts service on ``gpfed.conflicts.v1``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.events.bounds import NonNegativePence
from shared.events.contracts import ChangeKindName

ConflictAction = Literal["leave_room", "stay_no_vote", "advice_only_when_asked", "none"]
_DECISION_ITEMS = uuid.UUID("6f1c3e0a-8d7b-4c55-9a51-2d6c0f3b9e17")


def decision_item_id(subject_id: str) -> str:
    """The id of the decision item on a subject: a proposed contract (its id) or a change to
    one (the change's id). Both services derive it, so contracts can tell a commissioner which
    item a change awaits before conflicts has opened it, and a redelivered or replayed event
    finds the item it opened."""
    return uuid.uuid5(_DECISION_ITEMS, subject_id).hex


class DecisionItemOpened(Event):
    ce_type = "gpfed.decision.item_opened"
    producer = "conflicts"
    subject_field = "item_id"

    item_id: str
    committee_id: str
    contract_id: str
    affected_ods: list[str]
    #: Set when the item decides a change to a contract in force (a variation or a
    #: termination held by the decision gate) rather than its proposal: the change's id at
    #: contracts, and its kind.
    change_id: str | None = None
    change_kind: ChangeKindName | None = None


class DecisionItemRefused(Event):
    """No item was opened for a proposed contract, or for a change to one (``change_id``): the
    committee it names is unknown, or is not a committee of the contract's commissioner. The
    contract, or the change, cannot be decided."""

    ce_type = "gpfed.decision.item_refused"
    producer = "conflicts"
    subject_field = "contract_id"

    contract_id: str
    committee_id: str
    commissioner_ods: str
    reason: str
    change_id: str | None = None


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
    #: As on the item (DecisionItemOpened); contracts also finds a change by ``item_id``.
    change_id: str | None = None
    change_kind: ChangeKindName | None = None


class PersonRegistered(Event):
    """Someone on the register of interests (Co-commissioning evaluation 3.4.3)."""

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
    """An anonymised breach of the conflicts policy (Co-commissioning evaluation 3.4.1)."""

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


class TrainingRecorded(Event):
    """A person completed a training course (mandatory conflicts of interest training,
    Co-commissioning evaluation 3.4.3, "Conflicts of interest statutory guidance")."""

    ce_type = "gpfed.training.recorded"
    producer = "conflicts"
    subject_field = "person_id"

    person_id: str
    training_id: str
    course: str
    completed_on: date


class GiftDecided(Event):
    """A gift or hospitality over an approval threshold approved or declined by governance."""

    ce_type = "gpfed.gift.decided"
    producer = "conflicts"
    subject_field = "person_id"  # as gpfed.gift.recorded, so the two stay in order

    person_id: str
    gift_id: str
    status: Literal["approved", "declined"]
    decided_on: date


class SelfCertificationSignedOff(Event):
    """A commissioner's quarterly self-certification of conflicts of interest management,
    signed off and frozen (Co-commissioning evaluation 3.4.1, "Assurance")."""

    ce_type = "gpfed.self_certification.signed_off"
    producer = "conflicts"
    subject_field = "certification_id"

    certification_id: str
    organisation_ods: str
    quarter: str
    rating: Literal["compliant", "partially_compliant", "not_compliant"]
    signed_by_name: str
    signed_by_role: str


class DecisionItemEscalated(Event):
    """A decision item moved to another committee of the same organisation, because screening
    left its committee inquorate or without clinical input. ``reason`` is for the committees; the
    public decisions register shows only that the item was escalated, and from where."""

    ce_type = "gpfed.decision.item_escalated"
    producer = "conflicts"
    subject_field = "item_id"

    item_id: str
    contract_id: str
    from_committee_id: str
    to_committee_id: str
    warnings: list[str]
    reason: str
    escalated_on: date
