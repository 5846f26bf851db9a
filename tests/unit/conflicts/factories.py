"""A primary care commissioning committee and the people on it, for the domain tests."""

from __future__ import annotations

from datetime import date

from services.conflicts.domain.committees import (
    Committee,
    CommitteeRole,
    Member,
    QuorumRule,
    RoleClause,
)
from services.conflicts.domain.membership import MembershipChange
from services.conflicts.domain.registers import (
    Affiliation,
    Category,
    Declaration,
    HeldBy,
    Person,
    Relationship,
)

R = CommitteeRole
FED = "Y02765"
JAN, JUL = date(2026, 1, 1), date(2026, 7, 1)


def pccc(*extra: Member, min_voting: int = 3) -> Committee:
    members = (
        Member("chair", R.LAY_CHAIR, True),
        Member("lay", R.LAY_MEMBER, True),
        Member("cfo", R.CFO, True),
        Member("gp1", R.GP, True),
        Member("gp2", R.GP, True),
        Member("nhse", R.NHSE, False),
        *extra,
    )
    quorum = QuorumRule(
        min_voting=min_voting,
        required=(
            RoleClause(frozenset({R.LAY_CHAIR, R.LAY_MEMBER})),
            RoleClause(frozenset({R.CHIEF_OFFICER, R.CFO})),
        ),
    )
    return Committee("pccc", "PCCC", members, quorum)


def people(**overrides: Person) -> dict[str, Person]:
    base = {
        "chair": Person("chair", "Lay Chair"),
        "lay": Person("lay", "Lay Member"),
        "cfo": Person("cfo", "CFO"),
        "gp1": Person("gp1", "Dr One", (Affiliation("B86001", Relationship.PARTNER),)),
        "gp2": Person("gp2", "Dr Two", (Affiliation("B86009", Relationship.PARTNER),)),
        "nhse": Person("nhse", "NHS England"),
    }
    return base | overrides


def declaration(ods: str, held_by: HeldBy = HeldBy.SELF, **kw: object) -> Declaration:
    fields: dict[str, object] = {
        "category": Category.FINANCIAL,
        "description": "interest",
        "organisation_ods": ods,
        "held_by": held_by,
        "start_date": JAN,
        "end_date": None,
    }
    fields.update(kw)
    return Declaration(**fields)  # type: ignore[arg-type]


def membership() -> list[MembershipChange]:
    return [
        MembershipChange(FED, "B86001", True, JAN),
        MembershipChange(FED, "B86002", True, JAN),
        MembershipChange(FED, "B86002", False, date(2026, 6, 30)),
    ]
