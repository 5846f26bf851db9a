"""The event bus of one service process: producer, topics, relay and inbox consumer.

Started by the app's lifespan. If the broker is not reachable yet, the service still starts
(``/health/ready`` says so) and the bus keeps trying to connect in the background.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiokafka import AIOKafkaProducer

from shared.bus.inbox import Handlers, InboxConsumer
from shared.bus.relay import OutboxRelay
from shared.bus.topics import ensure_topics
from shared.bus.transient import sleep_or_stop
from shared.db import Database
from shared.events import dlq_of
from shared.observability import get_logger
from shared.settings import ServiceSettings

log = get_logger(__name__)


def new_producer(bootstrap_servers: str) -> AIOKafkaProducer:
    # acks=all; no idempotent producer (the development broker cannot start one, and the
    # consumers' inboxes make redelivery harmless anyway).
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        acks="all",
        enable_idempotence=False,
        linger_ms=5,
        request_timeout_ms=15_000,
        retry_backoff_ms=200,
    )


class EventBus:
    def __init__(self, settings: ServiceSettings, db: Database, handlers: Handlers) -> None:
        self.settings = settings
        self.db = db
        self.handlers = handlers
        self.producer: AIOKafkaProducer | None = None
        self.relay: OutboxRelay | None = None
        self.consumer: InboxConsumer | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    @property
    def topics(self) -> list[str]:
        """Every topic this service publishes to, consumes, or dead-letters to."""
        consumed = self.handlers.topics
        return sorted({self.db.topic, *consumed, *(dlq_of(t) for t in consumed)})

    async def ensure_topics(self) -> None:
        await ensure_topics(
            self.settings.kafka_bootstrap_servers,
            self.topics,
            partitions=self.settings.topic_partitions,
            replication_factor=self.settings.topic_replication_factor,
        )

    def start(self) -> None:
        self._task = asyncio.create_task(self._supervise(), name=f"{self.db.service}-bus")

    async def stop(self) -> None:
        """Finish the batch and the message in hand, commit offsets, then disconnect; cancelled
        after GPFED_SHUTDOWN_BUS_SECONDS (the outbox and the inbox make that safe)."""
        self._stop.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout=self.settings.shutdown_bus_seconds)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task

    async def ready(self) -> bool:
        """Whether the broker answers a metadata request now."""
        if self.producer is None or not self.connected.is_set():
            return False
        try:
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), timeout=2)
        except Exception:
            return False
        return True

    async def _supervise(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            producer = new_producer(self.settings.kafka_bootstrap_servers)
            try:
                await producer.start()
                await self.ensure_topics()
            except Exception as exc:
                log.warning("broker not reachable; retrying", error=repr(exc), backoff=backoff)
                await producer.stop()
                await sleep_or_stop(self._stop, backoff)
                backoff = min(backoff * 2, 10.0)
                continue
            backoff = 0.5
            self.producer = producer
            self.relay = OutboxRelay(
                self.db,
                producer,
                batch_size=self.settings.relay_batch_size,
                poll_interval=self.settings.relay_poll_interval_seconds,
                max_backoff=self.settings.relay_max_backoff_seconds,
                recover=self.ensure_topics,
            )
            self.consumer = InboxConsumer(
                self.db,
                self.handlers,
                producer,
                bootstrap_servers=self.settings.kafka_bootstrap_servers,
                group_id=f"gpfed.{self.db.service}",
                max_attempts=self.settings.consumer_max_attempts,
                retry_backoff=self.settings.consumer_retry_backoff_seconds,
                max_backoff=self.settings.consumer_max_backoff_seconds,
                recover=self.ensure_topics,
            )
            self.connected.set()
            try:
                await self._run_both(self.relay)
            finally:
                self.connected.clear()
                await producer.stop()
                self.producer = None

    async def _run_both(self, relay: OutboxRelay) -> None:
        """The relay and the consumer until the bus stops. Both retry their own failures; should
        either end with an error all the same, the other is stopped too and the loop above starts
        the bus again with a new producer, rather than leave a service that neither publishes
        nor consumes."""
        tasks = [
            asyncio.create_task(relay.run(self._stop), name=f"{self.db.service}-relay"),
            asyncio.create_task(self._consume(), name=f"{self.db.service}-consumer"),
        ]
        failed = False
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                if not task.cancelled() and task.exception() is not None:
                    failed = True
                    log.error(
                        "bus task failed; restarting the bus",
                        task=task.get_name(),
                        error=repr(task.exception()),
                    )
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if failed:
            await sleep_or_stop(self._stop, 1.0)

    async def _consume(self) -> None:
        """Keep the consumer running across broker restarts until the bus stops."""
        assert self.consumer is not None
        while not self._stop.is_set():
            try:
                await self.consumer.run(self._stop)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("consumer stopped; restarting", error=repr(exc))
                await sleep_or_stop(self._stop, 1.0)
                with contextlib.suppress(Exception):
                    await self.ensure_topics()
            else:
                if not self.consumer.topics:
                    await self._stop.wait()
