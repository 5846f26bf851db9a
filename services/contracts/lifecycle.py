"""The changes to a contract in force, applied in one place whether a route makes them at once
or a committee's approval releases them (``handlers.py``): the domain's command, the rows it
rewrites and the event it publishes, in the caller's unit of work (the caller commits).

Under its commissioner's decision policy a variation or termination of a gated contract is not
applied but held (``hold``): checked now exactly as it would be applied, recorded with the
decision item that must approve it, and published for conflicts to open that item.
"""

from __future__ import annotations

import copy
import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError

from services.contracts import store
from services.contracts.domain.change import ContractChange
from services.contracts.domain.contract import Contract, Variation, check_committee, contract_event
from services.contracts.domain.rules import RuleBroken
from services.contracts.routes.common import now
from services.contracts.schemas import NewVariation, Termination
from shared.db import UnitOfWork
from shared.events.conflicts import decision_item_id
from shared.events.contracts import (
    ChangeKindName,
    ContractChangeProposed,
    ContractTerminated,
    ContractVaried,
)
from shared.problems import Conflict

ChangeBody = NewVariation | Termination


def change_kind(body: ChangeBody) -> ChangeKindName:
    return "variation" if isinstance(body, NewVariation) else "termination"


def _first_day(body: ChangeBody) -> date:
    """The first day the change takes effect."""
    return body.effective_from if isinstance(body, NewVariation) else body.effective_on


async def vary(uow: UnitOfWork, contract: Contract, body: NewVariation) -> Variation:
    variation = contract.vary(
        effective_from=body.effective_from,
        change=body.changes.change(),
        reason=body.reason,
        recorded_at=now(),
    )
    try:
        await store.save_variation(uow.session, contract, variation)
    except IntegrityError:  # another variation of this contract was recorded meanwhile
        raise Conflict(
            f"another variation of contract {contract.id} was recorded at the same time; read "
            "the contract and try again"
        ) from None
    uow.publish(
        contract_event(
            ContractVaried,
            contract,
            terms=contract.version_on(variation.effective_from),
            reason=body.reason,
        )
    )
    return variation


async def terminate(uow: UnitOfWork, contract: Contract, body: Termination) -> None:
    contract.terminate(effective_on=body.effective_on, reason=body.reason)
    await store.save_contract(uow.session, contract)
    uow.publish(
        contract_event(
            ContractTerminated, contract, effective_from=body.effective_on, reason=body.reason
        )
    )


def _dry_run(contract: Contract, body: ChangeBody) -> None:
    """Refuses the change now, as applying it would (on a copy: nothing changes)."""
    trial = copy.deepcopy(contract)
    if isinstance(body, NewVariation):
        trial.vary(
            effective_from=body.effective_from,
            change=body.changes.change(),
            reason=body.reason,
            recorded_at=now(),
        )
    else:
        trial.terminate(effective_on=body.effective_on, reason=body.reason)


async def hold(uow: UnitOfWork, contract: Contract, body: ChangeBody) -> ContractChange:
    """Records the change to await its committee's decision, and publishes it."""
    _dry_run(contract, body)
    committee_id = body.decision_committee_id or contract.decision_committee_id
    if committee_id is None:
        raise RuleBroken(
            "decision_committee_id",
            f"contract {contract.id} names no decision committee, and its commissioner's "
            "decision policy gates this change: name the committee that must decide it",
        )
    check_committee(
        committee_id,
        contract.commissioner_ods,
        await store.committee_owner(uow.session, committee_id),
    )
    change_id = uuid.uuid4().hex
    change = ContractChange(
        id=change_id,
        contract_id=contract.id,
        number=await store.next_change_number(uow.session, contract.id),
        kind=change_kind(body),
        request=body.model_dump(mode="json", exclude_unset=True),
        committee_id=committee_id,
        item_id=decision_item_id(change_id),
        effective_from=_first_day(body),
        reason=body.reason,
        recorded_at=now(),
    )
    await store.add_change(uow.session, change)
    uow.publish(
        ContractChangeProposed(
            contract_id=contract.id,
            change_id=change.id,
            change_kind=change.kind,
            item_id=change.item_id,
            committee_id=committee_id,
            commissioner_ods=contract.commissioner_ods,
            provider_ods=contract.provider_ods,
            kind=contract.kind,
            service=contract.service,
            effective_from=change.effective_from,
            reason=change.reason,
        )
    )
    return change


async def release(uow: UnitOfWork, contract: Contract, change: ContractChange) -> None:
    """Applies an approved change, exactly as the route would have applied it at once."""
    if change.kind == "variation":
        await vary(uow, contract, NewVariation.model_validate(change.request))
    else:
        await terminate(uow, contract, Termination.model_validate(change.request))
