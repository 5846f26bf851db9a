"""Event handlers of the federation service: an event in, a command on the domain.

Events from contracts and payments arrive in any order and possibly more than once (the inbox
skips exact redeliveries); every handler is written so that applying it again, or before an
event it logically follows, leaves the same state.
"""

from __future__ import annotations

from datetime import UTC, datetime

from services.federation.domain.distribution import DistributionRevision
from services.federation.domain.hub import (
    ITEM_OF_SERVICE_KINDS,
    HubTerms,
    TermsEntry,
    versions_from_history,
)
from services.federation.store import (
    history_revision_held,
    keep_distribution,
    keep_federation,
    keep_hub_version,
    keep_organisation,
    lock_contracts,
    replace_hub_history,
)
from shared.bus import Handlers
from shared.db import UnitOfWork
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
ContractEvent = ContractActivated | ContractVaried | ContractTerminated


def paid_per_item(event: ContractEvent) -> bool:
    """An enhanced service paid per item of service in any version of its terms: its claims
    come through the same routes as hub consultations."""
    versions = [entry.payment for entry in event.history or ()] + [event.payment]
    return event.kind in ITEM_OF_SERVICE_KINDS and any(
        p.basis == "item_of_service" for p in versions
    )


async def _keep_organisation(
    uow: UnitOfWork, event: OrganisationRegistered, envelope: Envelope
) -> None:
    await keep_organisation(
        uow.session,
        ods_code=event.ods_code,
        kind=event.kind,
        name=event.name,
        legal_form=event.legal_form,
        parent_ods=event.parent_ods,
        as_of=envelope.time,
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


def _version(
    event: ContractActivated | ContractVaried | ContractTerminated, change: str
) -> HubTerms:
    return HubTerms(
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
        kind=event.kind,
    )


async def _keep_hub_terms(
    uow: UnitOfWork,
    event: ContractActivated | ContractVaried | ContractTerminated,
    envelope: Envelope,
    change: str,
) -> None:
    """Kept for a hub, and for an item-of-service contract (its provider a practice) whose
    claims the practice reports here. A history newer than the one held replaces every version
    of the hub; an event without
    one (published before histories existed) adds its version, unless a history is held, which
    already holds that version as contracts last stated it. So the hub's terms are the same
    whatever order the events arrive in. The federation is known from its hub even before its
    organisation event arrives."""
    if event.kind != "HUB" and not paid_per_item(event):
        return
    session = uow.session
    # Ingest screens against the hub's terms under the same lock, shared.
    await lock_contracts(session, [event.contract_id], shared=False)
    held = await history_revision_held(session, event.contract_id)
    version = _version(event, change)
    now = datetime.now(UTC)
    if event.history is None or event.history_revision is None:
        if held is None:
            await keep_hub_version(session, envelope.id, version, now)
    elif held is None or event.history_revision > held:
        history = [
            TermsEntry(
                effective_from=entry.effective_from,
                end_date=entry.end_date,
                payment=entry.payment.model_dump(mode="json"),
                distribution=entry.distribution.model_dump(mode="json")
                if entry.distribution
                else None,
            )
            for entry in event.history
        ]
        versions = versions_from_history(version, history, event.terminated_on)
        await replace_hub_history(session, envelope.id, event.history_revision, versions, now)
    if event.kind == "HUB":
        await keep_federation(session, event.provider_ods)


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
    """Kept by (contract, period, revision): each revision carries the period's full amounts
    (domain/distribution.py), and one with nothing to move has no transaction id."""
    await keep_distribution(
        uow.session,
        event.contract_id,
        event.federation_ods,
        DistributionRevision(
            period=event.period,
            revision=event.revision,
            income_pence=event.income_pence,
            costs_pence=event.costs_pence,
            retained_pence=event.retained_pence,
            remainder_pence=event.remainder_pence,
            lines=[line.model_dump(mode="json") for line in event.lines],
            transaction_id=event.transaction_id or None,
            note=event.note,
        ),
        datetime.now(UTC),
    )
