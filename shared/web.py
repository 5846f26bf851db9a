"""HTTP plumbing every service shares: problem responses, request context, idempotency keys,
the audit log, health, metrics and the AsyncAPI route.

Middlewares are plain ASGI (not ``BaseHTTPMiddleware``) so that they stream, keep context
variables, and can replay a stored response byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import Principal
from shared.db import Database, UnitOfWork
from shared.observability import (
    HTTP_LATENCY,
    HTTP_REQUESTS,
    bind_context,
    clear_context,
    continue_trace,
    get_logger,
)
from shared.problems import PROBLEM_JSON, Problem

log = get_logger(__name__)

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# --- problems ---------------------------------------------------------------------------


def problem_response(problem: Problem, request: Request) -> JSONResponse:
    return JSONResponse(
        problem.body(instance=request.url.path), status_code=problem.status, media_type=PROBLEM_JSON
    )


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors():
        loc = list(error.get("loc", ()))
        # "body.payment.basis" reads better to a client than ["body", "payment", "basis"].
        field = ".".join(str(p) for p in (loc[1:] if len(loc) > 1 else loc))
        errors.append(
            {"loc": loc, "field": field, "msg": error.get("msg"), "type": error.get("type")}
        )
    return errors


def install_problem_handlers(app: FastAPI) -> None:
    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(exc, request)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        fields = ", ".join(sorted({e["field"] for e in errors}))
        problem = Problem(
            f"the request is not valid: {fields}",
            status=422,
            slug="validation",
            title="Validation failed",
            errors=errors,
        )
        return problem_response(problem, request)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        problem = Problem(str(exc.detail), status=exc.status_code, slug=slug, title=str(exc.detail))
        response = problem_response(problem, request)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error", path=request.url.path)
        problem = Problem(
            "an unexpected error occurred; quote the request id to support",
            status=500,
            slug="internal",
            title="Internal error",
            request_id=request.headers.get("x-request-id")
            or getattr(request.state, "request_id", None),
        )
        return problem_response(problem, request)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)


# --- request context, metrics and the audit log -----------------------------------------


class RequestContextMiddleware:
    """Request id and trace context on every request; latency metrics; the audit log."""

    def __init__(self, app: ASGIApp, *, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        request_id = headers.get("x-request-id") or str(uuid.uuid4())
        traceparent = continue_trace(headers.get("traceparent"))
        bind_context(request_id=request_id, traceparent=traceparent)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = time.perf_counter()

        async def send_with_context(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode()),
                    (b"traceparent", traceparent.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_context)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            method = scope["method"]
            HTTP_REQUESTS.labels(self.service, method, template, str(status)).inc()
            HTTP_LATENCY.labels(self.service, method, template).observe(
                time.perf_counter() - started
            )
            if method in MUTATING and template != "unmatched":
                await self._audit(scope, request_id, method, status)
            clear_context()

    async def _audit(self, scope: Scope, request_id: str, method: str, status: int) -> None:
        db: Database = scope["app"].state.db
        principal: Principal | None = scope.get("state", {}).get("principal")
        try:
            async with db.sessions() as session, session.begin():
                await session.execute(
                    insert(db.table("audit_log")).values(
                        at=datetime.now(UTC),
                        request_id=request_id,
                        subject=principal.sub if principal else None,
                        role=str(principal.role) if principal else None,
                        org=principal.org if principal else None,
                        method=method,
                        path=scope["path"][:500],
                        status_code=status,
                    )
                )
        except Exception as exc:
            log.error("audit log write failed", error=repr(exc))


# --- Idempotency-Key --------------------------------------------------------------------


class IdempotencyMiddleware:
    """``Idempotency-Key`` on POST: the same key and body replays the first response; the
    same key with another body is a 422; a key still in flight is a 409.

    Keys are scoped to the caller (the token's subject), so two clients cannot collide.
    Responses of 5xx are not kept, so the client may retry them with the same key.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        key = _header(scope, b"idempotency-key")
        if key is None:
            await self.app(scope, receive, send)
            return
        if not 1 <= len(key) <= 200:
            await _send_problem(
                send, Problem("Idempotency-Key must be 1 to 200 characters", status=400)
            )
            return

        body = await _read_body(receive)
        db: Database = scope["app"].state.db
        principal = await _caller(scope)
        digest = hashlib.sha256(scope["path"].encode() + b"\0" + body).hexdigest()
        table = db.table("idempotency_keys")
        row_key = {"key": key, "principal": principal}

        existing = await self._claim(db, row_key, scope, digest)
        if existing is not None:
            if existing.request_hash != digest:
                await _send_problem(
                    send,
                    Problem(
                        "this Idempotency-Key was used with a different request body",
                        status=422,
                        slug="idempotency-key-reused",
                        title="Idempotency-Key reused",
                    ),
                )
            elif existing.status_code is None:
                await _send_problem(
                    send,
                    Problem(
                        "a request with this Idempotency-Key is still in progress",
                        status=409,
                        slug="idempotency-key-in-flight",
                        title="Request in progress",
                    ),
                )
            else:
                await _send_stored(send, existing)
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
                        content_type = v.decode()
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, _replay_body(body, receive), capture)
        finally:
            async with db.sessions() as session, session.begin():
                where = (table.c.key == key) & (table.c.principal == principal)
                if status >= 500:
                    await session.execute(delete(table).where(where))
                else:
                    await session.execute(
                        update(table)
                        .where(where)
                        .values(
                            status_code=status,
                            response_body=b"".join(chunks).decode(),
                            response_content_type=content_type,
                        )
                    )

    async def _claim(
        self, db: Database, row_key: dict[str, str], scope: Scope, digest: str
    ) -> Any | None:
        """Insert an in-flight row for this key, or return the row that is already there."""
        table = db.table("idempotency_keys")
        try:
            async with db.sessions() as session, session.begin():
                await session.execute(
                    insert(table).values(
                        **row_key,
                        method="POST",
                        path=scope["path"][:500],
                        request_hash=digest,
                        created_at=datetime.now(UTC),
                    )
                )
            return None
        except IntegrityError:
            async with db.sessions() as session:
                return (
                    await session.execute(
                        select(table).where(
                            (table.c.key == row_key["key"])
                            & (table.c.principal == row_key["principal"])
                        )
                    )
                ).one()


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope["headers"]:
        if k.lower() == name:
            return str(v.decode())
    return None


async def _caller(scope: Scope) -> str:
    authorization = _header(scope, b"authorization") or ""
    token = authorization.partition(" ")[2]
    if token:
        try:
            return str((await scope["app"].state.verifier.verify(token)).sub)
        except Problem:
            pass
    return "anonymous"


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay_body(body: bytes, receive: Receive) -> Receive:
    """A receive callable that hands the app the body we already read."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _send_problem(send: Send, problem: Problem) -> None:
    body = json.dumps(problem.body()).encode()
    await send(
        {
            "type": "http.response.start",
            "status": problem.status,
            "headers": [(b"content-type", PROBLEM_JSON.encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


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


# --- dependencies -----------------------------------------------------------------------


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def unit_of_work(request: Request) -> AsyncIterator[UnitOfWork]:
    async with database(request).unit_of_work() as uow:
        yield uow


DatabaseDep = Annotated[Database, Depends(database)]
UnitOfWorkDep = Annotated[UnitOfWork, Depends(unit_of_work)]


# --- operations routes ------------------------------------------------------------------


def install_operations_routes(app: FastAPI) -> None:
    @app.get("/health/live", tags=["operations"], summary="The process is up")
    async def live() -> dict[str, str]:
        return {"status": "live"}

    @app.get(
        "/health/ready",
        tags=["operations"],
        summary="The database and the broker are reachable",
        responses={503: {"description": "Not ready; the checks say which part is down"}},
    )
    async def ready(request: Request) -> Response:
        checks: dict[str, str] = {}
        try:
            await request.app.state.db.ping()
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"down: {type(exc).__name__}"
        bus = request.app.state.bus
        if not request.app.state.settings.bus_enabled:
            checks["broker"] = "disabled"
        else:
            checks["broker"] = "ok" if await bus.ready() else "down"
        if all(v in ("ok", "disabled") for v in checks.values()):
            return JSONResponse({"status": "ready", "checks": checks})
        problem = Problem(
            "not ready: " + ", ".join(f"{k} {v}" for k, v in checks.items() if v != "ok"),
            status=503,
            slug="not-ready",
            title="Not ready",
            checks=checks,
        )
        return problem_response(problem, request)

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics")
    async def metrics() -> Response:
        return PlainTextResponse(_exposition().decode(), media_type=CONTENT_TYPE_LATEST)


def _exposition() -> bytes:
    """This process's metrics or, under several workers (prometheus_client's multiprocess mode,
    ``PROMETHEUS_MULTIPROC_DIR``), every worker's merged."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return generate_latest()
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry)
