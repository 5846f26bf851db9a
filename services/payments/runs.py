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
from datetime import UTC, date, datetime

from sqlalchemy import func, select, text

from services.payments.books import Entry, claim, post
from services.payments.domain.bases import (
    MonthValue,
    Netted,
    annual_value,
    is_quarter_end,
    net_against_owed,
    quarter_months,
    quarter_of,
    quarter_paid_in_arrears,
    true_up,
    upfront_instalment,
)
from services.payments.domain.distribution import (
    AdminPracticeUnknown,
    Distribution,
    Line,
    distribute,
    tariff_income,
)
from services.payments.domain.ledger import Posting, Transaction, account_code
from services.payments.domain.schedule import block_instalment, months_between
from services.payments.readmodels import (
    ContractInForce,
    achievement,
    admin_practice,
    closed_period,
    contracts_in_force,
    list_size_in_force,
)
from services.payments.store import (
    contracts,
    distributions,
    ledger_transactions,
    payment_runs,
    payments,
    postings,
)
from shared.db import UnitOfWork
from shared.events.payments import DistributionCompleted, DistributionLine, PaymentPosted


@dataclass(frozen=True)
class Due:
    basis: str
    revision: int
    amount_pence: int


async def amounts_due(uow: UnitOfWork, contract: ContractInForce, period: str) -> list[Due]:
    """What a contract in force in ``period`` is due for it (quarterly arrears are found by
    :func:`arrears_due`, since the quarter paid may have ended with the contract)."""
    terms = contract.payment
    if terms.basis == "tariff":
        if terms.tariff is None:
            return []
        closed = await closed_period(uow.session, contract.contract_id, period)
        if closed is None:
            return []  # tariff is paid on closed activity only
        income = tariff_income(terms.tariff.first_pence, terms.tariff.follow_up_pence, closed.work)
        # A restated period pays the difference from what earlier revisions paid.
        already = await paid(uow, contract.contract_id, period, "tariff")
        return [Due("tariff", closed.revision, income - already)]
    value = await _month_value(uow, contract, period)
    if value is None:
        return []
    if terms.schedule == "monthly":
        return [Due(terms.basis, 1, value.full_pence)] if value.full_pence else []
    if terms.schedule == "monthly_upfront_true_up":
        due = [Due("upfront", 1, value.upfront_pence)] if value.upfront_pence else []
        if is_quarter_end(period) and (trued := await _true_up_due(uow, contract, period)):
            due.append(trued)
        return due
    return []


async def _month_value(
    uow: UnitOfWork, contract: ContractInForce, period: str
) -> MonthValue | None:
    """A month's full value under the terms in force for it, and what is paid up front."""
    terms = contract.payment
    list_size = None
    if terms.basis == "per_head":
        list_size = await list_size_in_force(uow.session, contract.provider_ods, period)
    annual = annual_value(terms.basis, terms.annual_value_pence, terms.per_head_pence, list_size)
    months = months_between(date(contract.start_date.year, contract.start_date.month, 1), period)
    if annual is None or months < 0:
        return None
    full = block_instalment(annual, months % 12)
    if terms.schedule != "monthly_upfront_true_up" or terms.upfront_percent is None:
        return MonthValue(full, full)  # paid in full: nothing to true up
    return MonthValue(full, upfront_instalment(annual, terms.upfront_percent, months % 12))


async def _true_up_due(uow: UnitOfWork, contract: ContractInForce, period: str) -> Due | None:
    """At a quarter's end, once its KPI achievement is recorded: what the quarter earned less
    what was paid up front and by earlier true-ups (a restated achievement pays the difference)."""
    quarter = quarter_of(period)
    recorded = await achievement(uow.session, contract.contract_id, quarter)
    if recorded is None:
        return None  # waits: a later run for this period pays it
    percent, revision = recorded
    months = []
    for month in quarter_months(quarter):
        found = await contracts_in_force(uow.session, month, contract.contract_id)
        if found and (value := await _month_value(uow, found[0], month)) is not None:
            months.append(value)
    already = await paid(uow, contract.contract_id, period, "true_up")
    return Due("true_up", revision, true_up(months, percent) - already)


async def arrears_due(
    uow: UnitOfWork, period: str, commissioner_ods: str | None
) -> list[tuple[ContractInForce, Due]]:
    """Quarterly-in-arrears contracts: the previous quarter's value, paid in ``period`` (the
    month after it), month by month on the terms in force then."""
    quarter = quarter_paid_in_arrears(period)
    if quarter is None:
        return []
    owed: dict[str, tuple[ContractInForce, int]] = {}
    for month in quarter_months(quarter):
        for contract in await contracts_in_force(uow.session, month):
            if contract.payment.schedule != "quarterly_arrears":
                continue
            if commissioner_ods is not None and contract.commissioner_ods != commissioner_ods:
                continue
            value = await _month_value(uow, contract, month)
            before = owed.get(contract.contract_id, (contract, 0))[1]
            owed[contract.contract_id] = (contract, before + (value.full_pence if value else 0))
    return [
        (contract, Due(contract.payment.basis, 1, amount))
        for _, (contract, amount) in sorted(owed.items())
        if amount
    ]


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
        {
            "id": run_id,
            "period": period,
            "requested_by": requested_by,
            "created_at": now,
            "commissioner_ods": commissioner_ods,
        },
    )
    posted: list[PaymentPosted] = []
    completed: list[DistributionCompleted] = []
    arrears = await arrears_due(uow, period, commissioner_ods)
    for contract, due in arrears:
        if (payment := await pay(uow, run_id, contract, period, due)) is not None:
            posted.append(payment)
    for contract in await contracts_in_force(uow.session, period):
        if commissioner_ods is not None and contract.commissioner_ods != commissioner_ods:
            continue
        for due in await amounts_due(uow, contract, period):
            if (payment := await pay(uow, run_id, contract, period, due)) is not None:
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
    commissioner = account_code("commissioner", contract.commissioner_ods)
    recovery = due.amount_pence < 0  # an over-payment: provider back to commissioner
    kind = "recovery" if recovery else "payment"
    memo = f"{due.basis} {kind} {period} revision {due.revision}"
    await post(
        uow.session,
        Entry(kind, contract.contract_id, period, due.basis, memo),
        Transaction.payment(payee, commissioner, -due.amount_pence, memo)
        if recovery
        else Transaction.payment(commissioner, payee, due.amount_pence, memo),
        transaction_id=transaction_id,
    )
    parties = (contract.commissioner_ods, contract.provider_ods)
    payer, payee_ods = reversed(parties) if recovery else parties
    event = PaymentPosted(
        double_funding_contract_ids=(
            [] if recovery else await _same_service_paid(uow, contract, period)
        ),
        transaction_id=transaction_id,
        contract_id=contract.contract_id,
        period=period,
        payer_ods=payer,
        payee_ods=payee_ods,
        amount_pence=abs(due.amount_pence),
        basis=due.basis,
        recovery=recovery,
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
    changes = _changes(result, previous)
    owed = await _owed(uow, contract.provider_ods, set(changes))
    netting = {ods: net_against_owed(d, owed.get(ods, 0)) for ods, d in changes.items()}
    transaction_id = f"txn_{uuid.uuid4().hex}"
    lines = [_line_out(line, netting.get(line.practice_ods)) for line in result.lines]
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
    transaction = _fan_out(contract.provider_ods, result, netting)
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


async def _owed(uow: UnitOfWork, federation_ods: str, practices: set[str]) -> dict[str, int]:
    """What each practice owes this federation: minus the balance of its ``owed`` account
    over the federation's contracts (negative shares carried, less what was netted since)."""
    if not practices:
        return {}
    if uow.session.get_bind().dialect.name == "postgresql":
        # Two hub contracts of one federation distributing at once must not both net the same
        # sum owed: serialise on the federation until this transaction commits.
        await uow.session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
            {"key": f"payments-owed:{federation_ods}"},
        )
    rows = await uow.session.execute(
        select(postings.c.account, func.sum(postings.c.amount_pence))
        .join(ledger_transactions, ledger_transactions.c.id == postings.c.transaction_id)
        .join(contracts, contracts.c.contract_id == ledger_transactions.c.contract_id)
        .where(contracts.c.provider_ods == federation_ods)
        .where(postings.c.account.in_([account_code("owed", ods) for ods in practices]))
        .group_by(postings.c.account)
    )
    return {account.partition(":")[2]: max(0, -int(total)) for account, total in rows.all()}


def _changes(result: Distribution, previous: dict[str, int]) -> dict[str, int]:
    """Each practice's change: its total, or for a restatement its difference from before."""
    totals = {line.practice_ods: line.total_pence for line in result.lines}
    return {ods: totals.get(ods, 0) - previous.get(ods, 0) for ods in sorted({*totals, *previous})}


def _fan_out(
    federation_ods: str, result: Distribution, netting: dict[str, Netted]
) -> Transaction | None:
    """Hub pot -> practices: what each is paid, what is netted against the sum it owed (its
    ``owed`` account goes back up) and a negative share carried as owed (the account goes down)."""
    consultations = {line.practice_ods: line.consultations for line in result.lines}
    legs = []
    for ods, n in netting.items():
        if n.paid_pence:
            legs.append(
                Posting(
                    account_code("provider", ods),
                    n.paid_pence,
                    consultations.get(ods, 0),
                    "hub share",
                )
            )
        if n.netted_pence:
            legs.append(
                Posting(account_code("owed", ods), n.netted_pence, None, "netted against sum owed")
            )
        if n.carried_pence:
            legs.append(
                Posting(account_code("owed", ods), -n.carried_pence, None, "negative share carried")
            )
    if not legs:
        return None
    out = -sum(leg.amount_pence for leg in legs)
    return Transaction(
        (Posting(account_code("federation", federation_ods), out, None, "hub fan-out"), *legs)
    )


def _line_out(line: Line, netted: Netted | None) -> DistributionLine:
    return DistributionLine(
        netted_pence=netted.netted_pence if netted else 0,
        carried_pence=netted.carried_pence if netted else 0,
        practice_ods=line.practice_ods,
        consultations=line.consultations,
        share_pence=line.share_pence,
        admin_pence=line.admin_pence,
        premises_pence=line.premises_pence,
        clinician_fees_pence=line.clinician_fees_pence,
        total_pence=line.total_pence,
    )
