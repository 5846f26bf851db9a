"""Request and response models of the conflicts API (docs/architecture.md, "conflicts (:8004)")."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    computed_field,
    field_validator,
)

from services.conflicts.domain.affected import Ground
from services.conflicts.domain.committees import (
    CommitteeKind,
    CommitteeRole,
    ConflictAction,
    ConflictKind,
)
from services.conflicts.domain.compliance import Trigger
from services.conflicts.domain.decisions import Outcome, Vote
from services.conflicts.domain.gifts import GiftDecision, GiftKind, GiftStatus
from services.conflicts.domain.registers import Category, HeldBy, Relationship
from services.conflicts.domain.screening import WarningCode
from services.conflicts.domain.training import Course
from shared.ods import OdsCode


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AffiliationIn(_In):
    """An affiliation; without dates it holds from always until ended."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "organisation_ods": "B86001",
                    "relationship": "partner",
                    "start_date": "2026-04-01",
                }
            ]
        },
    )
    organisation_ods: OdsCode
    relationship: Relationship
    start_date: date | None = None
    end_date: date | None = None

    @field_validator("end_date")
    @classmethod
    def _not_before_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start_date")
        if end is not None and start is not None and end < start:
            raise ValueError("is before start_date")
        return end


class EndAffiliation(_In):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"end_date": "2026-10-31"}]}
    )
    end_date: date


class AffiliationOut(BaseModel):
    id: str
    status: Literal["active", "ended"]
    organisation_ods: str
    relationship: Relationship
    start_date: date | None
    end_date: date | None
    recorded_on: date | None


class NewRoles(_In):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"roles": ["gp", "clinical_lead"]}]}
    )
    roles: list[str] = Field(max_length=20)


class PersonOut(BaseModel):
    id: str
    name: str
    roles: list[str]
    decision_making: bool
    appointed_on: date
    roles_changed_on: date | None
    affiliations: list[AffiliationOut]


class NewPerson(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Dr A Patel",
                    "roles": ["gp"],
                    "decision_making": True,
                    "affiliations": [{"organisation_ods": "B86001", "relationship": "partner"}],
                }
            ]
        },
    )
    name: str = Field(min_length=1, max_length=200)
    roles: list[str] = Field(default_factory=list, max_length=20)
    decision_making: bool
    appointed_on: date | None = None
    affiliations: list[AffiliationIn] = Field(default_factory=list, max_length=50)


class Created(BaseModel):
    id: str
    status: str | None = None


class NewDeclaration(_In):
    """An interest, or ``{"nil": true}`` to confirm there is nothing to declare."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "category": "financial",
                    "description": "Spouse is a partner",
                    "organisation_ods": "B86002",
                    "held_by": "family",
                    "start_date": "2026-01-01",
                    "publish": False,
                },
                {"nil": True},
            ]
        },
    )
    nil: bool = False
    category: Category | None = None
    description: str | None = Field(default=None, max_length=2000)
    organisation_ods: OdsCode | None = None
    held_by: HeldBy = HeldBy.SELF
    start_date: date | None = None
    end_date: date | None = None
    publish: bool = True

    def rule_breaks(self) -> list[tuple[str, str]]:
        """Fields an interest needs that a nil declaration does not, as (field, message)."""
        if self.nil:
            return []
        found = [
            (f, "required for an interest (or send nil: true)")
            for f in ("category", "description", "start_date")
            if not getattr(self, f)
        ]
        if self.end_date and self.start_date and self.end_date < self.start_date:
            found.append(("end_date", "is before start_date"))
        return found


class NewGift(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "hospitality",
                    "source": "Acme Pharma",
                    "source_is_supplier": True,
                    "value_pence": 3000,
                    "received_on": "2026-11-02",
                    "accepted": True,
                }
            ]
        },
    )
    kind: GiftKind
    source: str = Field(min_length=1, max_length=200)
    source_is_supplier: bool
    value_pence: int = Field(ge=0, le=10**12)
    received_on: date
    accepted: bool
    publish: bool = True


class GiftOut(BaseModel):
    id: str
    declarable: bool
    acceptable: bool
    needs_approval: bool
    reason: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> GiftStatus:
        """A new gift over an approval threshold waits for a governance decision."""
        return GiftStatus.AWAITING_APPROVAL if self.needs_approval else GiftStatus.NOT_NEEDED


class NewGiftDecision(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"decision": "approve", "reason": "Speaker's dinner at a conference"}]
        },
    )
    decision: GiftDecision
    reason: str = Field(min_length=1, max_length=2000)


class GiftDecisionOut(BaseModel):
    id: str
    person_id: str
    status: GiftStatus
    decided_by: str
    decided_on: date
    decision_reason: str


class NewTraining(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"course": "conflicts_of_interest", "completed_on": "2026-10-14"}]
        },
    )
    course: Course = Course.CONFLICTS_OF_INTEREST
    completed_on: date


class TrainingOut(BaseModel):
    id: str
    person_id: str
    course: Course
    completed_on: date
    recorded_on: date


class MemberIn(_In):
    person_id: str = Field(min_length=1, max_length=64)
    role: CommitteeRole
    voting: bool
    deputy_for: str | None = Field(
        default=None,
        max_length=64,
        description="The member this one deputises for: acts, votes and is counted (when the "
        "quorum counts deputies) only while that member is absent",
    )


class RoleClauseIn(_In):
    roles: list[CommitteeRole] = Field(min_length=1)
    min: int = Field(default=1, ge=1)


class QuorumIn(_In):
    min_voting: int = Field(ge=1, le=50)
    lay_majority: bool = False
    required: list[RoleClauseIn] = Field(default_factory=list)
    count_non_voting: bool = Field(
        default=False,
        description="eligible non-voting members count towards min_voting and the role clauses",
    )
    count_deputies: bool = Field(
        default=False, description="a deputy standing in counts as the member would"
    )
    min_non_voting: int = Field(
        default=0, ge=0, le=50, description="eligible non-voting members needed as well"
    )


class NewCommittee(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Primary Care Commissioning Committee",
                    "members": [{"person_id": "p1", "role": "lay_chair", "voting": True}],
                    "quorum": {
                        "min_voting": 3,
                        "lay_majority": False,
                        "required": [
                            {"roles": ["lay_chair", "lay_member"], "min": 1},
                            {"roles": ["chief_officer", "cfo"], "min": 1},
                        ],
                    },
                    "conflict_policy": {"financial": "leave_room", "indirect": "stay_no_vote"},
                }
            ]
        },
    )
    name: str = Field(min_length=1, max_length=200)
    kind: CommitteeKind = Field(
        default=CommitteeKind.PCCC,
        description="pccc: a voting lay chair and a lay and executive majority of the voting "
        "members, else 422 on members; other: no make-up rule",
    )
    members: list[MemberIn] = Field(min_length=1, max_length=50)
    quorum: QuorumIn
    conflict_policy: dict[ConflictKind, ConflictAction] = Field(default_factory=dict)


class CommitteeOut(BaseModel):
    id: str
    name: str
    kind: CommitteeKind
    members: list[MemberIn]
    quorum: QuorumIn
    conflict_policy: dict[ConflictKind, ConflictAction]


class ItemOut(BaseModel):
    id: str
    committee_id: str
    contract_id: str
    contract_kind: str
    commissioner_ods: str
    provider_ods: str
    service: str
    status: str
    #: What the item decides: the contract's proposal, or a variation or termination held by
    #: the commissioner's decision gate (then its change id, reason and first day in effect).
    subject: Literal["proposal", "variation", "termination"] = "proposal"
    change_id: str | None = None
    change_reason: str | None = None
    effective_from: date | None = None


class ConflictOut(BaseModel):
    person_id: str
    role: str
    kind: ConflictKind
    reason: str
    action: ConflictAction


class AffectedOut(BaseModel):
    ods: str
    ground: Ground


class WarningOut(BaseModel):
    code: WarningCode
    detail: str


class ScreeningOut(BaseModel):
    item_id: str
    committee_id: str
    on: date
    present: list[str] = Field(description="who the screening takes to be in the room")
    affected_ods: list[str]
    affected: list[AffectedOut]
    conflicts: list[ConflictOut]
    quorate: bool
    quorum_shortfalls: list[str]
    chair_must_hand_over: bool
    acting_chair_id: str | None
    clinician_remains: bool
    warnings: list[WarningOut]


class VoteIn(_In):
    person_id: str = Field(min_length=1, max_length=64)
    vote: Vote


class RaisedConflict(_In):
    """A conflict declared at the meeting, or raised by another member (``raised_by``)."""

    person_id: str = Field(min_length=1, max_length=64)
    kind: ConflictKind = ConflictKind.FINANCIAL
    reason: str = Field(min_length=1, max_length=2000)
    raised_by: str | None = Field(default=None, max_length=64)


class NewDecision(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "outcome": "approved",
                    "present": ["p1", "p2", "p3"],
                    "votes": [
                        {"person_id": "p1", "vote": "for"},
                        {"person_id": "p2", "vote": "for"},
                    ],
                }
            ]
        },
    )
    outcome: Outcome
    present: list[str] = Field(min_length=1, max_length=50)
    votes: list[VoteIn] = Field(default_factory=list, max_length=50)
    declared_at_meeting: list[RaisedConflict] = Field(default_factory=list, max_length=50)
    decided_on: date | None = None
    clinical_advice_from: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="conflicted clinicians present, not voting, whose clinical advice the "
        "committee took because no unconflicted clinician was in the room",
    )


class DecisionOut(BaseModel):
    id: str
    status: Literal["recorded"] = "recorded"
    item_id: str
    outcome: Outcome
    quorate: bool
    votes_for: int
    votes_against: int
    abstentions: int
    casting_vote_by: str | None
    conflicts: list[ConflictOut]
    clinical_advice_from: list[str] = Field(default_factory=list)
    escalated_from: str | None = Field(
        default=None, description="the committee the item was escalated from, if it was"
    )


class NewEscalation(_In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "committee_id": "5f0c...",
                    "reason": "every GP member holds a minor surgery contract",
                }
            ]
        },
    )
    committee_id: str = Field(min_length=1, max_length=64)
    reason: str = Field(min_length=1, max_length=2000)
    present: list[str] | None = Field(
        default=None,
        max_length=50,
        description="who would be in the room (default: the voting membership)",
    )
    on: date | None = Field(default=None, description="the meeting's date (default today)")


class EscalationOut(BaseModel):
    id: str
    item_id: str
    from_committee_id: str
    to_committee_id: str
    reason: str
    warnings: list[WarningCode]
    escalated_on: date


class NewBreach(_In):
    occurred_on: date
    summary: str = Field(min_length=1, max_length=4000)
    action_taken: str = Field(min_length=1, max_length=4000)


class OverdueReason(BaseModel):
    trigger: Trigger
    reason: str
    due_date: date


class OverdueOut(BaseModel):
    person_id: str
    name: str
    reasons: list[str]
    due_date: date = Field(description="the earliest missed due date")
    overdue: list[OverdueReason]


class CommitteeCompliance(BaseModel):
    committee_id: str
    name: str
    people: int
    overdue: int


class ComplianceSummary(BaseModel):
    people: int
    overdue: int
    committees: list[CommitteeCompliance]


class OverduePage(BaseModel):
    items: list[OverdueOut]
    next_cursor: str | None = None
    summary: ComplianceSummary
