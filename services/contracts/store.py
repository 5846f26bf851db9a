"""Tables of the contracts service, on one MetaData with the kernel's (outbox, inbox, ...),
and the repository functions that load and save the domain's aggregates."""

from __future__ import annotations

from collections.abc import Sequence
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
    UniqueConstraint,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.contracts.domain.change import ContractChange
from services.contracts.domain.contract import Contract
from services.contracts.domain.organisation import ListSize, Organisation
from services.contracts.domain.payment import DistributionRule, PaymentTerms
from services.contracts.domain.performance import KpiResult
from services.contracts.domain.policy import ALL_KINDS, DecisionPolicy
from services.contracts.domain.scheme import CORE_KINDS, Enrolment, Results, Scheme, Standard
from services.contracts.domain.terms import (
    ALL_FIELDS,
    FIELDS,
    TermsChange,
    TermsVersion,
    Variation,
)
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
    # 1 for the proposed terms, + 1 for each variation and the termination (migration 0004).
    Column("history_revision", Integer, nullable=False, server_default=text("1")),
    Index("ix_contracts_commissioner_ods", "commissioner_ods"),
    Index("ix_contracts_provider_ods", "provider_ods"),
    Index("ix_contracts_parent_contract_id", "parent_contract_id"),
)

#: The contract's current terms history, one row per version in date order (``version`` is the
#: place in it); rewritten whenever a variation changes it (``recorded_at``: when last written).
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
    # The fields the version sets itself (a JSON list); NULL is read as all of them.
    Column("fields_set", Json),
    PrimaryKeyConstraint("contract_id", "version"),
)

#: Every variation as it was asked for (the fields it named, and only those), in the order
#: recorded; append-only.
contract_variations = Table(
    "contract_variations",
    metadata,
    Column("contract_id", String(36), ForeignKey("contracts.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("changes", Json, nullable=False),
    Column("reason", Text, nullable=False),
    Column("history_revision", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("contract_id", "number"),
)

#: The decision committees conflicts has formed, and whose each is (gpfed.committee.formed).
committees = Table(
    "committees",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("organisation_ods", String(10)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

#: Every version of every quarter's KPI result (a correction adds a version); append-only.
contract_kpi_results = Table(
    "contract_kpi_results",
    metadata,
    Column("contract_id", String(36), ForeignKey("contracts.id"), nullable=False),
    Column("quarter", String(7), nullable=False),
    Column("achievement_percent", Numeric(6, 2), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("terms_version", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("reason", Text),
    Column("history_revision", Integer),
    PrimaryKeyConstraint("contract_id", "quarter", "version"),
)


#: Each commissioner's decision policy, once it has set one (the default holds until then).
decision_policies = Table(
    "decision_policies",
    metadata,
    Column("commissioner_ods", String(10), primary_key=True),
    Column("gated_kinds", Json, nullable=False),
    Column("gate_variations", Boolean, nullable=False),
    Column("gate_terminations", Boolean, nullable=False),
    Column("set_by", String(200), nullable=False),
    Column("set_at", DateTime(timezone=True), nullable=False),
)

#: Variations and terminations of gated contracts, held for their committee's decision.
contract_changes = Table(
    "contract_changes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("contract_id", String(36), ForeignKey("contracts.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("request", Json, nullable=False),
    Column("committee_id", String(64), nullable=False),
    Column("item_id", String(64), nullable=False, unique=True),
    Column("effective_from", Date, nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("outcome_reason", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    UniqueConstraint("contract_id", "number"),
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
    variations = await _variations(session, [contract_id])
    return _contract(row, versions[contract_id], variations[contract_id])


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
                fields_set=(
                    ALL_FIELDS
                    if r.fields_set is None
                    else frozenset(f for f in FIELDS if f in r.fields_set)
                ),
            )
        )
    return found


async def _variations(session: AsyncSession, ids: list[str]) -> dict[str, list[Variation]]:
    found: dict[str, list[Variation]] = {i: [] for i in ids}
    rows = await session.execute(
        select(contract_variations)
        .where(contract_variations.c.contract_id.in_(ids))
        .order_by(contract_variations.c.contract_id, contract_variations.c.number)
    )
    for r in rows:
        found[r.contract_id].append(
            Variation(
                number=r.number,
                effective_from=r.effective_from,
                change=_change(r.changes),
                reason=r.reason,
                recorded_at=r.recorded_at,
                history_revision=r.history_revision,
            )
        )
    return found


def _changes_json(change: TermsChange) -> dict[str, Any]:
    """The fields a variation named, and only those, as JSON."""
    named: dict[str, Any] = {}
    if change.payment is not None:
        named["payment"] = change.payment.model_dump(mode="json")
    if change.distribution is not None:
        named["distribution"] = change.distribution.model_dump(mode="json")
    if change.end_date_changed:
        named["end_date"] = change.end_date.isoformat() if change.end_date else None
    return named


def _change(named: dict[str, Any]) -> TermsChange:
    payment, distribution, end_date = (named.get(name) for name in FIELDS)
    return TermsChange(
        payment=None if payment is None else PaymentTerms.model_validate(payment),
        distribution=None
        if distribution is None
        else DistributionRule.model_validate(distribution),
        end_date=date.fromisoformat(end_date) if end_date else None,
        end_date_changed="end_date" in named,
    )


def _contract(row: Any, versions: list[TermsVersion], variations: list[Variation]) -> Contract:
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
        history_revision=row.history_revision,
        variations=variations,
    )


def _state(contract: Contract) -> dict[str, Any]:
    return {
        "status": contract.status,
        "end_date": contract.end_date,
        "terminated_on": contract.terminated_on,
        "termination_reason": contract.termination_reason,
        "decided_by_item_id": contract.decided_by_item_id,
        "rejection_reason": contract.rejection_reason,
        "history_revision": contract.history_revision,
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
    await _insert_terms(session, contract)


async def save_contract(session: AsyncSession, contract: Contract) -> None:
    """Writes the contract's state (status, dates, revision); not its terms."""
    await session.execute(
        update(contracts).where(contracts.c.id == contract.id).values(**_state(contract))
    )


async def save_variation(session: AsyncSession, contract: Contract, variation: Variation) -> None:
    """A variation: its record, the history it rewrote (every version, renumbered) and the
    contract's state, in the caller's transaction."""
    await session.execute(
        insert(contract_variations).values(
            contract_id=contract.id,
            number=variation.number,
            effective_from=variation.effective_from,
            changes=_changes_json(variation.change),
            reason=variation.reason,
            history_revision=variation.history_revision,
            recorded_at=variation.recorded_at,
        )
    )
    await session.execute(delete(contract_terms).where(contract_terms.c.contract_id == contract.id))
    await _insert_terms(session, contract)
    await save_contract(session, contract)


async def _insert_terms(session: AsyncSession, contract: Contract) -> None:
    now = _now()
    await session.execute(
        insert(contract_terms),
        [
            {
                "contract_id": contract.id,
                "version": v.version,
                "effective_from": v.effective_from,
                "payment": v.payment.model_dump(mode="json"),
                "distribution": v.distribution.model_dump(mode="json") if v.distribution else None,
                "end_date": v.end_date,
                "reason": v.reason,
                "recorded_at": now,
                "fields_set": [f for f in FIELDS if f in v.fields_set],
            }
            for v in contract.versions
        ],
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
    return await _contracts_of(session, (await session.execute(query)).all())


async def _contracts_of(session: AsyncSession, rows: Sequence[Any]) -> list[Contract]:
    ids = [r.id for r in rows]
    versions = await _versions(session, ids) if rows else {}
    variations = await _variations(session, ids) if rows else {}
    return [_contract(r, versions[r.id], variations[r.id]) for r in rows]


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
            version=result.version,
            achievement_percent=result.achievement_percent,
            evidence=result.evidence,
            reason=result.reason,
            terms_version=result.terms_version,
            history_revision=result.history_revision,
            recorded_at=result.recorded_at,
        )
    )


def _kpi_result(r: Any) -> KpiResult:
    return KpiResult(
        quarter=r.quarter,
        version=r.version,
        achievement_percent=Decimal(r.achievement_percent),
        evidence=r.evidence,
        reason=r.reason,
        terms_version=r.terms_version,
        history_revision=r.history_revision,
        recorded_at=r.recorded_at,
    )


async def latest_kpi_result(
    session: AsyncSession, contract_id: str, quarter: str
) -> KpiResult | None:
    """The quarter's result as it stands: its latest version."""
    k = contract_kpi_results.c
    row = (
        await session.execute(
            select(contract_kpi_results)
            .where(k.contract_id == contract_id, k.quarter == quarter)
            .order_by(k.version.desc())
            .limit(1)
        )
    ).first()
    return None if row is None else _kpi_result(row)


async def kpi_results(session: AsyncSession, contract_id: str) -> list[KpiResult]:
    """Every version of every quarter's result, by quarter then version."""
    k = contract_kpi_results.c
    rows = await session.execute(
        select(contract_kpi_results)
        .where(k.contract_id == contract_id)
        .order_by(k.quarter, k.version)
    )
    return [_kpi_result(r) for r in rows]


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


# --- decision policies and the changes they hold ----------------------------------------


async def decision_policy(session: AsyncSession, commissioner_ods: str) -> DecisionPolicy:
    """The commissioner's policy, or the default while it has set none."""
    row = (
        await session.execute(
            select(decision_policies).where(
                decision_policies.c.commissioner_ods == commissioner_ods
            )
        )
    ).first()
    if row is None:
        return DecisionPolicy()
    return DecisionPolicy(
        gated_kinds=frozenset(k for k in ALL_KINDS if k in row.gated_kinds),
        gate_variations=row.gate_variations,
        gate_terminations=row.gate_terminations,
    )


async def keep_decision_policy(
    session: AsyncSession, commissioner_ods: str, policy: DecisionPolicy, set_by: str
) -> None:
    values = {
        "gated_kinds": policy.kinds,
        "gate_variations": policy.gate_variations,
        "gate_terminations": policy.gate_terminations,
        "set_by": set_by,
        "set_at": _now(),
    }
    updated = await session.execute(
        update(decision_policies)
        .where(decision_policies.c.commissioner_ods == commissioner_ods)
        .values(**values)
    )
    if updated.rowcount == 0:  # type: ignore[attr-defined]
        await session.execute(
            insert(decision_policies).values(commissioner_ods=commissioner_ods, **values)
        )


def _change_of(r: Any) -> ContractChange:
    return ContractChange(
        id=r.id,
        contract_id=r.contract_id,
        number=r.number,
        kind=r.kind,
        request=dict(r.request),
        committee_id=r.committee_id,
        item_id=r.item_id,
        effective_from=r.effective_from,
        reason=r.reason,
        recorded_at=r.recorded_at,
        status=r.status,
        outcome_reason=r.outcome_reason,
        decided_at=r.decided_at,
    )


async def next_change_number(session: AsyncSession, contract_id: str) -> int:
    """The number the contract's next change takes (the contract row is locked by then)."""
    last = await session.scalar(
        select(func.max(contract_changes.c.number)).where(
            contract_changes.c.contract_id == contract_id
        )
    )
    return int(last or 0) + 1


async def add_change(session: AsyncSession, change: ContractChange) -> None:
    await session.execute(
        insert(contract_changes).values(
            id=change.id,
            contract_id=change.contract_id,
            number=change.number,
            kind=change.kind,
            request=change.request,
            committee_id=change.committee_id,
            item_id=change.item_id,
            effective_from=change.effective_from,
            reason=change.reason,
            status=change.status,
            recorded_at=change.recorded_at,
        )
    )


async def save_change(session: AsyncSession, change: ContractChange) -> None:
    await session.execute(
        update(contract_changes)
        .where(contract_changes.c.id == change.id)
        .values(
            status=change.status,
            outcome_reason=change.outcome_reason,
            decided_at=change.decided_at,
        )
    )


async def get_change(
    session: AsyncSession, *, change_id: str | None = None, item_id: str | None = None
) -> ContractChange | None:
    """The change with that id, or the one awaiting (or decided by) that decision item."""
    c = contract_changes.c
    query = select(contract_changes).where(c.id == change_id if change_id else c.item_id == item_id)
    row = (await session.execute(query)).first()
    return None if row is None else _change_of(row)


async def list_changes(
    session: AsyncSession, contract_id: str, page: PageRequest
) -> list[ContractChange]:
    """Up to ``page.limit + 1`` of the contract's changes, oldest first."""
    c = contract_changes.c
    query = (
        select(contract_changes)
        .where(c.contract_id == contract_id)
        .order_by(c.number)
        .limit(page.limit + 1)
    )
    if (after := page.after_int()) is not None:
        query = query.where(c.number > after)
    return [_change_of(r) for r in await session.execute(query)]


async def list_changes_across(
    session: AsyncSession,
    page: PageRequest,
    *,
    commissioner_ods: str | None,
    provider_ods: str | None,
    status: str | None,
) -> list[ContractChange]:
    """Up to ``page.limit + 1`` changes of every contract matching the filters, oldest first
    (by when they were recorded, then id): one read for a commissioner's pending decisions
    rather than one per contract."""
    c, k = contract_changes.c, contracts.c
    query = (
        select(contract_changes)
        .join(contracts, k.id == c.contract_id)
        .order_by(c.recorded_at, c.id)
        .limit(page.limit + 1)
    )
    for column, value in (
        (k.commissioner_ods, commissioner_ods),
        (k.provider_ods, provider_ods),
        (c.status, status),
    ):
        if value is not None:
            query = query.where(column == value)
    if (after := page.after_key(datetime, str)) is not None:
        query = query.where(tuple_(c.recorded_at, c.id) > tuple_(*after))
    return [_change_of(r) for r in await session.execute(query)]


# --- incentive schemes (issue 20; migration 0007) ----------------------------------------------

schemes = Table(
    "schemes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("commissioner_ods", String(20), nullable=False, index=True),
    Column("kind", String(8), nullable=False),
    Column("name", String(200), nullable=False),
    Column("year", String(7), nullable=False),
    Column("per_head_pence", BigInteger, nullable=False),
    Column("upfront_percent", Numeric(5, 2), nullable=False),
    Column("standards", Json, nullable=False),
    Column("release", String(16), nullable=False),
    Column("balancing", String(16), nullable=False),
    Column("networks", Json, nullable=False),
    Column("decision_committee_id", String(64)),
    Column("revision", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

scheme_enrolments = Table(
    "scheme_enrolments",
    metadata,
    Column("scheme_id", String(64), ForeignKey("schemes.id"), primary_key=True),
    Column("practice_ods", String(20), primary_key=True),
    Column("contract_id", String(64), nullable=False, unique=True),
    Column("network", String(100)),
)

#: Every version of a practice's results; the highest is in force (a correction supersedes).
scheme_results = Table(
    "scheme_results",
    metadata,
    Column("scheme_id", String(64), ForeignKey("schemes.id"), primary_key=True),
    Column("practice_ods", String(20), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("delivered", Json, nullable=False),
    Column("reason", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)


async def get_scheme(
    session: AsyncSession, scheme_id: str, *, for_update: bool = False
) -> Scheme | None:
    query = select(schemes).where(schemes.c.id == scheme_id)
    row = (await session.execute(query.with_for_update() if for_update else query)).first()
    if row is None:
        return None
    e, r = scheme_enrolments.c, scheme_results.c
    enrolled = await session.execute(
        select(scheme_enrolments).where(e.scheme_id == scheme_id).order_by(e.practice_ods)
    )
    results: dict[str, list[Results]] = {}
    versions = await session.execute(
        select(scheme_results).where(r.scheme_id == scheme_id).order_by(r.practice_ods, r.version)
    )
    for v in versions:
        delivered = tuple((code, bool(done)) for code, done in v.delivered)
        found = Results(v.version, delivered, v.reason, v.recorded_at)
        results.setdefault(v.practice_ods, []).append(found)
    return Scheme(
        id=row.id,
        commissioner_ods=row.commissioner_ods,
        kind=row.kind,
        name=row.name,
        year=row.year,
        per_head_pence=row.per_head_pence,
        upfront_percent=Decimal(row.upfront_percent),
        standards=tuple(Standard(s["code"], s["title"]) for s in row.standards),
        release=row.release,
        balancing=row.balancing,
        networks=tuple((n["name"], tuple(n["practices"])) for n in row.networks),
        decision_committee_id=row.decision_committee_id,
        revision=row.revision,
        enrolments=[Enrolment(x.practice_ods, x.contract_id, x.network) for x in enrolled],
        results=results,
    )


@dataclass(frozen=True)
class SchemeSummary:
    id: str
    commissioner_ods: str
    kind: str
    name: str
    year: str
    enrolled: int
    revision: int


async def list_schemes(
    session: AsyncSession,
    page: PageRequest,
    *,
    commissioner_ods: str | None,
    enrolled_ods: str | None,
    year: str | None,
) -> list[SchemeSummary]:
    """Up to ``page.limit + 1`` schemes in id order, each with how many practices it enrols;
    ``enrolled_ods`` keeps only the schemes that practice is enrolled in."""
    s, e = schemes.c, scheme_enrolments.c
    enrolled = select(func.count()).where(e.scheme_id == s.id).correlate(schemes).scalar_subquery()
    query = (
        select(s.id, s.commissioner_ods, s.kind, s.name, s.year, enrolled, s.revision)
        .order_by(s.id)
        .limit(page.limit + 1)
    )
    if commissioner_ods is not None:
        query = query.where(s.commissioner_ods == commissioner_ods)
    if year is not None:
        query = query.where(s.year == year)
    if enrolled_ods is not None:
        query = query.where(
            select(e.scheme_id).where(e.scheme_id == s.id, e.practice_ods == enrolled_ods).exists()
        )
    if (after := page.after_str()) is not None:
        query = query.where(s.id > after)
    return [SchemeSummary(*row) for row in await session.execute(query)]


def _scheme_state(scheme: Scheme) -> dict[str, Any]:
    return {
        "networks": [{"name": n, "practices": list(p)} for n, p in scheme.networks],
        "revision": scheme.revision,
    }


async def add_scheme(session: AsyncSession, scheme: Scheme) -> None:
    await session.execute(
        insert(schemes).values(
            id=scheme.id,
            commissioner_ods=scheme.commissioner_ods,
            kind=scheme.kind,
            name=scheme.name,
            year=scheme.year,
            per_head_pence=scheme.per_head_pence,
            upfront_percent=scheme.upfront_percent,
            standards=[{"code": s.code, "title": s.title} for s in scheme.standards],
            release=scheme.release,
            balancing=scheme.balancing,
            decision_committee_id=scheme.decision_committee_id,
            created_at=_now(),
            **_scheme_state(scheme),
        )
    )


async def add_enrolment(session: AsyncSession, scheme: Scheme, enrolment: Enrolment) -> None:
    await session.execute(
        insert(scheme_enrolments).values(
            scheme_id=scheme.id,
            practice_ods=enrolment.practice_ods,
            contract_id=enrolment.contract_id,
            network=enrolment.network,
        )
    )
    await _save_scheme_state(session, scheme)


async def add_results(
    session: AsyncSession, scheme: Scheme, practice_ods: str, results: Results
) -> None:
    await session.execute(
        insert(scheme_results).values(
            scheme_id=scheme.id,
            practice_ods=practice_ods,
            version=results.version,
            delivered=[[code, done] for code, done in results.delivered],
            reason=results.reason,
            recorded_at=results.recorded_at,
        )
    )
    await _save_scheme_state(session, scheme)


async def _save_scheme_state(session: AsyncSession, scheme: Scheme) -> None:
    await session.execute(
        update(schemes).where(schemes.c.id == scheme.id).values(**_scheme_state(scheme))
    )


async def core_contracts_of(session: AsyncSession, provider_ods: str) -> list[Contract]:
    """The provider's core GP contracts (GMS, PMS, APMS), whatever their state."""
    c = contracts.c
    query = select(contracts).where(c.provider_ods == provider_ods, c.kind.in_(sorted(CORE_KINDS)))
    return await _contracts_of(session, (await session.execute(query)).all())
