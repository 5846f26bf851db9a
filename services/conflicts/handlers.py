"""Event handlers of the conflicts service: an event in, a command on the domain.

Events arrive in any order and possibly more than once: every handler is an upsert or keyed
by the event, and nothing computed from them is frozen (screening is redone when asked).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from services.conflicts import store
from services.conflicts.screenings import affected
from shared.bus import Handlers
from shared.db import UnitOfWork
from shared.events import Envelope
from shared.events.conflicts import DecisionItemOpened, DecisionItemRefused
from shared.events.contracts import ContractProposed, OrganisationRegistered, OrganisationUpdated
from shared.events.federation import MemberJoined, MemberLeft

handlers = Handlers()

# Item ids derive from the contract so a redelivered or replayed proposal finds its item.
_ITEMS = uuid.UUID("6f1c3e0a-8d7b-4c55-9a51-2d6c0f3b9e17")


async def _refusal(uow: UnitOfWork, event: ContractProposed) -> str | None:
    """Why no item may open for the proposal: a contract is decided only by a committee of its
    own commissioner (docs/security.md, "conflicts"). None when it may."""
    committee_id = event.decision_committee_id
    owner = (
        await uow.session.execute(
            select(store.committees.c.organisation_ods).where(store.committees.c.id == committee_id)
        )
    ).first()
    if owner is None:
        return f"committee {committee_id} is unknown to the conflicts service"
    if owner.organisation_ods != event.commissioner_ods:
        # The other organisation is not named: its committees are its own business.
        return f"committee {committee_id} is not a committee of {event.commissioner_ods}"
    return None


@handlers.on(ContractProposed)
async def open_item(uow: UnitOfWork, event: ContractProposed, envelope: Envelope) -> None:
    if not event.decision_committee_id:
        return
    table = store.items
    existing = await uow.session.execute(
        select(table.c.id).where(table.c.contract_id == event.contract_id)
    )
    if existing.first() is not None:
        return
    refused = await _refusal(uow, event)
    if refused is not None:
        # Nothing to open: contracts rejects the proposal with this reason.
        uow.publish(
            DecisionItemRefused(
                contract_id=event.contract_id,
                committee_id=event.decision_committee_id,
                commissioner_ods=event.commissioner_ods,
                reason=refused,
            )
        )
        return
    item_id = uuid.uuid5(_ITEMS, event.contract_id).hex
    await uow.session.execute(
        insert(table).values(
            id=item_id,
            committee_id=event.decision_committee_id,
            contract_id=event.contract_id,
            contract_kind=event.kind,
            commissioner_ods=event.commissioner_ods,
            provider_ods=event.provider_ods,
            service=event.service,
            status="open",
            opened_at=datetime.now(UTC),
        )
    )
    # What is affected as far as we know now; the screening itself is recomputed when asked.
    orgs = await affected(uow.session, event.provider_ods, event.start_date)
    uow.publish(
        DecisionItemOpened(
            item_id=item_id,
            committee_id=event.decision_committee_id,
            contract_id=event.contract_id,
            affected_ods=orgs,
        )
    )


async def _keep_organisation(uow: UnitOfWork, event: OrganisationRegistered) -> None:
    table = store.organisations
    values = {"kind": event.kind, "name": event.name}
    found = await uow.session.execute(
        select(table.c.ods_code).where(table.c.ods_code == event.ods_code)
    )
    if found.first() is None:
        await uow.session.execute(insert(table).values(ods_code=event.ods_code, **values))
    else:
        await uow.session.execute(
            update(table).where(table.c.ods_code == event.ods_code).values(**values)
        )


@handlers.on(OrganisationRegistered)
async def organisation_registered(
    uow: UnitOfWork, event: OrganisationRegistered, envelope: Envelope
) -> None:
    await _keep_organisation(uow, event)


@handlers.on(OrganisationUpdated)
async def organisation_updated(
    uow: UnitOfWork, event: OrganisationUpdated, envelope: Envelope
) -> None:
    await _keep_organisation(uow, event)


async def _keep_change(uow: UnitOfWork, event: MemberJoined, envelope: Envelope) -> None:
    table = store.membership_changes
    joined = not isinstance(event, MemberLeft)
    # The same fact under another event id (a replay from a rebuilt outbox) changes nothing.
    same = await uow.session.execute(
        select(table.c.event_id).where(
            table.c.federation_ods == event.federation_ods,
            table.c.practice_ods == event.practice_ods,
            table.c.joined.is_(joined),
            table.c.changed_on == event.date,
        )
    )
    if same.first() is not None:
        return
    await uow.session.execute(
        insert(table).values(
            event_id=envelope.id,
            federation_ods=event.federation_ods,
            practice_ods=event.practice_ods,
            joined=joined,
            changed_on=event.date,
        )
    )


@handlers.on(MemberJoined)
async def member_joined(uow: UnitOfWork, event: MemberJoined, envelope: Envelope) -> None:
    await _keep_change(uow, event, envelope)


@handlers.on(MemberLeft)
async def member_left(uow: UnitOfWork, event: MemberLeft, envelope: Envelope) -> None:
    await _keep_change(uow, event, envelope)
