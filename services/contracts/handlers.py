"""Event handlers of the contracts service: an event in, a command on the domain."""

from __future__ import annotations

from services.contracts import lifecycle, store
from services.contracts.domain.change import ContractChange
from services.contracts.domain.contract import DecisionEffect, contract_event
from services.contracts.domain.rules import RuleBroken, WrongState
from services.contracts.routes.common import now
from shared.bus import Handlers
from shared.db import UnitOfWork
from shared.events import Envelope
from shared.events.conflicts import CommitteeFormed, DecisionItemRefused, DecisionRecorded
from shared.events.contracts import ContractActivated, ContractRejected
from shared.observability import get_logger

log = get_logger(__name__)

handlers = Handlers()


@handlers.on(DecisionRecorded)
async def on_decision_recorded(uow: UnitOfWork, event: DecisionRecorded, _: Envelope) -> None:
    """A committee's decision on a proposed contract (docs/architecture.md, "The hub saga", step 7),
    or on a change held by the decision gate (found by its item). The inbox skips a redelivered
    event; the domain also ignores a decision on a contract that is no longer proposed, or a change
    no longer awaiting one, so a second decision event for the same item changes nothing."""
    change = await store.get_change(uow.session, item_id=event.item_id)
    if change is not None:
        await _decide_change(uow, change, event)
        return
    contract = await store.get_contract(uow.session, event.contract_id, for_update=True)
    if contract is None:
        log.warning("decision for an unknown contract", contract_id=event.contract_id)
        return
    effect = contract.apply_decision(
        committee_id=event.committee_id,
        item_id=event.item_id,
        outcome=event.outcome,
        quorate=event.quorate,
    )
    log.info(
        "decision applied",
        contract_id=contract.id,
        item_id=event.item_id,
        outcome=event.outcome,
        effect=effect.value,
    )
    if effect is DecisionEffect.NONE:
        return
    await store.save_contract(uow.session, contract)
    if effect is DecisionEffect.ACTIVATED:
        uow.publish(contract_event(ContractActivated, contract))
    else:
        uow.publish(contract_event(ContractRejected, contract, reason=contract.rejection_reason))


async def _decide_change(uow: UnitOfWork, change: ContractChange, event: DecisionRecorded) -> None:
    """An approval (quorate) applies the held change as the route would have applied it at
    once; a rejection leaves the terms as they were; a deferral, or an approval without quorum,
    leaves it awaiting. A change that no longer applies (the contract was terminated meanwhile)
    fails with the reason."""
    if not change.awaiting or event.committee_id != change.committee_id:
        return
    if event.outcome == "rejected":
        change.settle("rejected", now(), f"rejected by decision item {event.item_id}")
    elif event.outcome == "approved" and event.quorate:
        contract = await store.get_contract(uow.session, change.contract_id, for_update=True)
        assert contract is not None  # a change is only ever held for a contract kept here
        try:
            await lifecycle.release(uow, contract, change)
        except (RuleBroken, WrongState) as refused:
            change.settle("failed", now(), f"approved, but no longer applies: {refused}")
        else:
            change.settle("approved", now())
    else:
        return
    log.info("held change decided", change_id=change.id, status=change.status)
    await store.save_change(uow.session, change)


@handlers.on(DecisionItemRefused)
async def on_item_refused(uow: UnitOfWork, event: DecisionItemRefused, _: Envelope) -> None:
    """Conflicts would not open an item for the proposal: the committee it names is unknown or
    not the commissioner's, so nobody can decide it and it is rejected with that reason. A
    refusal for another committee, or for a contract no longer proposed, changes nothing. For
    a held change (``change_id``), the change is refused and the terms stay as they were."""
    if event.change_id is not None:
        change = await store.get_change(uow.session, change_id=event.change_id)
        if change is not None and change.settle("refused", now(), event.reason):
            await store.save_change(uow.session, change)
        return
    contract = await store.get_contract(uow.session, event.contract_id, for_update=True)
    if contract is None:
        log.warning("item refused for an unknown contract", contract_id=event.contract_id)
        return
    if not contract.refuse_item(committee_id=event.committee_id, reason=event.reason):
        return
    log.info("contract rejected: no item", contract_id=contract.id, reason=event.reason)
    await store.save_contract(uow.session, contract)
    uow.publish(contract_event(ContractRejected, contract, reason=contract.rejection_reason))


@handlers.on(CommitteeFormed)
async def on_committee_formed(uow: UnitOfWork, event: CommitteeFormed, _: Envelope) -> None:
    """Whose committee it is, so a proposal naming another commissioner's committee is refused
    at once (routes/contracts.py)."""
    await store.keep_committee(uow.session, event.committee_id, event.organisation_ods)
