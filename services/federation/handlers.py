"""Event handlers of the federation service: an event in, a command on the domain.

Events from contracts and payments arrive in any order and possibly more than once (the inbox
skips exact redeliveries); every handler is written so that applying it again, or before an
event it logically follows, leaves the same state.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import or_, update

from services.federation.store import (
    distributions,
    federations,
    hub_terms,
    organisations,
)
from shared.bus import Handlers
from shared.db import UnitOfWork, insert_ignoring_conflicts
from shared.events import Envelope
from shared.events.contracts import (
    ContractActivated,
    ContractTerminated,
    ContractVaried,
    OrganisationRegistered,
    OrganisationUpdated,
)
from shared.events.payments import DistributionCompleted

handlers = Handlers()


async def _keep_organisation(
    uow: UnitOfWork, event: OrganisationRegistered, envelope: Envelope
) -> None:
    """Upsert by ODS code; an older event arriving late never overwrites a newer one."""
    values = {
        "kind": event.kind,
        "name": event.name,
        "legal_form": event.legal_form,
        "parent_ods": event.parent_ods,
        "as_of": envelope.time,
    }
    session = uow.session
    await session.execute(
        insert_ignoring_conflicts(session, organisations).values(ods_code=event.ods_code, **values)
    )
    await session.execute(
        update(organisations)
        .where(organisations.c.ods_code == event.ods_code, organisations.c.as_of <= envelope.time)
        .values(**values)
    )
    if event.kind != "federation":
        return
    fed = {"name": event.name, "legal_form": event.legal_form, "as_of": envelope.time}
    await session.execute(
        insert_ignoring_conflicts(session, federations).values(ods_code=event.ods_code, **fed)
    )
    await session.execute(
        update(federations)
        .where(
            federations.c.ods_code == event.ods_code,
            or_(federations.c.as_of.is_(None), federations.c.as_of <= envelope.time),
        )
        .values(**fed)
    )


@handlers.on(OrganisationRegistered)
async def organisation_registered(
    uow: UnitOfWork, event: OrganisationRegistered, envelope: Envelope
) -> None:
    await _keep_organisation(uow, event, envelope)


@handlers.on(OrganisationUpdated)
async def organisation_updated(
    uow: UnitOfWork, event: OrganisationUpdated, envelope: Envelope
) -> None:
    await _keep_organisation(uow, event, envelope)


async def _keep_hub_terms(
    uow: UnitOfWork,
    event: ContractActivated | ContractVaried | ContractTerminated,
    envelope: Envelope,
    change: str,
) -> None:
    """Every version is kept; the hub's terms on any day are rebuilt from them (domain.hub).
    The federation is known from its hub even before its organisation event arrives."""
    if event.kind != "HUB":
        return
    session = uow.session
    await session.execute(
        insert_ignoring_conflicts(session, hub_terms).values(
            event_id=envelope.id,
            contract_id=event.contract_id,
            change=change,
            effective_from=event.effective_from,
            federation_ods=event.provider_ods,
            commissioner_ods=event.commissioner_ods,
            service=event.service,
            status=event.status,
            start_date=event.start_date,
            end_date=event.end_date,
            payment=event.payment.model_dump(mode="json"),
            distribution=event.distribution.model_dump(mode="json") if event.distribution else None,
            received_at=datetime.now(UTC),
        )
    )
    await session.execute(
        insert_ignoring_conflicts(session, federations).values(ods_code=event.provider_ods)
    )


@handlers.on(ContractActivated)
async def contract_activated(uow: UnitOfWork, event: ContractActivated, envelope: Envelope) -> None:
    await _keep_hub_terms(uow, event, envelope, "activated")


@handlers.on(ContractVaried)
async def contract_varied(uow: UnitOfWork, event: ContractVaried, envelope: Envelope) -> None:
    await _keep_hub_terms(uow, event, envelope, "varied")


@handlers.on(ContractTerminated)
async def contract_terminated(
    uow: UnitOfWork, event: ContractTerminated, envelope: Envelope
) -> None:
    await _keep_hub_terms(uow, event, envelope, "terminated")


@handlers.on(DistributionCompleted)
async def distribution_completed(
    uow: UnitOfWork, event: DistributionCompleted, envelope: Envelope
) -> None:
    """Kept by transaction id: a restatement's adjustment is another transaction, so both
    stand and the period's money is their sum."""
    session = uow.session
    await session.execute(
        insert_ignoring_conflicts(session, distributions).values(
            transaction_id=event.transaction_id,
            contract_id=event.contract_id,
            federation_ods=event.federation_ods,
            period=event.period,
            income_pence=event.income_pence,
            costs_pence=event.costs_pence,
            retained_pence=event.retained_pence,
            remainder_pence=event.remainder_pence,
            lines=[line.model_dump(mode="json") for line in event.lines],
            note=event.note,
            received_at=datetime.now(UTC),
        )
    )
