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
    Integer,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts.domain.affected import ContractView
from services.conflicts.domain.committees import (
    Committee,
    CommitteeKind,
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
#: Every change of a person's roles (``people.roles_changed_on`` is the latest): each calls
#: for a declaration within 28 days.
role_changes = Table(
    "role_changes",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("person_id", String(64), nullable=False, index=True),
    Column("changed_on", Date, nullable=False),
    Column("roles", Json, nullable=False),
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
    # domain/gifts.py GiftStatus: over an approval threshold, awaiting a governance decision.
    Column("status", String(20), nullable=False, server_default="not_needed"),
    Column("decided_by", String(200)),
    Column("decided_on", Date),
    Column("decision_reason", Text),
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
    # domain/committees.py CommitteeKind (0006): a pccc is held to the PCCC make-up.
    Column("kind", String(10), nullable=False, server_default="pccc"),
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
    # A contract has an item for its proposal and one for each change held by the decision
    # gate (0005); the item id derives from the subject (shared.events.conflicts).
    Column("contract_id", String(64), nullable=False, index=True),
    Column("contract_kind", String(10), nullable=False),
    Column("commissioner_ods", String(10), nullable=False),
    Column("provider_ods", String(10), nullable=False),
    Column("service", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    # What the item decides: proposal, variation or termination; for a change, its id and
    # what it asks for (its reason and the first day it takes effect).
    Column("subject", String(20), nullable=False, server_default="proposal"),
    Column("change_id", String(64), unique=True),
    Column("change_reason", Text),
    Column("effective_from", Date),
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
    # The route forward the decision took (0006): conflicted clinicians it took clinical
    # advice from (person ids), and the committee the item was escalated from, if any.
    Column("clinical_advice_from", Json),
    Column("escalated_from", String(64)),
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
            Member(m["person_id"], CommitteeRole(m["role"]), bool(m["voting"]), m.get("deputy_for"))
            for m in row.members
        ),
        quorum=QuorumRule(
            min_voting=quorum["min_voting"],
            lay_majority=quorum.get("lay_majority", False),
            required=tuple(
                RoleClause(frozenset(CommitteeRole(r) for r in c["roles"]), c.get("min", 1))
                for c in quorum.get("required", [])
            ),
            count_non_voting=quorum.get("count_non_voting", False),
            count_deputies=quorum.get("count_deputies", False),
            min_non_voting=quorum.get("min_non_voting", 0),
        ),
        policy={ConflictKind(k): ConflictAction(v) for k, v in row.conflict_policy.items()},
        kind=CommitteeKind(row.kind),
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


# --- training and the quarterly self-certification (issue 17) ---------------------------------

training_records = Table(
    "training_records",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("person_id", String(64), nullable=False, index=True),
    Column("course", String(40), nullable=False),
    Column("completed_on", Date, nullable=False),
    Column("recorded_on", Date, nullable=False),
)
self_certifications = Table(
    "self_certifications",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("organisation_ods", String(10), nullable=False),
    Column("quarter", String(7), nullable=False),
    Column("rating", String(30), nullable=False),
    # The return as computed at sign-off, frozen: later changes to the registers leave it be.
    Column("certified", Json, nullable=False),
    Column("signed_by_person_id", String(64)),
    Column("signed_by_name", String(200), nullable=False),
    Column("signed_by_role", String(200), nullable=False),
    Column("signed_by_user", String(200), nullable=False),
    Column("signed_at", DateTime(timezone=True), nullable=False),
    Index("ux_self_certifications_quarter", "organisation_ods", "quarter", unique=True),
)


# --- screening across contracts, escalation (issue 17, 0006) -----------------------------------

#: Every contract as its events tell it (contract_views.py): what screening looks across for
#: subcontractors and for everyone holding a contract of the same kind and service.
contracts = Table(
    "contracts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("commissioner_ods", String(10), nullable=False),
    Column("provider_ods", String(10), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("service", String(200), nullable=False),
    Column("parent_contract_id", String(64), index=True),
    Column("status", String(20), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    Column("terminated_on", Date),
    # Which event the row is from, to keep the newest whatever the order (contract_views.py).
    Column("history_revision", BigInteger, nullable=False),
    Column("status_rank", BigInteger, nullable=False),
    Index("ix_contracts_commissioner_kind", "commissioner_ods", "kind"),
)
#: An item moved to another committee of the same organisation, oldest first.
item_escalations = Table(
    "item_escalations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("item_id", String(64), nullable=False, index=True),
    Column("from_committee_id", String(64), nullable=False),
    Column("to_committee_id", String(64), nullable=False),
    # Private: for the committees, never for a public register.
    Column("reason", Text, nullable=False),
    # The screening warning codes that made the case for it.
    Column("warnings", Json, nullable=False),
    Column("escalated_on", Date, nullable=False),
    Column("escalated_at", DateTime(timezone=True), nullable=False),
)


async def contracts_around(
    session: AsyncSession, contract_id: str, commissioner_ods: str, kind: str
) -> list[ContractView]:
    """The contracts screening an item may look across: the commissioner's of the item's kind
    (the same service is judged in the domain) and the subcontracts of any of them."""
    c = contracts
    same_kind = (c.c.commissioner_ods == commissioner_ods) & (c.c.kind == kind)
    rows = list((await session.execute(select(c).where(same_kind))).all())
    parents = {contract_id, *(r.id for r in rows)}
    subs = await session.execute(select(c).where(c.c.parent_contract_id.in_(parents), ~same_kind))
    return [
        ContractView(
            r.id, r.commissioner_ods, r.provider_ods, r.kind, r.service, r.status, r.start_date,
            r.end_date, r.terminated_on, r.parent_contract_id,
        )
        for r in [*rows, *subs.all()]
    ]  # fmt: skip


async def membership_graph(
    session: AsyncSession, down_from: set[str], up_from: set[str], depth: int = 5
) -> list[MembershipChange]:
    """Membership changes of the federations in ``down_from`` and their member federations,
    and of the federations ``up_from`` belong to and theirs, ``depth`` levels each way."""
    t = membership_changes
    found: dict[str, Any] = {}
    down, up = set(down_from), set(up_from)
    for _ in range(depth):
        if not down and not up:
            break
        rows = (
            await session.execute(
                select(t).where(t.c.federation_ods.in_(down) | t.c.practice_ods.in_(up))
            )
        ).all()
        new = [r for r in rows if r.event_id not in found]
        found |= {r.event_id: r for r in new}
        down = {r.practice_ods for r in new if r.federation_ods in down}
        up = {r.federation_ods for r in new if r.practice_ods in up}
    return [
        MembershipChange(r.federation_ods, r.practice_ods, r.joined, r.changed_on)
        for r in found.values()
    ]
