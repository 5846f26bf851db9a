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
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from services.payments.app import MIGRATIONS
from services.payments.domain import distribution as rule_of
from services.payments.handlers import handlers
from services.payments.settings import Settings
from services.payments.store import metadata
from shared.auth import mint_token
from shared.db import Database
from shared.events import Envelope, Event
from shared.events.contracts import ContractActivated, DistributionRule, PaymentTerms, Tariff
from shared.events.federation import ActivityPeriodClosed, PracticeActivity, SubcontractIssued
from shared.migrations import upgrade
from tests.conftest import _dsn, deliver_through_inbox, recreate_databases
from tests.perf.processes import peak_rss_mb

FEDERATIONS = int(os.environ.get("GPFED_BENCH_FEDERATIONS", "1250"))
PRACTICES = int(os.environ.get("GPFED_BENCH_PRACTICES", "6500"))
PERIOD = "2026-10"
START = date(2026, 4, 1)
TARGET_SECONDS = 30.0
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

    def work(self) -> list[rule_of.PracticeActivity]:
        return [
            rule_of.PracticeActivity(p.practice_ods, p.first, p.follow_up, p.hosted)
            for p in self.practices
        ]

    def expected(self) -> rule_of.Distribution:
        """What the pure rule gives for the generated counts, the service not involved."""
        work = self.work()
        income = rule_of.tariff_income(self.tariff.first_pence, self.tariff.follow_up_pence, work)
        rule = rule_of.Rule(
            self.rule.retained_percent,
            self.rule.admin_charge_per_patient_pence,
            self.rule.premises_per_consultation_pence,
            self.rule.clinician_fee_per_consultation_pence,
        )
        return rule_of.distribute(
            income, rule, patients=self.patients, admin_ods=self.admin_ods, work=work
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


def england(federations: int = FEDERATIONS, practices: int = PRACTICES) -> list[Hub]:
    """The month's hubs, the same on every run (a seeded generator)."""
    rng = random.Random(9)
    codes = [f"{'ABCDEFGHJKLMN'[i // 1000]}{81000 + i % 1000}" for i in range(practices)]
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
        practices_out = tuple(
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
                patients=sum(first for _, first, _ in counts) * 19 // 20,
                practices=practices_out,
            )
        )
    return hubs


# --- seeding -------------------------------------------------------------------------------


async def _create(url: str) -> None:
    await recreate_databases([make_url(url).database or ""])


async def seed(url: str, hubs: list[Hub]) -> int:
    """Every hub's events through the payments inbox; returns how many were applied."""
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
        # Contracts first, then subcontracts, then the close: the order the saga makes them.
        for phase in range(3):
            events = [event for hub in hubs for event in hub.events()[phase]]
            await asyncio.gather(*(deliver(event) for event in events))
            applied += len(events)
    finally:
        await db.dispose()
    return applied


# --- the run -------------------------------------------------------------------------------


def _pay(base: str) -> tuple[float, dict[str, Any]]:
    """``POST /payment-runs`` as ops; seconds until the response is read, and the response."""
    token = mint_token(Settings(), role="ops", org="X24")
    with httpx.Client(base_url=base, timeout=900) as client:
        started = time.perf_counter()
        r = client.post(
            "/payment-runs",
            json={"period": PERIOD},
            headers={"authorization": f"Bearer {token}"},
        )
        r.raise_for_status()
        body: dict[str, Any] = r.json()
        return time.perf_counter() - started, body


async def _completed(url: str) -> int:
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        return int(
            await connection.fetchval(
                "SELECT count(*) FROM distributions WHERE period = $1", PERIOD
            )
        )
    finally:
        await connection.close()


async def _outbox_unsent(url: str) -> int:
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        return int(await connection.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
    finally:
        await connection.close()


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


# --- the raw limit -------------------------------------------------------------------------


async def raw_copy(url: str, tables: list[str]) -> tuple[float, int, int]:
    """Seconds to COPY the rows of ``tables`` into scratch copies of them, in one committed
    transaction; and how many rows (all, postings)."""
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        rows: dict[str, list[asyncpg.Record]] = {}
        for table in tables:
            rows[table] = await connection.fetch(f'SELECT * FROM "{table}"')  # noqa: S608
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

    @property
    def postings_per_second(self) -> float:
        return self.postings / self.run_seconds

    @property
    def raw_postings_per_second(self) -> float:
        return self.postings / self.raw_seconds

    def figures(self) -> list[dict[str, Any]]:
        """Rows for ``tests.perf.bench.Figure``."""
        rate, raw = self.postings_per_second, self.raw_postings_per_second
        scale = f"{self.federations} hubs, {self.practices} practices"
        return [
            {
                "figure": f"month end: seeding {self.events_seeded} events through the inbox"
                " (not in the figure below)",
                "value": round(self.seed_seconds, 1),
                "unit": "s",
                "raw_limit_value": None,
                "ratio": None,
                "target": "-",
                "met": None,
            },
            {
                "figure": f"month end for England: POST /payment-runs ({scale}) until every"
                " distribution is completed",
                "value": round(self.run_seconds, 2),
                "unit": "s",
                "raw_limit_value": None,
                "ratio": None,
                "target": "< 30 s, every distribution exact",
                # verify() raised before this point had any distribution been inexact.
                "met": self.run_seconds < TARGET_SECONDS,
            },
            {
                "figure": f"month end: postings/s ({self.postings} postings); raw limit: COPY"
                f" of all {self.rows_written} rows the run wrote",
                "value": round(rate),
                "unit": "postings/s",
                "raw_limit_value": round(raw),
                "ratio": round(rate / raw, 3),
                "target": "-",
                "met": None,
            },
            {
                "figure": "payments (month end process) peak RSS (VmHWM)",
                "value": round(self.peak_rss_mb, 1),
                "unit": "MB",
                "raw_limit_value": None,
                "ratio": None,
                "target": "< 300 MB",
                "met": self.peak_rss_mb < 300,
            },
        ]


def month_end(
    url: str, serve_payments: Callable[[str], AbstractContextManager[tuple[str, int]]]
) -> MonthEnd:
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

    with serve_payments(url) as (base, pid):
        started = time.perf_counter()
        run_seconds, response = _pay(base)
        # The run distributes in the same request; were any left to a later handler, the
        # clock would run on until the database holds them all.
        while (done := asyncio.run(_completed(url))) < len(hubs):
            if time.perf_counter() - started > 3600:
                raise NotExact(f"only {done} of {len(hubs)} distributions completed")
            time.sleep(0.05)
            run_seconds = time.perf_counter() - started
        _say(f"   run took {run_seconds:.2f}s; waiting for the relay to publish the events")
        drain_started = time.perf_counter()
        while asyncio.run(_outbox_unsent(url)) and time.perf_counter() - drain_started < 120:
            time.sleep(0.2)
        drained = time.perf_counter() - drain_started
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
    )


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
        result = month_end(
            database_url(f"{PREFIX}_month_end"), lambda url: serve("payments", url, broker)
        )
    finally:
        broker.stop()
    print(json.dumps({**asdict(result), "figures": result.figures()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
