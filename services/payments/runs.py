"""Payment runs and distributions: the commands that move money, each exactly once.

A payment claims its row in ``payments`` (unique per contract, period, basis and revision)
before it posts anything, and a distribution claims its row in ``distributions`` the same
way; a second run, a concurrent run or a redelivered event finds the row taken and does
nothing. A distribution happens when its last input arrives: the income posted (by a run)
or the period closed (by an event), in either order.

A run reads what it needs for every contract at once and writes in a few statements whatever
the number of contracts: all its payments (claimed in the order due, contract id order), then
all its distributions. Month end for England (1,250 hubs) is otherwise some 38,000 round trips.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import func, select, text

from services.payments.books import Entry, claim, claim_all, post_all
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
    ClosedPeriod,
    ContractInForce,
    achievement,
    admin_practices,
    chunked,
    closed_periods_of,
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


@dataclass
class Paid:
    """What ``payments`` holds for a period, by contract: the sum per basis, and the revisions
    paid (restated tariff counts are distributed only once the income for them is paid)."""

    by_basis: dict[str, dict[str, int]] = field(default_factory=dict)
    revisions: dict[str, set[int]] = field(default_factory=dict)

    def of(self, contract_id: str, basis: str | None = None) -> int:
        paid = self.by_basis.get(contract_id, {})
        return sum(paid.values()) if basis is None else paid.get(basis, 0)


async def paid_in(uow: UnitOfWork, period: str, contract_ids: list[str]) -> Paid:
    found = Paid()
    for ids in chunked(contract_ids):
        rows = await uow.session.execute(
            select(
                payments.c.contract_id,
                payments.c.basis,
                payments.c.revision,
                func.sum(payments.c.amount_pence),
            )
            .where(payments.c.contract_id.in_(ids))
            .where(payments.c.period == period)
            .group_by(payments.c.contract_id, payments.c.basis, payments.c.revision)
        )
        for contract_id, basis, revision, amount in rows.all():
            paid = found.by_basis.setdefault(contract_id, {})
            paid[basis] = paid.get(basis, 0) + int(amount)
            found.revisions.setdefault(contract_id, set()).add(revision)
    return found


class WaitingReason(StrEnum):
    """Why a run could not pay something due in its period yet; a later run pays it."""

    PERIOD_NOT_CLOSED = "period_not_closed"
    ACHIEVEMENT_NOT_RECORDED = "achievement_not_recorded"


@dataclass(frozen=True)
class Waiting:
    contract_id: str
    reason: WaitingReason
    detail: str


async def amounts_due(
    uow: UnitOfWork,
    contract: ContractInForce,
    period: str,
    closed: ClosedPeriod | None,
    already: Paid,
) -> tuple[list[Due], Waiting | None]:
    """What a contract in force in ``period`` is due for it, given its closed period (if
    any) and what is paid for the period already (quarterly arrears are found by
    :func:`arrears_due`, since the quarter paid may have ended with the contract); and what
    it waits for, if part of it cannot be paid yet."""
    terms = contract.payment
    if terms.basis == "tariff":
        if terms.tariff is None:
            return [], None
        if closed is None:  # tariff is paid on closed activity only
            detail = f"the federation has not closed {period} for this contract"
            return [], Waiting(contract.contract_id, WaitingReason.PERIOD_NOT_CLOSED, detail)
        income = tariff_income(terms.tariff.first_pence, terms.tariff.follow_up_pence, closed.work)
        # A restated period pays the difference from what earlier revisions paid.
        paid = already.of(contract.contract_id, "tariff")
        return [Due("tariff", closed.revision, income - paid)], None
    value = await _month_value(uow, contract, period)
    if value is None:
        return [], None
    if terms.schedule == "monthly":
        return ([Due(terms.basis, 1, value.full_pence)] if value.full_pence else []), None
    if terms.schedule == "monthly_upfront_true_up":
        due = [Due("upfront", 1, value.upfront_pence)] if value.upfront_pence else []
        if not is_quarter_end(period):
            return due, None
        trued = await _true_up_due(uow, contract, period, already)
        if trued is None:
            return due, _no_achievement(contract, period)
        return [*due, trued], None
    return [], None


def _no_achievement(contract: ContractInForce, period: str) -> Waiting:
    detail = f"no KPI achievement is recorded for {quarter_of(period)}: no true-up yet"
    return Waiting(contract.contract_id, WaitingReason.ACHIEVEMENT_NOT_RECORDED, detail)


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


async def _true_up_due(
    uow: UnitOfWork, contract: ContractInForce, period: str, already: Paid
) -> Due | None:
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
    paid = already.of(contract.contract_id, "true_up")
    return Due("true_up", revision, true_up(months, percent) - paid)


async def _in_force_in_quarter(
    uow: UnitOfWork, quarter: str, schedule: str, commissioner_ods: str | None
) -> list[tuple[str, ContractInForce]]:
    """(month, contract) for each month of ``quarter`` and each contract on ``schedule`` in
    force in it (the commissioner's only, if one is given), on the terms of that month."""
    found = []
    for month in quarter_months(quarter):
        for contract in await contracts_in_force(uow.session, month):
            if contract.payment.schedule == schedule and commissioner_ods in (
                None,
                contract.commissioner_ods,
            ):
                found.append((month, contract))
    return found


async def ended_in_quarter(
    uow: UnitOfWork, period: str, in_force: set[str], commissioner_ods: str | None
) -> list[ContractInForce]:
    """At a quarter's end: upfront-with-true-up contracts in force earlier in the quarter but
    not now (terminated or expired), whose quarter is trued up all the same, on the months
    they were in force."""
    if not is_quarter_end(period):
        return []
    quarter = quarter_of(period)
    ended = {
        contract.contract_id: contract
        for _, contract in await _in_force_in_quarter(
            uow, quarter, "monthly_upfront_true_up", commissioner_ods
        )
        if contract.contract_id not in in_force
    }
    return [ended[contract_id] for contract_id in sorted(ended)]


async def arrears_due(
    uow: UnitOfWork, period: str, commissioner_ods: str | None
) -> list[tuple[ContractInForce, Due]]:
    """Quarterly-in-arrears contracts: the previous quarter's value, paid in ``period`` (the
    month after it), month by month on the terms in force then."""
    quarter = quarter_paid_in_arrears(period)
    if quarter is None:
        return []
    owed: dict[str, tuple[ContractInForce, int]] = {}
    for month, contract in await _in_force_in_quarter(
        uow, quarter, "quarterly_arrears", commissioner_ods
    ):
        value = await _month_value(uow, contract, month)
        before = owed.get(contract.contract_id, (contract, 0))[1]
        owed[contract.contract_id] = (contract, before + (value.full_pence if value else 0))
    return [
        (contract, Due(contract.payment.basis, 1, amount))
        for _, (contract, amount) in sorted(owed.items())
        if amount
    ]


@dataclass(frozen=True)
class Run:
    run_id: str
    posted: list[PaymentPosted]
    completed: list[DistributionCompleted]
    #: What could not be paid yet, by contract id: so that "nothing due" and "not ready"
    #: read differently to the commissioner who ran it.
    waiting_for: list[Waiting]


async def run_payments(
    uow: UnitOfWork, period: str, requested_by: str, commissioner_ods: str | None
) -> Run:
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
    in_force = [
        contract
        for contract in await contracts_in_force(uow.session, period)
        if commissioner_ods is None or contract.commissioner_ods == commissioner_ods
    ]
    tariff = [c.contract_id for c in in_force if c.payment.basis == "tariff"]
    closed = await closed_periods_of(uow.session, period, tariff)
    ended = await ended_in_quarter(uow, period, {c.contract_id for c in in_force}, commissioner_ods)
    already = await paid_in(uow, period, [c.contract_id for c in [*in_force, *ended]])
    due = await arrears_due(uow, period, commissioner_ods)
    waiting_for = []
    for contract in in_force:
        amounts, waiting = await amounts_due(
            uow, contract, period, closed.get(contract.contract_id), already
        )
        due += [(contract, amount) for amount in amounts]
        if waiting is not None:
            waiting_for.append(waiting)
    for contract in ended:
        if (trued := await _true_up_due(uow, contract, period, already)) is not None:
            due.append((contract, trued))
        else:
            waiting_for.append(_no_achievement(contract, period))
    posted = await pay(uow, run_id, period, due)
    completed = await distribute_ready(uow, period, [c for c in in_force if c.is_hub])
    return Run(run_id, posted, completed, sorted(waiting_for, key=lambda w: w.contract_id))


async def pay(
    uow: UnitOfWork, run_id: str, period: str, due: list[tuple[ContractInForce, Due]]
) -> list[PaymentPosted]:
    """Claim a payment row for each amount due, in the order given; post and announce the
    ones claimed here (not those another run holds), skipping a restatement that changed
    nothing."""
    rows: dict[tuple[str, str, int], dict[str, object]] = {}
    for contract, amount in due:
        key = (contract.contract_id, amount.basis, amount.revision)
        rows.setdefault(
            key,
            {
                "id": f"pay_{uuid.uuid4().hex}",
                "run_id": run_id,
                "transaction_id": f"txn_{uuid.uuid4().hex}",
                "contract_id": contract.contract_id,
                "period": period,
                "basis": amount.basis,
                "revision": amount.revision,
                "payer_ods": contract.commissioner_ods,
                "payee_ods": contract.provider_ods,
                "amount_pence": amount.amount_pence,
                "posted_at": datetime.now(UTC),
            },
        )
    claimed = await claim_all(
        uow.session, payments, list(rows.values()), ["contract_id", "basis", "revision"]
    )
    made = []
    for contract, amount in due:
        key = (contract.contract_id, amount.basis, amount.revision)
        if key in claimed:
            claimed.remove(key)  # a key due twice is paid once, as first due
            made.append((contract, amount, str(rows[key]["transaction_id"])))
    entries = [
        (*_payment(contract, amount, period), transaction_id)
        for contract, amount, transaction_id in made
        if amount.amount_pence  # a restatement that changed nothing: claimed, nothing to post
    ]
    await post_all(uow.session, entries)
    flagged = await _same_service_paid(uow, period, run_id, [c for c, _, _ in made])
    posted = []
    for (contract, amount, transaction_id), others in zip(made, flagged, strict=True):
        if amount.amount_pence == 0:
            continue
        recovery = amount.amount_pence < 0
        parties = (contract.commissioner_ods, contract.provider_ods)
        payer, payee_ods = reversed(parties) if recovery else parties
        event = PaymentPosted(
            double_funding_contract_ids=[] if recovery else others,
            transaction_id=transaction_id,
            contract_id=contract.contract_id,
            period=period,
            payer_ods=payer,
            payee_ods=payee_ods,
            amount_pence=abs(amount.amount_pence),
            basis=amount.basis,
            recovery=recovery,
        )
        uow.publish(event)
        posted.append(event)
    return posted


def _payment(contract: ContractInForce, due: Due, period: str) -> tuple[Entry, Transaction]:
    payee = account_code("federation" if contract.is_hub else "provider", contract.provider_ods)
    commissioner = account_code("commissioner", contract.commissioner_ods)
    recovery = due.amount_pence < 0  # an over-payment: provider back to commissioner
    kind = "recovery" if recovery else "payment"
    memo = f"{due.basis} {kind} {period} revision {due.revision}"
    transaction = (
        Transaction.payment(payee, commissioner, -due.amount_pence, memo)
        if recovery
        else Transaction.payment(commissioner, payee, due.amount_pence, memo)
    )
    return Entry(kind, contract.contract_id, period, due.basis, memo), transaction


async def _same_service_paid(
    uow: UnitOfWork, period: str, run_id: str, made: list[ContractInForce]
) -> list[list[str]]:
    """For each payment made, in order: the other contracts that had already paid its
    provider for the same service in the period (by an earlier run, or earlier in this one)."""
    rows = await uow.session.execute(
        select(payments.c.contract_id, payments.c.payee_ods, contracts.c.service)
        .join(contracts, contracts.c.contract_id == payments.c.contract_id)
        .where(payments.c.period == period)
        .where(payments.c.run_id != run_id)
    )
    paid: dict[tuple[str, str], set[str]] = {}
    for contract_id, payee_ods, service in rows.all():
        paid.setdefault((payee_ods, service), set()).add(contract_id)
    flagged = []
    for contract in made:
        before = paid.setdefault((contract.provider_ods, contract.service), set())
        flagged.append(sorted(before - {contract.contract_id}))
        before.add(contract.contract_id)
    return flagged


async def distribute_if_ready(
    uow: UnitOfWork, contract_id: str, period: str
) -> DistributionCompleted | None:
    """Distribute a hub's period once its income is posted and its activity closed."""
    found = await contracts_in_force(uow.session, period, contract_id)
    done = await distribute_ready(uow, period, found)
    return done[0] if done else None


@dataclass(frozen=True)
class _Ready:
    contract: ContractInForce
    revision: int
    result: Distribution


async def distribute_ready(
    uow: UnitOfWork, period: str, hubs: list[ContractInForce]
) -> list[DistributionCompleted]:
    """Distribute each hub's period whose income is posted and activity closed, in contract id
    order (a practice's sum owed is netted by the first of its federation's hubs to pay it)."""
    ready = await _ready(uow, period, hubs)
    if not ready:
        return []
    # Two distributions of one federation must not both net the same sum owed: serialise on
    # the federations until this transaction commits; then skip what another one finished.
    await _lock(uow, sorted({r.contract.provider_ods for r in ready}))
    earlier = await _earlier_lines(uow, period, {r.contract.contract_id: r.revision for r in ready})
    ready = [r for r in ready if earlier.get(r.contract.contract_id) is not None]
    balances = await _owed_balances(uow, ready, earlier)
    rows, fan_outs = [], []
    for r in ready:
        previous = earlier[r.contract.contract_id] or {}
        netting = {}
        for ods, change in _changes(r.result, previous).items():
            key = (r.contract.provider_ods, ods)
            netted = net_against_owed(change, max(0, -balances.get(key, 0)))
            balances[key] = balances.get(key, 0) + netted.netted_pence - netted.carried_pence
            netting[ods] = netted
        transaction_id = f"txn_{uuid.uuid4().hex}"
        lines = [_line_out(line, netting.get(line.practice_ods)) for line in r.result.lines]
        rows.append(_distribution_row(r, period, transaction_id, lines))
        fan_outs.append((r, netting, transaction_id, lines, bool(previous)))
    claimed = await claim_all(uow.session, distributions, rows, ["contract_id"])
    if len(claimed) != len(rows):
        # Not reachable while every distributor holds its federations' locks (PostgreSQL) or
        # the database's one write lock (SQLite); were it reached, the netting above would be
        # stale: give up the whole transaction rather than post it.
        raise RuntimeError(f"{len(rows) - len(claimed)} distributions were claimed meanwhile")
    entries, completed = [], []
    for r, netting, transaction_id, lines, restated in fan_outs:
        hub, result = r.contract, r.result
        transaction = _fan_out(hub.provider_ods, result, netting)
        if transaction is not None:
            kind = "adjustment" if restated else "distribution"
            entry = Entry(kind, hub.contract_id, period, hub.payment.basis, f"{kind} {period}")
            entries.append((entry, transaction, transaction_id))
        event = DistributionCompleted(
            contract_id=hub.contract_id,
            federation_ods=hub.provider_ods,
            period=period,
            transaction_id=transaction_id if transaction is not None else "",
            income_pence=result.income_pence,
            costs_pence=result.costs_pence,
            retained_pence=result.retained_pence,
            remainder_pence=result.remainder_pence,
            lines=lines,
            note=result.note,
            revision=r.revision,
        )
        uow.publish(event)
        completed.append(event)
    await post_all(uow.session, entries)
    return completed


async def _ready(uow: UnitOfWork, period: str, hubs: list[ContractInForce]) -> list[_Ready]:
    """The hubs whose period is closed, whose income for it is posted and whose admin practice
    is known, each with its distribution by the rule (before netting)."""
    ids = [hub.contract_id for hub in hubs if hub.rule is not None]
    closed = await closed_periods_of(uow.session, period, ids)
    income = await paid_in(uow, period, list(closed))
    admins = await admin_practices(uow.session, period, list(closed))
    ready = []
    for hub in hubs:
        period_closed = closed.get(hub.contract_id)
        if period_closed is None or hub.rule is None:
            continue
        revisions = income.revisions.get(hub.contract_id, set())
        if not revisions or (
            hub.payment.basis == "tariff" and period_closed.revision not in revisions
        ):
            continue  # no income yet (restated counts: not until the income for them is paid)
        try:
            result = distribute(
                income.of(hub.contract_id),
                hub.rule,
                patients=period_closed.patients,
                admin_ods=admins.get(hub.contract_id),
                work=period_closed.work,
            )
        except AdminPracticeUnknown:
            continue  # pending until a subcontract names the admin practice
        ready.append(_Ready(hub, period_closed.revision, result))
    return ready


def _distribution_row(
    r: _Ready, period: str, transaction_id: str, lines: list[DistributionLine]
) -> dict[str, object]:
    return {
        "id": f"dist_{uuid.uuid4().hex}",
        "contract_id": r.contract.contract_id,
        "period": period,
        "revision": r.revision,
        "federation_ods": r.contract.provider_ods,
        "transaction_id": transaction_id,
        "income_pence": r.result.income_pence,
        "costs_pence": r.result.costs_pence,
        "retained_pence": r.result.retained_pence,
        "remainder_pence": r.result.remainder_pence,
        "lines": [line.model_dump() for line in lines],
        "note": r.result.note,
        "created_at": datetime.now(UTC),
    }


async def _lock(uow: UnitOfWork, federations: list[str]) -> None:
    """Transaction-scoped advisory locks, one per federation, taken in one statement in hash
    order (so that two transactions locking overlapping sets wait rather than deadlock)."""
    if uow.session.get_bind().dialect.name != "postgresql":
        return  # SQLite has one writer at a time
    await uow.session.execute(
        text(
            "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h"
            " FROM unnest(CAST(:keys AS text[])) AS k) AS locks ORDER BY h"
        ),
        {"keys": [f"payments-owed:{ods}" for ods in federations]},
    )


async def _earlier_lines(
    uow: UnitOfWork, period: str, revisions: dict[str, int]
) -> dict[str, dict[str, int] | None]:
    """For each contract, the line totals of its latest distribution of an earlier revision
    ({} if none), or None where the revision asked for is distributed already."""
    latest: dict[str, tuple[int, dict[str, int]]] = {}
    done: set[str] = set()
    for ids in chunked(list(revisions)):
        rows = await uow.session.execute(
            select(distributions.c.contract_id, distributions.c.revision, distributions.c.lines)
            .where(distributions.c.contract_id.in_(ids))
            .where(distributions.c.period == period)
        )
        for contract_id, revision, lines in rows.all():
            if revision == revisions[contract_id]:
                done.add(contract_id)
            elif (
                revision < revisions[contract_id] and revision > latest.get(contract_id, (0, {}))[0]
            ):
                totals = {line["practice_ods"]: line["total_pence"] for line in lines}
                latest[contract_id] = (revision, totals)
    return {
        contract_id: None if contract_id in done else latest.get(contract_id, (0, {}))[1]
        for contract_id in revisions
    }


async def _owed_balances(
    uow: UnitOfWork, ready: list[_Ready], earlier: dict[str, dict[str, int] | None]
) -> dict[tuple[str, str], int]:
    """The balance of each practice's ``owed`` account over its federation's contracts, by
    (federation, practice): minus what it owes (negative shares carried, less netted since)."""
    practices: dict[str, set[str]] = {}
    for r in ready:
        lines = {line.practice_ods for line in r.result.lines}
        practices.setdefault(r.contract.provider_ods, set()).update(
            lines | set(earlier[r.contract.contract_id] or {})
        )
    found: dict[tuple[str, str], int] = {}
    for federations in chunked(sorted(practices), 500):
        codes = [account_code("owed", ods) for f in federations for ods in practices[f]]
        rows = await uow.session.execute(
            select(contracts.c.provider_ods, postings.c.account, func.sum(postings.c.amount_pence))
            .join(ledger_transactions, ledger_transactions.c.id == postings.c.transaction_id)
            .join(contracts, contracts.c.contract_id == ledger_transactions.c.contract_id)
            .where(contracts.c.provider_ods.in_(federations))
            .where(postings.c.account.in_(codes))
            .group_by(contracts.c.provider_ods, postings.c.account)
        )
        for federation, account, total in rows.all():
            found[(federation, account.partition(":")[2])] = int(total)
    return found


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
