"""Screening a decision item: who is conflicted, with what action, and whether the meeting
can still decide (docs/architecture.md, "The hub saga", step 5), judged on who will be in the room.

Computed from the read model each time it is asked for, never frozen when the item opens:
membership and contract events travel on different topics and arrive in any order. Which
organisations are affected, and why, is domain/affected.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from services.conflicts.domain.affected import Affected, Ground
from services.conflicts.domain.committees import (
    Committee,
    ConflictAction,
    ConflictKind,
    Member,
)
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


class WarningCode(StrEnum):
    """What stops the meeting deciding as it stands; the codes are stable, the details prose."""

    NO_CLINICIAN_IN_ROOM = "no_clinician_in_room"
    INQUORATE_AFTER_CONFLICTS = "inquorate_after_conflicts"
    INQUORATE = "inquorate"
    NO_ONE_TO_CHAIR = "no_one_to_chair"


@dataclass(frozen=True)
class ScreeningWarning:
    code: WarningCode
    detail: str


@dataclass(frozen=True)
class Screening:
    on: date
    affected: tuple[Affected, ...]
    present: tuple[str, ...]
    conflicts: tuple[MemberConflict, ...]
    quorate: bool
    quorum_shortfalls: tuple[str, ...]
    chair_must_hand_over: bool
    acting_chair_id: str | None
    clinician_remains: bool
    warnings: tuple[ScreeningWarning, ...]

    @property
    def affected_ods(self) -> tuple[str, ...]:
        return tuple(a.ods for a in self.affected)

    @property
    def excluded(self) -> frozenset[str]:
        return frozenset(c.person_id for c in self.conflicts)

    def warns(self, code: WarningCode) -> bool:
        return any(w.code is code for w in self.warnings)

    @property
    def cannot_decide(self) -> bool:
        """Inquorate, or without clinical input: a case for escalation."""
        return not self.quorate or self.warns(WarningCode.NO_CLINICIAN_IN_ROOM)


def _interests(person: Person, affected: Mapping[str, Affected], on: date) -> list[Interest]:
    found: list[Interest] = []
    for a in person.affiliations:
        if a.organisation_ods in affected and a.active_on(on):
            why = affected[a.organisation_ods].why
            found.append(
                Interest(
                    Source.AFFILIATION,
                    a.kind,
                    a.category,
                    f"{a.relationship.value} of {a.organisation_ods}{why}",
                    a.organisation_ods,
                )
            )
    for d in person.declarations:
        if d.organisation_ods is not None and d.organisation_ods in affected and d.active_on(on):
            why = affected[d.organisation_ods].why
            found.append(
                Interest(
                    Source.DECLARATION,
                    d.kind,
                    d.category,
                    f"declared {d.category.value} interest held by {d.held_by.value} "
                    f"in {d.organisation_ods}{why}: {d.description}",
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


def _named(affected: Iterable[Affected | str]) -> dict[str, Affected]:
    """Affected organisations by code; a bare code is one named directly, with no ground."""
    return {
        a.ods: a
        for a in (x if isinstance(x, Affected) else Affected(x, Ground.PROVIDER) for x in affected)
    }


def screen(
    committee: Committee,
    people: Mapping[str, Person],
    affected: Iterable[Affected | str],
    on: date,
    *,
    present: Iterable[str] | None = None,
    raised: Iterable[tuple[str, ConflictKind, str]] = (),
) -> Screening:
    """Screen the committee for an item touching ``affected`` on ``on``. ``present`` is who will
    be in the room (the voting membership when omitted); ``raised`` adds conflicts declared at
    the meeting or raised by another member (Co-commissioning evaluation 3.4.3, "Management of
    conflicts of interest")."""
    named = _named(affected)
    extra: dict[str, list[Interest]] = {}
    for person_id, kind, reason in raised:
        extra.setdefault(person_id, []).append(
            Interest(Source.RAISED_AT_MEETING, kind, _CATEGORY_OF_KIND[kind], reason)
        )
    conflicts: list[MemberConflict] = []
    for member in committee.members:
        person = people.get(member.person_id)
        found = _interests(person, named, on) if person else []
        found += extra.get(member.person_id, [])
        if found:
            conflicts.append(_conflict(committee, member, found))

    excluded = {c.person_id for c in conflicts}
    in_room = list(dict.fromkeys(present if present is not None else committee.voting_membership))
    acting = committee.acting(in_room)
    eligible = [m for m in acting if m.person_id not in excluded]
    shortfalls = committee.quorum.shortfalls(eligible)
    warnings: list[ScreeningWarning] = []
    if shortfalls:
        before = committee.quorum.shortfalls(acting)
        if before:
            warnings.append(
                ScreeningWarning(
                    WarningCode.INQUORATE,
                    "not quorate even before conflicts: " + "; ".join(before),
                )
            )
        else:
            warnings.append(
                ScreeningWarning(
                    WarningCode.INQUORATE_AFTER_CONFLICTS,
                    "quorate until the conflicted are excluded, then: " + "; ".join(shortfalls),
                )
            )

    clinicians_here = [m for m in committee.members if m.is_clinician and m.person_id in in_room]
    clinician_remains = any(m.person_id not in excluded for m in clinicians_here)
    if not clinician_remains:
        # The minor surgery case (Co-commissioning evaluation 3.4.3): every GP left and nobody
        # remained to advise. Conflicted clinicians in the room stay silent and answer only when
        # asked instead.
        advisers = {m.person_id for m in clinicians_here}
        warnings.append(
            ScreeningWarning(
                WarningCode.NO_CLINICIAN_IN_ROOM,
                "no unconflicted clinician will be in the room"
                + (
                    ": the conflicted clinicians present stay and answer only when asked by "
                    "independent members (Co-commissioning evaluation 3.4.3, the minor surgery "
                    "meeting)"
                    if advisers
                    else ""
                ),
            )
        )
        conflicts = [
            replace(c, action=ConflictAction.ADVICE_ONLY_WHEN_ASKED)
            if c.person_id in advisers
            else c
            for c in conflicts
        ]

    chair = committee.chair
    hand_over = chair is not None and chair.person_id in excluded
    absent = chair is not None and not hand_over and chair.person_id not in in_room
    acting_chair: str | None = chair.person_id if chair and not hand_over and not absent else None
    if hand_over or absent:
        # Whoever presides in the chair's place has the casting vote; it must be a present,
        # unconflicted, voting lay member (the chair's deputy first), as for a conflicted chair.
        stand_ins = sorted(
            (m for m in eligible if m.is_lay and m.voting),
            key=lambda m: chair is None or m.deputy_for != chair.person_id,
        )
        acting_chair = stand_ins[0].person_id if stand_ins else None
    if acting_chair is None:
        why = "is conflicted" if hand_over else "is absent" if absent else "is not on the committee"
        warnings.append(
            ScreeningWarning(
                WarningCode.NO_ONE_TO_CHAIR,
                f"the lay chair {why} and no other lay member can take the chair: nobody has "
                "a casting vote, so a tied vote leaves the item deferred",
            )
        )
    return Screening(
        on=on,
        affected=tuple(named.values()),
        present=tuple(in_room),
        conflicts=tuple(conflicts),
        quorate=not shortfalls,
        quorum_shortfalls=tuple(shortfalls),
        chair_must_hand_over=hand_over,
        acting_chair_id=acting_chair,
        clinician_remains=clinician_remains,
        warnings=tuple(warnings),
    )
