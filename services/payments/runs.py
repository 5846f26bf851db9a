"""Payment runs and distributions: the commands that move money, each exactly once.

A payment claims its row in ``payments`` (unique per contract, period, basis and revision)
before it posts anything, and a distribution claims its row in ``distributions`` the same
way; a second run, a concurrent run or a redelivered event finds the row taken and does
nothing. A distribution happens when its last input arrives: the income posted (by a run)
or the period closed (by an event), in either order.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from services.payments.books import Entry, claim, post
from services.payments.domain.distribution import (
    AdminPracticeUnknown,
    Distribution,
    Line,
    distribute,
    tariff_income,
)
from services.payments.domain.ledger import Posting, Transaction, account_code
from services.payments.domain.schedule import block_instalment_due
from services.payments.readmodels import (
    ContractInForce,
    admin_practice,
    closed_period,
    contracts_in_force,
)
from services.payments.store import contracts, distributions, payment_runs, payments
from shared.db import UnitOfWork
from shared.events.payments import DistributionCompleted, DistributionLine, PaymentPosted


@dataclass(frozen=True)
class Due:
    basis: str
    revision: int
    amount_pence: int


async def amount_due(uow: UnitOfWork, contract: ContractInForce, period: str) -> Due | None:
    terms = contract.payment
    if terms.basis == "block" and terms.schedule == "monthly" and terms.annual_value_pence:
        amount = block_instalment_due(terms.annual_value_pence, contract.start_date, period)
        return Due("block", 1, amount) if amount else None
    if terms.basis == "tariff" and terms.tariff is not None:
        closed = await closed_period(uow.session, contract.contract_id, period)
        if closed is None:
            return None  # tariff is paid on closed activity only
        income = tariff_income(terms.tariff.first_pence, terms.tariff.follow_up_pence, closed.work)
        # A restated period pays the difference from what earlier revisions paid.
        already = await paid(uow, contract.contract_id, period, "tariff")
        return Due("tariff", closed.revision, income - already)
    return None  # other schedules and per-head are not paid by runs yet


async def paid(uow: UnitOfWork, contract_id: str, period: str, basis: str | None = None) -> int:
    query = select(func.coalesce(func.sum(payments.c.amount_pence), 0)).where(
        (payments.c.contract_id == contract_id) & (payments.c.period == period)
    )
    if basis is not None:
        query = query.where(payments.c.basis == basis)
    return int((await uow.session.execute(query)).scalar_one())


async def run_payments(
    uow: UnitOfWork, period: str, requested_by: str, commissioner_ods: str | None
) -> tuple[str, list[PaymentPosted], list[DistributionCompleted]]:
    """Pay every instalment due in ``period`` not already paid; then distribute hubs."""
    run_id = f"run_{uuid.uuid4().hex}"
    now = datetime.now(UTC)
    await claim(
        uow.session,
        payment_runs,
        {"id": run_id, "period": period, "requested_by": requested_by, "created_at": now},
    )
    posted: list[PaymentPosted] = []
    completed: list[DistributionCompleted] = []
    for contract in await contracts_in_force(uow.session, period):
        if commissioner_ods is not None and contract.commissioner_ods != commissioner_ods:
            continue
        due = await amount_due(uow, contract, period)
        if due is not None:
            payment = await pay(uow, run_id, contract, period, due)
            if payment is not None:
                posted.append(payment)
        if contract.is_hub:
            done = await distribute_if_ready(uow, contract.contract_id, period)
            if done is not None:
                completed.append(done)
    return run_id, posted, completed


async def pay(
    uow: UnitOfWork, run_id: str, contract: ContractInForce, period: str, due: Due
) -> PaymentPosted | None:
    transaction_id = f"txn_{uuid.uuid4().hex}"
    claimed = await claim(
        uow.session,
        payments,
        {
            "id": f"pay_{uuid.uuid4().hex}",
            "run_id": run_id,
            "transaction_id": transaction_id,
            "contract_id": contract.contract_id,
            "period": period,
            "basis": due.basis,
            "revision": due.revision,
            "payer_ods": contract.commissioner_ods,
            "payee_ods": contract.provider_ods,
            "amount_pence": due.amount_pence,
            "posted_at": datetime.now(UTC),
        },
    )
    if not claimed or due.amount_pence == 0:
        return None  # already paid by another run, or a restatement that changed nothing
    payee = account_code("federation" if contract.is_hub else "provider", contract.provider_ods)
    memo = f"{due.basis} {period} revision {due.revision}"
    await post(
        uow.session,
        Entry("payment", contract.contract_id, period, due.basis, memo),
        Transaction.payment(
            account_code("commissioner", contract.commissioner_ods), payee, due.amount_pence, memo
        ),
        transaction_id=transaction_id,
    )
    event = PaymentPosted(
        double_funding_contract_ids=await _same_service_paid(uow, contract, period),
        transaction_id=transaction_id,
        contract_id=contract.contract_id,
        period=period,
        payer_ods=contract.commissioner_ods,
        payee_ods=contract.provider_ods,
        amount_pence=due.amount_pence,
        basis=due.basis,
    )
    uow.publish(event)
    return event


async def _same_service_paid(uow: UnitOfWork, contract: ContractInForce, period: str) -> list[str]:
    query = (
        select(payments.c.contract_id)
        .distinct()
        .join(contracts, contracts.c.contract_id == payments.c.contract_id)
        .where(payments.c.period == period)
        .where(payments.c.payee_ods == contract.provider_ods)
        .where(payments.c.contract_id != contract.contract_id)
        .where(contracts.c.service == contract.service)
        .order_by(payments.c.contract_id)
    )
    return list((await uow.session.execute(query)).scalars())


async def distribute_if_ready(
    uow: UnitOfWork, contract_id: str, period: str
) -> DistributionCompleted | None:
    """Distribute a hub's period once its income is posted and its activity closed."""
    found = await contracts_in_force(uow.session, period, contract_id)
    if not found or (rule := found[0].rule) is None:
        return None
    contract = found[0]
    closed = await closed_period(uow.session, contract_id, period)
    if closed is None or not await _income_posted_for(uow, contract, period, closed.revision):
        return None
    income = await paid(uow, contract_id, period)
    admin = await admin_practice(uow.session, contract_id, period)
    try:
        result = distribute(
            income, rule, patients=closed.patients, admin_ods=admin, work=closed.work
        )
    except AdminPracticeUnknown:
        return None  # pending until a subcontract names the admin practice
    previous = await _previous_lines(uow, contract_id, period, closed.revision)
    transaction_id = f"txn_{uuid.uuid4().hex}"
    lines = [_line_out(line) for line in result.lines]
    claimed = await claim(
        uow.session,
        distributions,
        {
            "id": f"dist_{uuid.uuid4().hex}",
            "contract_id": contract_id,
            "period": period,
            "revision": closed.revision,
            "federation_ods": contract.provider_ods,
            "transaction_id": transaction_id,
            "income_pence": result.income_pence,
            "costs_pence": result.costs_pence,
            "retained_pence": result.retained_pence,
            "remainder_pence": result.remainder_pence,
            "lines": [line.model_dump() for line in lines],
            "note": result.note,
            "created_at": datetime.now(UTC),
        },
    )
    if not claimed:
        return None
    transaction = _fan_out(contract.provider_ods, result, previous)
    if transaction is not None:
        kind = "adjustment" if previous else "distribution"
        await post(
            uow.session,
            Entry(kind, contract_id, period, contract.payment.basis, f"{kind} {period}"),
            transaction,
            transaction_id=transaction_id,
        )
    event = DistributionCompleted(
        contract_id=contract_id,
        federation_ods=contract.provider_ods,
        period=period,
        transaction_id=transaction_id if transaction is not None else "",
        income_pence=result.income_pence,
        costs_pence=result.costs_pence,
        retained_pence=result.retained_pence,
        remainder_pence=result.remainder_pence,
        lines=lines,
        note=result.note,
        revision=closed.revision,
    )
    uow.publish(event)
    return event


async def _income_posted_for(
    uow: UnitOfWork, contract: ContractInForce, period: str, revision: int
) -> bool:
    query = select(payments.c.id).where(
        (payments.c.contract_id == contract.contract_id) & (payments.c.period == period)
    )
    if contract.payment.basis == "tariff":
        # Restated counts are distributed only once the income for them has been paid.
        query = query.where(payments.c.revision == revision)
    return (await uow.session.execute(query.limit(1))).first() is not None


async def _previous_lines(
    uow: UnitOfWork, contract_id: str, period: str, revision: int
) -> dict[str, int]:
    row = (
        await uow.session.execute(
            select(distributions.c.lines)
            .where(distributions.c.contract_id == contract_id)
            .where(distributions.c.period == period)
            .where(distributions.c.revision < revision)
            .order_by(distributions.c.revision.desc())
            .limit(1)
        )
    ).first()
    return {} if row is None else {line["practice_ods"]: line["total_pence"] for line in row.lines}


def _fan_out(
    federation_ods: str, result: Distribution, previous: dict[str, int]
) -> Transaction | None:
    """Hub pot -> practices; for a restatement, only the difference from what was paid."""
    totals = {line.practice_ods: line.total_pence for line in result.lines}
    owed = {ods: totals.get(ods, 0) - previous.get(ods, 0) for ods in sorted({*totals, *previous})}
    consultations = {line.practice_ods: line.consultations for line in result.lines}
    legs = [
        Posting(account_code("provider", ods), amount, consultations.get(ods, 0), "hub share")
        for ods, amount in owed.items()
        if amount
    ]
    if not legs:
        return None
    out = -sum(leg.amount_pence for leg in legs)
    return Transaction(
        (Posting(account_code("federation", federation_ods), out, None, "hub fan-out"), *legs)
    )


def _line_out(line: Line) -> DistributionLine:
    return DistributionLine(
        practice_ods=line.practice_ods,
        consultations=line.consultations,
        share_pence=line.share_pence,
        admin_pence=line.admin_pence,
        premises_pence=line.premises_pence,
        clinician_fees_pence=line.clinician_fees_pence,
        total_pence=line.total_pence,
    )
