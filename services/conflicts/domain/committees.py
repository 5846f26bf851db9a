"""Committees: members and their roles, quorum rules held as data, and the conflict policy.

The primary care commissioning committee (PCCC) has a lay and executive majority and a lay chair
with a second and deciding vote; quorum ranges from three to ten members with role clauses such
as "a Lay Member and either Chief Officer or Chief Finance Officer" (004:1448-1462, 004:1504,
004:1519-1525); some committees need a lay majority to be quorate (004:3639).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class CommitteeRole(StrEnum):
    LAY_CHAIR = "lay_chair"
    LAY_MEMBER = "lay_member"
    CHIEF_OFFICER = "chief_officer"
    CFO = "cfo"
    EXECUTIVE = "executive"
    GP = "gp"
    NURSE = "nurse"
    SECONDARY_CARE_DOCTOR = "secondary_care_doctor"
    NHSE = "nhse"
    OTHER = "other"


LAY_ROLES = frozenset({CommitteeRole.LAY_CHAIR, CommitteeRole.LAY_MEMBER})
CLINICAL_ROLES = frozenset(
    {CommitteeRole.GP, CommitteeRole.NURSE, CommitteeRole.SECONDARY_CARE_DOCTOR}
)


class ConflictKind(StrEnum):
    """What kind of interest conflicts a member; the policy maps each to an action."""

    FINANCIAL = "financial"  # own financial interest, partner/director/shareholder
    PROFESSIONAL = "professional"  # own non-financial professional interest, salaried GP/employee
    PERSONAL = "personal"  # own non-financial personal interest
    INDIRECT = "indirect"  # held by a family member or close associate


class ConflictAction(StrEnum):
    """The actions seen at meetings (004:3581-3618). Every one of them withholds the vote."""

    LEAVE_ROOM = "leave_room"
    STAY_NO_VOTE = "stay_no_vote"
    ADVICE_ONLY_WHEN_ASKED = "advice_only_when_asked"


DEFAULT_POLICY: Mapping[ConflictKind, ConflictAction] = {
    ConflictKind.FINANCIAL: ConflictAction.LEAVE_ROOM,
    ConflictKind.PROFESSIONAL: ConflictAction.STAY_NO_VOTE,
    ConflictKind.PERSONAL: ConflictAction.STAY_NO_VOTE,
    ConflictKind.INDIRECT: ConflictAction.STAY_NO_VOTE,
}


@dataclass(frozen=True)
class Member:
    person_id: str
    role: CommitteeRole
    voting: bool

    @property
    def is_lay(self) -> bool:
        return self.role in LAY_ROLES

    @property
    def is_clinician(self) -> bool:
        return self.role in CLINICAL_ROLES


@dataclass(frozen=True)
class RoleClause:
    """At least ``min`` voting members present whose role is one of ``roles``."""

    roles: frozenset[CommitteeRole]
    min: int = 1

    def describe(self) -> str:
        names = " or ".join(sorted(r.value for r in self.roles))
        return f"at least {self.min} of {names}"


@dataclass(frozen=True)
class QuorumRule:
    min_voting: int
    lay_majority: bool = False
    required: tuple[RoleClause, ...] = ()

    def shortfalls(self, eligible: Iterable[Member]) -> list[str]:
        """What the eligible voters (present, voting, not conflicted) lack for a quorum."""
        voters = [m for m in eligible if m.voting]
        missing: list[str] = []
        if len(voters) < self.min_voting:
            missing.append(f"{len(voters)} eligible voting members, {self.min_voting} needed")
        if self.lay_majority and 2 * sum(m.is_lay for m in voters) <= len(voters):
            missing.append("lay members are not a majority of eligible voters")
        for clause in self.required:
            if sum(m.role in clause.roles for m in voters) < clause.min:
                missing.append(f"needs {clause.describe()}")
        return missing


@dataclass(frozen=True)
class Committee:
    id: str
    name: str
    members: tuple[Member, ...]
    quorum: QuorumRule
    policy: Mapping[ConflictKind, ConflictAction] = field(
        default_factory=lambda: dict(DEFAULT_POLICY)
    )

    def member(self, person_id: str) -> Member | None:
        return next((m for m in self.members if m.person_id == person_id), None)

    @property
    def chair(self) -> Member | None:
        return next((m for m in self.members if m.role is CommitteeRole.LAY_CHAIR), None)

    def action_for(self, kind: ConflictKind) -> ConflictAction:
        return self.policy.get(kind, DEFAULT_POLICY[kind])
