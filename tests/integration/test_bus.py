"""The event bus against real PostgreSQL and the real broker: an event written through one
service's unit of work reaches another service's consumer exactly once; poison goes to the DLQ
without blocking its partition; replay after a broker restarted empty applies nothing twice."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaConnectionError
from prometheus_client import REGISTRY
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from gpfed.services import SERVICES
from services.payments.handlers import handlers as payments_handlers
from services.payments.store import contracts as payments_contracts
from shared.broker import Broker, free_port
from shared.bus import EventBus, Handlers, InboxConsumer, OutboxRelay, Outcome, new_producer
from shared.db import Database, UnitOfWork
from shared.events import Envelope, dlq_of
from shared.settings import ServiceSettings
from tests.conftest import eventually
from tests.integration.payments.support import hub_activated
from tests.integration.probe import PROBE_DDL, ProbeSent, probe_effects

pytestmark = pytest.mark.integration


async def _databases(urls: dict[str, str]) -> tuple[Database, Database]:
    source = Database(urls["contracts"], SERVICES["contracts"].metadata, service="contracts")
    target = Database(urls["payments"], SERVICES["payments"].metadata, service="payments")
    async with target.engine.begin() as connection:
        for ddl in PROBE_DDL:
            await connection.execute(text(ddl))
    return source, target


def _probe_handlers(fail_on_poison: bool = True) -> Handlers:
    handlers = Handlers()

    @handlers.on(ProbeSent)
    async def record(uow: UnitOfWork, event: ProbeSent, envelope: Envelope) -> None:
        await uow.session.execute(
            probe_effects.insert().values(
                event_id=envelope.id, probe_id=event.probe_id, amount_pence=event.amount_pence
            )
        )
        if fail_on_poison and event.poison:
            raise RuntimeError(f"cannot apply probe {event.probe_id}")

    return handlers


async def _publish(db: Database, *events: ProbeSent) -> list[Envelope]:
    async with db.unit_of_work() as uow:
        envelopes = [uow.publish(e) for e in events]
        await uow.commit()
    return envelopes


async def _effects(db: Database) -> list[tuple[str, int]]:
    async with db.sessions() as session:
        rows = await session.execute(
            select(probe_effects.c.probe_id, probe_effects.c.amount_pence).order_by(
                probe_effects.c.probe_id
            )
        )
        return [(r.probe_id, r.amount_pence) for r in rows]


@pytest.fixture
async def producer(broker: Broker) -> AsyncIterator[AIOKafkaProducer]:
    p = new_producer(broker.bootstrap_servers)
    await p.start()
    yield p
    await p.stop()


async def _consume_until(consumer: InboxConsumer, done: Any, timeout: float = 30.0) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    try:
        await eventually(lambda: done() or task.done(), timeout=timeout)
        if task.done():
            task.result()
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=15)


def _bus_settings(broker: Broker, **overrides: Any) -> ServiceSettings:
    return ServiceSettings(kafka_bootstrap_servers=broker.bootstrap_servers, **overrides)


async def _ensure_topics(broker: Broker, db: Database, handlers: Handlers) -> None:
    await EventBus(_bus_settings(broker), db, handlers).ensure_topics()


class CrashAfterPublish(OutboxRelay):
    """A relay that dies after the broker acked the batch and before committing it sent."""

    def acknowledged(self, topics: Any) -> None:
        raise RuntimeError("relay crashed before marking sent")


async def test_event_reaches_other_service_exactly_once_despite_relay_crash(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    source, target = await _databases(clean)
    handlers = _probe_handlers()
    await _ensure_topics(broker, source, handlers)
    [envelope] = await _publish(source, ProbeSent(probe_id="p-1", amount_pence=12_345))

    with pytest.raises(RuntimeError, match="before marking sent"):
        await CrashAfterPublish(source, producer).relay_once()
    outbox = source.table("outbox")
    assert await _sent_flags(source) == [False]  # crash left it unsent
    assert await OutboxRelay(source, producer).relay_once() == 1  # restart re-publishes it

    consumer = InboxConsumer(
        target, handlers, producer, bootstrap_servers=broker.bootstrap_servers, group_id="t-once"
    )
    await _consume_until(
        consumer,
        lambda: consumer.counts[Outcome.APPLIED] + consumer.counts[Outcome.DUPLICATE] >= 2,
    )

    print("published twice (crash before mark-sent), consumed:", dict(consumer.counts))
    assert consumer.counts[Outcome.APPLIED] == 1
    assert consumer.counts[Outcome.DUPLICATE] == 1
    assert await _effects(target) == [("p-1", 12_345)]
    async with target.sessions() as session:
        inbox = target.table("inbox")
        ids = (await session.execute(select(inbox.c.event_id))).scalars().all()
        assert ids == [envelope.id]
    assert await _sent_flags(source) == [True]
    async with source.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(outbox)) == 1  # kept
    await source.dispose()
    await target.dispose()


class CrashOnSecondTake(OutboxRelay):
    """A relay that dies taking its second batch, after the first batch's ids were taken."""

    takes = 0

    async def take(self, session: Any) -> Sequence[Any]:
        self.takes += 1
        if self.takes == 2:
            raise RuntimeError("relay crashed taking its second batch")
        return await super().take(session)


async def _sent_flags(db: Database) -> list[bool]:
    """Each outbox row, in id order: sent (its id no longer pending)?"""
    outbox, pending = db.table("outbox"), db.table("outbox_pending")
    async with db.sessions() as session:
        rows = await session.execute(
            select(pending.c.id.is_(None))
            .select_from(outbox.outerjoin(pending, pending.c.id == outbox.c.id))
            .order_by(outbox.c.id)
        )
        return [sent for (sent,) in rows]


async def test_pipelined_batches_are_published_in_order_and_marked_together(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    source, target = await _databases(clean)
    await _ensure_topics(broker, source, _probe_handlers())
    # One key, so one partition, where order is observable.
    probes = [ProbeSent(probe_id="same", amount_pence=i) for i in range(10)]
    envelopes = await _publish(source, *probes)

    # A crash in the second batch puts the first batch's ids back too: one transaction.
    crashing = CrashOnSecondTake(source, producer, batch_size=3, batches_per_transaction=3)
    with pytest.raises(RuntimeError, match="second batch"):
        await crashing.relay_once()
    assert await _sent_flags(source) == [False] * 10

    relay = OutboxRelay(source, producer, batch_size=3, batches_per_transaction=3)
    assert [await relay.relay_once(), await relay.relay_once()] == [9, 1]
    assert await relay.relay_once() == 0
    assert await _sent_flags(source) == [True] * 10

    consumer = AIOKafkaConsumer(
        source.topic,
        bootstrap_servers=broker.bootstrap_servers,
        group_id=f"order-{free_port()}",
        auto_offset_reset="earliest",
    )
    await consumer.start()
    seen: list[str] = []
    ids = [e.id for e in envelopes]
    try:
        deadline = asyncio.get_running_loop().time() + 20
        while seen[-10:] != ids and asyncio.get_running_loop().time() < deadline:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                seen += [dict(r.headers)["ce_id"].decode() for r in records]
    finally:
        await consumer.stop()
    # What the crashed relay sent first (at least once), then all ten in order.
    resent = len(seen) - 10
    assert 0 < resent < 10
    assert seen == ids[:resent] + ids
    await source.dispose()
    await target.dispose()


async def test_rolled_back_unit_of_work_publishes_nothing(clean: dict[str, str]) -> None:
    source, target = await _databases(clean)
    async with source.unit_of_work() as uow:
        uow.publish(ProbeSent(probe_id="never", amount_pence=1))
        # leaving without commit: the state change and its event go together
    async with source.sessions() as session:
        count = await session.scalar(select(func.count()).select_from(source.table("outbox")))
    assert count == 0
    await source.dispose()
    await target.dispose()


async def _dlq_messages(broker: Broker, topic: str, expected: int) -> Sequence[Any]:
    """What the DLQ of ``topic`` holds, read by assigning its partitions (no group to join)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap_servers)
    await consumer.start()
    found: list[Any] = []
    try:
        await consumer.topics()
        partitions = [
            TopicPartition(dlq_of(topic), p)
            for p in consumer.partitions_for_topic(dlq_of(topic)) or ()
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        deadline = asyncio.get_running_loop().time() + 20
        while len(found) < expected and asyncio.get_running_loop().time() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                found.extend(records)
    finally:
        await consumer.stop()
    return found


async def test_poison_message_goes_to_dlq_and_partition_keeps_flowing(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    source, target = await _databases(clean)
    handlers = _probe_handlers()
    await _ensure_topics(broker, source, handlers)
    # Same key, so the same partition: the good event sits behind the poison one.
    await _publish(
        source,
        ProbeSent(probe_id="same", amount_pence=1, poison=True),
        ProbeSent(probe_id="same", amount_pence=2),
    )
    assert await OutboxRelay(source, producer).relay_once() == 2
    # And a message that is not a CloudEvent at all.
    await producer.send_and_wait(source.topic, b"not json", key=b"same")

    consumer = InboxConsumer(
        target,
        handlers,
        producer,
        bootstrap_servers=broker.bootstrap_servers,
        group_id="t-dlq",
        max_attempts=3,
        retry_backoff=0.01,
    )
    await _consume_until(
        consumer,
        lambda: (
            consumer.counts[Outcome.APPLIED] == 1 and consumer.counts[Outcome.DEAD_LETTERED] == 2
        ),
    )

    assert await _effects(target) == [("same", 2)]  # the poison's effects were rolled back
    dead = await _dlq_messages(broker, source.topic, expected=2)
    headers = [dict(m.headers) for m in dead]
    print("DLQ:", [(h[b"dlq_error_type".decode()], h["dlq_attempts"]) for h in headers])
    by_type = {h["dlq_error_type"].decode(): h for h in headers}
    assert set(by_type) == {"RuntimeError", "MalformedEnvelope"}
    assert by_type["RuntimeError"]["dlq_reason"] == b"handler_failed"
    assert by_type["MalformedEnvelope"]["dlq_reason"] == b"malformed"
    assert by_type["RuntimeError"]["dlq_attempts"] == b"3"
    assert b"cannot apply probe same" in by_type["RuntimeError"]["dlq_error"]
    assert by_type["RuntimeError"]["ce_type"] == b"gpfed.probe.sent"
    assert by_type["MalformedEnvelope"]["dlq_attempts"] == b"1"
    assert by_type["MalformedEnvelope"]["dlq_source_topic"] == source.topic.encode()
    await source.dispose()
    await target.dispose()


async def test_replay_after_broker_restarted_empty_applies_nothing_twice(
    clean: dict[str, str],
) -> None:
    own = Broker(free_port()).start()  # this test restarts its broker; others keep theirs
    source, target = await _databases(clean)
    handlers = _probe_handlers()
    settings = _bus_settings(own, relay_poll_interval_seconds=0.05)
    source_bus = EventBus(settings, source, Handlers())
    target_bus = EventBus(
        settings.model_copy(update={"service_name": "payments"}), target, handlers
    )
    source_bus.start()
    target_bus.start()
    try:
        started = datetime.now(UTC) - timedelta(seconds=1)
        await _publish(source, ProbeSent(probe_id="before", amount_pence=100))
        await eventually(lambda: _effects(target), timeout=30)

        await target_bus.stop()  # the consumer is down...
        await _publish(source, ProbeSent(probe_id="missed", amount_pence=200))
        await eventually(lambda: source_bus.relay is not None and source_bus.relay.published == 2)
        own.restart()  # ...and the broker forgets the event before it could read it
        target_bus = EventBus(target_bus.settings, target, handlers)
        target_bus.start()
        await eventually(target_bus.connected.is_set, timeout=30)
        await asyncio.sleep(2)
        assert await _effects(target) == [("before", 100)]  # "missed" is lost with the broker

        env = {
            **os.environ,
            "GPFED_DATABASE_URL": clean["contracts"],
            "GPFED_KAFKA_BOOTSTRAP_SERVERS": own.bootstrap_servers,
        }
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "gpfed.cli",
                "replay",
                "--service",
                "contracts",
                "--since",
                started.isoformat(),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        print("gpfed replay:", result.stdout.strip())
        assert '"replayed": 2' in result.stdout

        await eventually(
            lambda: (
                target_bus.consumer is not None
                and target_bus.consumer.counts[Outcome.DUPLICATE] >= 1
                and target_bus.consumer.counts[Outcome.APPLIED] >= 1
            ),
            timeout=30,
        )
        assert await _effects(target) == [("before", 100), ("missed", 200)]
    finally:
        await source_bus.stop()
        await target_bus.stop()
        await source.dispose()
        await target.dispose()
        own.stop()


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _flaky_handlers(error: Any, times: int) -> tuple[Handlers, list[int]]:
    """Probe handlers whose first ``times`` calls raise ``error()``; the calls are counted."""
    handlers = Handlers()
    calls = [0]

    @handlers.on(ProbeSent)
    async def record(uow: UnitOfWork, event: ProbeSent, envelope: Envelope) -> None:
        calls[0] += 1
        if calls[0] <= times:
            raise error()
        await uow.session.execute(
            probe_effects.insert().values(
                event_id=envelope.id, probe_id=event.probe_id, amount_pence=event.amount_pence
            )
        )

    return handlers, calls


def _database_away() -> Exception:
    """What SQLAlchemy raises when PostgreSQL refuses connections (it is restarting)."""
    return OperationalError("SELECT 1", {}, ConnectionRefusedError(111, "Connection refused"))


async def test_a_transient_failure_is_retried_past_max_attempts_and_never_dead_lettered(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    source, target = await _databases(clean)
    handlers, calls = _flaky_handlers(_database_away, times=4)
    await _ensure_topics(broker, source, handlers)
    await _publish(source, ProbeSent(probe_id="held", amount_pence=7))
    assert await OutboxRelay(source, producer).relay_once() == 1
    before = _sample("gpfed_transient_failures_total", service="payments", operation="handle")

    consumer = InboxConsumer(
        target,
        handlers,
        producer,
        bootstrap_servers=broker.bootstrap_servers,
        group_id="t-transient",
        max_attempts=2,
        retry_backoff=0.01,
        max_backoff=0.05,
    )
    await _consume_until(consumer, lambda: consumer.counts[Outcome.APPLIED] == 1)

    after = _sample("gpfed_transient_failures_total", service="payments", operation="handle")
    print("transient failures retried:", after - before, "outcomes:", dict(consumer.counts))
    assert calls == [5]  # four outages, then applied: beyond max_attempts=2, not dead-lettered
    assert consumer.counts[Outcome.DEAD_LETTERED] == 0
    assert after - before == 4
    assert _sample("gpfed_events_retrying", service="payments") == 0  # released once applied
    assert await _effects(target) == [("held", 7)]
    await source.dispose()
    await target.dispose()


class _BrokerAwayForDeadLetters:
    """The real producer, but its first ``failures`` sends to a DLQ fail as when the broker is
    unreachable."""

    def __init__(self, producer: AIOKafkaProducer, failures: int) -> None:
        self.producer = producer
        self.failures = failures

    async def send_and_wait(self, topic: str, *args: Any, **kwargs: Any) -> Any:
        if topic.endswith(".dlq") and self.failures > 0:
            self.failures -= 1
            raise KafkaConnectionError("broker unreachable")
        return await self.producer.send_and_wait(topic, *args, **kwargs)


async def test_a_dead_letter_that_cannot_be_sent_is_retried_not_lost_nor_skipped(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    source, target = await _databases(clean)
    handlers = _probe_handlers()
    await _ensure_topics(broker, source, handlers)
    await producer.send_and_wait(source.topic, b"not json", key=b"same")
    await _publish(source, ProbeSent(probe_id="same", amount_pence=3))
    assert await OutboxRelay(source, producer).relay_once() == 1
    before = _sample("gpfed_transient_failures_total", service="payments", operation="dead_letter")

    flaky = _BrokerAwayForDeadLetters(producer, failures=3)
    consumer = InboxConsumer(
        target,
        handlers,
        flaky,  # type: ignore[arg-type]
        bootstrap_servers=broker.bootstrap_servers,
        group_id="t-dlq-retry",
        retry_backoff=0.01,
        max_backoff=0.05,
    )
    await _consume_until(
        consumer,
        lambda: (
            consumer.counts[Outcome.DEAD_LETTERED] == 1 and consumer.counts[Outcome.APPLIED] == 1
        ),
    )

    after = _sample("gpfed_transient_failures_total", service="payments", operation="dead_letter")
    assert flaky.failures == 0
    assert after - before == 3
    [dead] = await _dlq_messages(broker, source.topic, expected=1)
    assert dead.value == b"not json"
    assert dict(dead.headers)["dlq_reason"] == b"malformed"
    assert await _effects(target) == [("same", 3)]  # the event behind it, once
    await source.dispose()
    await target.dispose()


async def test_a_stop_request_ends_a_transient_retry_at_once_leaving_it_uncommitted(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    source, target = await _databases(clean)
    handlers, calls = _flaky_handlers(_database_away, times=10**6)
    await _ensure_topics(broker, source, handlers)
    await _publish(source, ProbeSent(probe_id="again", amount_pence=5))
    assert await OutboxRelay(source, producer).relay_once() == 1

    consumer = InboxConsumer(
        target,
        handlers,
        producer,
        bootstrap_servers=broker.bootstrap_servers,
        group_id="t-stop",
        retry_backoff=20.0,  # the first wait alone would outlast the test's patience
        max_backoff=60.0,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    await eventually(lambda: calls[0] >= 1, timeout=30)
    await eventually(lambda: _sample("gpfed_events_retrying", service="payments") == 1)
    stop.set()
    started = asyncio.get_running_loop().time()
    await asyncio.wait_for(task, timeout=10)
    stopped_in = asyncio.get_running_loop().time() - started
    print(f"stopped {stopped_in:.2f}s after the request, mid-retry")
    assert stopped_in < 10
    assert consumer.counts[Outcome.STOPPED] == 1
    assert consumer.counts[Outcome.DEAD_LETTERED] == 0
    assert _sample("gpfed_events_retrying", service="payments") == 0

    # Not committed: the group's next consumer starts from this message again.
    reader = AIOKafkaConsumer(bootstrap_servers=broker.bootstrap_servers, group_id="t-stop")
    await reader.start()
    try:
        committed = [await reader.committed(TopicPartition(source.topic, p)) for p in range(3)]
    finally:
        await reader.stop()
    assert committed == [None, None, None]
    assert await _effects(target) == []
    await source.dispose()
    await target.dispose()


async def test_a_type_from_another_producers_topic_or_source_is_dead_lettered_never_applied(
    clean: dict[str, str], broker: Broker, producer: AIOKafkaProducer
) -> None:
    """A contract.activated published on federation's topic, or with a source other than
    contracts', must not create a contract in payments (which the next run would pay)."""
    payments = Database(clean["payments"], SERVICES["payments"].metadata, service="payments")
    await _ensure_topics(broker, payments, payments_handlers)
    forged = [
        ("gpfed.federation.v1", "/attacker"),
        ("gpfed.federation.v1", "/gpfed/contracts"),
        ("gpfed.contracts.v1", "/attacker"),
        ("gpfed.contracts.v1", "/gpfed/federation"),
    ]
    for n, (topic, source) in enumerate(forged):
        envelope = Envelope.wrap(hub_activated(contract_id=f"forged-{n}"), source=source)
        key, value, headers = envelope.to_kafka()
        await producer.send_and_wait(topic, value, key=key, headers=headers)
    genuine = Envelope.wrap(hub_activated(contract_id="genuine"), source="/gpfed/contracts")
    key, value, headers = genuine.to_kafka()
    await producer.send_and_wait("gpfed.contracts.v1", value, key=key, headers=headers)

    consumer = InboxConsumer(
        payments,
        payments_handlers,
        producer,
        bootstrap_servers=broker.bootstrap_servers,
        group_id="t-foreign",
    )
    await _consume_until(
        consumer,
        lambda: (
            consumer.counts[Outcome.DEAD_LETTERED] == 4 and consumer.counts[Outcome.APPLIED] == 1
        ),
    )

    async with payments.sessions() as session:
        ids = (await session.execute(select(payments_contracts.c.contract_id))).scalars().all()
    assert ids == ["genuine"]
    dead = [
        *await _dlq_messages(broker, "gpfed.federation.v1", expected=2),
        *await _dlq_messages(broker, "gpfed.contracts.v1", expected=2),
    ]
    found = sorted(
        (m.topic, dict(m.headers)["ce_source"].decode(), dict(m.headers)["dlq_reason"].decode())
        for m in dead
    )
    print("dead-lettered:", found)
    assert found == sorted((f"{topic}.dlq", source, "foreign_producer") for topic, source in forged)
    assert {dict(m.headers)["dlq_error_type"] for m in dead} == {b"ForeignProducer"}
    await payments.dispose()


async def test_a_bus_task_that_dies_is_restarted_and_events_keep_flowing(
    clean: dict[str, str], broker: Broker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The relay and the consumer retry their own failures; should one end with an error all
    the same, the bus starts both again rather than leave a service that stopped publishing."""
    source, target = await _databases(clean)
    handlers = _probe_handlers()
    runs: list[int] = []
    real_run = OutboxRelay.run

    async def dies_first_time(self: OutboxRelay, stop: asyncio.Event) -> None:
        if self.db.service == "contracts":  # the publisher: only a restart gets the event out
            runs.append(1)
            if len(runs) == 1:
                raise RuntimeError("relay task died")
        await real_run(self, stop)

    monkeypatch.setattr(OutboxRelay, "run", dies_first_time)
    settings = _bus_settings(broker, relay_poll_interval_seconds=0.05)
    source_bus = EventBus(settings, source, Handlers())
    target_bus = EventBus(
        settings.model_copy(update={"service_name": "payments"}), target, handlers
    )
    source_bus.start()
    target_bus.start()
    try:
        await _publish(source, ProbeSent(probe_id="after-restart", amount_pence=9))
        await eventually(lambda: _effects(target), timeout=60)
        assert len(runs) == 2  # the publisher's relay died once and ran again
        assert await _effects(target) == [("after-restart", 9)]
    finally:
        await source_bus.stop()
        await target_bus.stop()
        await source.dispose()
        await target.dispose()
