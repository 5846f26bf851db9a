"""Test fixtures: a real PostgreSQL (one database per service) and a real broker.

``GPFED_TEST_DATABASE_URL`` names the server (default: the local one). Databases
``<prefix>_<service>`` are dropped, created and migrated once per run; the prefix is
``GPFED_TEST_DB_PREFIX`` (default ``gpfed_test``), so that two runs can share a server. With
``GPFED_REQUIRE_POSTGRES=1`` (CI) a missing server fails the run instead of skipping.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from gpfed.services import SERVICES
from shared.broker import Broker, free_port
from shared.bus import Handlers, InboxConsumer, Outcome
from shared.db import Database
from shared.events import Envelope, topic_of
from shared.migrations import upgrade

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def _server_url() -> str:
    return os.environ.get("GPFED_TEST_DATABASE_URL", DEFAULT_URL)


def database_url(name: str) -> str:
    return make_url(_server_url()).set(database=name).render_as_string(hide_password=False)


def _dsn(database: str) -> str:
    url = make_url(_server_url()).set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


async def recreate_databases(names: list[str]) -> None:
    connection = await asyncpg.connect(_dsn(make_url(_server_url()).database or "postgres"))
    try:
        for name in names:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres() -> dict[str, str]:
    """Database URL per service, freshly created and migrated to head."""
    prefix = os.environ.get("GPFED_TEST_DB_PREFIX", "gpfed_test")
    names = {service: f"{prefix}_{service}" for service in SERVICES}
    try:
        asyncio.run(recreate_databases(list(names.values())))
    except (OSError, asyncpg.PostgresError) as exc:
        if os.environ.get("GPFED_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required (GPFED_REQUIRE_POSTGRES=1) but: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    urls = {service: database_url(name) for service, name in names.items()}
    for service, url in urls.items():
        upgrade(SERVICES[service].migrations, url)
    return urls


@pytest.fixture
def broker() -> Iterator[Broker]:
    """A broker of the test's own on a free port: topics start empty, so no test reads
    another's history. Starting one takes well under a second."""
    b = Broker(free_port()).start()
    yield b
    b.stop()


async def truncate_all(url: str) -> None:
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'"
        )
        if tables:
            names = ", ".join(f'"{t["tablename"]}"' for t in tables)
            # The append-only triggers refuse DELETE, not TRUNCATE: tests start clean.
            await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


@pytest.fixture
async def clean(postgres: dict[str, str]) -> dict[str, str]:
    """Every service database emptied (schema kept) before the test."""
    for url in postgres.values():
        await truncate_all(url)
    return postgres


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan (bus, relay, consumer) running, and a client for it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def eventually(check, *, timeout: float = 20.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """Poll ``check`` (sync or async) until it returns a truthy value, or fail."""
    deadline = asyncio.get_running_loop().time() + timeout
    last = None
    while True:
        last = check()
        if asyncio.iscoroutine(last):
            last = await last
        if last:
            return last
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last: {last!r})")
        await asyncio.sleep(interval)


async def deliver_through_inbox(db: Database, handlers: Handlers, envelope: Envelope) -> Outcome:
    """Hand ``envelope`` to a service's inbox consumer as a message from the broker would
    arrive, without a broker: for handler tests that want the real dedupe path."""
    from aiokafka import ConsumerRecord

    key, value, headers = envelope.to_kafka()
    record: ConsumerRecord[bytes, bytes] = ConsumerRecord(
        topic=topic_of(envelope.source.rsplit("/", 1)[-1]),
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=key,
        value=value,
        checksum=None,
        serialized_key_size=len(key),
        serialized_value_size=len(value),
        headers=headers,
    )
    consumer = InboxConsumer(
        db,
        handlers,
        producer=None,  # type: ignore[arg-type]  # only a dead letter would need it
        bootstrap_servers="unused:9092",
        group_id="test",
        max_attempts=1,
    )
    return await consumer.process(record)
