"""Event handlers of the conflicts service: an event in, a command on the domain.

Events arrive in any order and possibly more than once: every handler is an upsert or keyed
by the event, and nothing computed from them is frozen (screening is redone when asked).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert, select, update

from services.conflicts import store
from services.conflicts.contract_views import keep_contract
from services.conflicts.screenings import affected
from shared.bus import Handlers
from shared.db import UnitOfWork
from shared.events import Envelope
from shared.events.conflicts import DecisionItemOpened, DecisionItemRefused, decision_item_id
from shared.events.contracts import (
    ContractActivated,
    ContractChangeProposed,
    ContractExpired,
    ContractProposed,
    ContractRejected,
    ContractTerminated,
    ContractVaried,
    OrganisationRegistered,
    OrganisationUpdated,
)
from shared.events.federation import MemberJoined, MemberLeft

handlers = Handlers()


async def _refusal(uow: UnitOfWork, committee_id: str, commissioner_ods: str) -> str | None:
    """Why no item may open: a contract, or a change to one, is decided only by a committee of
    its own commissioner (docs/security.md, "conflicts"). None when it may."""
    owner = (
        await uow.session.execute(
            select(store.committees.c.organisation_ods).where(store.committees.c.id == committee_id)
        )
    ).first()
    if owner is None:
        return f"committee {committee_id} is unknown to the conflicts service"
    if owner.organisation_ods != commissioner_ods:
        # The other organisation is not named: its committees are its own business.
        return f"committee {committee_id} is not a committee of {commissioner_ods}"
    return None


async def _open(
    uow: UnitOfWork,
    event: ContractProposed | ContractChangeProposed,
    committee_id: str,
    on: date,
) -> None:
    """Opens the item on a proposal, or on a change the decision gate holds: one item per
    subject, whose id derives from it, so a redelivered or replayed event finds its item."""
    change = event if isinstance(event, ContractChangeProposed) else None
    item_id = decision_item_id(change.change_id if change else event.contract_id)
    table = store.items
    existing = await uow.session.execute(select(table.c.id).where(table.c.id == item_id))
    if existing.first() is not None:
        return
    refused = await _refusal(uow, committee_id, event.commissioner_ods)
    if refused is not None:
        # Nothing to open: contracts rejects the proposal, or refuses the change, with this.
        uow.publish(
            DecisionItemRefused(
                contract_id=event.contract_id,
                committee_id=committee_id,
                commissioner_ods=event.commissioner_ods,
                reason=refused,
                change_id=change.change_id if change else None,
            )
        )
        return
    await uow.session.execute(
        insert(table).values(
            id=item_id,
            committee_id=committee_id,
            contract_id=event.contract_id,
            contract_kind=event.kind,
            commissioner_ods=event.commissioner_ods,
            provider_ods=event.provider_ods,
            service=event.service,
            status="open",
            opened_at=datetime.now(UTC),
            subject=change.change_kind if change else "proposal",
            change_id=change.change_id if change else None,
            change_reason=change.reason if change else None,
            effective_from=on if change else None,
        )
    )
    # What is affected as far as we know now; the screening itself is recomputed when asked.
    orgs = await affected(uow.session, event.provider_ods, on)
    uow.publish(
        DecisionItemOpened(
            item_id=item_id,
            committee_id=committee_id,
            contract_id=event.contract_id,
            affected_ods=orgs,
            change_id=change.change_id if change else None,
            change_kind=change.change_kind if change else None,
        )
    )


@handlers.on(ContractProposed)
async def open_item(uow: UnitOfWork, event: ContractProposed, envelope: Envelope) -> None:
    await keep_contract(uow.session, event)
    if not event.decision_committee_id:
        return
    await _open(uow, event, event.decision_committee_id, event.start_date)


@handlers.on(ContractChangeProposed)
async def open_change_item(
    uow: UnitOfWork, event: ContractChangeProposed, envelope: Envelope
) -> None:
    """A variation or termination the decision gate holds at contracts: its own item, decided
    like a proposal, and screened on the organisations affected from the day it takes effect."""
    await _open(uow, event, event.committee_id, event.effective_from)


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


# The contracts read model screening looks across (contract_views.py); a proposal is kept by
# open_item.
@handlers.on(ContractActivated)
async def contract_activated(uow: UnitOfWork, event: ContractActivated, envelope: Envelope) -> None:
    await keep_contract(uow.session, event)


@handlers.on(ContractVaried)
async def contract_varied(uow: UnitOfWork, event: ContractVaried, envelope: Envelope) -> None:
    await keep_contract(uow.session, event)


@handlers.on(ContractRejected)
async def contract_rejected(uow: UnitOfWork, event: ContractRejected, envelope: Envelope) -> None:
    await keep_contract(uow.session, event)


@handlers.on(ContractTerminated)
async def contract_terminated(
    uow: UnitOfWork, event: ContractTerminated, envelope: Envelope
) -> None:
    await keep_contract(uow.session, event)


@handlers.on(ContractExpired)
async def contract_expired(uow: UnitOfWork, event: ContractExpired, envelope: Envelope) -> None:
    await keep_contract(uow.session, event)
