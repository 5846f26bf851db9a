"""Screening a decision item: who is conflicted, with what action, and whether the committee
can still decide (ARCHITECTURE.md section 5, step 2).

Computed from the read model each time it is asked for, never frozen when the item opens:
membership and contract events travel on different topics and arrive in any order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.conflicts.domain.committees import (
    Committee,
    ConflictAction,
    ConflictKind,
    Member,
)
from services.conflicts.domain.membership import MembershipChange, members_on
from services.conflicts.domain.registers import Category, Person

# Ordered from the most to the least serious, so a member with several conflicts gets the
# strictest action any of them calls for.
_SEVERITY = [
    ConflictAction.LEAVE_ROOM,
    ConflictAction.STAY_NO_VOTE,
    ConflictAction.ADVICE_ONLY_WHEN_ASKED,
]


class Source(StrEnum):
    """Where an interest that conflicts a member comes from."""

    AFFILIATION = "affiliation"
    DECLARATION = "declaration"
    RAISED_AT_MEETING = "raised_at_meeting"


# The register category a conflict raised at a meeting is recorded under.
_CATEGORY_OF_KIND = {
    ConflictKind.FINANCIAL: Category.FINANCIAL,
    ConflictKind.PROFESSIONAL: Category.NON_FINANCIAL_PROFESSIONAL,
    ConflictKind.PERSONAL: Category.NON_FINANCIAL_PERSONAL,
    ConflictKind.INDIRECT: Category.INDIRECT,
}


@dataclass(frozen=True)
class Interest:
    """One interest behind a conflict. ``reason`` is the full text for the committee; what the
    public registers show is decided from the other fields (domain/publication.py)."""

    source: Source
    kind: ConflictKind
    category: Category
    reason: str
    organisation_ods: str | None = None
    declaration_id: str | None = None


@dataclass(frozen=True)
class MemberConflict:
    person_id: str
    role: str
    kind: ConflictKind
    reason: str
    action: ConflictAction
    interests: tuple[Interest, ...] = ()


@dataclass(frozen=True)
class Screening:
    on: date
    affected_ods: tuple[str, ...]
    conflicts: tuple[MemberConflict, ...]
    quorate: bool
    quorum_shortfalls: tuple[str, ...]
    chair_must_hand_over: bool
    acting_chair_id: str | None
    clinician_remains: bool
    warnings: tuple[str, ...]

    @property
    def excluded(self) -> frozenset[str]:
        return frozenset(c.person_id for c in self.conflicts)


def affected_organisations(
    provider_ods: str,
    kinds: Mapping[str, str],
    changes: Iterable[MembershipChange],
    on: date,
) -> list[str]:
    """The provider and, for a federation, its member practices on the date. A provider with
    membership events is a federation even before its registration event arrives."""
    changes = list(changes)
    members: set[str] = set()
    if kinds.get(provider_ods) == "federation" or any(
        c.federation_ods == provider_ods for c in changes
    ):
        members = members_on(provider_ods, changes, on)
    return [provider_ods, *sorted(members)]


def _interests(person: Person, affected: set[str], on: date) -> list[Interest]:
    found: list[Interest] = []
    for a in person.affiliations:
        if a.organisation_ods in affected and a.active_on(on):
            found.append(
                Interest(
                    Source.AFFILIATION,
                    a.kind,
                    a.category,
                    f"{a.relationship.value} of {a.organisation_ods}",
                    a.organisation_ods,
                )
            )
    for d in person.declarations:
        if d.organisation_ods in affected and d.active_on(on):
            found.append(
                Interest(
                    Source.DECLARATION,
                    d.kind,
                    d.category,
                    f"declared {d.category.value} interest held by {d.held_by.value} "
                    f"in {d.organisation_ods}: {d.description}",
                    d.organisation_ods,
                    d.id,
                )
            )
    return found


def _conflict(committee: Committee, member: Member, found: list[Interest]) -> MemberConflict:
    kind = min(found, key=lambda f: _SEVERITY.index(committee.action_for(f.kind))).kind
    action = committee.action_for(kind)
    return MemberConflict(
        member.person_id,
        member.role.value,
        kind,
        "; ".join(i.reason for i in found),
        action,
        tuple(found),
    )


def screen(
    committee: Committee,
    people: Mapping[str, Person],
    affected_ods: Iterable[str],
    on: date,
    *,
    present: Iterable[str] | None = None,
    raised: Iterable[tuple[str, ConflictKind, str]] = (),
) -> Screening:
    """Screen the committee for an item touching ``affected_ods`` on ``on``. ``present`` limits
    the quorum to who is in the meeting (everyone when omitted); ``raised`` adds conflicts
    declared at the meeting or raised by another member (004:3639-3642)."""
    affected = list(affected_ods)
    extra: dict[str, list[Interest]] = {}
    for person_id, kind, reason in raised:
        extra.setdefault(person_id, []).append(
            Interest(Source.RAISED_AT_MEETING, kind, _CATEGORY_OF_KIND[kind], reason)
        )
    conflicts: list[MemberConflict] = []
    for member in committee.members:
        person = people.get(member.person_id)
        found = _interests(person, set(affected), on) if person else []
        found += extra.get(member.person_id, [])
        if found:
            conflicts.append(_conflict(committee, member, found))

    excluded = {c.person_id for c in conflicts}
    in_room = set(present) if present is not None else {m.person_id for m in committee.members}
    eligible = [m for m in committee.members if m.person_id in in_room - excluded]
    shortfalls = committee.quorum.shortfalls(eligible)
    warnings: list[str] = []

    clinicians = [m for m in committee.members if m.is_clinician]
    clinician_remains = any(m.person_id not in excluded for m in clinicians)
    if clinicians and not clinician_remains:
        # The minor surgery case (004:3604-3618): every GP left and nobody remained to advise.
        # Conflicted clinicians stay silent in the room and answer when asked instead.
        warnings.append(
            "no clinician remains to advise: conflicted clinicians stay and answer only "
            "when asked by independent members (004:3604-3618)"
        )
        clinician_ids = {m.person_id for m in clinicians}
        conflicts = [
            MemberConflict(
                c.person_id,
                c.role,
                c.kind,
                c.reason,
                ConflictAction.ADVICE_ONLY_WHEN_ASKED,
                c.interests,
            )
            if c.person_id in clinician_ids
            else c
            for c in conflicts
        ]

    chair = committee.chair
    hand_over = chair is not None and chair.person_id in excluded
    absent = chair is not None and not hand_over and chair.person_id not in in_room
    acting: str | None = chair.person_id if chair and not hand_over and not absent else None
    if hand_over or absent:
        # Whoever presides in the chair's place has the casting vote; it must be a present,
        # unconflicted, voting lay member, as for a conflicted chair.
        acting = next(
            (m.person_id for m in eligible if m.is_lay and m.voting),
            None,
        )
    if acting is None:
        why = "is conflicted" if hand_over else "is absent" if absent else "is not on the committee"
        warnings.append(
            f"the lay chair {why} and no other lay member can take the chair: nobody has a "
            "casting vote, so a tied vote leaves the item deferred"
        )
    return Screening(
        on=on,
        affected_ods=tuple(affected),
        conflicts=tuple(conflicts),
        quorate=not shortfalls,
        quorum_shortfalls=tuple(shortfalls),
        chair_must_hand_over=hand_over,
        acting_chair_id=acting,
        clinician_remains=clinician_remains,
        warnings=tuple(warnings),
    )
