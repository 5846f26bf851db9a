"""PostgreSQL restarted under the bus, on a server of the test's own: the consumer holds its
partition and retries until the database is back (nothing dead-lettered, each event applied
once), and the relay publishes everything, in order, a re-published prefix at most."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from prometheus_client import REGISTRY
from sqlalchemy import func, select, text

from gpfed.services import SERVICES
from shared.broker import Broker
from shared.bus import EventBus, Handlers, InboxConsumer, OutboxRelay, Outcome, new_producer
from shared.db import Database, UnitOfWork
from shared.events import Envelope
from shared.settings import ServiceSettings
from tests.conftest import eventually
from tests.integration.probe import PROBE_DDL, ProbeSent, probe_effects
from tests.private_postgres import PrivatePostgres, private_postgres

pytestmark = pytest.mark.integration

DOWN_SECONDS = 2.0


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[PrivatePostgres, dict[str, str]]]:
    with private_postgres(["contracts", "payments"]) as found:
        yield found


async def _databases(urls: dict[str, str]) -> tuple[Database, Database]:
    source = Database(urls["contracts"], SERVICES["contracts"].metadata, service="contracts")
    target = Database(urls["payments"], SERVICES["payments"].metadata, service="payments")
    async with target.engine.begin() as connection:
        for ddl in PROBE_DDL:
            await connection.execute(text(ddl))
        await connection.execute(text("TRUNCATE probe_effects, inbox"))
    async with source.engine.begin() as connection:
        await connection.execute(text("TRUNCATE outbox RESTART IDENTITY"))
    return source, target


async def _publish(db: Database, count: int, probe_id: str) -> list[str]:
    ids = []
    for start in range(0, count, 500):
        async with db.unit_of_work() as uow:
            for n in range(start, min(start + 500, count)):
                ids.append(uow.publish(ProbeSent(probe_id=probe_id, amount_pence=n)).id)
            await uow.commit()
    return ids


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def _restart(server: PrivatePostgres) -> None:
    await asyncio.to_thread(server.restart, DOWN_SECONDS)


def _slow_handlers() -> Handlers:
    """Probe handlers that take a few milliseconds each, so the consumer is mid-stream when
    the database goes away."""
    handlers = Handlers()

    @handlers.on(ProbeSent)
    async def record(uow: UnitOfWork, event: ProbeSent, envelope: Envelope) -> None:
        await uow.session.execute(
            probe_effects.insert().values(
                event_id=envelope.id, probe_id=event.probe_id, amount_pence=event.amount_pence
            )
        )
        await asyncio.sleep(0.005)

    return handlers


async def test_a_postgres_restart_mid_stream_delays_the_consumer_and_dead_letters_nothing(
    server: tuple[PrivatePostgres, dict[str, str]], broker: Broker
) -> None:
    pg, urls = server
    source, target = await _databases(urls)
    handlers = _slow_handlers()
    settings = ServiceSettings(kafka_bootstrap_servers=broker.bootstrap_servers)
    await EventBus(settings, source, handlers).ensure_topics()
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()
    total = 400
    before = _sample("gpfed_transient_failures_total", service="payments", operation="handle")
    try:
        await _publish(source, total, "p")
        relay = OutboxRelay(source, producer)
        while await relay.relay_once():
            pass
        consumer = InboxConsumer(
            target,
            handlers,
            producer,
            bootstrap_servers=broker.bootstrap_servers,
            group_id="t-pg-restart",
            max_attempts=2,  # an outage far outlasts the attempts a deterministic error gets
            retry_backoff=0.05,
            max_backoff=0.5,
        )
        stop = asyncio.Event()
        task = asyncio.create_task(consumer.run(stop))
        try:
            await eventually(lambda: consumer.counts[Outcome.APPLIED] >= 50, timeout=60)
            await _restart(pg)
            applied_when_back = consumer.counts[Outcome.APPLIED]
            await eventually(
                lambda: consumer.counts[Outcome.APPLIED] == total or task.done(), timeout=60
            )
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=15)
    finally:
        await producer.stop()

    retried = _sample("gpfed_transient_failures_total", service="payments", operation="handle")
    print(
        f"PostgreSQL down {DOWN_SECONDS}s with {applied_when_back}/{total} applied; "
        f"transient failures retried: {retried - before}; outcomes: {dict(consumer.counts)}"
    )
    assert applied_when_back < total  # the restart really hit the stream
    assert retried - before > 0
    assert consumer.counts[Outcome.DEAD_LETTERED] == 0
    assert consumer.counts[Outcome.APPLIED] == total
    assert _sample("gpfed_events_retrying", service="payments") == 0
    async with target.sessions() as session:
        amounts = (await session.execute(select(probe_effects.c.amount_pence))).scalars().all()
    assert sorted(amounts) == list(range(total))  # each once
    await source.dispose()
    await target.dispose()


class SlowMarks(OutboxRelay):
    """A relay that takes a little longer per batch, so a restart lands mid-relay."""

    async def take(self, session: Any) -> Sequence[Any]:
        await asyncio.sleep(0.02)
        return await super().take(session)


async def _unsent(db: Database) -> int | None:
    try:
        async with db.sessions() as session:
            pending = db.table("outbox_pending")
            return int(await session.scalar(select(func.count()).select_from(pending)) or 0)
    except Exception:
        return None  # not back yet


async def _read_partition(servers: str, topic: str, partition: int) -> list[str]:
    consumer = AIOKafkaConsumer(bootstrap_servers=servers, enable_auto_commit=False)
    await consumer.start()
    try:
        tp = TopicPartition(topic, partition)
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        end = (await consumer.end_offsets([tp]))[tp]
        ids: list[str] = []
        while await consumer.position(tp) < end:
            for records in (await consumer.getmany(tp, timeout_ms=500)).values():
                ids += [dict(r.headers)["ce_id"].decode() for r in records]
        return ids
    finally:
        await consumer.stop()


async def test_a_postgres_restart_mid_relay_loses_nothing_and_reorders_nothing(
    server: tuple[PrivatePostgres, dict[str, str]], broker: Broker
) -> None:
    pg, urls = server
    source, target = await _databases(urls)
    settings = ServiceSettings(kafka_bootstrap_servers=broker.bootstrap_servers)
    await EventBus(settings, source, Handlers()).ensure_topics()
    total = 3000
    ids = await _publish(source, total, "same")  # one key: one partition, where order shows
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()
    relay = SlowMarks(
        source,
        producer,
        batch_size=20,
        batches_per_transaction=1,
        poll_interval=0.05,
        max_backoff=0.5,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        await eventually(lambda: relay.published >= 300, timeout=60)
        published_at_stop = relay.published
        await _restart(pg)
        await eventually(lambda: _unsent_is_zero(source), timeout=60)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=15)
        await producer.stop()

    partitions = [
        await _read_partition(broker.bootstrap_servers, source.topic, p) for p in range(3)
    ]
    [seen] = [found for found in partitions if found]
    print(
        f"restart after {published_at_stop}/{total} published; {len(seen)} messages on the "
        f"partition, {len(seen) - total} of them re-published"
    )
    assert published_at_stop < total  # the restart really landed mid-relay
    assert list(dict.fromkeys(seen)) == ids  # nothing lost, first seen in order
    # Each message is the next one, or a step back to re-publish what the restart rolled back
    # (at least once), from where it continues in order again.
    position = {event_id: n for n, event_id in enumerate(ids)}
    steps = [position[b] - position[a] for a, b in itertools.pairwise(seen)]
    assert all(step == 1 or step <= 0 for step in steps), steps
    await source.dispose()
    await target.dispose()


async def _unsent_is_zero(db: Database) -> bool:
    return await _unsent(db) == 0
