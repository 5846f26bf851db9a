"""Benchmark 3 of issue 9, "Month end for England": every hub in the country paid and
distributed for one closed month, in one payment run, through the real payments process.

England has about 6,500 practices in about 1,250 federations. Each federation here holds one
HUB contract at tariff with a distribution rule (Practice finances survey, Case study 1); its 4 to 7
member practices hold delivery subcontracts (one of them the admin role, one or two the
premises role) and the month is closed with per-practice consultation counts. A few
federations run at a loss (an admin charge above their income), so that negative lines are
carried as sums owed, as the rule says they are.

The data goes in through the service's own inbox and handlers (``deliver_through_inbox``,
as the integration tests feed events): 1,250 ``contract.activated``, 6,500
``subcontract.issued`` and 1,250 ``activity.period_closed``. Seeding is timed apart.

The figure is the wall time of ``POST /payment-runs {period}`` (ops) against
``gpfed serve --service payments``, until every distribution is completed: the run
distributes each hub in the same request, so the response lists them, and the database is
then checked to hold all 1,250. Postings/s is the number of rows in ``postings`` over that
time.

"Every distribution exact" is checked independently of the service, from the counts this
module generated: the income paid equals the tariff income; every line equals what the pure
rule (``services.payments.domain.distribution.distribute``) gives; lines, costs, retained and
remainder account for the income to the penny; the postings of each fan-out pay each practice
its line (or carry it as owed); each hub pot keeps exactly its retained share; every ledger
transaction sums to zero; the trial balance is balanced; the outbox holds one
``payment.posted`` and one ``distribution.completed`` per hub. Any failure raises.

The raw limit: every row the run wrote (accounts, ledger transactions, postings, the run,
payments, distributions and outbox events) read back and written again with asyncpg's
``copy_records_to_table`` into scratch tables ``LIKE`` the originals (same columns, indexes
and defaults; no triggers or foreign keys), in one transaction, committed. That is what
PostgreSQL needs at the least to hold the run's result, with none of the reading, deciding,
claiming and serialising the service does; the ratio is the run's postings/s over the
postings/s of that copy. (The copy of the postings alone is reported too: a faster and less
fair limit, since a posting cannot exist without its transaction row and the run's claims.)

Two more figures follow (issue 22):

- **Restated month end.** On the same database, September and November are closed and paid too
  (runs timed apart), then every hub's contract is varied from 1 September (a tariff uplift and
  a higher clinician fee, ``contract.varied`` with the whole terms history, as contracts sends
  it), backdating the change three months into periods already paid, and December is closed.
  The figure is ONE ``POST /payment-runs {2026-12}``: December paid, and September to November
  restated, each by an adjustment of the difference and a redistribution of each practice's
  difference. "Every adjustment exact" is checked from the generated counts and the pure rule
  as above: each adjustment is what the month earns under the new tariff less what was paid,
  each month's new distribution is the rule's under the new terms, each practice's adjustment
  posting is its new line less its old, every hub pot keeps what the new rule retains, ledger
  transactions sum to zero, the trial balance balances, and nothing is left pending. Its raw
  limit is the COPY of the rows that run wrote.
- **Ten times England**: 12,500 hubs and 65,000 practices on a database of their own, one
  month end, every distribution exact as above, and the payments process's peak memory (PSS,
  sampled) under 500 MB. Seeding 112,500 events one transaction each would take some ten
  minutes, so they go through the same handlers in batches of hubs, a transaction a batch,
  with the inbox rows the consumer writes (:func:`feed_in_batches`); timed apart.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from sqlalchemy import insert
from sqlalchemy.engine import make_url

from services.payments.app import MIGRATIONS
from services.payments.domain import distribution as rule_of
from services.payments.handlers import handlers
from services.payments.settings import Settings
from services.payments.store import metadata
from shared.auth import mint_token
from shared.db import Database
from shared.events import Envelope, Event, topic_of
from shared.events.contracts import (
    ContractActivated,
    ContractVaried,
    DistributionRule,
    PaymentTerms,
    Tariff,
    TermsEntry,
)
from shared.events.federation import ActivityPeriodClosed, PracticeActivity, SubcontractIssued
from shared.migrations import upgrade
from tests.conftest import _dsn, deliver_through_inbox, recreate_databases
from tests.perf.processes import PSS_INTERVAL, MemorySampler, peak_rss_mb

FEDERATIONS = int(os.environ.get("GPFED_BENCH_FEDERATIONS", "1250"))
PRACTICES = int(os.environ.get("GPFED_BENCH_PRACTICES", "6500"))
PERIOD = "2026-10"
START = date(2026, 4, 1)
#: Issue 22: month end for England.
TARGET_SECONDS = 1.5
#: The month-end process's memory: issue 22's peak PSS per service.
PSS_TARGET_MB = 250.0
#: Restated month end: paid before the variation (with PERIOD), restated from VARIED_FROM by
#: one run for NEXT_PERIOD.
EARLIER, LATER, NEXT_PERIOD = "2026-09", "2026-11", "2026-12"
VARIED_FROM = date(2026, 9, 1)
RESTATED = (EARLIER, PERIOD, LATER)
RESTATED_TARGET_SECONDS = 10.0
#: Ten times England.
TEN_TIMES = int(os.environ.get("GPFED_BENCH_TEN_TIMES", "10"))
TEN_TIMES_TARGET_SECONDS = 20.0
TEN_TIMES_MEMORY_MB = 500.0
#: Hubs whose events one transaction applies when seeding in batches, and batches at once.
SEED_BATCH_HUBS, SEED_BATCHES_AT_ONCE = 50, 3
#: Events applied at once while seeding (each in its own transaction, as the inbox does).
SEED_CONCURRENCY = 8
#: Integrated care boards: the commissioners of the hubs.
COMMISSIONERS = [f"Q{n:02d}" for n in range(1, 43)]
#: Tables the run writes, in foreign-key order for the raw copy.
WRITTEN = [
    "accounts",
    "ledger_transactions",
    "postings",
    "payment_runs",
    "payments",
    "distributions",
    "outbox",
]


class NotExact(AssertionError):
    """The month end did not pay or distribute exactly what the rule says."""


@dataclass(frozen=True)
class Hub:
    """One federation's hub contract and its closed month, as generated."""

    contract_id: str
    federation_ods: str
    commissioner_ods: str
    tariff: Tariff
    rule: DistributionRule
    admin_ods: str
    hosts: tuple[str, ...]
    patients: int
    practices: tuple[PracticeActivity, ...]

    def events(self) -> tuple[list[Event], list[Event], list[Event]]:
        """(activation, subcontracts, period closed), as contracts and federation send them."""
        activated = ContractActivated(
            contract_id=self.contract_id,
            kind="HUB",
            status="active",
            commissioner_ods=self.commissioner_ods,
            provider_ods=self.federation_ods,
            service="extended access hub",
            start_date=START,
            effective_from=START,
            payment=PaymentTerms(basis="tariff", schedule="monthly", tariff=self.tariff),
            distribution=self.rule,
        )
        subcontracts: list[Event] = []
        for p in self.practices:
            roles: list[Any] = ["delivery"]
            roles += ["admin"] if p.practice_ods == self.admin_ods else []
            roles += ["premises"] if p.practice_ods in self.hosts else []
            subcontracts.append(
                SubcontractIssued(
                    subcontract_id=f"sub-{self.contract_id}-{p.practice_ods}",
                    contract_id=self.contract_id,
                    federation_ods=self.federation_ods,
                    practice_ods=p.practice_ods,
                    roles=roles,
                    start_date=START,
                )
            )
        closed = ActivityPeriodClosed(
            contract_id=self.contract_id,
            federation_ods=self.federation_ods,
            period=PERIOD,
            revision=1,
            patients=self.patients,
            practices=list(self.practices),
        )
        return [activated], subcontracts, [closed]

    def month(self, period: str) -> tuple[tuple[PracticeActivity, ...], int]:
        """(counts, patients) of a closed month: PERIOD's as generated, another's drawn from a
        generator of its own (the same on every run)."""
        if period == PERIOD:
            return self.practices, self.patients
        rng = random.Random(f"{self.contract_id}/{period}")
        members = [p.practice_ods for p in self.practices]
        counts = _counts(rng, members, self.hosts, int(period[-2:]) + len(self.contract_id))
        return counts, sum(p.first for p in counts) * 19 // 20

    def closed(self, period: str) -> ActivityPeriodClosed:
        counts, patients = self.month(period)
        return ActivityPeriodClosed(
            contract_id=self.contract_id,
            federation_ods=self.federation_ods,
            period=period,
            revision=1,
            patients=patients,
            practices=list(counts),
        )

    @property
    def varied_tariff(self) -> Tariff:
        """The tariff from VARIED_FROM: 5% more for a first appointment, 4 pounds a follow-up."""
        return Tariff(
            first_pence=self.tariff.first_pence * 105 // 100,
            follow_up_pence=self.tariff.follow_up_pence + 400,
        )

    @property
    def varied_rule(self) -> DistributionRule:
        """The rule from VARIED_FROM: 2 pounds more a consultation to whoever delivered it."""
        fee = self.rule.clinician_fee_per_consultation_pence + 200
        return self.rule.model_copy(update={"clinician_fee_per_consultation_pence": fee})

    def varied(self) -> ContractVaried:
        """The variation, signed in December with effect from VARIED_FROM, as contracts sends
        it: the whole terms history and its revision."""
        activated = self.events()[0][0]
        assert isinstance(activated, ContractActivated)
        new = PaymentTerms(basis="tariff", schedule="monthly", tariff=self.varied_tariff)
        history = [
            TermsEntry(effective_from=START, payment=activated.payment, distribution=self.rule),
            TermsEntry(effective_from=VARIED_FROM, payment=new, distribution=self.varied_rule),
        ]
        return ContractVaried.model_validate(
            activated.model_dump()
            | {
                "effective_from": VARIED_FROM,
                "payment": new,
                "distribution": self.varied_rule,
                "history": history,
                "history_revision": 2,
                "reason": "tariff uplift agreed in December, backdated to 1 September",
            }
        )

    def work(self, period: str = PERIOD) -> list[rule_of.PracticeActivity]:
        return [
            rule_of.PracticeActivity(p.practice_ods, p.first, p.follow_up, p.hosted)
            for p in self.month(period)[0]
        ]

    def income(self, period: str = PERIOD, *, varied: bool = False) -> int:
        """What the month earns at the tariff in force for it, from the generated counts."""
        tariff = self.varied_tariff if varied else self.tariff
        return rule_of.tariff_income(tariff.first_pence, tariff.follow_up_pence, self.work(period))

    def expected(self, period: str = PERIOD, *, varied: bool = False) -> rule_of.Distribution:
        """What the pure rule gives for the generated counts, the service not involved."""
        terms = self.varied_rule if varied else self.rule
        rule = rule_of.Rule(
            terms.retained_percent,
            terms.admin_charge_per_patient_pence,
            terms.premises_per_consultation_pence,
            terms.clinician_fee_per_consultation_pence,
        )
        return rule_of.distribute(
            self.income(period, varied=varied),
            rule,
            patients=self.month(period)[1],
            admin_ods=self.admin_ods,
            work=self.work(period),
        )


def _sizes(rng: random.Random, federations: int, practices: int) -> list[int]:
    """4 to 7 practices a federation, summing to ``practices`` exactly."""
    if not 4 * federations <= practices <= 7 * federations:
        raise ValueError(f"{practices} practices do not fit 4-7 to each of {federations}")
    sizes = [rng.choice((4, 5, 5, 5, 6, 7)) for _ in range(federations)]
    while (excess := sum(sizes) - practices) != 0:
        i = rng.randrange(federations)
        if excess > 0 and sizes[i] > 4:
            sizes[i] -= 1
        elif excess < 0 and sizes[i] < 7:
            sizes[i] += 1
    return sizes


def _counts(
    rng: random.Random, members: list[str], hosts: tuple[str, ...], at: int
) -> tuple[PracticeActivity, ...]:
    """A month's counts for a federation's members; ``hosts`` host its consultations."""
    counts = []
    for n, ods in enumerate(members):
        idle = (at + n) % 97 == 0  # a member that saw nobody this month
        first = 0 if idle else rng.randint(20, 180)
        counts.append((ods, first, 0 if idle else rng.randint(0, first // 2)))
    total = sum(first + follow_up for _, first, follow_up in counts)
    hosted = dict.fromkeys(hosts, 0)
    hosted[hosts[0]] = total * 3 // 5 if len(hosts) == 2 else total
    if len(hosts) == 2:
        hosted[hosts[1]] = total - hosted[hosts[0]]
    return tuple(
        PracticeActivity(
            practice_ods=ods,
            first=first,
            follow_up=follow_up,
            total=first + follow_up,
            patients=first,
            hosted=hosted.get(ods, 0),
        )
        for ods, first, follow_up in counts
    )


def _practice_code(i: int) -> str:
    """England's practices as before; ten times England's beyond the first 13,000."""
    if i < 13_000:
        return f"{'ABCDEFGHJKLMN'[i // 1000]}{81000 + i % 1000}"
    i -= 13_000
    return f"{'PQRSTUVWXYZ'[i // 10_000]}{80000 + i % 10_000}"


def england(federations: int = FEDERATIONS, practices: int = PRACTICES) -> list[Hub]:
    """The month's hubs, the same on every run (a seeded generator)."""
    rng = random.Random(9)
    codes = [_practice_code(i) for i in range(practices)]
    hubs = []
    at = 0
    for f, size in enumerate(_sizes(rng, federations, practices)):
        members = codes[at : at + size]
        at += size
        loss = f % 125 == 7  # a few hubs whose costs exceed their income
        rule = DistributionRule(
            retained_percent=rng.choice((Decimal("10"), Decimal("10"), Decimal("12.5"))),
            admin_charge_per_patient_pence=40_000 if loss else rng.choice((4000, 3500, 4500)),
            premises_per_consultation_pence=500,
            clinician_fee_per_consultation_pence=rng.choice((3000, 2800, 3200)),
        )
        tariff = Tariff(
            first_pence=rng.choice((15000, 14500, 16000)),
            follow_up_pence=rng.choice((8000, 7500, 9000)),
        )
        hosts = tuple(sorted(rng.sample(members, rng.choice((1, 2)))))
        practices_out = _counts(rng, members, hosts, at)
        hubs.append(
            Hub(
                contract_id=f"hub-{f:04d}-2026",
                federation_ods=f"Y{f:05d}",
                commissioner_ods=COMMISSIONERS[f % len(COMMISSIONERS)],
                tariff=tariff,
                rule=rule,
                admin_ods=rng.choice(members),
                hosts=hosts,
                # Some patients see more than one practice of the federation.
                patients=sum(p.first for p in practices_out) * 19 // 20,
                practices=practices_out,
            )
        )
    return hubs


# --- seeding -------------------------------------------------------------------------------


async def _create(url: str) -> None:
    await recreate_databases([make_url(url).database or ""])


async def seed(url: str, hubs: list[Hub]) -> int:
    """Every hub's events through the payments inbox; returns how many were applied."""
    # Contracts first, then subcontracts, then the close: the order the saga makes them.
    return await feed(url, [[e for hub in hubs for e in hub.events()[phase]] for phase in range(3)])


async def feed(url: str, phases: list[list[Event]]) -> int:
    """Each phase's events through the payments inbox, one transaction each as the consumer
    applies them (a few at once), a phase after the one before; how many were applied."""
    db = Database(url, metadata, service="payments")
    gate = asyncio.Semaphore(SEED_CONCURRENCY)

    async def deliver(event: Event) -> None:
        envelope = Envelope.wrap(event, source=f"/gpfed/{event.producer}")
        async with gate:
            outcome = await deliver_through_inbox(db, handlers, envelope)
        if outcome != "applied":
            raise RuntimeError(f"{event.ce_type} {event.subject}: {outcome}")

    applied = 0
    try:
        for events in phases:
            await asyncio.gather(*(deliver(event) for event in events))
            applied += len(events)
    finally:
        await db.dispose()
    return applied


async def feed_in_batches(url: str, phases: list[tuple[list[list[Event]], int]]) -> int:
    """:func:`feed`, faster: each phase's events, grouped by hub, applied by the service's own
    handlers to batches of :data:`SEED_BATCH_HUBS` hubs, one transaction a batch, with the
    inbox row the consumer writes for each (so a redelivery would be skipped as it would be);
    each phase with the number of batches to apply at once. A close distributes its hub if it
    can, under its federations' lock bucket, so several closes in one transaction lock one
    bucket after another: two such batches at once could deadlock, where the consumer (one
    event a transaction) cannot. The state is what the consumer would leave."""
    db = Database(url, metadata, service="payments")
    inbox = db.table("inbox")

    async def apply(batch: list[Event], gate: asyncio.Semaphore) -> None:
        envelopes = [Envelope.wrap(e, source=f"/gpfed/{e.producer}") for e in batch]
        now = datetime.now(UTC)
        async with gate, db.unit_of_work() as uow:
            await uow.session.execute(
                insert(inbox),
                [
                    {
                        "source": e.source,
                        "event_id": e.id,
                        "ce_type": e.type,
                        "topic": topic_of(e.source.rsplit("/", 1)[-1]),
                        "received_at": now,
                    }
                    for e in envelopes
                ],
            )
            for envelope in envelopes:
                found = handlers.get(envelope.type)
                assert found is not None, envelope.type
                schema, handler = found
                await handler(uow, schema.model_validate(envelope.data), envelope)
            await uow.commit()

    applied = 0
    try:
        for by_hub, at_once in phases:
            gate = asyncio.Semaphore(at_once)
            batches = [
                [e for events in by_hub[i : i + SEED_BATCH_HUBS] for e in events]
                for i in range(0, len(by_hub), SEED_BATCH_HUBS)
            ]
            started = time.perf_counter()
            await asyncio.gather(*(apply(batch, gate) for batch in batches))
            applied += sum(len(batch) for batch in batches)
            _say(f"   {applied} events applied ({time.perf_counter() - started:.1f}s this phase)")
    finally:
        await db.dispose()
    return applied


# --- the run -------------------------------------------------------------------------------


def _pay(base: str, period: str = PERIOD) -> tuple[float, dict[str, Any]]:
    """``POST /payment-runs`` as ops; seconds until the response is read, and the response."""
    token = mint_token(Settings(), role="ops", org="X24")
    with httpx.Client(base_url=base, timeout=900) as client:
        started = time.perf_counter()
        r = client.post(
            "/payment-runs",
            json={"period": period},
            headers={"authorization": f"Bearer {token}"},
        )
        r.raise_for_status()
        body: dict[str, Any] = r.json()
        return time.perf_counter() - started, body


async def _fetchval(url: str, sql: str, *args: Any) -> Any:
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        return await connection.fetchval(sql, *args)
    finally:
        await connection.close()


async def _completed(url: str, period: str = PERIOD) -> int:
    return int(await _fetchval(url, "SELECT count(*) FROM distributions WHERE period = $1", period))


async def _outbox_unsent(url: str) -> int:
    # Unsent rows are listed in outbox_pending since the kernel's third revision (payments
    # migration 0010); before it, they were those not stamped sent_at.
    if await _fetchval(url, "SELECT to_regclass('outbox_pending') IS NOT NULL"):
        return int(await _fetchval(url, "SELECT count(*) FROM outbox_pending"))
    return int(await _fetchval(url, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"))


def _until_distributed(url: str, period: str, hubs: int, started: float) -> float:
    """Seconds since ``started`` until the database holds ``hubs`` distributions of ``period``:
    the run distributes in its request; were any left to a later handler, the clock would run
    on until the database holds them all."""
    seconds = time.perf_counter() - started
    while (done := asyncio.run(_completed(url, period))) < hubs:
        if time.perf_counter() - started > 3600:
            raise NotExact(f"only {done} of {hubs} distributions of {period} completed")
        time.sleep(0.05)
        seconds = time.perf_counter() - started
    return seconds


def _drain(url: str) -> float:
    """Seconds until the relay has published every outbox row (at most two minutes)."""
    started = time.perf_counter()
    while asyncio.run(_outbox_unsent(url)) and time.perf_counter() - started < 120:
        time.sleep(0.2)
    return time.perf_counter() - started


def _trial_balance(base: str) -> dict[str, Any]:
    token = mint_token(Settings(), role="ops", org="X24")
    r = httpx.get(
        f"{base}/ledger/trial-balance", headers={"authorization": f"Bearer {token}"}, timeout=60
    )
    r.raise_for_status()
    found: dict[str, Any] = r.json()
    return found


# --- "every distribution exact" ------------------------------------------------------------


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        if not ok:
            self.problems.append(what)

    def raise_if_any(self) -> None:
        if self.problems:
            shown = "\n  ".join(self.problems[:20])
            raise NotExact(
                f"{len(self.problems)} problems, first {min(20, len(self.problems))}:\n  {shown}"
            )


def _lines(value: Any) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = json.loads(value) if isinstance(value, str) else value
    return lines


async def verify(
    url: str, hubs: list[Hub], response: dict[str, Any], balance: dict[str, Any]
) -> int:
    """Raise :class:`NotExact` unless every payment and distribution is what the rule says;
    returns the number of practice lines checked."""
    found = Findings()
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        paid = {
            r["contract_id"]: r
            for r in await connection.fetch(
                "SELECT contract_id, basis, revision, amount_pence, transaction_id,"
                " count(*) OVER (PARTITION BY contract_id) AS n FROM payments WHERE period = $1",
                PERIOD,
            )
        }
        distributed = {
            r["contract_id"]: r
            for r in await connection.fetch(
                "SELECT *, count(*) OVER (PARTITION BY contract_id) AS n"
                " FROM distributions WHERE period = $1",
                PERIOD,
            )
        }
        legs: dict[str, dict[str, int]] = {}
        for r in await connection.fetch(
            "SELECT transaction_id, account, sum(amount_pence) AS total FROM postings"
            " GROUP BY transaction_id, account"
        ):
            legs.setdefault(r["transaction_id"], {})[r["account"]] = int(r["total"])
        unbalanced = await connection.fetch(
            "SELECT transaction_id FROM postings GROUP BY transaction_id"
            " HAVING sum(amount_pence) <> 0 OR count(*) < 2"
        )
        balances = {
            r["account"]: int(r["total"])
            for r in await connection.fetch(
                "SELECT account, sum(amount_pence) AS total FROM postings GROUP BY account"
            )
        }
        events = {
            r["ce_type"]: int(r["n"])
            for r in await connection.fetch(
                "SELECT ce_type, count(*) AS n FROM outbox GROUP BY ce_type"
            )
        }
    finally:
        await connection.close()

    found.check(not unbalanced, f"unbalanced transactions: {[r[0] for r in unbalanced][:5]}")
    found.check(
        balance.get("balanced") is True and balance["debits_pence"] == balance["credits_pence"],
        f"trial balance {balance}",
    )
    n = len(hubs)
    found.check(len(response["payments"]) == n, f"{len(response['payments'])} payments, not {n}")
    found.check(
        len(response["distributions"]) == n,
        f"{len(response['distributions'])} distributions in the response, not {n}",
    )
    found.check(
        events.get("gpfed.payment.posted") == n and events.get("gpfed.distribution.completed") == n,
        f"outbox {events}, not {n} of each",
    )
    answered = {d["contract_id"]: d for d in response["distributions"]}
    lines_checked = 0
    for hub in hubs:
        c = hub.contract_id
        expected = hub.expected()
        income = expected.income_pence
        payment = paid.get(c)
        if payment is None:
            found.problems.append(f"{c}: not paid")
            continue
        found.check(payment["n"] == 1, f"{c}: paid {payment['n']} times")
        found.check(
            (payment["basis"], payment["revision"], payment["amount_pence"])
            == ("tariff", 1, income),
            f"{c}: paid {dict(payment)}, expected tariff {income}p",
        )
        found.check(
            legs.get(payment["transaction_id"])
            == {
                f"commissioner:{hub.commissioner_ods}": -income,
                f"federation:{hub.federation_ods}": income,
            },
            f"{c}: payment postings {legs.get(payment['transaction_id'])}",
        )
        row = distributed.get(c)
        if row is None:
            found.problems.append(f"{c}: not distributed")
            continue
        found.check(row["n"] == 1, f"{c}: distributed {row['n']} times")
        got = (
            row["income_pence"],
            row["costs_pence"],
            row["retained_pence"],
            row["remainder_pence"],
        )
        want = (income, expected.costs_pence, expected.retained_pence, expected.remainder_pence)
        found.check(got == want, f"{c}: income, costs, retained, remainder {got} != {want}")
        found.check(
            row["costs_pence"] + row["retained_pence"] + row["remainder_pence"]
            == payment["amount_pence"],
            f"{c}: costs + retained + remainder != income paid",
        )
        lines = _lines(row["lines"])
        totals = {line["practice_ods"]: int(line["total_pence"]) for line in lines}
        keeps = row["retained_pence"] + (row["remainder_pence"] if row["note"] else 0)
        found.check(
            sum(totals.values()) + keeps == payment["amount_pence"],
            f"{c}: lines {sum(totals.values())} + kept {keeps} != income {payment['amount_pence']}",
        )
        want_lines = [
            (
                x.practice_ods,
                x.consultations,
                x.share_pence,
                x.admin_pence,
                x.premises_pence,
                x.clinician_fees_pence,
                x.total_pence,
            )
            for x in expected.lines
        ]
        got_lines = [
            (
                x["practice_ods"],
                x["consultations"],
                x["share_pence"],
                x["admin_pence"],
                x["premises_pence"],
                x["clinician_fees_pence"],
                x["total_pence"],
            )
            for x in lines
        ]
        found.check(got_lines == want_lines, f"{c}: lines {got_lines} != rule {want_lines}")
        lines_checked += len(lines)
        answer = answered.get(c)
        found.check(
            answer is not None and answer["lines"] == [dict(x) for x in lines],
            f"{c}: the response's lines differ from the stored ones",
        )
        fan_out = legs.get(row["transaction_id"], {})
        for ods, total in totals.items():
            moved = fan_out.get(f"provider:{ods}", 0) + fan_out.get(f"owed:{ods}", 0)
            found.check(moved == total, f"{c}: {ods} posted {moved}p, its line is {total}p")
            found.check(
                fan_out.get(f"provider:{ods}", 0) >= 0,
                f"{c}: {ods} was charged {fan_out.get(f'provider:{ods}')}p, not carried as owed",
            )
        found.check(
            fan_out.get(f"federation:{hub.federation_ods}", 0) == -sum(totals.values()),
            f"{c}: the hub pot paid out {fan_out.get(f'federation:{hub.federation_ods}')}p",
        )
        found.check(
            balances.get(f"federation:{hub.federation_ods}") == expected.federation_keeps_pence,
            f"{c}: hub pot holds {balances.get(f'federation:{hub.federation_ods}')}p,"
            f" expected {expected.federation_keeps_pence}p",
        )
    found.raise_if_any()
    return lines_checked


LINE_FIELDS = (
    "practice_ods",
    "consultations",
    "share_pence",
    "admin_pence",
    "premises_pence",
    "clinician_fees_pence",
    "total_pence",
)


async def verify_restated(
    url: str,
    hubs: list[Hub],
    run_id: str,
    outbox_before: int,
    response: dict[str, Any],
    balance: dict[str, Any],
) -> int:
    """Raise :class:`NotExact` unless the run ``run_id`` paid NEXT_PERIOD and restated every
    RESTATED month exactly as the variation says, from the generated counts and the pure rule;
    returns the number of practice adjustments checked."""
    found = Findings()
    periods = [*RESTATED, NEXT_PERIOD]
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        paid: dict[tuple[str, str], dict[int, asyncpg.Record]] = {}
        for r in await connection.fetch(
            "SELECT * FROM payments WHERE period = ANY($1::text[])", periods
        ):
            paid.setdefault((r["contract_id"], r["period"]), {})[r["revision"]] = r
        distributed: dict[tuple[str, str], dict[int, asyncpg.Record]] = {}
        for r in await connection.fetch(
            "SELECT * FROM distributions WHERE period = ANY($1::text[])", periods
        ):
            distributed.setdefault((r["contract_id"], r["period"]), {})[r["revision"]] = r
        legs: dict[str, dict[str, int]] = {}
        for r in await connection.fetch(
            "SELECT transaction_id, account, sum(amount_pence) AS total FROM postings"
            " GROUP BY transaction_id, account"
        ):
            legs.setdefault(r["transaction_id"], {})[r["account"]] = int(r["total"])
        kinds = {
            r["id"]: (r["kind"], r["revision"])
            for r in await connection.fetch(
                "SELECT id, kind, revision FROM ledger_transactions WHERE period = ANY($1::text[])",
                periods,
            )
        }
        unbalanced = await connection.fetch(
            "SELECT transaction_id FROM postings GROUP BY transaction_id"
            " HAVING sum(amount_pence) <> 0 OR count(*) < 2"
        )
        balances = {
            r["account"]: int(r["total"])
            for r in await connection.fetch(
                "SELECT account, sum(amount_pence) AS total FROM postings GROUP BY account"
            )
        }
        events = {
            r["ce_type"]: int(r["n"])
            for r in await connection.fetch(
                "SELECT ce_type, count(*) AS n FROM outbox WHERE id > $1 GROUP BY ce_type",
                outbox_before,
            )
        }
        pending = int(await connection.fetchval("SELECT count(*) FROM pending_items"))
    finally:
        await connection.close()

    n = len(hubs)
    found.check(not unbalanced, f"unbalanced transactions: {[r[0] for r in unbalanced][:5]}")
    found.check(
        balance.get("balanced") is True and balance["debits_pence"] == balance["credits_pence"],
        f"trial balance {balance}",
    )
    found.check(pending == 0, f"{pending} items still pending")
    found.check(
        len(response["settled"]) == 3 * n, f"{len(response['settled'])} settled, not {3 * n}"
    )
    for what in ("payments", "distributions"):
        found.check(len(response[what]) == 4 * n, f"{len(response[what])} {what}, not {4 * n}")
    found.check(
        events.get("gpfed.payment.posted") == 4 * n
        and events.get("gpfed.distribution.completed") == 4 * n,
        f"the run's outbox {events}, not {4 * n} of each",
    )
    adjustments = 0
    for hub in hubs:
        c = hub.contract_id
        pot = f"federation:{hub.federation_ods}"
        keeps = 0
        for period in periods:
            new = hub.expected(period, varied=True)
            keeps += new.federation_keeps_pence
            revisions = paid.get((c, period), {})
            # (paid by this run, amount) by revision: a restated month's first payment at the
            # old tariff, then this run's adjustment of the difference.
            if period == NEXT_PERIOD:
                want = {1: (True, new.income_pence)}
            else:
                old_income = hub.income(period)
                want = {1: (False, old_income), 2: (True, new.income_pence - old_income)}
            got = {
                rev: (r["run_id"] == run_id, int(r["amount_pence"])) for rev, r in revisions.items()
            }
            found.check(got == want, f"{c} {period}: paid {got}, expected {want}")
            for rev, r in revisions.items():
                amount = int(r["amount_pence"])
                found.check(
                    legs.get(r["transaction_id"])
                    == {f"commissioner:{hub.commissioner_ods}": -amount, pot: amount},
                    f"{c} {period} revision {rev}: postings {legs.get(r['transaction_id'])}",
                )
                want_kind = ("adjustment", 2) if rev == 2 else ("payment", 1)
                found.check(
                    kinds.get(r["transaction_id"]) == want_kind,
                    f"{c} {period} revision {rev}: {kinds.get(r['transaction_id'])}",
                )
            rows = distributed.get((c, period), {})
            latest = 1 if period == NEXT_PERIOD else 2
            found.check(sorted(rows) == list(range(1, latest + 1)), f"{c} {period}: {sorted(rows)}")
            if latest not in rows:
                continue
            row = rows[latest]
            got_sums = (
                row["income_pence"],
                row["costs_pence"],
                row["retained_pence"],
                row["remainder_pence"],
            )
            want_sums = (new.income_pence, new.costs_pence, new.retained_pence, new.remainder_pence)
            found.check(got_sums == want_sums, f"{c} {period}: {got_sums} != {want_sums}")
            got_lines = [tuple(x[name] for name in LINE_FIELDS) for x in _lines(row["lines"])]
            want_lines = [tuple(getattr(x, name) for name in LINE_FIELDS) for x in new.lines]
            found.check(got_lines == want_lines, f"{c} {period}: lines differ from the rule's")
            # What each practice's posting moved: its whole line, or for a restated month its
            # new line less its old one (the old distribution as the old terms gave it).
            before = (
                {}
                if latest == 1
                else {x.practice_ods: x.total_pence for x in hub.expected(period).lines}
            )
            after = {x.practice_ods: x.total_pence for x in new.lines}
            fan_out = legs.get(row["transaction_id"], {})
            for ods in sorted({*before, *after}):
                change = after.get(ods, 0) - before.get(ods, 0)
                moved = fan_out.get(f"provider:{ods}", 0) + fan_out.get(f"owed:{ods}", 0)
                found.check(moved == change, f"{c} {period} {ods}: moved {moved}p, not {change}p")
                found.check(
                    fan_out.get(f"provider:{ods}", 0) >= 0,
                    f"{c} {period} {ods}: charged {fan_out.get(f'provider:{ods}')}p, not owed",
                )
                adjustments += latest == 2
            paid_out = sum(after.values()) - sum(before.values())
            found.check(
                fan_out.get(pot, 0) == -paid_out,
                f"{c} {period}: the pot moved {fan_out.get(pot)}p, not {-paid_out}p",
            )
        found.check(
            balances.get(pot) == keeps,
            f"{c}: hub pot holds {balances.get(pot)}p, the new rule keeps {keeps}p",
        )
    found.raise_if_any()
    return adjustments


# --- the raw limit -------------------------------------------------------------------------


async def raw_copy(
    url: str, tables: list[str], where: dict[str, str] | None = None
) -> tuple[float, int, int]:
    """Seconds to COPY the rows of ``tables`` (those ``where`` selects, by table) into
    scratch copies of them, in one committed transaction; and how many rows (all, postings)."""
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        rows: dict[str, list[asyncpg.Record]] = {}
        for table in tables:
            condition = (where or {}).get(table, "TRUE")
            rows[table] = await connection.fetch(f'SELECT * FROM "{table}" WHERE {condition}')  # noqa: S608
            await connection.execute(f'DROP TABLE IF EXISTS "raw_{table}"')
            await connection.execute(f'CREATE TABLE "raw_{table}" (LIKE "{table}" INCLUDING ALL)')
        started = time.perf_counter()
        async with connection.transaction():
            for table, records in rows.items():
                if records:
                    await connection.copy_records_to_table(
                        f"raw_{table}",
                        records=[tuple(r.values()) for r in records],
                        columns=list(records[0].keys()),
                    )
        seconds = time.perf_counter() - started
        for table in tables:
            await connection.execute(f'DROP TABLE "raw_{table}"')
    finally:
        await connection.close()
    return seconds, sum(len(r) for r in rows.values()), len(rows.get("postings", []))


# --- the benchmark -------------------------------------------------------------------------


def _figure(
    figure: str,
    value: float,
    unit: str,
    target: str = "-",
    met: bool | None = None,
    raw: float | None = None,
    ratio: float | None = None,
) -> dict[str, Any]:
    """A row for ``tests.perf.bench.Figure``."""
    return {
        "figure": figure,
        "value": value,
        "unit": unit,
        "raw_limit_value": raw,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


@dataclass(frozen=True)
class MonthEnd:
    federations: int
    practices: int
    events_seeded: int
    seed_seconds: float
    run_seconds: float
    payments: int
    distributions: int
    lines_checked: int
    postings: int
    rows_written: int
    raw_seconds: float
    raw_postings_only_seconds: float
    outbox_drained_seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    #: "England" or "ten times England".
    name: str = "England"
    seeded_how: str = "through the inbox"

    @property
    def postings_per_second(self) -> float:
        return self.postings / self.run_seconds

    @property
    def raw_postings_per_second(self) -> float:
        return self.postings / self.raw_seconds

    @property
    def ten_times(self) -> bool:
        return self.name != "England"

    def figures(self) -> list[dict[str, Any]]:
        """Rows for ``tests.perf.bench.Figure``."""
        rate, raw = self.postings_per_second, self.raw_postings_per_second
        scale = f"{self.federations} hubs, {self.practices} practices"
        seconds = TEN_TIMES_TARGET_SECONDS if self.ten_times else TARGET_SECONDS
        memory = TEN_TIMES_MEMORY_MB if self.ten_times else PSS_TARGET_MB
        return [
            _figure(
                f"month end for {self.name}: seeding {self.events_seeded} events"
                f" {self.seeded_how} (not in the figure below)",
                round(self.seed_seconds, 1),
                "s",
            ),
            _figure(
                f"month end for {self.name}: POST /payment-runs ({scale}) until every"
                " distribution is completed",
                round(self.run_seconds, 2),
                "s",
                f"< {seconds:g} s, every distribution exact",
                # verify() raised before this point had any distribution been inexact.
                self.run_seconds < seconds,
            ),
            _figure(
                f"month end for {self.name}: postings/s ({self.postings} postings); raw limit:"
                f" COPY of all {self.rows_written} rows the run wrote",
                round(rate),
                "postings/s",
                raw=round(raw),
                ratio=round(rate / raw, 3),
            ),
            _figure(
                f"payments (month end for {self.name} process) peak PSS, sampled every"
                f" {PSS_INTERVAL}s",
                round(self.peak_pss_mb, 1),
                "MB",
                f"< {memory:g} MB",
                self.peak_pss_mb < memory,
            ),
            _figure(
                f"payments (month end for {self.name} process) peak RSS (VmHWM)",
                round(self.peak_rss_mb, 1),
                "MB",
            ),
        ]


@dataclass(frozen=True)
class Restated:
    federations: int
    #: Closes of the other months and the variations, through the inbox; the two earlier runs.
    events_seeded: int
    seed_seconds: float
    earlier_runs_seconds: float
    run_seconds: float
    payments: int
    distributions: int
    settled: int
    adjustments_checked: int
    postings: int
    rows_written: int
    raw_seconds: float
    peak_pss_mb: float

    def figures(self) -> list[dict[str, Any]]:
        rate, raw = self.postings / self.run_seconds, self.postings / self.raw_seconds
        return [
            _figure(
                f"restated month end: closing {', '.join([EARLIER, LATER, NEXT_PERIOD])} and"
                f" varying every hub from {VARIED_FROM}: {self.events_seeded} events through"
                f" the inbox, and paying {EARLIER} and {LATER}"
                f" ({self.earlier_runs_seconds:.1f} s) (not in the figure below)",
                round(self.seed_seconds, 1),
                "s",
            ),
            _figure(
                f"restated month end: POST /payment-runs {NEXT_PERIOD} after a variation"
                f" backdated three months on every hub ({self.federations} hubs:"
                f" {self.payments} payments and adjustments, {self.distributions}"
                f" distributions, {self.settled} restatements settled)",
                round(self.run_seconds, 2),
                "s",
                f"< {RESTATED_TARGET_SECONDS:g} s, every adjustment exact",
                # verify_restated() raised before this point had any adjustment been inexact.
                self.run_seconds < RESTATED_TARGET_SECONDS,
            ),
            _figure(
                f"restated month end: postings/s ({self.postings} postings); raw limit: COPY"
                f" of the {self.rows_written} rows the run wrote",
                round(rate),
                "postings/s",
                raw=round(raw),
                ratio=round(rate / raw, 3),
            ),
            _figure(
                f"payments (restated month end process) peak PSS, sampled every {PSS_INTERVAL}s",
                round(self.peak_pss_mb, 1),
                "MB",
                f"< {PSS_TARGET_MB:g} MB",
                self.peak_pss_mb < PSS_TARGET_MB,
            ),
        ]


Serve = Callable[[str], AbstractContextManager[tuple[str, int]]]


def month_end(url: str, serve_payments: Serve) -> MonthEnd:
    """Create and seed the ``url`` database, run the month through ``serve_payments(url)``
    (a context manager yielding the process's base URL and pid), verify it, measure the raw
    limit. Raises :class:`NotExact` if any payment or distribution is not exact."""
    hubs = england()
    asyncio.run(_create(url))
    upgrade(MIGRATIONS, url)
    started = time.perf_counter()
    events = asyncio.run(seed(url, hubs))
    seed_seconds = time.perf_counter() - started
    _say(f"   seeded {len(hubs)} hubs ({events} events) in {seed_seconds:.1f}s")
    return _month_end(url, hubs, serve_payments, events, seed_seconds)


def ten_times_england(url: str, serve_payments: Serve) -> MonthEnd:
    """:func:`month_end` for ten times England (``TEN_TIMES``), seeded in batches."""
    hubs = england(FEDERATIONS * TEN_TIMES, PRACTICES * TEN_TIMES)
    asyncio.run(_create(url))
    upgrade(MIGRATIONS, url)
    started = time.perf_counter()
    # Contracts and subcontracts three batches at once; closes, which lock, one at a time.
    phases = [
        ([hub.events()[phase] for hub in hubs], SEED_BATCHES_AT_ONCE if phase < 2 else 1)
        for phase in range(3)
    ]
    events = asyncio.run(feed_in_batches(url, phases))
    seed_seconds = time.perf_counter() - started
    _say(f"   seeded {len(hubs)} hubs ({events} events, in batches) in {seed_seconds:.1f}s")
    name = "ten times England" if TEN_TIMES == 10 else f"{TEN_TIMES} times England"
    return _month_end(
        url, hubs, serve_payments, events, seed_seconds, name, "through the handlers in batches"
    )


def _month_end(
    url: str,
    hubs: list[Hub],
    serve_payments: Serve,
    events: int,
    seed_seconds: float,
    name: str = "England",
    seeded_how: str = "through the inbox",
) -> MonthEnd:
    with serve_payments(url) as (base, pid):
        memory = MemorySampler(pid)
        try:
            started = time.perf_counter()
            _, response = _pay(base)
            run_seconds = _until_distributed(url, PERIOD, len(hubs), started)
        finally:
            memory.stop()
        _say(f"   run took {run_seconds:.2f}s; waiting for the relay to publish the events")
        drained = _drain(url)
        balance = _trial_balance(base)
        rss = peak_rss_mb(pid)
    lines = asyncio.run(verify(url, hubs, response, balance))
    _say(f"   verified {len(hubs)} distributions, {lines} lines: every one exact")
    raw_seconds, rows, postings = asyncio.run(raw_copy(url, WRITTEN))
    raw_postings_only, _, _ = asyncio.run(raw_copy(url, ["postings"]))
    return MonthEnd(
        federations=len(hubs),
        practices=sum(len(hub.practices) for hub in hubs),
        events_seeded=events,
        seed_seconds=seed_seconds,
        run_seconds=run_seconds,
        payments=len(response["payments"]),
        distributions=len(response["distributions"]),
        lines_checked=lines,
        postings=postings,
        rows_written=rows,
        raw_seconds=raw_seconds,
        raw_postings_only_seconds=raw_postings_only,
        outbox_drained_seconds=drained,
        peak_rss_mb=rss,
        peak_pss_mb=memory.peak_mb,
        name=name,
        seeded_how=seeded_how,
    )


def restated(url: str, serve_payments: Serve) -> Restated:
    """On :func:`month_end`'s database, after its run: September and November closed and
    paid, every hub varied from VARIED_FROM, December closed; then the one run for December,
    verified and set against the raw COPY of what it wrote."""
    hubs = england()
    started = time.perf_counter()
    events = asyncio.run(feed(url, [[hub.closed(p) for hub in hubs] for p in (EARLIER, LATER)]))
    seed_seconds = time.perf_counter() - started
    with serve_payments(url) as (base, pid):
        started = time.perf_counter()
        for period in (EARLIER, LATER):
            _pay(base, period)
            _until_distributed(url, period, len(hubs), started)
        earlier_runs = time.perf_counter() - started
        started = time.perf_counter()
        events += asyncio.run(
            feed(url, [[hub.varied() for hub in hubs], [hub.closed(NEXT_PERIOD) for hub in hubs]])
        )
        seed_seconds += time.perf_counter() - started
        pending = asyncio.run(_fetchval(url, "SELECT count(*) FROM pending_items"))
        _say(
            f"   paid {EARLIER} and {LATER} in {earlier_runs:.1f}s; {events} events in"
            f" {seed_seconds:.1f}s; {pending} restatements pending"
        )
        outbox_before = int(_value(url, "SELECT coalesce(max(id), 0) FROM outbox"))
        postings_before = int(_value(url, "SELECT coalesce(max(id), 0) FROM postings"))
        began = datetime.now(UTC)
        memory = MemorySampler(pid)
        try:
            started = time.perf_counter()
            _, response = _pay(base, NEXT_PERIOD)
            run_seconds = _until_distributed(url, NEXT_PERIOD, len(hubs), started)
        finally:
            memory.stop()
        _say(f"   restated run took {run_seconds:.2f}s")
        _drain(url)
        balance = _trial_balance(base)
    run_id = response["run_id"]
    adjustments = asyncio.run(verify_restated(url, hubs, run_id, outbox_before, response, balance))
    _say(f"   verified {adjustments} practice adjustments and every month: every one exact")
    # The rows that run wrote (the relay's marks on the outbox rows aside).
    posted = f"SELECT transaction_id FROM postings WHERE id > {postings_before}"  # noqa: S608
    raw_seconds, rows, postings = asyncio.run(
        raw_copy(
            url,
            WRITTEN,
            {
                "accounts": f"created_at >= '{began.isoformat()}'",
                "ledger_transactions": f"id IN ({posted})",
                "postings": f"id > {postings_before}",
                "payment_runs": f"id = '{run_id}'",
                "payments": f"run_id = '{run_id}'",
                "distributions": f"created_at >= '{began.isoformat()}'",
                "outbox": f"id > {outbox_before}",
            },
        )
    )
    return Restated(
        federations=len(hubs),
        events_seeded=events,
        seed_seconds=seed_seconds,
        earlier_runs_seconds=earlier_runs,
        run_seconds=run_seconds,
        payments=len(response["payments"]),
        distributions=len(response["distributions"]),
        settled=len(response["settled"]),
        adjustments_checked=adjustments,
        postings=postings,
        rows_written=rows,
        raw_seconds=raw_seconds,
        peak_pss_mb=memory.peak_mb,
    )


def _value(url: str, sql: str) -> Any:
    return asyncio.run(_fetchval(url, sql))


def month_ends(url: str, serve_payments: Serve) -> list[MonthEnd | Restated]:
    """The three month-end figures: England (on ``url``), restated (after it, on the same
    database), ten times England (on ``url``'s database name with ``_x10``)."""
    england_run = month_end(url, serve_payments)
    found: list[MonthEnd | Restated] = [england_run, restated(url, serve_payments)]
    if TEN_TIMES:
        database = f"{make_url(url).database}_x10"
        found.append(
            ten_times_england(
                make_url(url).set(database=database).render_as_string(hide_password=False),
                serve_payments,
            )
        )
    return found


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def main() -> int:
    """``python -m tests.perf.bench_month_end``: this benchmark alone, with its own broker."""
    from shared.broker import Broker, free_port
    from tests.conftest import database_url
    from tests.perf.bench import PREFIX, ROOT, serve

    (ROOT / "var" / "logs").mkdir(parents=True, exist_ok=True)
    broker = Broker(free_port(), log_path=ROOT / "var" / "logs" / "bench-broker.log").start()
    try:
        results = month_ends(
            database_url(f"{PREFIX}_month_end"), lambda url: serve("payments", url, broker)
        )
    finally:
        broker.stop()
    print(
        json.dumps(
            [{**asdict(result), "figures": result.figures()} for result in results], indent=2
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
