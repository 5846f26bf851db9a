"""Tables of the federation service, on one MetaData with the kernel's (outbox, inbox, ...),
and the repository functions that read and write them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import asyncpg
from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    and_,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from services.federation.domain.activity import Consultation, ConsultationKey
from services.federation.domain.close import PeriodClose, PeriodStatus, PracticeCounts
from services.federation.domain.correction import HeldConsultation
from services.federation.domain.distribution import DistributionRevision
from services.federation.domain.hub import HubTerms
from services.federation.domain.membership import Membership
from services.federation.domain.subcontract import Subcontract, SubcontractRole
from shared.db import driver_connection, insert_ignoring_conflicts
from shared.pagination import PageRequest
from shared.tables import Id, Json, service_metadata

metadata = service_metadata()

organisations = Table(
    "organisations",
    metadata,
    Column("ods_code", String(10), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("legal_form", String(100)),
    Column("parent_ods", String(10)),
    Column("as_of", DateTime(timezone=True), nullable=False),
)
federations = Table(
    "federations",
    metadata,
    Column("ods_code", String(10), primary_key=True),
    Column("name", String(200)),
    Column("legal_form", String(100)),
    Column("as_of", DateTime(timezone=True)),
)
# Every version of a hub's terms as contracts published it; the hub is rebuilt from them. A
# version from an event without a history is its event's (position 0, no history revision);
# a history replaces every version of its contract, one row per position (migration 0004).
hub_terms = Table(
    "hub_terms",
    metadata,
    Column("event_id", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("history_revision", Integer),
    Column("contract_id", String(64), nullable=False),
    Column("change", String(20), nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("federation_ods", String(10), nullable=False),
    Column("commissioner_ods", String(10), nullable=False),
    Column("service", String(200), nullable=False),
    Column("status", String(20), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    Column("payment", Json, nullable=False),
    Column("distribution", Json),
    Column("received_at", DateTime(timezone=True), nullable=False),
    # HUB, or DES/LES/LIS paid per item of service, whose ``federation_ods`` is its provider,
    # the practice (migration 0006).
    Column("kind", String(10), nullable=False, server_default="HUB"),
    PrimaryKeyConstraint("event_id", "position", name="pk_hub_terms"),
    Index("ix_hub_terms_contract_id", "contract_id"),
    Index("ix_hub_terms_federation_ods", "federation_ods"),
    Index("ix_hub_terms_kind_federation_ods", "kind", "federation_ods"),
)
memberships = Table(
    "memberships",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("federation_ods", String(10), nullable=False),
    Column("practice_ods", String(10), nullable=False),
    Column("joined_on", Date, nullable=False),
    Column("left_on", Date),
    Index("ix_memberships_federation_practice", "federation_ods", "practice_ods"),
)
subcontracts = Table(
    "subcontracts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("contract_id", String(64), nullable=False),
    Column("federation_ods", String(10), nullable=False),
    Column("practice_ods", String(10), nullable=False),
    Column("roles", Json, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_subcontracts_contract_id", "contract_id"),
)
# Keyed by practice and id (migration 0003): each practice's clinical system numbers its own.
consultations = Table(
    "consultations",
    metadata,
    Column("id", String(64), nullable=False),
    Column("contract_id", String(64), nullable=False),
    Column("practice_ods", String(10), nullable=False),
    Column("site_ods", String(10)),
    Column("patient_ref", String(64), nullable=False),
    # first or follow_up for a hub consultation; null for an item of service (migration 0006).
    Column("kind", String(10)),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("period", String(7), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    # Set when voided (migration 0005): the consultation stays held but counts nowhere.
    Column("voided_at", DateTime(timezone=True)),
    # An item-of-service claim's service code (migration 0006); null for a hub consultation.
    Column("service_code", String(40)),
    PrimaryKeyConstraint("practice_ods", "id", name="pk_consultations"),
    Index("ix_consultations_contract_period", "contract_id", "period"),
)
# Every void and correction of a consultation: why, by whom, and what it was before (and after).
consultation_changes = Table(
    "consultation_changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("practice_ods", String(10), nullable=False),
    Column("consultation_id", String(64), nullable=False),
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("action", String(10), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("before", Json, nullable=False),
    Column("after", Json),
    Column("by_role", String(40), nullable=False),
    Column("by_org", String(20), nullable=False),
    Column("request_id", String(64)),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Index("ix_consultation_changes_consultation", "practice_ods", "consultation_id"),
)
period_closes = Table(
    "period_closes",
    metadata,
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("federation_ods", String(10), nullable=False),
    Column("status", String(10), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("contract_id", "period"),
)
# Frozen counts: one row per practice per revision, written once at the close, never updated.
period_counts = Table(
    "period_counts",
    metadata,
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("practice_ods", String(10), nullable=False),
    Column("first", Integer, nullable=False),
    Column("follow_up", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("patients", Integer, nullable=False),
    Column("hosted", Integer, nullable=False),
    PrimaryKeyConstraint("contract_id", "period", "revision", "practice_ods"),
)
# An item-of-service month's frozen count per service code, per revision (migration 0006).
period_service_counts = Table(
    "period_service_counts",
    metadata,
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("service_code", String(40), nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint(
        "contract_id", "period", "revision", "service_code", name="pk_period_service_counts"
    ),
)
period_revisions = Table(
    "period_revisions",
    metadata,
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("patients", Integer, nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("contract_id", "period", "revision"),
)
# One row per revision of a period's distribution (migration 0004): a distribution with
# nothing to move has no transaction, so the transaction id cannot be the key.
distributions = Table(
    "distributions",
    metadata,
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("transaction_id", String(64)),
    Column("federation_ods", String(10), nullable=False),
    Column("income_pence", BigInteger, nullable=False),
    Column("costs_pence", BigInteger, nullable=False),
    Column("retained_pence", BigInteger, nullable=False),
    Column("remainder_pence", BigInteger, nullable=False),
    Column("lines", Json, nullable=False),
    Column("note", Text),
    Column("received_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("contract_id", "period", "revision", name="pk_distributions"),
)


async def organisation_kind(session: AsyncSession, ods_code: str) -> str | None:
    """The kind contracts registered the organisation as (for checking a token's role)."""
    kind = await session.scalar(
        select(organisations.c.kind).where(organisations.c.ods_code == ods_code)
    )
    return None if kind is None else str(kind)


def dialect_of(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


# --- hubs ------------------------------------------------------------------------------


def _terms(row: Any) -> HubTerms:
    return HubTerms(
        contract_id=row.contract_id,
        change=row.change,
        effective_from=row.effective_from,
        federation_ods=row.federation_ods,
        commissioner_ods=row.commissioner_ods,
        service=row.service,
        status=row.status,
        start_date=row.start_date,
        end_date=row.end_date,
        payment=row.payment,
        distribution=row.distribution,
        kind=row.kind,
    )


async def hub_versions(
    session: AsyncSession,
    *,
    contract_ids: Iterable[str] | None = None,
    federation_ods: str | None = None,
    providers: Iterable[str] | None = None,
    item_of_service: bool = False,
) -> dict[str, list[HubTerms]]:
    """Every version held of the hubs asked for, by contract; with ``item_of_service``, of the
    item-of-service contracts instead (``federation_ods`` then names their provider)."""
    kind = hub_terms.c.kind
    query = select(hub_terms).where(kind != "HUB" if item_of_service else kind == "HUB")
    if contract_ids is not None:
        query = query.where(hub_terms.c.contract_id.in_(list(contract_ids)))
    if federation_ods is not None:
        query = query.where(hub_terms.c.federation_ods == federation_ods)
    if providers is not None:
        query = query.where(hub_terms.c.federation_ods.in_(list(providers)))
    versions: dict[str, list[HubTerms]] = {}
    for row in await session.execute(query):
        versions.setdefault(row.contract_id, []).append(_terms(row))
    return versions


def _terms_values(terms: HubTerms) -> dict[str, Any]:
    return {
        "contract_id": terms.contract_id,
        "change": terms.change,
        "effective_from": terms.effective_from,
        "federation_ods": terms.federation_ods,
        "commissioner_ods": terms.commissioner_ods,
        "service": terms.service,
        "status": terms.status,
        "start_date": terms.start_date,
        "end_date": terms.end_date,
        "payment": terms.payment,
        "distribution": terms.distribution,
        "kind": terms.kind,
    }


async def history_revision_held(session: AsyncSession, contract_id: str) -> int | None:
    """The revision of the contract's terms history held, None if only versions from events
    without a history are (or nothing is)."""
    found = await session.scalar(
        select(func.max(hub_terms.c.history_revision)).where(hub_terms.c.contract_id == contract_id)
    )
    return None if found is None else int(found)


async def keep_hub_version(
    session: AsyncSession, event_id: str, terms: HubTerms, received_at: datetime
) -> None:
    """One version, from an event that carries no history (a redelivery adds nothing)."""
    await session.execute(
        insert_ignoring_conflicts(session, hub_terms).values(
            event_id=event_id, position=0, received_at=received_at, **_terms_values(terms)
        )
    )


async def replace_hub_history(
    session: AsyncSession,
    event_id: str,
    revision: int,
    versions: Sequence[HubTerms],
    received_at: datetime,
) -> None:
    """Every version held of the contract replaced by its history at ``revision``."""
    contract_ids = {v.contract_id for v in versions}
    await session.execute(hub_terms.delete().where(hub_terms.c.contract_id.in_(contract_ids)))
    await session.execute(
        hub_terms.insert(),
        [
            {
                "event_id": event_id,
                "position": position,
                "history_revision": revision,
                "received_at": received_at,
                **_terms_values(terms),
            }
            for position, terms in enumerate(versions)
        ],
    )


async def hub_commissioners(session: AsyncSession, federation_ods: str) -> set[str]:
    """The commissioners of the federation's hubs (a hub's commissioner never changes)."""
    rows = await session.execute(
        select(hub_terms.c.commissioner_ods)
        .where(hub_terms.c.federation_ods == federation_ods, hub_terms.c.kind == "HUB")
        .distinct()
    )
    return set(rows.scalars())


# --- organisations known from contracts ------------------------------------------------


async def keep_organisation(
    session: AsyncSession,
    *,
    ods_code: str,
    kind: str,
    name: str,
    legal_form: str | None,
    parent_ods: str | None,
    as_of: datetime,
) -> None:
    """Upsert by ODS code; an older event arriving late never overwrites a newer one. A
    federation is kept as one too."""
    values = {
        "kind": kind,
        "name": name,
        "legal_form": legal_form,
        "parent_ods": parent_ods,
        "as_of": as_of,
    }
    await session.execute(
        insert_ignoring_conflicts(session, organisations).values(ods_code=ods_code, **values)
    )
    await session.execute(
        organisations.update()
        .where(organisations.c.ods_code == ods_code, organisations.c.as_of <= as_of)
        .values(**values)
    )
    if kind != "federation":
        return
    fed = {"name": name, "legal_form": legal_form, "as_of": as_of}
    await session.execute(
        insert_ignoring_conflicts(session, federations).values(ods_code=ods_code, **fed)
    )
    await session.execute(
        federations.update()
        .where(
            federations.c.ods_code == ods_code,
            or_(federations.c.as_of.is_(None), federations.c.as_of <= as_of),
        )
        .values(**fed)
    )


async def keep_federation(session: AsyncSession, ods_code: str) -> None:
    """A federation known from its hub, before (or without) its organisation event."""
    await session.execute(insert_ignoring_conflicts(session, federations).values(ods_code=ods_code))


async def federation_row(session: AsyncSession, ods_code: str) -> Any | None:
    """The federation's register row (ods_code, name, legal_form), or None."""
    return (
        await session.execute(select(federations).where(federations.c.ods_code == ods_code))
    ).first()


async def federation_known(session: AsyncSession, ods_code: str, *, lock: bool = False) -> bool:
    """Whether the federation is known; with ``lock``, its row is locked for the transaction,
    so that changes to one federation's members are serialised."""
    query = select(federations.c.ods_code).where(federations.c.ods_code == ods_code)
    return await session.scalar(query.with_for_update() if lock else query) is not None


# --- memberships -----------------------------------------------------------------------


def _membership(row: Any) -> Membership:
    return Membership(row.federation_ods, row.practice_ods, row.joined_on, row.left_on)


async def memberships_of(
    session: AsyncSession, federation_ods: str | Iterable[str], practice_ods: Iterable[str]
) -> list[Membership]:
    feds = [federation_ods] if isinstance(federation_ods, str) else list(federation_ods)
    rows = await session.execute(
        select(memberships).where(
            memberships.c.federation_ods.in_(feds),
            memberships.c.practice_ods.in_(list(practice_ods)),
        )
    )
    return [_membership(r) for r in rows]


async def add_membership(
    session: AsyncSession, federation_ods: str, practice_ods: str, joined_on: date
) -> Any:
    """The new membership's row."""
    return (
        await session.execute(
            memberships.insert()
            .values(federation_ods=federation_ods, practice_ods=practice_ods, joined_on=joined_on)
            .returning(*memberships.c)
        )
    ).one()


async def open_membership(session: AsyncSession, federation_ods: str, practice_ods: str) -> Any:
    """The practice's current (open-ended) membership row, or None."""
    m = memberships.c
    query = select(memberships).where(
        m.federation_ods == federation_ods, m.practice_ods == practice_ods, m.left_on.is_(None)
    )
    return (await session.execute(query)).first()


async def end_membership(session: AsyncSession, membership_id: int, left_on: date) -> Any:
    """The membership's row with its last day set."""
    query = (
        memberships.update()
        .where(memberships.c.id == membership_id)
        .values(left_on=left_on)
        .returning(*memberships.c)
    )
    return (await session.execute(query)).one()


async def membership_page(
    session: AsyncSession, federation_ods: str, page: PageRequest, on: date | None
) -> list[Any]:
    """Up to ``page.limit + 1`` membership rows in id order; with ``on``, those current then."""
    m = memberships.c
    query = (
        select(memberships)
        .where(m.federation_ods == federation_ods)
        .order_by(m.id)
        .limit(page.limit + 1)
    )
    if on is not None:
        query = query.where(and_(m.joined_on <= on, or_(m.left_on.is_(None), m.left_on >= on)))
    if (after := page.after_int()) is not None:
        query = query.where(m.id > after)
    return list((await session.execute(query)).all())


# --- subcontracts ----------------------------------------------------------------------


def subcontract_of(row: Any) -> Subcontract:
    return Subcontract(
        subcontract_id=row.id,
        contract_id=row.contract_id,
        federation_ods=row.federation_ods,
        practice_ods=row.practice_ods,
        roles=frozenset(SubcontractRole(r) for r in row.roles),
        start_date=row.start_date,
        end_date=row.end_date,
    )


async def _subcontracts_where(
    session: AsyncSession, condition: ColumnElement[bool]
) -> list[Subcontract]:
    return [subcontract_of(r) for r in await session.execute(select(subcontracts).where(condition))]


async def subcontracts_under(
    session: AsyncSession, contract_ids: Iterable[str]
) -> list[Subcontract]:
    return await _subcontracts_where(session, subcontracts.c.contract_id.in_(list(contract_ids)))


async def subcontracts_of_practices(
    session: AsyncSession, practices: Iterable[str]
) -> list[Subcontract]:
    return await _subcontracts_where(session, subcontracts.c.practice_ods.in_(list(practices)))


async def add_subcontract(session: AsyncSession, sub: Subcontract, created_at: datetime) -> Any:
    """The new subcontract's row (its roles stored sorted)."""
    query = (
        subcontracts.insert()
        .values(
            id=sub.subcontract_id,
            contract_id=sub.contract_id,
            federation_ods=sub.federation_ods,
            practice_ods=sub.practice_ods,
            roles=sorted(r.value for r in sub.roles),
            start_date=sub.start_date,
            end_date=sub.end_date,
            created_at=created_at,
        )
        .returning(*subcontracts.c)
    )
    return (await session.execute(query)).one()


async def subcontract_row(session: AsyncSession, subcontract_id: str) -> Any | None:
    return (
        await session.execute(select(subcontracts).where(subcontracts.c.id == subcontract_id))
    ).first()


async def subcontract_page(
    session: AsyncSession,
    page: PageRequest,
    *,
    federation_ods: str | None = None,
    contract_id: str | None = None,
    subcontract_id: str | None = None,
) -> list[Any]:
    """Up to ``page.limit + 1`` subcontract rows in id order matching every filter given."""
    s = subcontracts.c
    query = select(subcontracts).order_by(s.id).limit(page.limit + 1)
    for column, value in (
        (s.federation_ods, federation_ods),
        (s.contract_id, contract_id),
        (s.id, subcontract_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if (after := page.after_str()) is not None:
        query = query.where(s.id > after)
    return list((await session.execute(query)).all())


# --- consultations ---------------------------------------------------------------------


async def held(session: AsyncSession, keys: Sequence[ConsultationKey]) -> set[ConsultationKey]:
    """Which of these (practice_ods, id) consultations are held already."""
    if not keys:
        return set()
    if dialect_of(session) == "postgresql":
        # Two array parameters: no per-key bound parameters to expand and compile.
        driver = await driver_connection(session)
        rows = await driver.fetch(
            "SELECT c.practice_ods, c.id FROM consultations c "
            "JOIN unnest($1::text[], $2::text[]) AS k(practice_ods, id) "
            "ON c.practice_ods = k.practice_ods AND c.id = k.id",
            [practice for practice, _ in keys],
            [cid for _, cid in keys],
        )
        return {(r[0], r[1]) for r in rows}
    found: set[ConsultationKey] = set()
    key = tuple_(consultations.c.practice_ods, consultations.c.id)
    # Chunked so that a 10,000-record batch stays under every driver's parameter limit.
    for i in range(0, len(keys), 2500):
        rows = await session.execute(
            select(consultations.c.practice_ods, consultations.c.id).where(
                key.in_(list(keys[i : i + 2500]))
            )
        )
        found.update((r.practice_ods, r.id) for r in rows)
    return found


async def closed_periods(
    session: AsyncSession, contract_ids: Iterable[str]
) -> set[tuple[str, str]]:
    rows = await session.execute(
        select(period_closes.c.contract_id, period_closes.c.period).where(
            period_closes.c.contract_id.in_(list(contract_ids)),
            period_closes.c.status == PeriodStatus.CLOSED.value,
        )
    )
    return {(r.contract_id, r.period) for r in rows}


_CONSULTATION_COLUMNS = (
    "id",
    "contract_id",
    "practice_ods",
    "site_ods",
    "patient_ref",
    "kind",
    "occurred_at",
    "period",
    "received_at",
    "service_code",
)
_COLUMN_LIST = ", ".join(_CONSULTATION_COLUMNS)


async def record_consultations(
    session: AsyncSession, records: Sequence[Consultation], periods: Sequence[str], now: datetime
) -> set[ConsultationKey]:
    """One bulk insert; consultations held already (another batch wrote them meanwhile, say)
    are skipped. Returns the (practice_ods, id) of those skipped: usually none, so that the
    usual batch builds no set of its keys."""
    if not records:
        return set()
    if dialect_of(session) == "postgresql":
        return await _copy_consultations(session, records, periods, now)
    stmt = insert_ignoring_conflicts(session, consultations).returning(
        consultations.c.practice_ods, consultations.c.id
    )
    rows = [
        dict(zip(_CONSULTATION_COLUMNS, values, strict=True))
        for values in _consultation_tuples(records, periods, now)
    ]
    result = await session.execute(stmt, rows)
    return _skipped(records, {(r.practice_ods, r.id) for r in result})


def _skipped(
    records: Sequence[Consultation], inserted: set[ConsultationKey]
) -> set[ConsultationKey]:
    return {r.key for r in records} - inserted


def _consultation_tuples(
    records: Sequence[Consultation], periods: Sequence[str], now: datetime
) -> list[tuple[Any, ...]]:
    return [
        (
            r.id,
            r.contract_id,
            r.practice_ods,
            r.site_ods,
            r.patient_ref,
            r.kind,
            r.occurred_at,
            period,
            now,
            r.service_code,
        )
        for r, period in zip(records, periods, strict=True)
    ]


async def _copy_consultations(
    session: AsyncSession, records: Sequence[Consultation], periods: Sequence[str], now: datetime
) -> set[ConsultationKey]:
    """COPY the batch straight into the table; should one of its records be held already (a
    resent batch, or another batch racing in), fall back to COPY into a temporary table and
    one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``, which skips those.

    The rows travel in COPY's binary format instead of as ~11 multi-row VALUES statements, and
    the usual case (no id held) writes them once rather than twice. All of it runs in the unit of
    work's transaction; a savepoint undoes a failed direct COPY, and the temporary table goes
    with the commit."""
    driver = await driver_connection(session)
    tuples = _consultation_tuples(records, periods, now)
    await driver.execute("SAVEPOINT consultations_copy")
    try:
        await driver.copy_records_to_table(
            "consultations", records=tuples, columns=_CONSULTATION_COLUMNS
        )
    except asyncpg.UniqueViolationError:
        await driver.execute("ROLLBACK TO SAVEPOINT consultations_copy")
    else:
        await driver.execute("RELEASE SAVEPOINT consultations_copy")
        return set()
    # LIKE copies the columns and their NOT NULLs, not the primary key: duplicates within
    # the batch (there are none after screening) would still meet the real table's key.
    await driver.execute(
        "CREATE TEMPORARY TABLE IF NOT EXISTS consultations_ingest "
        "(LIKE consultations) ON COMMIT DROP"
    )
    # IF NOT EXISTS and TRUNCATE keep a second call in the same transaction correct.
    await driver.execute("TRUNCATE consultations_ingest")
    await driver.copy_records_to_table(
        "consultations_ingest", records=tuples, columns=_CONSULTATION_COLUMNS
    )
    rows = await driver.fetch(
        f"INSERT INTO consultations ({_COLUMN_LIST}) "  # noqa: S608 - constant column names
        f"SELECT {_COLUMN_LIST} FROM consultations_ingest "
        "ON CONFLICT DO NOTHING RETURNING practice_ods, id"
    )
    return _skipped(records, {(r[0], r[1]) for r in rows})


def _held(row: Any) -> HeldConsultation:
    record = Consultation(
        id=row.id,
        contract_id=row.contract_id,
        practice_ods=row.practice_ods,
        site_ods=row.site_ods,
        patient_ref=row.patient_ref,
        kind=row.kind,
        occurred_at=row.occurred_at,
        service_code=row.service_code,
    )
    return HeldConsultation(record, row.period, voided=row.voided_at is not None)


async def held_consultation(
    session: AsyncSession, key: ConsultationKey, *, for_update: bool = False
) -> HeldConsultation | None:
    """The consultation (practice_ods, id), locked until the commit if ``for_update``."""
    practice_ods, consultation_id = key
    query = select(consultations).where(
        consultations.c.practice_ods == practice_ods, consultations.c.id == consultation_id
    )
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).first()
    return None if row is None else _held(row)


def consultation_facts(record: Consultation) -> dict[str, Any]:
    """What a correction may change, as kept in the record of changes."""
    return {
        "kind": record.kind,
        "site_ods": record.site_ods,
        "patient_ref": record.patient_ref,
        "occurred_at": record.occurred_at.isoformat(),
    }


async def void_consultation(session: AsyncSession, key: ConsultationKey, now: datetime) -> None:
    practice_ods, consultation_id = key
    await session.execute(
        consultations.update()
        .where(consultations.c.practice_ods == practice_ods, consultations.c.id == consultation_id)
        .values(voided_at=now)
    )


async def correct_consultation(session: AsyncSession, record: Consultation) -> None:
    await session.execute(
        consultations.update()
        .where(
            consultations.c.practice_ods == record.practice_ods,
            consultations.c.id == record.id,
        )
        .values(
            kind=record.kind,
            site_ods=record.site_ods,
            patient_ref=record.patient_ref,
            occurred_at=record.occurred_at,
        )
    )


async def record_change(
    session: AsyncSession,
    held: HeldConsultation,
    *,
    action: str,
    reason: str,
    after: Consultation | None,
    by_role: str,
    by_org: str,
    request_id: str | None,
    now: datetime,
) -> None:
    record = held.record
    await session.execute(
        consultation_changes.insert().values(
            practice_ods=record.practice_ods,
            consultation_id=record.id,
            contract_id=record.contract_id,
            period=held.period,
            action=action,
            reason=reason,
            before=consultation_facts(record),
            after=None if after is None else consultation_facts(after),
            # Cut to their columns as the audit log cuts them: a token's org is not bounded.
            by_role=by_role[:40],
            by_org=by_org[:20],
            request_id=request_id,
            changed_at=now,
        )
    )


async def changes_of(session: AsyncSession, key: ConsultationKey) -> list[Any]:
    """The consultation's voids and corrections, oldest first."""
    c = consultation_changes.c
    practice_ods, consultation_id = key
    rows = await session.execute(
        select(consultation_changes)
        .where(c.practice_ods == practice_ods, c.consultation_id == consultation_id)
        .order_by(c.id)
    )
    return list(rows)


# --- period close ----------------------------------------------------------------------


async def period_close(session: AsyncSession, contract_id: str, period: str) -> PeriodClose:
    row = (
        await session.execute(
            select(period_closes).where(
                period_closes.c.contract_id == contract_id, period_closes.c.period == period
            )
        )
    ).first()
    if row is None:
        return PeriodClose(contract_id, period)
    return PeriodClose(contract_id, period, PeriodStatus(row.status), row.revision)


async def save_period_close(
    session: AsyncSession, state: PeriodClose, federation_ods: str, now: datetime, *, new: bool
) -> None:
    values = {"status": state.status.value, "revision": state.revision, "changed_at": now}
    if new:
        await session.execute(
            period_closes.insert().values(
                contract_id=state.contract_id,
                period=state.period,
                federation_ods=federation_ods,
                **values,
            )
        )
    else:
        await session.execute(
            period_closes.update()
            .where(
                period_closes.c.contract_id == state.contract_id,
                period_closes.c.period == state.period,
            )
            .values(**values)
        )


async def live_counts(
    session: AsyncSession, contract_id: str, period: str
) -> tuple[list[tuple[str, int, int, int]], list[tuple[str, int]], int]:
    """Counts of the consultations held now, aggregated by the database."""
    c = consultations.c
    where = and_(c.contract_id == contract_id, c.period == period, c.voided_at.is_(None))
    delivered = await session.execute(
        select(
            c.practice_ods,
            func.count().filter(c.kind == "first"),
            func.count().filter(c.kind == "follow_up"),
            func.count(func.distinct(c.patient_ref)),
        )
        .where(where)
        .group_by(c.practice_ods)
    )
    hosted = await session.execute(
        select(c.site_ods, func.count()).where(where, c.site_ods.is_not(None)).group_by(c.site_ods)
    )
    patients = await session.scalar(select(func.count(func.distinct(c.patient_ref))).where(where))
    return (
        [(r[0], r[1], r[2], r[3]) for r in delivered],
        [(r[0], r[1]) for r in hosted],
        int(patients or 0),
    )


async def freeze_counts(
    session: AsyncSession,
    state: PeriodClose,
    counts: Sequence[PracticeCounts],
    patients: int,
    now: datetime,
) -> None:
    await session.execute(
        period_revisions.insert().values(
            contract_id=state.contract_id,
            period=state.period,
            revision=state.revision,
            patients=patients,
            closed_at=now,
        )
    )
    if counts:
        await session.execute(
            period_counts.insert(),
            [
                {
                    "contract_id": state.contract_id,
                    "period": state.period,
                    "revision": state.revision,
                    "practice_ods": p.practice_ods,
                    "first": p.first,
                    "follow_up": p.follow_up,
                    "total": p.total,
                    "patients": p.patients,
                    "hosted": p.hosted,
                }
                for p in counts
            ],
        )


async def live_service_counts(
    session: AsyncSession, contract_id: str, period: str
) -> tuple[list[tuple[str, int]], int]:
    """An item-of-service month's claims held now, counted per service code, and its distinct
    patients."""
    c = consultations.c
    where = and_(
        c.contract_id == contract_id,
        c.period == period,
        c.voided_at.is_(None),
        c.service_code.is_not(None),
    )
    rows = await session.execute(
        select(c.service_code, func.count()).where(where).group_by(c.service_code)
    )
    patients = await session.scalar(select(func.count(func.distinct(c.patient_ref))).where(where))
    return sorted((r[0], r[1]) for r in rows), int(patients or 0)


async def freeze_service_counts(
    session: AsyncSession, state: PeriodClose, counts: Sequence[tuple[str, int]]
) -> None:
    if counts:
        await session.execute(
            period_service_counts.insert(),
            [
                {
                    "contract_id": state.contract_id,
                    "period": state.period,
                    "revision": state.revision,
                    "service_code": code,
                    "count": count,
                }
                for code, count in counts
            ],
        )


async def frozen_service_counts(
    session: AsyncSession, contract_id: str, period: str, revision: int
) -> list[tuple[str, int]]:
    t = period_service_counts.c
    rows = await session.execute(
        select(t.service_code, t.count)
        .where(t.contract_id == contract_id, t.period == period, t.revision == revision)
        .order_by(t.service_code)
    )
    return [(r[0], r[1]) for r in rows]


async def frozen_counts(
    session: AsyncSession, contract_id: str, period: str, revision: int
) -> tuple[list[PracticeCounts], int]:
    rows = await session.execute(
        select(period_counts)
        .where(
            period_counts.c.contract_id == contract_id,
            period_counts.c.period == period,
            period_counts.c.revision == revision,
        )
        .order_by(period_counts.c.practice_ods)
    )
    counts = [
        PracticeCounts(r.practice_ods, r.first, r.follow_up, r.patients, r.hosted) for r in rows
    ]
    patients = await session.scalar(
        select(period_revisions.c.patients).where(
            period_revisions.c.contract_id == contract_id,
            period_revisions.c.period == period,
            period_revisions.c.revision == revision,
        )
    )
    return counts, int(patients or 0)


# --- distributions payments reported --------------------------------------------------


async def keep_distribution(
    session: AsyncSession,
    contract_id: str,
    federation_ods: str,
    distribution: DistributionRevision,
    received_at: datetime,
) -> None:
    """One row per (contract, period, revision): a redelivery adds nothing."""
    d = distribution
    await session.execute(
        insert_ignoring_conflicts(session, distributions).values(
            contract_id=contract_id,
            period=d.period,
            revision=d.revision,
            transaction_id=d.transaction_id,
            federation_ods=federation_ods,
            income_pence=d.income_pence,
            costs_pence=d.costs_pence,
            retained_pence=d.retained_pence,
            remainder_pence=d.remainder_pence,
            lines=list(d.lines),
            note=d.note,
            received_at=received_at,
        )
    )


async def distributions_of(
    session: AsyncSession, contract_id: str, period: str | None = None
) -> list[DistributionRevision]:
    """Every revision of the hub's distributions (of one period), by period and revision."""
    d = distributions.c
    query = select(distributions).where(d.contract_id == contract_id)
    if period is not None:
        query = query.where(d.period == period)
    return [
        DistributionRevision(
            period=r.period,
            revision=r.revision,
            income_pence=r.income_pence,
            costs_pence=r.costs_pence,
            retained_pence=r.retained_pence,
            remainder_pence=r.remainder_pence,
            lines=r.lines,
            transaction_id=r.transaction_id,
            note=r.note,
        )
        for r in await session.execute(query.order_by(d.period, d.revision))
    ]


# Advisory-lock namespace of this service's per-contract locks (any constant will do).
_CONTRACT_LOCK_CLASS = 4603


async def lock_contracts(
    session: AsyncSession, contract_ids: Iterable[str], *, shared: bool
) -> None:
    """Ingest takes shared locks on its contracts and a close an exclusive one, so no batch
    can slip consultations into a period between the close reading and freezing its counts.
    SQLite serialises writers anyway, so the locks are PostgreSQL only."""
    if dialect_of(session) != "postgresql":
        return
    lock = func.pg_advisory_xact_lock_shared if shared else func.pg_advisory_xact_lock
    for contract_id in sorted(set(contract_ids)):
        await session.execute(select(lock(_CONTRACT_LOCK_CLASS, func.hashtext(contract_id))))
