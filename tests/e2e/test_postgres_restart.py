"""PostgreSQL restarted while events flow: the hub saga on a server of the test's own, which is
stopped for a few seconds right after the contract is activated (while contract.activated fans
out) and right after the month is closed (while period_closed travels to payments). To be sure
every consumer is mid-stream when the database goes, each service's event history is also sent
again during the outage: each of those needs the consumer's inbox, so each waits out the restart.

Nothing may be dead-lettered, nothing lost, and the books must be exact afterwards."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlalchemy import func, select

from gpfed.demo import run_scenario
from gpfed.services import SERVICES
from shared.broker import Broker
from shared.bus import new_producer
from shared.db import Database, outbox_columns, outbox_message
from shared.events import dlq_of, topic_of
from shared.events.envelope import Headers
from tests.e2e.harness import Suite, running_suite
from tests.e2e.test_faults import _assert_money
from tests.private_postgres import PrivatePostgres, private_postgres

pytestmark = pytest.mark.e2e

DOWN_SECONDS = 3.0
Message = tuple[str, bytes, bytes, Headers]


@pytest.fixture
def server() -> Iterator[tuple[PrivatePostgres, dict[str, str]]]:
    with private_postgres(list(SERVICES)) as found:
        yield found


async def _history(urls: dict[str, str]) -> list[Message]:
    """Every service's outbox so far, as the relay sent it."""
    messages: list[Message] = []
    for service, url in urls.items():
        db = Database(url, SERVICES[service].metadata, service=service)
        try:
            outbox = db.table("outbox")
            async with db.sessions() as session:
                query = select(*outbox_columns(outbox)).order_by(outbox.c.id)
                messages += [outbox_message(row) for row in (await session.execute(query)).all()]
        finally:
            await db.dispose()
    return messages


async def _send(servers: str, messages: list[Message]) -> None:
    producer = new_producer(servers)
    await producer.start()
    try:
        for topic, key, value, headers in messages:
            await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def _unsent(urls: dict[str, str]) -> dict[str, int]:
    found = {}
    for service, url in urls.items():
        db = Database(url, SERVICES[service].metadata, service=service)
        try:
            pending = db.table("outbox_pending")
            async with db.sessions() as session:
                found[service] = int(
                    await session.scalar(select(func.count()).select_from(pending)) or 0
                )
        finally:
            await db.dispose()
    return found


async def _dead_letters(servers: str) -> int:
    """How many messages every DLQ holds (the end offsets of their partitions)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=servers)
    await consumer.start()
    try:
        await consumer.topics()
        partitions = []
        for service in SERVICES:
            topic = dlq_of(topic_of(service))
            for p in consumer.partitions_for_topic(topic) or ():
                partitions.append((topic, p))
        assert partitions, "the services create their DLQ topics at start-up"
        ends = await consumer.end_offsets([TopicPartition(t, p) for t, p in partitions])
        return sum(ends.values())
    finally:
        await consumer.stop()


def _metric(suite: Suite, name: str) -> float:
    """A counter summed over the services' /metrics."""
    total = 0.0
    for url in suite.urls.values():
        for line in httpx.get(f"{url}/metrics", timeout=5).text.splitlines():
            if line.startswith(name):
                total += float(line.rsplit(" ", 1)[1])
    return total


def test_postgres_restarted_while_events_flow_delays_them_and_loses_or_parks_none(
    server: tuple[PrivatePostgres, dict[str, str]],
    broker: Broker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pg, urls = server
    # Short caps, so the services are back to work soon after the database is.
    monkeypatch.setenv("GPFED_CONSUMER_MAX_BACKOFF_SECONDS", "1")
    monkeypatch.setenv("GPFED_RELAY_MAX_BACKOFF_SECONDS", "1")
    restarts: list[str] = []

    def strike(step: str, values: dict[str, Any]) -> None:
        if step not in ("activated", "closed"):
            return
        history = asyncio.run(_history(urls))
        pg.stop()
        started = time.monotonic()
        asyncio.run(_send(broker.bootstrap_servers, history))  # for the consumers meanwhile
        time.sleep(max(0.0, DOWN_SECONDS - (time.monotonic() - started)))
        pg.start()
        restarts.append(f"{step}: down {time.monotonic() - started:.1f}s, {len(history)} resent")
        print(f"PostgreSQL restarted after {restarts[-1]}")

    with running_suite(urls, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=120, hook=strike)
        assert len(restarts) == 2
        _assert_money(suite, result)
        deadline = time.monotonic() + 60
        while any(asyncio.run(_unsent(urls)).values()) and time.monotonic() < deadline:
            time.sleep(0.5)
        retried = _metric(suite, "gpfed_transient_failures_total")
        dead = _metric(suite, "gpfed_events_dead_lettered_total")
        skipped = suite.duplicates_skipped()
        unsent = asyncio.run(_unsent(urls))
        parked = asyncio.run(_dead_letters(broker.bootstrap_servers))
        print(
            f"transient failures retried: {retried:.0f}; duplicates skipped: {skipped}; "
            f"dead-lettered: {dead:.0f} (DLQ topics hold {parked}); unsent: {unsent}"
        )
        assert retried > 0  # the consumers really met the outage
        assert skipped > 0  # and then applied what was sent again as duplicates, not anew
        assert dead == 0
        assert parked == 0
        assert unsent == dict.fromkeys(SERVICES, 0)  # every relay caught up: nothing lost
