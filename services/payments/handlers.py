"""Event handlers of the payments service: an event in, a command on the domain.

The inbox commits each handler's effects with the event id, so a redelivery is skipped; and
every write below is an idempotent upsert, so events arriving out of order are harmless too.
"""

from __future__ import annotations

from sqlalchemy import select

from services.payments.books import insert_unless_exists
from services.payments.readmodels import (
    keep_closed_period,
    keep_contract,
    keep_list_size,
    keep_organisation,
    keep_performance,
)
from services.payments.runs import distribute_if_ready
from services.payments.store import closed_periods, subcontracts
from shared.bus import Handlers
from shared.db import UnitOfWork
from shared.events import Envelope
from shared.events.contracts import (
    ContractActivated,
    ContractPerformanceRecorded,
    ContractTerminated,
    ContractVaried,
    OrganisationRegistered,
    OrganisationUpdated,
)
from shared.events.federation import ActivityPeriodClosed, SubcontractIssued

handlers = Handlers()

ContractEvent = ContractActivated | ContractVaried | ContractTerminated


async def _keep_terms(uow: UnitOfWork, event: ContractEvent) -> None:
    terminated_on = None
    if isinstance(event, ContractTerminated):
        terminated_on = event.terminated_on or event.effective_from
    await keep_contract(
        uow.session,
        {
            "contract_id": event.contract_id,
            "kind": event.kind,
            "status": "terminated" if terminated_on else "active",
            "commissioner_ods": event.commissioner_ods,
            "provider_ods": event.provider_ods,
            "service": event.service,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "terminated_on": terminated_on,
        },
        {
            "contract_id": event.contract_id,
            "effective_from": event.effective_from,
            "payment": event.payment.model_dump(mode="json"),
            "distribution": (
                event.distribution.model_dump(mode="json") if event.distribution else None
            ),
        },
    )


@handlers.on(ContractActivated)
async def contract_activated(uow: UnitOfWork, event: ContractActivated, _: Envelope) -> None:
    await _keep_terms(uow, event)


@handlers.on(ContractVaried)
async def contract_varied(uow: UnitOfWork, event: ContractVaried, _: Envelope) -> None:
    await _keep_terms(uow, event)


@handlers.on(ContractTerminated)
async def contract_terminated(uow: UnitOfWork, event: ContractTerminated, _: Envelope) -> None:
    await _keep_terms(uow, event)


@handlers.on(ActivityPeriodClosed)
async def period_closed(uow: UnitOfWork, event: ActivityPeriodClosed, _: Envelope) -> None:
    if await keep_closed_period(uow.session, event):
        # The income may already be posted: then this event is the last input.
        await distribute_if_ready(uow, event.contract_id, event.period)


@handlers.on(SubcontractIssued)
async def subcontract_issued(uow: UnitOfWork, event: SubcontractIssued, _: Envelope) -> None:
    await uow.session.execute(
        insert_unless_exists(
            uow.session,
            subcontracts,
            {
                "subcontract_id": event.subcontract_id,
                "contract_id": event.contract_id,
                "federation_ods": event.federation_ods,
                "practice_ods": event.practice_ods,
                "roles": list(event.roles),
                "start_date": event.start_date,
                "end_date": event.end_date,
            },
        )
    )
    if "admin" in event.roles:
        # A distribution waiting for its admin practice can go ahead now.
        periods = await uow.session.execute(
            select(closed_periods.c.period).where(closed_periods.c.contract_id == event.contract_id)
        )
        for period in periods.scalars().all():
            await distribute_if_ready(uow, event.contract_id, period)


@handlers.on(ContractPerformanceRecorded)
async def performance_recorded(
    uow: UnitOfWork, event: ContractPerformanceRecorded, envelope: Envelope
) -> None:
    # Kept only: the true-up is paid by the run for the quarter's last month.
    await keep_performance(
        uow.session, event.contract_id, event.quarter, event.achievement_percent, envelope.time
    )


@handlers.on(OrganisationRegistered)
async def organisation_registered(
    uow: UnitOfWork, event: OrganisationRegistered, envelope: Envelope
) -> None:
    await keep_organisation(
        uow.session, event.ods_code, event.kind, event.parent_ods, envelope.time
    )
    if event.list_size is not None:
        await keep_list_size(uow.session, event.ods_code, event.list_size, None, envelope.time)


@handlers.on(OrganisationUpdated)
async def organisation_updated(
    uow: UnitOfWork, event: OrganisationUpdated, envelope: Envelope
) -> None:
    await keep_organisation(
        uow.session, event.ods_code, event.kind, event.parent_ods, envelope.time
    )
    if event.list_size is not None:
        await keep_list_size(
            uow.session,
            event.ods_code,
            event.list_size,
            event.list_size_effective_from,
            envelope.time,
        )
