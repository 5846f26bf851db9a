"""Event handlers of the payments service: an event in, a command on the domain.

The inbox commits each handler's effects with the event id, so a redelivery is skipped; and
every write below is an idempotent upsert, so events arriving out of order are harmless too.
A fact that changes a period already paid is noted for the next payment run to restate.
"""

from __future__ import annotations

from services.payments.books import insert_unless_exists
from services.payments.readmodels import (
    closed_months_of,
    keep_closed_period,
    keep_organisation,
)
from services.payments.restatements import (
    achievement_recorded,
    activity_restated,
    contract_changed,
    list_size_changed,
    scheme_changed,
)
from services.payments.runs import distribute_if_ready
from services.payments.store import subcontracts
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
    SchemeEnrolled,
    SchemePublished,
    SchemeResultsRecorded,
)
from shared.events.federation import ActivityPeriodClosed, SubcontractIssued

handlers = Handlers()


@handlers.on(ContractActivated)
async def contract_activated(uow: UnitOfWork, event: ContractActivated, _: Envelope) -> None:
    await contract_changed(uow, event)


@handlers.on(ContractVaried)
async def contract_varied(uow: UnitOfWork, event: ContractVaried, _: Envelope) -> None:
    await contract_changed(uow, event)


@handlers.on(ContractTerminated)
async def contract_terminated(uow: UnitOfWork, event: ContractTerminated, _: Envelope) -> None:
    await contract_changed(uow, event)


@handlers.on(ActivityPeriodClosed)
async def period_closed(uow: UnitOfWork, event: ActivityPeriodClosed, envelope: Envelope) -> None:
    if not await keep_closed_period(uow.session, event):
        return  # an older revision, late
    if event.revision > 1:
        await activity_restated(uow, event.contract_id, event.period, event.revision)
    # The income may already be posted: then this event is the last input (for restated
    # counts at tariff, the next run pays the difference first, then redistributes).
    await distribute_if_ready(uow, event.contract_id, [event.period])


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
        months = await closed_months_of(uow.session, event.contract_id)
        await distribute_if_ready(uow, event.contract_id, months)


@handlers.on(ContractPerformanceRecorded)
async def performance_recorded(
    uow: UnitOfWork, event: ContractPerformanceRecorded, envelope: Envelope
) -> None:
    await achievement_recorded(uow, event, envelope.time)


@handlers.on(OrganisationRegistered)
async def organisation_registered(
    uow: UnitOfWork, event: OrganisationRegistered, envelope: Envelope
) -> None:
    await keep_organisation(
        uow.session, event.ods_code, event.kind, event.parent_ods, envelope.time
    )
    await list_size_changed(uow, event, envelope.time)


@handlers.on(OrganisationUpdated)
async def organisation_updated(
    uow: UnitOfWork, event: OrganisationUpdated, envelope: Envelope
) -> None:
    await keep_organisation(
        uow.session, event.ods_code, event.kind, event.parent_ods, envelope.time
    )
    await list_size_changed(uow, event, envelope.time)


@handlers.on(SchemePublished)
async def scheme_published(uow: UnitOfWork, event: SchemePublished, envelope: Envelope) -> None:
    await scheme_changed(uow, event, envelope.time)


@handlers.on(SchemeEnrolled)
async def scheme_enrolled(uow: UnitOfWork, event: SchemeEnrolled, envelope: Envelope) -> None:
    await scheme_changed(uow, event, envelope.time)


@handlers.on(SchemeResultsRecorded)
async def scheme_results_recorded(
    uow: UnitOfWork, event: SchemeResultsRecorded, envelope: Envelope
) -> None:
    await scheme_changed(uow, event, envelope.time)
