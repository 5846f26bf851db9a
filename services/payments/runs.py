"""Payment runs, distributions and restatements: read a snapshot once, decide in ``domain/``,
write once. Nothing here decides an amount.

A run claims each payment by its unique key (contract, period, basis, revision) and each
distribution by (contract, period, revision) before it posts anything, in the same database
transaction: a second run, a concurrent run or a redelivered event finds the row taken and does
nothing. Contracts are claimed in id order, so concurrent runs wait rather than deadlock. A run
reads and writes all its contracts in a few statements whatever their number (month end for
England is 1,250 hubs: ``tests/perf/bench_month_end.py``).

Events only keep facts and note what a later run must settle (``restatements.py``); the one
thing an event does at once is distribute a hub month whose last input it is (the close, or the
admin practice), since its income is already paid.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.books import (
    Entry,
    claim,
    claim_all,
    latest_distributions,
    owed_balances,
    paid_elsewhere,
    paid_items,
    post_all,
)
from services.payments.domain.distribution import Line
from services.payments.domain.due import PAID_ON_COUNTS, Waiting, periods_booked
from services.payments.domain.facts import Activity, Facts
from services.payments.domain.funding import double_funding, funded
from services.payments.domain.payment_run import PaymentsDecided, Snapshot, ToPay, decide_payments
from services.payments.domain.remittance import HubMonth, ToDistribute, decide_distributions
from services.payments.domain.settlement import transaction_for
from services.payments.domain.terms import Contract
from services.payments.readmodels import (
    Pending,
    achievements_of,
    admin_practices,
    clear_pending,
    closed_activity,
    contracts_by_id,
    contracts_paid_around,
    list_sizes_of,
    note_pending,
    pending_through,
    with_primes,
)
from services.payments.schemes import scheme_rules_of
from services.payments.store import distributions, payment_runs, payments
from shared.db import UnitOfWork
from shared.events.payments import DistributionCompleted, DistributionLine, PaymentPosted


@dataclass(frozen=True)
class Run:
    run_id: str
    posted: list[PaymentPosted]
    completed: list[DistributionCompleted]
    #: What could not be paid yet: so that "nothing due" and "not ready" read differently.
    waiting_for: list[Waiting]
    #: The notes (restatements, earlier waits) this run settled.
    settled: list[Pending]


async def run_payments(
    uow: UnitOfWork, period: str, requested_by: str, commissioner_ods: str | None
) -> Run:
    """Pay every item due in ``period`` and every pending one up to it; then distribute.
    Run it, and commit it, inside :func:`shared.collector.collector_paused`."""
    run_id = f"run_{uuid.uuid4().hex}"
    now = datetime.now(UTC)
    run = {"id": run_id, "period": period, "requested_by": requested_by, "created_at": now}
    await claim(uow.session, payment_runs, {**run, "commissioner_ods": commissioner_ods})
    snapshot, pending = await read_snapshot(uow.session, period, commissioner_ods)
    decided = decide_payments(snapshot)
    posted, held = await pay(uow, run_id, decided, snapshot.contracts)
    hubs = {cid: snapshot.contracts[cid] for cid in decided.hub_months}
    del snapshot  # its facts are read again under the lock: not held twice meanwhile
    completed = await distribute(uow, hubs, decided.hub_months)
    settled = [
        p
        for p in pending
        if (p.contract_id, p.period) in decided.settles and p.contract_id not in held
    ]
    await clear_pending(uow.session, settled)
    waits = [(w.contract_id, w.period, f"waiting: {w.reason}: {w.detail}") for w in decided.waiting]
    await note_pending(uow.session, waits, now)
    waiting = sorted(decided.waiting, key=lambda w: (w.contract_id, w.period, w.basis))
    return Run(run_id, posted, completed, waiting, settled)


async def read_snapshot(
    session: AsyncSession, period: str, commissioner_ods: str | None
) -> tuple[Snapshot, list[Pending]]:
    pending = await pending_through(session, period, commissioner_ods)
    ids = await contracts_paid_around(session, period, commissioner_ods)
    paid_by_run = await contracts_by_id(session, {*ids, *(p.contract_id for p in pending)})
    known = await with_primes(session, paid_by_run)
    periods = {period, *(p.period for p in pending)}
    snapshot = Snapshot(
        period=period,
        contracts=known,
        paid_by_run=tuple(sorted(paid_by_run)),
        facts=await facts_of(session, paid_by_run.values(), periods),
        paid=await paid_items(session, paid_by_run, periods),
        pending=frozenset((p.contract_id, p.period) for p in pending),
    )
    return snapshot, pending


async def facts_of(
    session: AsyncSession,
    contracts: Iterable[Contract],
    periods: Iterable[str],
    closed: Mapping[str, dict[str, Activity]] | None = None,
) -> dict[str, Facts]:
    """The facts each contract's items booked to ``periods`` are decided on: its closed months
    (tariff), its achievements (true-ups), its provider's list sizes (per head), its scheme.
    ``closed``, if given, is the closed months already read (those of ``periods``)."""
    found = list(contracts)
    bases = {c.contract_id: {v.payment.basis for v in c.history} for c in found}
    schedules = {c.contract_id: {v.payment.schedule for v in c.history} for c in found}
    counted = [c.contract_id for c in found if c.is_hub or PAID_ON_COUNTS & bases[c.contract_id]]
    if closed is None:
        closed = await closed_activity(session, counted, periods)
    trued_up = [c for c in schedules if "monthly_upfront_true_up" in schedules[c]]
    achievements = await achievements_of(session, trued_up)
    per_head = {c.provider_ods for c in found if "per_head" in bases[c.contract_id]}
    sizes = await list_sizes_of(session, per_head)
    in_schemes = await scheme_rules_of(session, trued_up)
    facts = {}
    for c in found:
        facts[c.contract_id] = Facts(
            closed=closed.get(c.contract_id, {}),
            achievements=achievements.get(c.contract_id, {}),
            list_sizes=sizes.get(c.provider_ods, Facts().list_sizes),
            scheme=in_schemes.get(c.contract_id),
        )
    return facts


async def pay(
    uow: UnitOfWork, run_id: str, decided: PaymentsDecided, known: Mapping[str, Contract]
) -> tuple[list[PaymentPosted], set[str]]:
    """Claim every payment decided, in order; post and announce those claimed here. Returns
    them, and the contracts with a payment another run claimed first (theirs stand: what this
    run decided for them is left to the next run, from the books as they are then)."""
    now = datetime.now(UTC)
    ids = _hex_ids(2 * len(decided.to_pay))
    rows = [_payment_row(run_id, tp, now, next(ids), next(ids)) for tp in decided.to_pay]
    key = ["contract_id", "period", "basis", "revision"]
    claimed = await claim_all(uow.session, payments, rows, key)
    made, held = [], set()
    for tp, row in zip(decided.to_pay, rows, strict=True):
        if (*tp.payment.key, tp.payment.revision) in claimed:
            made.append((tp, str(row["transaction_id"])))
        else:
            held.add(tp.contract.contract_id)
    entries = []
    for tp, transaction_id in made:
        if tp.payment.amount_pence:
            kind, memo, transaction = transaction_for(tp.payment, tp.payer, tp.payee)
            p = tp.payment
            entry = Entry(kind, p.contract_id, p.period, p.basis, memo, p.revision)
            entries.append((entry, transaction, transaction_id))
    await post_all(uow.session, entries)
    flags = await _double_funding(uow.session, run_id, [tp for tp, _ in made], known)
    posted = []
    for (tp, transaction_id), others in zip(made, flags, strict=True):
        p = tp.payment
        if not p.amount_pence:
            continue
        payer, payee = tp.payer.partition(":")[2], tp.payee.partition(":")[2]
        event = PaymentPosted(
            double_funding_contract_ids=[] if p.is_recovery else others,
            transaction_id=transaction_id,
            contract_id=p.contract_id,
            period=p.period,
            payer_ods=payee if p.is_recovery else payer,
            payee_ods=payer if p.is_recovery else payee,
            amount_pence=abs(p.amount_pence),
            basis=p.basis,
            recovery=p.is_recovery,
        )
        uow.publish(event)
        posted.append(event)
    return posted, held


def _hex_ids(n: int) -> Iterator[str]:
    """``n`` random 128-bit ids in hex, as ``uuid4().hex`` gives them less its version bits,
    from one read of the system's random source: a month end names some 5,000 rows, and
    ``uuid4`` read the source, and built a UUID, for each."""
    random = os.urandom(16 * n).hex()
    return (random[i : i + 32] for i in range(0, 32 * n, 32))


def _payment_row(
    run_id: str, tp: ToPay, now: datetime, payment_id: str, transaction_id: str
) -> dict[str, object]:
    p = tp.payment
    return {
        "id": f"pay_{payment_id}",
        "run_id": run_id,
        "transaction_id": f"txn_{transaction_id}",
        "contract_id": p.contract_id,
        "period": p.period,
        "basis": p.basis,
        "revision": p.revision,
        "payer_ods": tp.payer.partition(":")[2],
        "payee_ods": tp.payee.partition(":")[2],
        "amount_pence": p.amount_pence,
        "posted_at": now,
    }


async def _double_funding(
    session: AsyncSession, run_id: str, made: list[ToPay], known: Mapping[str, Contract]
) -> list[list[str]]:
    """For each payment made, in order: the other contracts already funding its provider for
    the same service in its period (through PRIME chains too)."""
    periods = sorted({tp.payment.period for tp in made})
    if not periods:
        return []
    elsewhere = await paid_elsewhere(session, periods, run_id)
    missing = {cid for ids in elsewhere.values() for cid in ids} - set(known)
    if missing:
        more = await contracts_by_id(session, missing)
        known = await with_primes(session, {**known, **more})
    flags: dict[int, list[str]] = {}
    for period in periods:
        earlier = [
            (cid, funded(known[cid], known))
            for cid in sorted(elsewhere.get(period, ()))
            if cid in known
        ]
        mine = [(i, tp) for i, tp in enumerate(made) if tp.payment.period == period]
        found = double_funding(
            earlier, [(tp.contract.contract_id, funded(tp.contract, known)) for _, tp in mine]
        )
        flags.update((i, others) for (i, _), others in zip(mine, found, strict=True))
    return [flags[i] for i in range(len(made))]


async def distribute(
    uow: UnitOfWork, hubs: dict[str, Contract], months: dict[str, set[str]]
) -> list[DistributionCompleted]:
    """Distribute each hub month asked for that is ready and changed, in contract id and month
    order (a practice's sum owed is netted by the first distribution of its federation to pay
    it); the first revision of a month or an adjustment of each practice's difference."""
    session = uow.session
    hubs = {cid: hub for cid, hub in hubs.items() if hub.is_hub and months.get(cid)}
    if not hubs:
        return []
    # Two distributions of one federation must not both net the same sum owed: serialise on the
    # federations until this transaction commits; everything below is read after the lock.
    await _lock(session, sorted({hub.provider_ods for hub in hubs.values()}))
    # The months asked for and every period an item paying for them is booked to, read once:
    # which months are closed, and the facts their income is decided on.
    wanted = {m for cid in hubs for m in months[cid]}
    closed = await closed_activity(
        session, hubs, wanted | {p for m in wanted for p in periods_booked(m)}
    )
    asked = {cid: {m for m in months[cid] if m in closed.get(cid, {})} for cid in hubs}
    asked = {cid: found for cid, found in asked.items() if found}
    if not asked:
        return []
    booked = {p for found in asked.values() for m in found for p in periods_booked(m)}
    periods = booked | {m for found in asked.values() for m in found}
    facts = await facts_of(
        session,
        [hubs[cid] for cid in asked],
        periods,
        {cid: {p: a for p, a in closed[cid].items() if p in periods} for cid in asked},
    )
    paid = await paid_items(session, asked, booked)
    latest = await latest_distributions(session, asked)
    admins = await admin_practices(session, asked)
    at = [
        HubMonth(hubs[cid], m, closed[cid][m], admins.get((cid, m)), latest.get((cid, m)))
        for cid in sorted(asked)
        for m in sorted(asked[cid])
    ]
    practices: dict[str, set[str]] = {}
    for h in at:
        mine = practices.setdefault(h.hub.provider_ods, set())
        mine.update(p.practice_ods for p in (h.activity.work if h.activity else ()))
        mine.update(line.practice_ods for line in (h.latest.result.lines if h.latest else ()))
        mine.update([h.admin_ods] if h.admin_ods else [])
    decided = decide_distributions(at, facts, paid, await owed_balances(session, practices))
    return await _post_distributions(uow, decided)


async def _post_distributions(
    uow: UnitOfWork, decided: list[ToDistribute]
) -> list[DistributionCompleted]:
    now = datetime.now(UTC)
    rows, out = [], []
    ids = _hex_ids(2 * len(decided))
    for d in decided:
        distribution_id, posted_as = f"dist_{next(ids)}", f"txn_{next(ids)}"
        transaction_id = posted_as if d.transaction is not None else None
        lines = [_line_out(line, d) for line in d.result.lines]
        r = d.result
        rows.append(
            {
                "id": distribution_id,
                "contract_id": d.at.hub.contract_id,
                "period": d.at.month,
                "revision": d.revision,
                "federation_ods": d.at.hub.provider_ods,
                "transaction_id": transaction_id,
                "income_pence": r.income_pence,
                "costs_pence": r.costs_pence,
                "retained_pence": r.retained_pence,
                "remainder_pence": r.remainder_pence,
                "lines": [line.model_dump() for line in lines],
                "note": r.note,
                "created_at": now,
            }
        )
        out.append((d, transaction_id or distribution_id, lines))
    claimed = await claim_all(
        uow.session, distributions, rows, ["contract_id", "period", "revision"]
    )
    if len(claimed) != len(rows):
        # Not reachable while every distributor holds its federations' locks (PostgreSQL) or
        # the database's one write lock (SQLite); were it reached, the netting above would be
        # stale: give up the whole transaction rather than post it.
        raise RuntimeError(f"{len(rows) - len(claimed)} distributions were claimed meanwhile")
    entries, completed = [], []
    for (d, reference, lines), row in zip(out, rows, strict=True):
        hub, month = d.at.hub, d.at.month
        if d.transaction is not None:
            kind = "adjustment" if d.restates else "distribution"
            memo = f"{kind} {month} revision {d.revision}"
            if d.restates:
                memo = f"adjustment restating the distribution of {month} (revision {d.revision})"
            basis = (hub.terms_for(month) or hub.history[-1]).payment.basis
            entry = Entry(kind, hub.contract_id, month, basis, memo, d.revision)
            entries.append((entry, d.transaction, str(row["transaction_id"])))
        event = DistributionCompleted(
            contract_id=hub.contract_id,
            federation_ods=hub.provider_ods,
            period=month,
            transaction_id=reference,
            income_pence=d.result.income_pence,
            costs_pence=d.result.costs_pence,
            retained_pence=d.result.retained_pence,
            remainder_pence=d.result.remainder_pence,
            lines=lines,
            note=d.result.note,
            revision=d.revision,
        )
        uow.publish(event)
        completed.append(event)
    await post_all(uow.session, entries)
    return completed


def _line_out(line: Line, d: ToDistribute) -> DistributionLine:
    netted = d.netting.get(line.practice_ods)
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


#: Federations are locked by bucket: a month end for ten times England distributes 12,500
#: federations in one transaction, and a lock each overflowed PostgreSQL's lock table ("out of
#: shared memory", max_locks_per_transaction x connections: some 6,400 locks on a default
#: server). Two distributions of one federation still take the same bucket.
LOCK_BUCKETS = 1024


async def _lock(session: AsyncSession, federations: list[str]) -> None:
    """Transaction-scoped advisory locks on the federations' buckets (keys of payments' own,
    apart from every single-key advisory lock), taken in one statement in bucket order (so
    that two transactions locking overlapping sets wait rather than deadlock)."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite has one writer at a time
    await session.execute(
        text(
            "SELECT pg_advisory_xact_lock(hashtext('payments-owed'), b) FROM (SELECT DISTINCT"
            " hashtext(k) & CAST(:mask AS integer) AS b FROM unnest(CAST(:keys AS text[])) AS k)"
            " AS locks ORDER BY b"
        ),
        {"keys": federations, "mask": LOCK_BUCKETS - 1},
    )


# --- what events do --------------------------------------------------------------------------


async def distribute_if_ready(
    uow: UnitOfWork, contract_id: str, months: Iterable[str]
) -> list[DistributionCompleted]:
    """Distribute a hub's months whose last input has arrived (the close, the admin practice)."""
    hubs = await contracts_by_id(uow.session, [contract_id])
    return await distribute(uow, hubs, {contract_id: set(months)})
