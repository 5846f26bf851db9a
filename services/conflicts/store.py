"""Tables of the conflicts service, on one MetaData with the kernel's (outbox, inbox, ...), and
the read-model loaders that screening is computed from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts.domain.committees import (
    Committee,
    CommitteeRole,
    ConflictAction,
    ConflictKind,
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
from shared.tables import Json, service_metadata

metadata = service_metadata()

people = Table(
    "people",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("roles", Json, nullable=False),
    Column("decision_making", Boolean, nullable=False),
    Column("appointed_on", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("roles_changed_on", Date),
    # The commissioner whose register this is (NULL before 0004: ops only).
    Column("organisation_ods", String(10), index=True),
)
affiliations = Table(
    "affiliations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", String(64), nullable=False, index=True),
    Column("organisation_ods", String(10), nullable=False),
    Column("relationship", String(20), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    # Set when added after the person was created: a change that calls for a declaration.
    Column("recorded_on", Date),
)
declarations = Table(
    "declarations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", String(64), nullable=False, index=True),
    Column("nil", Boolean, nullable=False),
    Column("category", String(40)),
    Column("description", Text),
    Column("organisation_ods", String(10)),
    Column("held_by", String(20)),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("publish", Boolean, nullable=False),
    Column("declared_on", Date, nullable=False),
)
gifts = Table(
    "gifts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", String(64), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("source", String(200), nullable=False),
    Column("source_is_supplier", Boolean, nullable=False),
    Column("value_pence", BigInteger, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("declarable", Boolean, nullable=False),
    Column("acceptable", Boolean, nullable=False),
    Column("needs_approval", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("publish", Boolean, nullable=False),
)
committees = Table(
    "committees",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("members", Json, nullable=False),
    Column("quorum", Json, nullable=False),
    Column("conflict_policy", Json, nullable=False),
    Column("organisation_ods", String(10), index=True),
)
organisations = Table(
    "organisations",
    metadata,
    Column("ods_code", String(10), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
)
membership_changes = Table(
    "membership_changes",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("federation_ods", String(10), nullable=False),
    Column("practice_ods", String(10), nullable=False),
    Column("joined", Boolean, nullable=False),
    Column("changed_on", Date, nullable=False),
    Index("ix_membership_changes_federation", "federation_ods"),
)
items = Table(
    "items",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("committee_id", String(64), nullable=False, index=True),
    Column("contract_id", String(64), nullable=False, unique=True),
    Column("contract_kind", String(10), nullable=False),
    Column("commissioner_ods", String(10), nullable=False),
    Column("provider_ods", String(10), nullable=False),
    Column("service", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
)
decisions = Table(
    "decisions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("item_id", String(64), nullable=False, index=True),
    Column("committee_id", String(64), nullable=False),
    Column("contract_id", String(64), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("quorate", Boolean, nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("votes_for", BigInteger, nullable=False),
    Column("votes_against", BigInteger, nullable=False),
    Column("abstentions", BigInteger, nullable=False),
    Column("casting_vote_by", String(64)),
    Column("conflicts", Json, nullable=False),
    Column("votes", Json, nullable=False),
)
breaches = Table(
    "breaches",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("occurred_on", Date, nullable=False),
    Column("summary", Text, nullable=False),
    Column("action_taken", Text, nullable=False),
    Column("reported_on", Date, nullable=False),
    Column("organisation_ods", String(10)),
)


def committee_of(row: Any) -> Committee:
    quorum = row.quorum
    return Committee(
        id=row.id,
        name=row.name,
        members=tuple(
            Member(m["person_id"], CommitteeRole(m["role"]), bool(m["voting"])) for m in row.members
        ),
        quorum=QuorumRule(
            min_voting=quorum["min_voting"],
            lay_majority=quorum.get("lay_majority", False),
            required=tuple(
                RoleClause(frozenset(CommitteeRole(r) for r in c["roles"]), c.get("min", 1))
                for c in quorum.get("required", [])
            ),
        ),
        policy={ConflictKind(k): ConflictAction(v) for k, v in row.conflict_policy.items()},
    )


async def load_committee(session: AsyncSession, committee_id: str) -> Committee | None:
    row = (await session.execute(select(committees).where(committees.c.id == committee_id))).first()
    return committee_of(row) if row else None


async def load_people(session: AsyncSession, ids: list[str]) -> dict[str, Person]:
    found = (await session.execute(select(people).where(people.c.id.in_(ids)))).all()
    affs = (
        await session.execute(select(affiliations).where(affiliations.c.person_id.in_(ids)))
    ).all()
    decls = (
        await session.execute(
            select(declarations).where(
                declarations.c.person_id.in_(ids), declarations.c.nil.is_(False)
            )
        )
    ).all()
    return {
        p.id: Person(
            id=p.id,
            name=p.name,
            affiliations=tuple(
                Affiliation(
                    a.organisation_ods, Relationship(a.relationship), a.start_date, a.end_date
                )
                for a in affs
                if a.person_id == p.id
            ),
            declarations=tuple(
                Declaration(
                    Category(d.category),
                    d.description or "",
                    d.organisation_ods,
                    HeldBy(d.held_by),
                    d.start_date,
                    d.end_date,
                    d.id,
                )
                for d in decls
                if d.person_id == p.id
            ),
        )
        for p in found
    }


async def organisation_kind(session: AsyncSession, ods_code: str) -> str | None:
    return (await organisation_kinds(session, [ods_code])).get(ods_code)


async def organisation_kinds(session: AsyncSession, codes: list[str]) -> dict[str, str]:
    rows = await session.execute(
        select(organisations.c.ods_code, organisations.c.kind).where(
            organisations.c.ods_code.in_(codes)
        )
    )
    return {r.ods_code: r.kind for r in rows}


async def membership_of(session: AsyncSession, federation_ods: str) -> list[MembershipChange]:
    rows = await session.execute(
        select(membership_changes).where(membership_changes.c.federation_ods == federation_ods)
    )
    return [
        MembershipChange(r.federation_ods, r.practice_ods, r.joined, r.changed_on) for r in rows
    ]
