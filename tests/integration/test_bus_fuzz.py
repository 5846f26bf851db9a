"""The inbox consumer fed whatever a topic may hold, on the real broker and PostgreSQL.

Hypothesis draws a batch of messages: valid events in both content modes (with headers we do not
read holding anything), redeliveries, types nobody here handles, foreign producers, data that
does not validate, handler failures, and malformed messages (required attributes missing,
headers None, not UTF-8 or repeated, content types and charsets we do not read, bodies that are
not JSON objects), and messages of random headers and bytes. Each message must end applied,
duplicate, ignored or dead-lettered with the expected reason, and a valid event sent after them
all on the same partition must be applied. Each example runs on a broker of its own (fresh
topics), so examples, and Hypothesis' shrinking, are independent.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from cloudevents.core.bindings import kafka
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from gpfed.services import SERVICES
from shared.broker import Broker, free_port
from shared.bus import Handlers, InboxConsumer, Outcome, ensure_topics, new_producer
from shared.db import Database, UnitOfWork
from shared.events import Envelope
from tests.integration.probe import PROBE_DDL, ProbeSent, probe_effects
from tests.traces import new_traceparent

pytestmark = pytest.mark.integration

CONTRACTS, FEDERATION = "gpfed.contracts.v1", "gpfed.federation.v1"
Headers = list[tuple[str, bytes | None]]
_examples = itertools.count()


@dataclass
class Message:
    topic: str
    key: bytes | None
    value: bytes | None
    headers: Headers
    #: applied, duplicate, ignored, a dead-letter reason, or "any" for random bytes.
    expect: str
    probe_id: str | None = None


@dataclass(frozen=True)
class Spec:
    """One drawn case, turned into messages once its place in the batch is known."""

    kind: str
    structured: bool
    choice: int
    noise: tuple[tuple[str, bytes | None], ...]
    junk: tuple[bytes | None, bytes | None, tuple[tuple[str, bytes | None], ...]]


_not_utf8 = st.binary(max_size=6).map(lambda b: b"\xff" + b)
_noise = st.lists(
    st.tuples(
        st.sampled_from(["x-app", "X-Binary", "x-empty"]), st.none() | _not_utf8 | st.binary()
    ),
    max_size=3,
)
_header_names = st.sampled_from(
    ["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject", "content-type"]
)
_header_names |= st.sampled_from(["traceparent", "x-other"])
_junk = st.tuples(
    st.none() | st.binary(max_size=16),
    st.none() | st.binary(max_size=64) | st.sampled_from([b"{}", b"[]", b'{"a": 1}']),
    st.lists(st.tuples(_header_names, st.none() | st.binary(max_size=24)), max_size=8).map(tuple),
)
KINDS = [
    "valid",
    "redelivered",
    "unhandled",
    "foreign_source",
    "foreign_topic",
    "invalid",
    "handler_failed",
    "malformed",
    "random",
]


def _spec_of(kinds: st.SearchStrategy[str]) -> st.SearchStrategy[Spec]:
    return st.builds(
        Spec,
        kind=kinds,
        structured=st.booleans(),
        choice=st.integers(0, 10_000),
        noise=_noise.map(tuple),
        junk=_junk,
    )


@st.composite
def _batches(draw: st.DrawFn) -> list[Spec]:
    """Every kind at least once (so even the simplest example covers them all), more drawn at
    random, in a random order."""
    every = [draw(_spec_of(st.just(kind))) for kind in KINDS]
    more = draw(st.lists(_spec_of(st.sampled_from(KINDS)), min_size=40, max_size=90))
    return draw(st.permutations(every + more))


BAD_CONTENT_TYPES = [
    b"application/xml",
    b"text/plain",
    b"application/json; charset=latin-1",
    b"application/cloudevents+avro",
    b"application/cloudevents-batch+json",
    b"application/cloudevents+json; charset=utf-16",
]
BAD_BODIES: list[bytes | None] = [b"", b"not json", b"\xff\xfe{}", b"[1]", b'"x"', b"null", None]


def _wire(
    data: dict[str, Any],
    *,
    structured: bool,
    source: str = "/gpfed/contracts",
    ce_type: str = ProbeSent.ce_type,
    subject: str = "s",
    drop: str | None = None,
) -> tuple[bytes, bytes, Headers]:
    """(key, value, headers) of an event in either content mode, with a traceparent, and
    optionally without one of its attributes (``drop``)."""
    envelope = Envelope(
        str(uuid.uuid4()), source, ce_type, subject, datetime.now(UTC), data, new_traceparent()
    )
    if not structured:
        key, value, headers = envelope.to_kafka()
        return key, value, [(k, v) for k, v in headers if k != f"ce_{drop}"]
    attributes = {"id": envelope.id, "source": source, "type": ce_type, "subject": subject}
    attributes |= {"time": envelope.time, "datacontenttype": "application/json"}
    message = kafka.to_structured(CloudEvent(attributes, data), JSONFormat())
    body = json.loads(message.value)
    body.pop(drop or "", None)
    headers: Headers = [(k, v) for k, v in message.headers.items()]
    headers.append(("traceparent", (envelope.traceparent or "").encode()))
    return envelope.key, json.dumps(body).encode(), headers


def _malformed(
    spec: Spec, data: dict[str, Any], subject: str
) -> tuple[bytes, bytes | None, Headers]:
    """A valid probe, broken in one of the ways that make it unreadable."""
    choice = spec.choice
    required = ["id", "source", "type", "specversion", "time"]
    if choice % 6 == 0:  # a required attribute (or the time we need) missing
        return _wire(data, structured=spec.structured, subject=subject, drop=required[choice % 5])
    key, value, headers = _wire(data, structured=spec.structured, subject=subject)
    read = [k for k, _ in headers] + ["traceparent"]
    name = read[choice % len(read)]
    if choice % 6 == 1:  # a header we read is None
        return key, value, [(k, v) for k, v in headers if k != name] + [(name, None)]
    if choice % 6 == 2:  # ... or not UTF-8
        return key, value, [(k, v) for k, v in headers if k != name] + [(name, b"\xff\xfe")]
    if choice % 6 == 3:  # ... or given twice
        return key, value, [*headers, (name, b"again")]
    if choice % 6 == 4:  # a content type or charset we do not read
        bad = BAD_CONTENT_TYPES[choice % len(BAD_CONTENT_TYPES)]
        return key, value, [(k, bad if k == "content-type" else v) for k, v in headers]
    return key, BAD_BODIES[choice % len(BAD_BODIES)], headers  # a body that is no JSON object


def _build(spec: Spec, example: int, n: int) -> list[Message]:
    probe_id = f"fz{example}-{n}"
    data = {"probe_id": probe_id, "amount_pence": spec.choice}
    noise = list(spec.noise)

    def message(expect: str, *, topic: str = CONTRACTS, **wire: Any) -> Message:
        key, value, headers = _wire(data, structured=spec.structured, subject=probe_id, **wire)
        return Message(topic, key, value, headers + noise, expect, probe_id)

    if spec.kind == "valid":
        return [message("applied")]
    if spec.kind == "redelivered":
        first = message("applied")
        again = Message(first.topic, first.key, first.value, first.headers, "duplicate")
        return [first, again]
    if spec.kind == "unhandled":
        ce_type = ["gpfed.nothing.happened", "gpfed.contract.activated"][spec.choice % 2]
        return [message("ignored", ce_type=ce_type)]
    if spec.kind == "foreign_source":
        source = ["/attacker", "/gpfed/federation", "/gpfed/contracts/"][spec.choice % 3]
        return [message("foreign_producer", source=source)]
    if spec.kind == "foreign_topic":
        return [message("foreign_producer", topic=FEDERATION)]
    if spec.kind == "invalid":
        data = [{"amount_pence": 1}, {"probe_id": probe_id, "amount_pence": "lots"}][
            spec.choice % 2
        ]
        return [message("invalid")]
    if spec.kind == "handler_failed":
        data = {**data, "poison": True}
        return [message("handler_failed")]
    if spec.kind == "malformed":
        key, value, headers = _malformed(spec, data, probe_id)
        return [Message(CONTRACTS, key, value, headers + noise, "malformed")]
    key, value, headers = spec.junk
    return [Message(CONTRACTS, key if key or value else b"k", value, list(headers), "any")]


class RecordingConsumer(InboxConsumer):
    """The real consumer, noting each message's outcome by where it was read."""

    outcomes: dict[tuple[str, int], Outcome]

    async def process(self, record: ConsumerRecord[bytes, bytes]) -> Outcome:
        outcome = await super().process(record)
        self.outcomes[(record.topic, record.offset)] = outcome
        return outcome


def _handlers() -> Handlers:
    handlers = Handlers()

    @handlers.on(ProbeSent)
    async def record(uow: UnitOfWork, event: ProbeSent, envelope: Envelope) -> None:
        await uow.session.execute(
            probe_effects.insert().values(
                event_id=envelope.id, probe_id=event.probe_id, amount_pence=event.amount_pence
            )
        )
        if event.poison:
            raise RuntimeError(f"cannot apply probe {event.probe_id}")

    return handlers


async def _read_everything(servers: str, topics: list[str]) -> list[ConsumerRecord[Any, Any]]:
    """Every message on ``topics``, by partition assignment (no group to join)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=servers, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer.topics()
        partitions = [
            TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[ConsumerRecord[Any, Any]] = []
        while len(found) < sum(ends.values()):
            for records in (await consumer.getmany(timeout_ms=500)).values():
                found.extend(records)
        return found
    finally:
        await consumer.stop()


async def _run_to_the_end(consumer: RecordingConsumer, expected: int) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    deadline = asyncio.get_running_loop().time() + 60
    while len(consumer.outcomes) < expected and not task.done():
        assert asyncio.get_running_loop().time() < deadline, "the consumer did not finish"
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.wait_for(task, timeout=15)  # raises what the consumer task died of, if it did


async def _example(urls: dict[str, str], broker: Broker, batch: list[Message], n: int) -> None:
    db = Database(urls["payments"], SERVICES["payments"].metadata, service="payments")
    async with db.engine.begin() as connection:
        for ddl in PROBE_DDL:
            await connection.execute(text(ddl))
    dlqs = [f"{CONTRACTS}.dlq", f"{FEDERATION}.dlq"]
    await ensure_topics(
        broker.bootstrap_servers, [CONTRACTS, FEDERATION, *dlqs], partitions=3, replication_factor=1
    )
    last = f"fz{n}-last"
    key, value, headers = _wire({"probe_id": last, "amount_pence": 1}, structured=False)
    batch = [*batch, Message(CONTRACTS, key, value, headers, "applied", last)]
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()
    placed: dict[tuple[str, int], Message] = {}
    try:
        for m in batch:  # partition 0 of each topic: the last one is behind all on CONTRACTS
            sent = await producer.send_and_wait(
                m.topic, m.value, key=m.key, partition=0, headers=m.headers
            )
            placed[(m.topic, sent.offset)] = m
        consumer = RecordingConsumer(
            db,
            _handlers(),
            producer,
            bootstrap_servers=broker.bootstrap_servers,
            group_id="fuzz",
            topics=[CONTRACTS, FEDERATION],
            max_attempts=2,
            retry_backoff=0.001,
        )
        consumer.outcomes = {}
        await _run_to_the_end(consumer, len(batch))
        dead = await _read_everything(broker.bootstrap_servers, dlqs)
        async with db.sessions() as session:
            rows = await session.execute(
                select(probe_effects.c.probe_id).where(probe_effects.c.probe_id.like(f"fz{n}-%"))
            )
            effects = sorted(rows.scalars())
    finally:
        await producer.stop()
        await db.dispose()

    outcomes = consumer.outcomes
    print(f"example {n}: {len(batch)} messages:", {o.value: c for o, c in consumer.counts.items()})
    assert set(outcomes) == set(placed)  # every message ended, each once
    assert consumer.counts[Outcome.STOPPED] == 0
    reasons = {}
    for record in dead:
        h = dict(record.headers)
        reasons[(h["dlq_source_topic"].decode(), int(h["dlq_source_offset"]))] = h["dlq_reason"]
    assert len(dead) == len(reasons) == consumer.counts[Outcome.DEAD_LETTERED]
    for where, m in placed.items():
        outcome = outcomes[where]
        if m.expect in ("applied", "duplicate", "ignored"):
            assert outcome == m.expect, (where, m)
        elif m.expect == "any":
            assert outcome in (Outcome.APPLIED, Outcome.IGNORED, Outcome.DEAD_LETTERED), (where, m)
        else:
            assert outcome is Outcome.DEAD_LETTERED, (where, m)
            assert reasons[where] == m.expect.encode(), (where, m, reasons[where])
    assert set(reasons.values()) <= {
        b"malformed",
        b"foreign_producer",
        b"invalid",
        b"handler_failed",
    }
    assert effects == sorted(m.probe_id or "" for m in placed.values() if m.expect == "applied")
    assert outcomes[(CONTRACTS, max(o for t, o in placed if t == CONTRACTS))] is Outcome.APPLIED


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(specs=_batches())
def test_every_message_ends_applied_ignored_or_dead_lettered_and_the_partition_moves_on(
    clean: dict[str, str], specs: list[Spec]
) -> None:
    n = next(_examples)
    batch = [m for i, spec in enumerate(specs) for m in _build(spec, n, i)]
    broker = Broker(free_port()).start()  # fresh topics: this example reads only its own
    try:
        asyncio.run(_example(clean, broker, batch, n))
    finally:
        broker.stop()
