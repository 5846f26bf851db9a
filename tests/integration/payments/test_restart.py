"""A payments process killed (SIGKILL) mid-distribution and restarted: the ledger still balances
and nothing is paid or distributed twice (issue 5).

The kill is made to land deterministically inside the service's database transaction: a
separate connection holds ``LOCK TABLE postings IN EXCLUSIVE MODE`` (reads still pass, any
INSERT waits), postings being the last table a payment or a distribution writes. Once
``pg_stat_activity`` shows the service's ``INSERT INTO postings`` waiting on that lock, the
process is killed, the lock released, and the orphaned backend must roll everything back.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, suppress
from datetime import date
from typing import IO, Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from services.payments.settings import Settings
from shared.broker import Broker, free_port
from shared.bus import new_producer
from shared.db import Database
from shared.events import Envelope, Event
from shared.events.contracts import PaymentTerms
from tests.conftest import _dsn, eventually
from tests.integration.payments.support import (
    ADMIN,
    COMMISSIONER,
    FEDERATION,
    HUB,
    PRACTICE_A,
    PRACTICE_B,
    admin_subcontract,
    bearer,
    db,
    hub_activated,
    payments_url,
    period_closed,
)

pytestmark = pytest.mark.integration
__all__ = ["db", "payments_url"]  # fixtures

PERIOD = "2026-10"
INCOME = 258_000  # the worked example: 14 x 150.00 + 6 x 80.00
# Where the 2,580.00 ends up (README's worked example, 10% retained).
EXPECTED_BALANCES = {
    f"commissioner:{COMMISSIONER}": -INCOME,
    f"federation:{FEDERATION}": 13_450,
    f"provider:{PRACTICE_A}": 143_288,
    f"provider:{PRACTICE_B}": 45_262,
    f"provider:{ADMIN}": 56_000,
}
EXPECTED_LINES = {PRACTICE_A: 143_288, PRACTICE_B: 45_262, ADMIN: 56_000}
# The backend waiting for ``postings``. pg_locks, not pg_stat_activity's ``query``: the
# postings are written by asyncpg's executemany, whose text pg_stat_activity does not show.
WAITING_INSERT = """
    SELECT pid FROM pg_locks
    WHERE NOT granted AND relation = 'postings'::regclass AND mode = 'RowExclusiveLock'
"""


class Service:
    """``gpfed serve --service payments`` as its own process."""

    def __init__(self, url: str, bootstrap: str) -> None:
        self.url, self.bootstrap = url, bootstrap
        self.process: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.base = ""

    async def start(self) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "GPFED_DATABASE_URL": self.url,
            "GPFED_PORT": str(port),
            "GPFED_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gpfed.cli", "serve", "--service", "payments"],
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        async with httpx.AsyncClient(base_url=self.base, timeout=2) as client:

            async def ready() -> bool:
                assert self.process is not None and self.process.poll() is None, self.tail()
                with suppress(httpx.HTTPError):
                    return (await client.get("/health/ready")).status_code == 200
                return False

            await eventually(ready, timeout=60, interval=0.2)

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.wait(timeout=10) == -signal.SIGKILL

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def tail(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]


@pytest.fixture
def service_factory() -> Iterator[list[Service]]:
    started: list[Service] = []
    yield started
    for service in started:
        service.stop()
        service.log.close()


@asynccontextmanager
async def sender(bootstrap: str) -> AsyncIterator[Any]:
    producer = new_producer(bootstrap)
    await producer.start()

    async def send(event: Event) -> None:
        key, value, headers = Envelope.wrap(event, source=f"/gpfed/{event.producer}").to_kafka()
        await producer.send_and_wait(event.topic(), value, key=key, headers=headers)

    try:
        yield send
    finally:
        await producer.stop()


def _asyncpg_dsn(url: str) -> str:
    return _dsn(make_url(url).database or "")


async def _scalar(url: str, query: str) -> Any:
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        return await connection.fetchval(query)
    finally:
        await connection.close()


async def _count(url: str, table: str, where: str = "true") -> int:
    return int(await _scalar(url, f"SELECT count(*) FROM {table} WHERE {where}"))  # noqa: S608


@asynccontextmanager
async def postings_locked(url: str) -> AsyncIterator[asyncpg.Connection]:
    """Hold an EXCLUSIVE lock on ``postings`` until the block ends (then roll back)."""
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    transaction = connection.transaction()
    await transaction.start()
    await connection.execute("LOCK TABLE postings IN EXCLUSIVE MODE")
    try:
        yield connection
    finally:
        await transaction.rollback()
        await connection.close()


async def kill_while_posting(service: Service, lock: asyncpg.Connection) -> int:
    """Wait until the service's INSERT INTO postings waits on the lock, then SIGKILL it."""

    async def waiting() -> int | None:
        return await lock.fetchval(WAITING_INSERT)  # type: ignore[no-any-return]

    try:
        pid: int = await eventually(waiting, timeout=30)
    except AssertionError:
        rows = await lock.fetch(
            "SELECT pid, state, wait_event_type, left(query, 80) AS q FROM pg_stat_activity "
            "WHERE datname = current_database()"
        )
        raise AssertionError(f"{[dict(r) for r in rows]}\n{service.tail()}") from None
    service.kill()
    print(
        f"  killed the service (SIGKILL) while backend {pid} waited for postings (RowExclusiveLock)"
    )
    return pid


async def orphan_gone(url: str, pid: int) -> None:
    """After the lock is released the dead client's backend reads EOF and rolls back."""

    async def gone() -> bool:
        return await _count(url, "pg_stat_activity", f"pid = {pid}") == 0

    await eventually(gone, timeout=20)
    print(f"  lock released; backend {pid} ended (its transaction rolled back)")


async def assert_paid_and_distributed_once(url: str, client: httpx.AsyncClient) -> None:
    where = f"contract_id = '{HUB}' AND period = '{PERIOD}'"
    assert await _count(url, "payments", where) == 1
    assert await _count(url, "distributions", where) == 1
    assert await _count(url, "ledger_transactions", where) == 2  # payment + fan-out
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        rows = await connection.fetch(
            "SELECT account, sum(amount_pence) AS total FROM postings GROUP BY account"
        )
        outbox = await connection.fetch("SELECT ce_type FROM outbox ORDER BY id")
    finally:
        await connection.close()
    assert {row["account"]: int(row["total"]) for row in rows} == EXPECTED_BALANCES
    assert sorted(row["ce_type"] for row in outbox) == [
        "gpfed.distribution.completed",
        "gpfed.payment.posted",
    ]
    found = await client.get("/distributions", params={"contract_id": HUB, "period": PERIOD})
    assert found.status_code == 200, found.text
    body = found.json()
    assert body["status"] == "completed"
    assert (body["income_pence"], body["retained_pence"]) == (INCOME, 13_450)
    assert {line["practice_ods"]: line["total_pence"] for line in body["lines"]} == EXPECTED_LINES
    balance = (await client.get("/ledger/trial-balance")).json()
    moved = INCOME + sum(EXPECTED_LINES.values())  # the payment, then the fan-out
    assert balance == {"balanced": True, "debits_pence": moved, "credits_pence": moved}
    print(
        f"  verified: 1 payment ({INCOME}p), 1 distribution, practice totals {EXPECTED_LINES}, "
        f"federation keeps 13450p, trial balance {balance}, outbox: 1 payment.posted + "
        "1 distribution.completed"
    )


async def _client(service: Service, settings: Settings) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=service.base, timeout=30)
    client.headers["authorization"] = bearer(settings, "commissioner", COMMISSIONER)
    return client


async def test_a_payment_run_killed_mid_transaction_leaves_nothing_and_a_rerun_pays_once(
    payments_url: str, db: Database, broker: Broker, service_factory: list[Service]
) -> None:
    url, bootstrap = payments_url, broker.bootstrap_servers
    settings = Settings(database_url=url, kafka_bootstrap_servers=bootstrap)
    first = Service(url, bootstrap)
    service_factory.append(first)
    await first.start()
    print(f"\nrun killed mid-transaction: payments serving on {first.base}")
    async with sender(bootstrap) as send:
        await send(hub_activated())
        await send(admin_subcontract())
        await send(period_closed())

    async def consumed() -> bool:
        return (
            await _count(url, "contracts") == 1
            and await _count(url, "subcontracts") == 1
            and await _count(url, "closed_periods") == 1
        )

    await eventually(consumed, timeout=30)
    print("  consumed contract terms, admin subcontract and the closed period from the broker")

    client = await _client(first, settings)
    try:
        async with postings_locked(url) as lock:
            run = asyncio.create_task(client.post("/payment-runs", json={"period": PERIOD}))
            pid = await kill_while_posting(first, lock)
            with pytest.raises(httpx.TransportError):
                await run
        await orphan_gone(url, pid)
    finally:
        await client.aclose()
    for table in ("payment_runs", "payments", "distributions", "ledger_transactions", "postings"):
        assert await _count(url, table) == 0, table
    assert await _count(url, "outbox") == 0
    print("  nothing of the killed run survived (no run, payment, posting or outbox row)")

    second = Service(url, bootstrap)
    service_factory.append(second)
    await second.start()
    print(f"  restarted on {second.base}")
    client = await _client(second, settings)
    try:
        rerun = await client.post("/payment-runs", json={"period": PERIOD})
        assert rerun.status_code == 200, rerun.text
        assert [p["amount_pence"] for p in rerun.json()["payments"]] == [INCOME]
        assert len(rerun.json()["distributions"]) == 1
        again = await client.post("/payment-runs", json={"period": PERIOD})
        assert (again.json()["payments"], again.json()["distributions"]) == ([], [])
        print("  re-run paid and distributed; a further run paid nothing")
        await assert_paid_and_distributed_once(url, client)
    finally:
        await client.aclose()


async def test_a_distribution_handler_killed_mid_transaction_redelivers_and_distributes_once(
    payments_url: str, db: Database, broker: Broker, service_factory: list[Service]
) -> None:
    # A monthly block hub: the run posts the income before the period closes, so the
    # period-closed event is the last input and its handler is the one that distributes.
    url, bootstrap = payments_url, broker.bootstrap_servers
    settings = Settings(database_url=url, kafka_bootstrap_servers=bootstrap)
    block = PaymentTerms(basis="block", schedule="monthly", annual_value_pence=12 * INCOME)
    first = Service(url, bootstrap)
    service_factory.append(first)
    await first.start()
    print(f"\ndistribution handler killed mid-transaction: payments serving on {first.base}")
    async with sender(bootstrap) as send:
        await send(hub_activated(payment=block, start_date=date(2026, 4, 1)))
        await send(admin_subcontract())

        async def consumed() -> bool:
            return await _count(url, "contracts") == 1 and await _count(url, "subcontracts") == 1

        await eventually(consumed, timeout=30)
        client = await _client(first, settings)
        try:
            run = await client.post("/payment-runs", json={"period": PERIOD})
            assert run.status_code == 200, run.text
            assert [p["amount_pence"] for p in run.json()["payments"]] == [INCOME]
            assert run.json()["distributions"] == []  # waits for the closed period
            print(f"  run paid the block instalment ({INCOME}p); distribution pending")
            async with postings_locked(url) as lock:
                await send(period_closed())
                pid = await kill_while_posting(first, lock)
            await orphan_gone(url, pid)
        finally:
            await client.aclose()
    assert await _count(url, "distributions") == 0
    assert await _count(url, "closed_periods") == 0  # rolled back with the inbox record
    assert await _count(url, "postings") == 2  # the payment's two legs only
    assert await _count(url, "outbox", "ce_type = 'gpfed.distribution.completed'") == 0
    print(
        "  nothing of the killed distribution survived, not even the closed period it was handling"
    )

    second = Service(url, bootstrap)
    service_factory.append(second)
    await second.start()
    print(f"  restarted on {second.base}")

    async def distributed() -> bool:
        return await _count(url, "distributions") == 1

    await eventually(distributed, timeout=45)
    print("  the period-closed event was redelivered and distributed by the restarted service")
    client = await _client(second, settings)
    try:
        again = await client.post("/payment-runs", json={"period": PERIOD})
        assert (again.json()["payments"], again.json()["distributions"]) == ([], [])
        await assert_paid_and_distributed_once(url, client)
    finally:
        await client.aclose()
