"""``Idempotency-Key`` on POST: the same key and body replays the first response; the same
key with another body is a 422; a key still in flight is a 409.

Keys are scoped to the caller (the token's subject), so two clients cannot collide, and are
kept only for authenticated requests: an anonymous change is refused before it gets here
(shared.guards), and stores nothing. Responses of 5xx are not kept, so the client may retry
them with the same key.

A key lives ``GPFED_IDEMPOTENCY_TTL_SECONDS`` from its claim (``created_at``); after that it is
new again, and old rows are swept at most once a minute by the process. A key still in flight
after ``GPFED_IDEMPOTENCY_IN_FLIGHT_SECONDS`` is taken to belong to a process that died, and
the next request with it takes it over. Both take-overs are one conditional UPDATE, so of two
requests racing for the same stale key exactly one wins (the other sees the winner's row and
gets a 409); the claim time is the holder's token, so a holder that turns out to be alive
after all cannot overwrite its successor's row.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, and_, delete, or_, select, update
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import Principal
from shared.db import Database, insert_ignoring_conflicts
from shared.guards import read_body, replay_body
from shared.observability import get_logger
from shared.problems import Problem, ServiceUnavailable
from shared.web import header, send_problem

log = get_logger(__name__)

#: How often a process deletes expired keys.
SWEEP_EVERY = timedelta(minutes=1)
MAX_KEY_LENGTH = 200


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, *, ttl_seconds: int, in_flight_seconds: int) -> None:
        self.app = app
        self.ttl = timedelta(seconds=ttl_seconds)
        self.in_flight = timedelta(seconds=in_flight_seconds)
        self._swept_at: datetime | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = header(scope, b"idempotency-key") if scope["type"] == "http" else None
        principal: Principal | None = scope.get("state", {}).get("principal")
        if scope["type"] != "http" or scope["method"] != "POST" or key is None or not principal:
            await self.app(scope, receive, send)
            return
        if not (1 <= len(key) <= MAX_KEY_LENGTH and key.isprintable()):
            problem = Problem(
                f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters", status=400
            )
            await send_problem(scope, send, problem)
            return

        body = await read_body(receive)
        db: Database = scope["app"].state.db
        table = db.table("idempotency_keys")
        digest = hashlib.sha256(scope["path"].encode() + b"\0" + body).hexdigest()
        where = (table.c.key == key) & (table.c.principal == _owner(principal))

        try:
            claimed_at, existing = await self._claim(
                db, table, where, key, principal, scope, digest
            )
        except ServiceUnavailable as problem:
            await send_problem(scope, send, problem)
            return
        if existing is not None:
            await _answer_existing(scope, send, existing, digest)
            return

        status = 500
        content_type = "application/json"
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status, content_type
            if message["type"] == "http.response.start":
                status = message["status"]
                for k, v in message.get("headers", []):
                    if k.lower() == b"content-type":
                        content_type = v.decode("latin-1")
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_body(body, receive), capture)
        finally:
            ours = where & (table.c.created_at == claimed_at)
            async with db.sessions() as session, session.begin():
                if status >= 500:
                    await session.execute(delete(table).where(ours))
                else:
                    await session.execute(
                        update(table)
                        .where(ours)
                        .values(
                            status_code=status,
                            response_body=b"".join(chunks).decode(),
                            response_content_type=content_type[:200],
                        )
                    )

    async def _claim(
        self,
        db: Database,
        table: Table,
        where: Any,
        key: str,
        principal: Principal,
        scope: Scope,
        digest: str,
    ) -> tuple[datetime, Any | None]:
        """Claim the key, returning the claim time and None; or the row another request holds
        (in flight or finished), which this request must answer from."""
        now = datetime.now(UTC)
        await self._sweep(db, table, now)
        claim = {"path": scope["path"][:500], "request_hash": digest, "created_at": now}
        stale = or_(
            table.c.created_at < now - self.ttl,
            and_(table.c.status_code.is_(None), table.c.created_at < now - self.in_flight),
        )
        # The row can vanish between the statements (its request failed with a 5xx, or it was
        # swept): then the insert is tried again.
        for _ in range(3):
            async with db.sessions() as session, session.begin():
                row = {"key": key, "principal": _owner(principal), "method": "POST", **claim}
                inserted = await session.execute(
                    insert_ignoring_conflicts(session, table).values(**row)
                )
                if cast(CursorResult[Any], inserted).rowcount == 1:
                    return now, None
                # Re-checked under the row's lock: of two takers, the second sees the first's
                # fresh created_at and takes nothing.
                taken = await session.execute(
                    update(table)
                    .where(where & stale)
                    .values(
                        **claim, status_code=None, response_body=None, response_content_type=None
                    )
                )
                if cast(CursorResult[Any], taken).rowcount == 1:
                    log.warning("idempotency key taken over", key=key, path=scope["path"])
                    return now, None
                existing = (await session.execute(select(table).where(where))).one_or_none()
                if existing is not None:
                    return now, existing
        raise ServiceUnavailable("this Idempotency-Key is contended; try again")

    async def _sweep(self, db: Database, table: Table, now: datetime) -> None:
        if self._swept_at is not None and now - self._swept_at < SWEEP_EVERY:
            return
        self._swept_at = now
        try:
            async with db.sessions() as session, session.begin():
                await session.execute(delete(table).where(table.c.created_at < now - self.ttl))
        except Exception as exc:
            # Expired keys are ignored by the claim anyway; the next sweep will get them.
            log.warning("idempotency key sweep failed", error=repr(exc))


def _owner(principal: Principal) -> str:
    """The key's scope: the token's subject, hashed when it is longer than the column."""
    if len(principal.sub) <= 200:
        return principal.sub
    return "sha256:" + hashlib.sha256(principal.sub.encode()).hexdigest()


async def _answer_existing(scope: Scope, send: Send, row: Any, digest: str) -> None:
    if row.request_hash != digest:
        await send_problem(
            scope,
            send,
            Problem(
                "this Idempotency-Key was used with a different request body",
                status=422,
                slug="idempotency-key-reused",
                title="Idempotency-Key reused",
            ),
        )
    elif row.status_code is None:
        await send_problem(
            scope,
            send,
            Problem(
                "a request with this Idempotency-Key is still in progress",
                status=409,
                slug="idempotency-key-in-flight",
                title="Request in progress",
            ),
        )
    else:
        await _send_stored(send, row)


async def _send_stored(send: Send, row: Any) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": row.status_code,
            "headers": [
                (b"content-type", (row.response_content_type or "application/json").encode()),
                (b"idempotent-replayed", b"true"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": (row.response_body or "").encode()})
