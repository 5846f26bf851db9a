"""Tables of the contracts service, on one MetaData with the kernel's (outbox, inbox, ...),
and the repository functions that load and save the domain's aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.contracts.domain.contract import Contract, TermsVersion
from services.contracts.domain.organisation import ListSize, Organisation
from services.contracts.domain.payment import DistributionRule, PaymentTerms
from services.contracts.domain.performance import KpiResult
from shared.ods import OrganisationKind
from shared.pagination import PageRequest
from shared.tables import Json, service_metadata

metadata = service_metadata()

organisations = Table(
    "organisations",
    metadata,
    Column("ods_code", String(10), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("legal_form", String(200)),
    Column("parent_ods", String(10)),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    Index("ix_organisations_kind", "kind"),
)

organisation_list_sizes = Table(
    "organisation_list_sizes",
    metadata,
    Column("ods_code", String(10), ForeignKey("organisations.ods_code"), nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("list_size", BigInteger, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("ods_code", "effective_from"),
)

contracts = Table(
    "contracts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("commissioner_ods", String(10), nullable=False),
    Column("provider_ods", String(10), nullable=False),
    Column("service", String(200), nullable=False),
    Column("start_date", Date, nullable=False),
    # The latest version's end date, kept here so lists can filter on it.
    Column("end_date", Date),
    Column("decision_committee_id", String(64)),
    Column("parent_contract_id", String(36)),
    Column("offered_to_core_holders_first", Boolean),
    Column("terminated_on", Date),
    Column("termination_reason", Text),
    Column("decided_by_item_id", String(64)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("rejection_reason", Text),
    Index("ix_contracts_commissioner_ods", "commissioner_ods"),
    Index("ix_contracts_provider_ods", "provider_ods"),
    Index("ix_contracts_parent_contract_id", "parent_contract_id"),
)

contract_terms = Table(
    "contract_terms",
    metadata,
    Column("contract_id", String(36), ForeignKey("contracts.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("payment", Json, nullable=False),
    Column("distribution", Json),
    Column("end_date", Date),
    Column("reason", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("contract_id", "version"),
)

#: The decision committees conflicts has formed, and whose each is (gpfed.committee.formed).
committees = Table(
    "committees",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("organisation_ods", String(10)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

contract_kpi_results = Table(
    "contract_kpi_results",
    metadata,
    Column("contract_id", String(36), ForeignKey("contracts.id"), nullable=False),
    Column("quarter", String(7), nullable=False),
    Column("achievement_percent", Numeric(6, 2), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("terms_version", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("contract_id", "quarter"),
)


def _now() -> datetime:
    return datetime.now(UTC)


# --- organisations ----------------------------------------------------------------------


async def organisation_kind(session: AsyncSession, ods_code: str) -> str | None:
    """The kind of a registered organisation (for checking a token's role fits it)."""
    kind = await session.scalar(
        select(organisations.c.kind).where(organisations.c.ods_code == ods_code)
    )
    return None if kind is None else str(kind)


async def get_organisation(session: AsyncSession, ods_code: str) -> Organisation | None:
    row = (
        await session.execute(select(organisations).where(organisations.c.ods_code == ods_code))
    ).first()
    if row is None:
        return None
    sizes = await session.execute(
        select(organisation_list_sizes)
        .where(organisation_list_sizes.c.ods_code == ods_code)
        .order_by(organisation_list_sizes.c.effective_from)
    )
    return _organisation(row, [ListSize(s.effective_from, s.list_size) for s in sizes])


def _organisation(row: Any, sizes: list[ListSize]) -> Organisation:
    return Organisation(
        ods_code=row.ods_code,
        kind=OrganisationKind(row.kind),
        name=row.name,
        legal_form=row.legal_form,
        parent_ods=row.parent_ods,
        list_sizes=sizes,
    )


async def add_organisation(session: AsyncSession, organisation: Organisation) -> None:
    await session.execute(
        insert(organisations).values(
            ods_code=organisation.ods_code,
            kind=organisation.kind.value,
            name=organisation.name,
            legal_form=organisation.legal_form,
            parent_ods=organisation.parent_ods,
            registered_at=_now(),
        )
    )
    for entry in organisation.list_sizes:
        await add_list_size(session, organisation.ods_code, entry)


async def update_organisation(session: AsyncSession, organisation: Organisation) -> None:
    await session.execute(
        update(organisations)
        .where(organisations.c.ods_code == organisation.ods_code)
        .values(
            name=organisation.name,
            legal_form=organisation.legal_form,
            parent_ods=organisation.parent_ods,
        )
    )


async def add_list_size(session: AsyncSession, ods_code: str, entry: ListSize) -> None:
    await session.execute(
        insert(organisation_list_sizes).values(
            ods_code=ods_code,
            effective_from=entry.effective_from,
            list_size=entry.list_size,
            recorded_at=_now(),
        )
    )


async def list_organisations(
    session: AsyncSession, page: PageRequest, *, kind: str | None
) -> list[Organisation]:
    """Up to ``page.limit + 1`` organisations in code order (the extra one says "more")."""
    query = select(organisations).order_by(organisations.c.ods_code).limit(page.limit + 1)
    if kind is not None:
        query = query.where(organisations.c.kind == kind)
    if (after := page.after_str()) is not None:
        query = query.where(organisations.c.ods_code > after)
    rows = (await session.execute(query)).all()
    codes = [r.ods_code for r in rows]
    sizes: dict[str, list[ListSize]] = {c: [] for c in codes}
    if codes:
        for s in await session.execute(
            select(organisation_list_sizes)
            .where(organisation_list_sizes.c.ods_code.in_(codes))
            .order_by(organisation_list_sizes.c.effective_from)
        ):
            sizes[s.ods_code].append(ListSize(s.effective_from, s.list_size))
    return [_organisation(r, sizes[r.ods_code]) for r in rows]


# --- contracts --------------------------------------------------------------------------


async def get_contract(
    session: AsyncSession, contract_id: str, *, for_update: bool = False
) -> Contract | None:
    """The contract with its versions; ``for_update`` locks the row until the transaction ends,
    so a request and an event handler changing the same contract take turns."""
    query = select(contracts).where(contracts.c.id == contract_id)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    if row is None:
        return None
    versions = await _versions(session, [contract_id])
    quarters = await session.scalars(
        select(contract_kpi_results.c.quarter).where(
            contract_kpi_results.c.contract_id == contract_id
        )
    )
    return _contract(row, versions[contract_id], set(quarters))


async def _versions(session: AsyncSession, ids: list[str]) -> dict[str, list[TermsVersion]]:
    found: dict[str, list[TermsVersion]] = {i: [] for i in ids}
    rows = await session.execute(
        select(contract_terms)
        .where(contract_terms.c.contract_id.in_(ids))
        .order_by(contract_terms.c.contract_id, contract_terms.c.version)
    )
    for r in rows:
        found[r.contract_id].append(
            TermsVersion(
                version=r.version,
                effective_from=r.effective_from,
                payment=PaymentTerms.model_validate(r.payment),
                distribution=(
                    DistributionRule.model_validate(r.distribution) if r.distribution else None
                ),
                end_date=r.end_date,
                reason=r.reason,
            )
        )
    return found


def _contract(row: Any, versions: list[TermsVersion], quarters: set[str]) -> Contract:
    return Contract(
        id=row.id,
        kind=row.kind,
        commissioner_ods=row.commissioner_ods,
        provider_ods=row.provider_ods,
        service=row.service,
        start_date=row.start_date,
        versions=versions,
        status=row.status,
        decision_committee_id=row.decision_committee_id,
        parent_contract_id=row.parent_contract_id,
        offered_to_core_holders_first=row.offered_to_core_holders_first,
        terminated_on=row.terminated_on,
        termination_reason=row.termination_reason,
        decided_by_item_id=row.decided_by_item_id,
        rejection_reason=row.rejection_reason,
        kpi_quarters=quarters,
    )


def _state(contract: Contract) -> dict[str, Any]:
    return {
        "status": contract.status,
        "end_date": contract.end_date,
        "terminated_on": contract.terminated_on,
        "termination_reason": contract.termination_reason,
        "decided_by_item_id": contract.decided_by_item_id,
        "rejection_reason": contract.rejection_reason,
    }


async def add_contract(session: AsyncSession, contract: Contract) -> None:
    await session.execute(
        insert(contracts).values(
            id=contract.id,
            kind=contract.kind,
            commissioner_ods=contract.commissioner_ods,
            provider_ods=contract.provider_ods,
            service=contract.service,
            start_date=contract.start_date,
            decision_committee_id=contract.decision_committee_id,
            parent_contract_id=contract.parent_contract_id,
            offered_to_core_holders_first=contract.offered_to_core_holders_first,
            created_at=_now(),
            **_state(contract),
        )
    )
    for version in contract.versions:
        await add_terms(session, contract.id, version)


async def save_contract(session: AsyncSession, contract: Contract) -> None:
    """Writes the contract's state; versions are only ever added (:func:`add_terms`)."""
    await session.execute(
        update(contracts).where(contracts.c.id == contract.id).values(**_state(contract))
    )


async def add_terms(session: AsyncSession, contract_id: str, version: TermsVersion) -> None:
    await session.execute(
        insert(contract_terms).values(
            contract_id=contract_id,
            version=version.version,
            effective_from=version.effective_from,
            payment=version.payment.model_dump(mode="json"),
            distribution=(
                version.distribution.model_dump(mode="json") if version.distribution else None
            ),
            end_date=version.end_date,
            reason=version.reason,
            recorded_at=_now(),
        )
    )


@dataclass(frozen=True)
class ContractFilter:
    commissioner_ods: str | None = None
    provider_ods: str | None = None
    kind: str | None = None
    status: str | None = None
    service: str | None = None
    parent_contract_id: str | None = None
    in_force_on: date | None = None


async def list_contracts(
    session: AsyncSession, page: PageRequest, where: ContractFilter
) -> list[Contract]:
    """Up to ``page.limit + 1`` contracts in id order matching every filter given."""
    c = contracts.c
    query = select(contracts).order_by(c.id).limit(page.limit + 1)
    for column, value in (
        (c.commissioner_ods, where.commissioner_ods),
        (c.provider_ods, where.provider_ods),
        (c.kind, where.kind),
        (c.status, where.status),
        (c.service, where.service),
        (c.parent_contract_id, where.parent_contract_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if where.in_force_on is not None:
        on = where.in_force_on
        # The SQL form of Contract.in_force_on.
        query = query.where(
            c.status.in_(["active", "terminated", "expired"]),
            c.start_date <= on,
            or_(c.end_date.is_(None), c.end_date >= on),
            or_(c.terminated_on.is_(None), c.terminated_on > on),
        )
    if (after := page.after_str()) is not None:
        query = query.where(c.id > after)
    rows = (await session.execute(query)).all()
    versions = await _versions(session, [r.id for r in rows]) if rows else {}
    return [_contract(r, versions[r.id], set()) for r in rows]


async def contracts_due_to_expire(session: AsyncSession, on: date) -> list[str]:
    c = contracts.c
    rows = await session.scalars(
        select(c.id)
        .where(and_(c.status == "active", c.end_date.is_not(None), c.end_date < on))
        .order_by(c.id)
    )
    return list(rows)


# --- performance ------------------------------------------------------------------------


async def add_kpi_result(session: AsyncSession, contract_id: str, result: KpiResult) -> None:
    await session.execute(
        insert(contract_kpi_results).values(
            contract_id=contract_id,
            quarter=result.quarter,
            achievement_percent=result.achievement_percent,
            evidence=result.evidence,
            terms_version=result.terms.version,
            recorded_at=_now(),
        )
    )


@dataclass(frozen=True)
class KpiRecord:
    quarter: str
    achievement_percent: Decimal
    evidence: str
    terms_version: int


async def kpi_results(session: AsyncSession, contract_id: str) -> list[KpiRecord]:
    rows = await session.execute(
        select(contract_kpi_results)
        .where(contract_kpi_results.c.contract_id == contract_id)
        .order_by(contract_kpi_results.c.quarter)
    )
    return [
        KpiRecord(r.quarter, Decimal(r.achievement_percent), r.evidence, r.terms_version)
        for r in rows
    ]


# --- decision committees ----------------------------------------------------------------


async def keep_committee(
    session: AsyncSession, committee_id: str, organisation_ods: str | None
) -> None:
    """Records (or, on a replay, restates) whose committee ``committee_id`` is."""
    found = await session.scalar(select(committees.c.id).where(committees.c.id == committee_id))
    if found is None:
        await session.execute(
            insert(committees).values(
                id=committee_id, organisation_ods=organisation_ods, recorded_at=_now()
            )
        )
    elif organisation_ods is not None:
        await session.execute(
            update(committees)
            .where(committees.c.id == committee_id)
            .values(organisation_ods=organisation_ods)
        )


async def committee_owner(session: AsyncSession, committee_id: str) -> str | None:
    """The organisation a committee belongs to; None when contracts does not know it (yet)."""
    owner = await session.scalar(
        select(committees.c.organisation_ods).where(committees.c.id == committee_id)
    )
    return None if owner is None else str(owner)
