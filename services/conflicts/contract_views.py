"""The contracts read model screening looks across (store.contracts), kept from contract events.

Events for one contract may arrive in any order and more than once (an activation before its
proposal): a row is replaced only by an event at least as new, judged by ``history_revision``
(bumped by every variation and termination) and then by how far along its status is, so the
same facts leave the same row whatever the order.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.conflicts import store
from shared.events.contracts import (
    ContractActivated,
    ContractExpired,
    ContractProposed,
    ContractRejected,
    ContractTerminated,
    ContractVaried,
)

ContractEvent = (
    ContractProposed
    | ContractActivated
    | ContractVaried
    | ContractRejected
    | ContractTerminated
    | ContractExpired
)

# Proposed, then active, then a final status; an older status never overwrites a later one.
_RANK = {"proposed": 0, "active": 1, "rejected": 2, "terminated": 2, "expired": 2}


async def keep_contract(session: AsyncSession, event: ContractEvent) -> None:
    """Keep what ``event`` (any contract event: they share their fields) says of its contract,
    unless the row already holds something newer."""
    table = store.contracts
    values = {
        "commissioner_ods": event.commissioner_ods,
        "provider_ods": event.provider_ods,
        "kind": event.kind,
        "service": event.service,
        "parent_contract_id": event.parent_contract_id,
        "status": event.status,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "terminated_on": event.terminated_on,
        "history_revision": event.history_revision or 0,
        "status_rank": _RANK.get(event.status, 0),
    }
    held = (
        await session.execute(
            select(table.c.history_revision, table.c.status_rank)
            .where(table.c.id == event.contract_id)
            .with_for_update()
        )
    ).first()
    if held is None:
        await session.execute(insert(table).values(id=event.contract_id, **values))
    elif (values["history_revision"], values["status_rank"]) >= tuple(held):
        await session.execute(update(table).where(table.c.id == event.contract_id).values(**values))
