"""The kernel against hostile input, through the probe service on PostgreSQL (docs/security.md,
"Hostile input"): the body limit, authentication before the body is read, anonymous requests
storing nothing, Idempotency-Key expiry and take-over, request ids, the statement timeout and
cursors."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import jwt
import pytest
from fastapi import FastAPI
from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.contracts.settings import Settings
from shared.auth import mint_token
from shared.db import Database
from tests.conftest import _dsn
from tests.integration.probe import probe_app

pytestmark = pytest.mark.integration

COMMISSIONER = "Bearer " + mint_token(Settings(), role="commissioner", org="02W")
PROBE = {"probe_id": "p1", "ods_code": "02W", "amount_pence": 100}


class Reads:
    """The app, counting the body it asks the server for: what a middleware refused before
    reading shows as no bytes read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counted() -> Message:
            message = await receive()
            self.bytes += len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


@dataclass
class Served:
    client: httpx.AsyncClient
    app: FastAPI
    reads: Reads

    @property
    def db(self) -> Database:
        database: Database = self.app.state.db
        return database

    async def rows(self, table: str) -> list[Any]:
        async with self.db.sessions() as session:
            return list((await session.execute(select(self.db.table(table)))).all())

    async def count(self, sql: str) -> int:
        async with self.db.sessions() as session:
            return int((await session.execute(text(sql))).scalar_one())


@asynccontextmanager
async def served(url: str, **settings: Any) -> AsyncIterator[Served]:
    """The probe service (no bus) with ``settings``, and a commissioner's client for it."""
    app = await probe_app(url, bus_enabled=False, **settings)
    reads = Reads(app)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=reads)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.headers["authorization"] = COMMISSIONER
            yield Served(client, app, reads)


@pytest.fixture
async def probe(clean: dict[str, str]) -> AsyncIterator[Served]:
    async with served(clean["contracts"], max_body_bytes=64 * 1024) as s:
        yield s


# --- the body limit -----------------------------------------------------------------------


async def test_a_body_declared_over_the_limit_is_a_413_problem_before_any_of_it_is_read(
    probe: Served,
) -> None:
    response = await probe.client.post(
        "/probes", content=b"x" * (64 * 1024 + 1), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["connection"] == "close"
    problem = response.json()
    assert problem["type"].endswith("/content-too-large")
    assert problem["max_bytes"] == 64 * 1024
    assert probe.reads.bytes == 0
    # Attempted with a valid token: audited, like any refused change.
    audit = await probe.rows("audit_log")
    assert [(r.org, r.path, r.status_code) for r in audit] == [("02W", "/probes", 413)]


@pytest.mark.parametrize("idempotency_key", [None, "stream-1"])
async def test_a_streamed_body_is_refused_with_413_once_it_passes_the_limit_and_read_no_further(
    probe: Served, idempotency_key: str | None
) -> None:
    chunk = 16 * 1024
    sent = 0

    async def twenty_megabytes() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(20 * 1024 * 1024 // chunk):
            sent += chunk
            yield b"x" * chunk

    headers = {"content-type": "application/json"}
    if idempotency_key:
        headers["idempotency-key"] = idempotency_key
    response = await probe.client.post("/probes", content=twenty_megabytes(), headers=headers)
    assert response.status_code == 413
    assert response.json()["type"].endswith("/content-too-large")
    # The chunk that passed the limit was the last one read.
    assert probe.reads.bytes == 64 * 1024 + chunk
    assert sent == probe.reads.bytes
    assert await probe.count("SELECT count(*) FROM idempotency_keys") == 0


async def test_a_body_within_the_limit_is_served(probe: Served) -> None:
    response = await probe.client.post("/probes", json=PROBE)
    assert response.status_code == 201


# --- text the database cannot store ------------------------------------------------------


@pytest.mark.parametrize(
    "raw_id",
    [rb'"p\u0000"', rb'"\ud800"', rb'"p\udc00x"', rb'"\\\u0000"'],
    ids=["nul", "lone-high-surrogate", "lone-low-surrogate", "escaped-backslash-then-nul"],
)
async def test_a_body_with_text_the_database_cannot_store_is_a_422_naming_the_body(
    probe: Served, raw_id: bytes
) -> None:
    body = b'{"probe_id": ' + raw_id + b', "ods_code": "02W", "amount_pence": 1}'
    response = await probe.client.post(
        "/probes", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"
    assert await probe.count("SELECT count(*) FROM probes") == 0


@pytest.mark.parametrize(
    ("raw_id", "stored"),
    [(rb'"\ud83d\ude00"', "\U0001f600"), (rb'"p\\u0000"', "p\\u0000")],
    ids=["surrogate-pair", "escaped-backslash"],
)
async def test_text_that_only_looks_unstorable_is_stored(
    probe: Served, raw_id: bytes, stored: str
) -> None:
    body = b'{"probe_id": ' + raw_id + b', "ods_code": "02W", "amount_pence": 1}'
    response = await probe.client.post(
        "/probes", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 201
    async with probe.db.sessions() as session:
        ids = (await session.execute(text("SELECT probe_id FROM probes"))).scalars().all()
    assert ids == [stored]


async def test_a_nul_in_the_path_or_query_is_a_422_naming_it(probe: Served) -> None:
    in_query = await probe.client.get("/probes?cursor=a%00b")
    assert in_query.status_code == 422
    assert in_query.json()["errors"][0]["field"] == "query"
    in_path = await probe.client.get("/probes%00")
    assert in_path.status_code == 422
    assert in_path.json()["errors"][0]["field"] == "path"


# --- authentication before the body, and anonymous requests store nothing ------------------


@pytest.mark.parametrize(
    "authorization",
    [
        "",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-jwt",
        "Bearer "
        + mint_token(
            Settings(jwt_secret="another-secret-0123456789abcdefghij"), role="ops", org="X24"
        ),
    ],
    ids=["none", "basic", "garbage", "forged"],
)
async def test_a_change_without_a_valid_token_is_a_401_before_its_body_is_read(
    clean: dict[str, str], authorization: str
) -> None:
    async with served(clean["contracts"]) as probe:
        started = time.perf_counter()
        response = await probe.client.post(
            "/probes",
            content=b"{" * (20 * 1024 * 1024),
            headers={"authorization": authorization, "content-type": "application/json"},
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["title"] == "Unauthorized"
        assert probe.reads.bytes == 0
        assert time.perf_counter() - started < 5
        # A body that would fail validation is refused for the token, not parsed for a 422.
        invalid = await probe.client.post(
            "/probes", json={**PROBE, "amount_pence": -1}, headers={"authorization": authorization}
        )
        assert invalid.status_code == 401


async def test_anonymous_changes_store_no_idempotency_key_and_no_audit_row(
    probe: Served,
) -> None:
    for authorization in ("", "Bearer forged"):
        response = await probe.client.post(
            "/probes",
            json=PROBE,
            headers={"authorization": authorization, "idempotency-key": "anon-1"},
        )
        assert response.status_code == 401
    assert await probe.count("SELECT count(*) FROM idempotency_keys") == 0
    assert await probe.count("SELECT count(*) FROM audit_log") == 0
    # A valid token refused for its role is still audited, with who tried.
    practice = "Bearer " + mint_token(Settings(), role="practice", org="B86001")
    response = await probe.client.post("/probes", json=PROBE, headers={"authorization": practice})
    assert response.status_code == 403
    audit = await probe.rows("audit_log")
    assert [(r.role, r.org, r.status_code) for r in audit] == [("practice", "B86001", 403)]


async def test_a_token_is_verified_once_per_request_and_reads_are_left_to_the_route(
    probe: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    verifier = probe.app.state.verifier
    calls: list[str] = []
    verify = verifier.verify

    async def counted(token: str) -> Any:
        calls.append(token)
        return await verify(token)

    monkeypatch.setattr(verifier, "verify", counted)
    assert (await probe.client.post("/probes", json=PROBE)).status_code == 201
    assert len(calls) == 1  # by the middleware; the route reused its principal
    assert (await probe.client.get("/probes")).status_code == 200
    assert len(calls) == 2  # a read is verified by the route alone
    # Public reads need no token at all; others are refused by the route.
    assert (
        await probe.client.get("/health/live", headers={"authorization": ""})
    ).status_code == 200
    assert (await probe.client.get("/probes", headers={"authorization": ""})).status_code == 401


# --- Idempotency-Key: expiry and take-over -------------------------------------------------


def _digest(body: dict[str, Any]) -> str:
    """What the middleware hashes of a POST /probes of ``body`` as the client sends it."""
    raw = httpx.Request("POST", "http://test/probes", json=body).content
    return hashlib.sha256(b"/probes\0" + raw).hexdigest()


async def _key_row(probe: Served, key: str, *, age: timedelta, done: bool, body: Any) -> None:
    """A key row as a request ``age`` ago left it: finished (a 201) or still in flight."""
    async with probe.db.sessions() as session, session.begin():
        await session.execute(
            insert(probe.db.table("idempotency_keys")).values(
                key=key,
                principal=_subject(),
                method="POST",
                path="/probes",
                request_hash=_digest(body),
                status_code=201 if done else None,
                response_body='{"old": true}' if done else None,
                response_content_type="application/json" if done else None,
                created_at=datetime.now(UTC) - age,
            )
        )


def _subject() -> str:
    token = COMMISSIONER.removeprefix("Bearer ")
    return str(jwt.decode(token, options={"verify_signature": False})["sub"])


async def test_an_expired_idempotency_key_is_new_again_and_old_keys_are_swept(
    probe: Served,
) -> None:
    await _key_row(probe, "yesterday", age=timedelta(hours=25), done=True, body=PROBE)
    await _key_row(probe, "forgotten", age=timedelta(days=3), done=True, body=PROBE)
    other = {**PROBE, "probe_id": "p2"}
    # Another body under an expired key is not a 422: the key is new again.
    response = await probe.client.post(
        "/probes", json=other, headers={"idempotency-key": "yesterday"}
    )
    assert response.status_code == 201
    assert "idempotent-replayed" not in response.headers
    assert response.json()["probe_id"] == "p2"
    rows = await probe.rows("idempotency_keys")
    # The claim swept the other expired key, and took this one over for the new request.
    assert [(r.key, r.status_code, r.request_hash) for r in rows] == [
        ("yesterday", 201, _digest(other))
    ]
    again = await probe.client.post("/probes", json=other, headers={"idempotency-key": "yesterday"})
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == response.json()


async def test_a_key_in_flight_within_the_timeout_is_a_409(probe: Served) -> None:
    await _key_row(probe, "busy", age=timedelta(seconds=5), done=False, body=PROBE)
    response = await probe.client.post("/probes", json=PROBE, headers={"idempotency-key": "busy"})
    assert response.status_code == 409
    assert response.json()["type"].endswith("/idempotency-key-in-flight")
    assert await probe.count("SELECT count(*) FROM probes") == 0


async def _waiting_on_locks(url: str, count: int) -> None:
    """Until ``count`` sessions of the database wait on a lock."""
    connection = await asyncpg.connect(_dsn(make_url(url).database or ""))
    try:
        for _ in range(200):
            waiting = await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if waiting >= count:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"{count} sessions never waited on a lock")
    finally:
        await connection.close()


async def test_a_dead_holders_key_is_taken_over_after_the_timeout_by_one_of_two_racing_requests(
    clean: dict[str, str],
) -> None:
    url = clean["contracts"]
    async with served(url, idempotency_in_flight_seconds=60) as probe:
        await _key_row(probe, "orphan", age=timedelta(seconds=61), done=False, body=PROBE)
        row_holder = await asyncpg.connect(_dsn(make_url(url).database or ""))
        table_holder = await asyncpg.connect(_dsn(make_url(url).database or ""))
        try:
            # Hold the orphan row, so that both requests reach the take-over before either can
            # make it; and the probes table, so that the winner is still in flight when the
            # loser looks.
            row_lock, table_lock = row_holder.transaction(), table_holder.transaction()
            await row_lock.start()
            await row_holder.execute(
                "SELECT 1 FROM idempotency_keys WHERE key = 'orphan' FOR UPDATE"
            )
            await table_lock.start()
            await table_holder.execute("LOCK TABLE probes IN EXCLUSIVE MODE")
            headers = {"idempotency-key": "orphan"}
            racing = [
                asyncio.create_task(probe.client.post("/probes", json=PROBE, headers=headers))
                for _ in range(2)
            ]
            await _waiting_on_locks(url, 2)
            await row_lock.commit()
            done, _ = await asyncio.wait(racing, return_when=asyncio.FIRST_COMPLETED, timeout=10)
            [loser] = [task.result() for task in done]
            await table_lock.commit()
            statuses = sorted(task.result().status_code for task in await _all(racing))
        finally:
            await row_holder.close()
            await table_holder.close()
        assert loser.status_code == 409
        assert loser.json()["type"].endswith("/idempotency-key-in-flight")
        assert statuses == [201, 409]
        assert await probe.count("SELECT count(*) FROM probes") == 1
        rows = await probe.rows("idempotency_keys")
        assert [(r.key, r.status_code) for r in rows] == [("orphan", 201)]


async def _all(tasks: list[asyncio.Task[httpx.Response]]) -> list[asyncio.Task[httpx.Response]]:
    await asyncio.wait(tasks, timeout=10)
    return tasks


# --- request ids --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    ["x" * 65, "has spaces", "semi;colon", "caf\u00e9", ""],
    ids=["too-long", "spaces", "punctuation", "non-ascii", "empty"],
)
async def test_a_request_id_that_is_not_1_to_64_safe_characters_is_replaced_and_the_change_audited(
    probe: Served, given: str
) -> None:
    response = await probe.client.post(
        "/probes", json=PROBE, headers={"x-request-id": given.encode("utf-8")}
    )
    assert response.status_code == 201
    used = response.headers["x-request-id"]
    assert used != given
    assert uuid.UUID(used)
    audit = await probe.rows("audit_log")
    assert [(r.request_id, r.status_code) for r in audit] == [(used, 201)]


async def test_a_request_id_of_64_safe_characters_is_kept(probe: Served) -> None:
    given = "Ab0._-" * 10 + "abcd"
    response = await probe.client.post("/probes", json=PROBE, headers={"x-request-id": given})
    assert response.headers["x-request-id"] == given
    assert [r.request_id for r in await probe.rows("audit_log")] == [given]


async def test_long_claims_are_cut_to_their_audit_columns_rather_than_lose_the_audit_row(
    probe: Served,
) -> None:
    ops = "Bearer " + mint_token(Settings(), role="ops", org="X" * 300, sub="s" * 300)
    response = await probe.client.post(
        "/probes", json=PROBE, headers={"authorization": ops, "idempotency-key": "long-sub"}
    )
    assert response.status_code == 201
    audit = await probe.rows("audit_log")
    assert [(r.subject, r.org, r.status_code) for r in audit] == [("s" * 200, "X" * 20, 201)]
    assert [len(r.principal) for r in await probe.rows("idempotency_keys")] == [71]


# --- the statement timeout ----------------------------------------------------------------


async def test_a_statement_over_the_timeout_is_cancelled_and_answered_as_a_503_problem(
    clean: dict[str, str],
) -> None:
    url = clean["contracts"]
    async with served(url, database_statement_timeout_seconds=0.5) as probe:
        async with probe.db.sessions() as session:
            assert (await session.execute(text("SHOW statement_timeout"))).scalar() == "500ms"
            started = time.perf_counter()
            with pytest.raises(DBAPIError, match="statement timeout"):
                await session.execute(text("SELECT pg_sleep(5)"))
            assert time.perf_counter() - started < 3
        blocker = await asyncpg.connect(_dsn(make_url(url).database or ""))
        try:
            async with blocker.transaction():
                await blocker.execute("LOCK TABLE probes IN EXCLUSIVE MODE")
                started = time.perf_counter()
                response = await probe.client.post("/probes", json=PROBE)
                elapsed = time.perf_counter() - started
        finally:
            await blocker.close()
        assert response.status_code == 503
        assert response.json()["type"].endswith("/database-timeout")
        assert elapsed < 3
        assert await probe.count("SELECT count(*) FROM probes") == 0


# --- cursors ------------------------------------------------------------------------------


def _cursor(key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


@pytest.mark.parametrize(
    "key",
    [[1], ["a\u0000"], ["\ud800"], [2**70], [], [True], [None], [["nested"]], ["a", "b"]],
    ids=["int", "nul", "surrogate", "huge", "empty", "bool", "null", "nested", "two"],
)
async def test_a_cursor_of_the_wrong_shape_is_a_422_naming_it(probe: Served, key: Any) -> None:
    response = await probe.client.get("/probes", params={"cursor": _cursor(key)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"
