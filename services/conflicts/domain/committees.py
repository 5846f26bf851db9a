"""Committees: members and their roles, quorum rules held as data, and the conflict policy.

The primary care commissioning committee (PCCC) has a lay and executive majority and a lay chair
with a second and deciding vote; quorum ranges from three to ten members with role clauses such as
"a Lay Member and either Chief Officer or Chief Finance Officer" (Co-commissioning evaluation 3.4.1,
"Structures and governance", Table 9 and after); some committees need a lay majority to be quorate
(3.4.3, "Management of conflicts of interest"). Terms of reference differ on who counts: "any 2
non-voting members", "four members (or their deputies)" (both 3.4.1), so the quorum rule says
whether non-voting members and deputies count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from shared.rules import RuleBroken


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


class CommitteeKind(StrEnum):
    """A ``pccc`` is held to the PCCC make-up (:func:`check_makeup`); ``other`` is not."""

    PCCC = "pccc"
    OTHER = "other"


LAY_ROLES = frozenset({CommitteeRole.LAY_CHAIR, CommitteeRole.LAY_MEMBER})
EXECUTIVE_ROLES = frozenset(
    {CommitteeRole.CHIEF_OFFICER, CommitteeRole.CFO, CommitteeRole.EXECUTIVE}
)
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
    """The actions seen at meetings (Co-commissioning evaluation 3.4.3, "Management of conflicts of
    interest"). Every one of them withholds the vote."""

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
    """A member; a deputy (``deputy_for`` names the member they stand in for) acts, votes and
    may be counted only while that member is absent."""

    person_id: str
    role: CommitteeRole
    voting: bool
    deputy_for: str | None = None

    @property
    def is_lay(self) -> bool:
        return self.role in LAY_ROLES

    @property
    def is_lay_or_executive(self) -> bool:
        return self.is_lay or self.role in EXECUTIVE_ROLES

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
    """``min_voting`` members, and each role clause, counted among eligible voting members;
    with ``count_non_voting`` eligible non-voting members count towards both too; with
    ``count_deputies`` a deputy standing in counts as a member does (otherwise a deputy votes
    but is not counted); ``min_non_voting`` eligible non-voting members must be there as well.
    A lay majority is always of the voters."""

    min_voting: int
    lay_majority: bool = False
    required: tuple[RoleClause, ...] = ()
    count_non_voting: bool = False
    count_deputies: bool = False
    min_non_voting: int = 0

    def shortfalls(self, eligible: Iterable[Member]) -> list[str]:
        """What the eligible members (present, acting, not conflicted) lack for a quorum."""
        acting = [m for m in eligible if self.count_deputies or m.deputy_for is None]
        voters = [m for m in acting if m.voting]
        counted = acting if self.count_non_voting else voters
        what = "members" if self.count_non_voting else "voting members"
        missing: list[str] = []
        if len(counted) < self.min_voting:
            missing.append(f"{len(counted)} eligible {what}, {self.min_voting} needed")
        non_voting = len(acting) - len(voters)
        if non_voting < self.min_non_voting:
            missing.append(
                f"{non_voting} eligible non-voting members, {self.min_non_voting} needed"
            )
        if self.lay_majority and 2 * sum(m.is_lay for m in voters) <= len(voters):
            missing.append("lay members are not a majority of eligible voters")
        for clause in self.required:
            if sum(m.role in clause.roles for m in counted) < clause.min:
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
    kind: CommitteeKind = CommitteeKind.PCCC

    def member(self, person_id: str) -> Member | None:
        return next((m for m in self.members if m.person_id == person_id), None)

    @property
    def chair(self) -> Member | None:
        return next(
            (m for m in self.members if m.role is CommitteeRole.LAY_CHAIR and m.deputy_for is None),
            None,
        )

    def acting(self, present: Iterable[str]) -> list[Member]:
        """The members present who act: everyone but a deputy whose member is there too."""
        in_room = set(present)
        return [
            m
            for m in self.members
            if m.person_id in in_room and (m.deputy_for is None or m.deputy_for not in in_room)
        ]

    @property
    def voting_membership(self) -> list[str]:
        """Who is expected when no attendance is given: the voting members, not deputies."""
        return [m.person_id for m in self.members if m.voting and m.deputy_for is None]

    def action_for(self, kind: ConflictKind) -> ConflictAction:
        return self.policy.get(kind, DEFAULT_POLICY[kind])


def check_makeup(kind: CommitteeKind, members: Sequence[Member]) -> None:
    """Refuse (:class:`RuleBroken` naming ``members``) a committee whose deputies stand in for
    nobody on it, or a PCCC without a lay chair and a lay and executive majority of its voting
    members (Co-commissioning evaluation 3.4.1: "a lay and executive majority and ... a lay
    chair")."""
    principals = {m.person_id for m in members if m.deputy_for is None}
    for i, m in enumerate(members):
        if m.deputy_for is not None and (
            m.deputy_for == m.person_id or m.deputy_for not in principals
        ):
            raise RuleBroken(
                ["members", i, "deputy_for"],
                f"{m.deputy_for} is not a member (other than a deputy) of this committee",
            )
    if kind is not CommitteeKind.PCCC:
        return
    own = [m for m in members if m.deputy_for is None]
    chairs = [m for m in own if m.role is CommitteeRole.LAY_CHAIR]
    if len(chairs) != 1 or not chairs[0].voting:
        raise RuleBroken(
            "members",
            f"a PCCC has one voting lay chair, not {len(chairs)} "
            "(or send kind: other for another committee)",
        )
    voters = [m for m in own if m.voting]
    lay_exec = sum(m.is_lay_or_executive for m in voters)
    if 2 * lay_exec <= len(voters):
        raise RuleBroken(
            "members",
            f"a PCCC has a lay and executive majority of its voting members: {lay_exec} of "
            f"{len(voters)} are lay members or executives (lay_chair, lay_member, "
            "chief_officer, cfo, executive)",
        )
