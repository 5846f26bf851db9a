"""HTTP plumbing every service shares: problem responses, request context, the audit log,
health and metrics. The guards against hostile input (body limit, authentication before the
body is read) are in ``shared.guards``, ``Idempotency-Key`` in ``shared.idempotency``.

Middlewares are plain ASGI (not ``BaseHTTPMiddleware``) so that they stream, keep context
variables, and can replay a stored response byte for byte.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import Principal
from shared.db import Database, UnitOfWork
from shared.observability import (
    BROKER_UP,
    HTTP_LATENCY,
    HTTP_REQUESTS,
    OUTBOX_LAG,
    bind_context,
    clear_context,
    get_logger,
)
from shared.problems import (
    PROBLEM_JSON,
    Conflict,
    NotFound,
    Problem,
    ServiceUnavailable,
    Unprocessable,
)
from shared.rules import RuleBroken, Unknown, WrongState
from shared.tracing import current_trace_headers

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
        # "payment.basis" (within the body, which loc names) reads better than a list.
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

    async def on_rule_broken(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RuleBroken)
        # A rule about no one field is about the body as a whole: every 422 says where.
        where: list[str | int] = ["body", *exc.location]
        return problem_response(Unprocessable.field(where, exc.message), request)

    async def on_wrong_state(request: Request, exc: Exception) -> Response:
        return problem_response(Conflict(str(exc)), request)

    async def on_unknown(request: Request, exc: Exception) -> Response:
        return problem_response(NotFound(str(exc)), request)

    async def on_database_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, DBAPIError)
        if getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED:
            log.warning("statement cancelled", path=request.url.path, error=str(exc.orig))
            problem = ServiceUnavailable(
                "the database took too long to answer (GPFED_DATABASE_STATEMENT_TIMEOUT_SECONDS); "
                "try again later",
                slug="database-timeout",
                title="Database timeout",
            )
            return problem_response(problem, request)
        return await on_unexpected(request, exc)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error", path=request.url.path)
        problem = Problem(
            "an unexpected error occurred; quote the request id to support",
            status=500,
            slug="internal",
            title="Internal error",
            # The id actually used (a client's is replaced when it is not a valid one).
            request_id=getattr(request.state, "request_id", None),
        )
        return problem_response(problem, request)

    app.add_exception_handler(Problem, on_problem)
    # The domain's refusals (shared.rules), the same way in every service.
    app.add_exception_handler(RuleBroken, on_rule_broken)
    app.add_exception_handler(WrongState, on_wrong_state)
    app.add_exception_handler(Unknown, on_unknown)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(DBAPIError, on_database_error)
    app.add_exception_handler(Exception, on_unexpected)


#: PostgreSQL's SQLSTATE for a statement cancelled, as ``statement_timeout`` cancels it.
QUERY_CANCELED = "57014"


# --- ASGI helpers -----------------------------------------------------------------------


def header(scope: Scope, name: bytes) -> str | None:
    """A request header's value. Latin-1, as HTTP carries header octets: any bytes decode,
    so a client cannot make a header fail to decode."""
    for k, v in scope["headers"]:
        if k.lower() == name:
            return str(v.decode("latin-1"))
    return None


async def send_problem(
    scope: Scope, send: Send, problem: Problem, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    """Answer with ``problem`` from a middleware, as the app's handlers would."""
    body = json.dumps(problem.body(instance=scope.get("path"))).encode()
    await send(
        {
            "type": "http.response.start",
            "status": problem.status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --- request context, metrics and the audit log -----------------------------------------

#: What a client's ``X-Request-ID`` may be; anything else is replaced by a generated id, so
#: that what goes into logs and the audit log (``request_id`` is ``String(64)``) is bounded.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
#: Methods counted under their own name in the metrics; any other is ``other``, so that a
#: client cannot grow a label set without bound.
KNOWN_METHODS = frozenset({"GET", "HEAD", "OPTIONS", *MUTATING})


def request_id_of(scope: Scope) -> str:
    """The client's ``X-Request-ID`` if it is 1-64 of ``[A-Za-z0-9._-]``, else a new id."""
    given = header(scope, b"x-request-id")
    if given is not None and REQUEST_ID.fullmatch(given):
        return given
    return str(uuid.uuid4())


class RequestContextMiddleware:
    """Request id on every request and answer (and the trace context of the request's span,
    which the FastAPI instrumentation around this one started); latency metrics; an access
    log line; the audit log of every change attempted with a valid token (whatever its
    answer). A change refused for lack of one (shared.guards) is not written anywhere:
    anonymous requests store nothing."""

    def __init__(self, app: ASGIApp, *, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        bind_context(request_id=request_id)
        trace = [(k.encode(), v.encode()) for k, v in current_trace_headers().items()]
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
                    *trace,
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_context)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            method = scope["method"] if scope["method"] in KNOWN_METHODS else "other"
            HTTP_REQUESTS.labels(self.service, method, template, str(status)).inc()
            elapsed = time.perf_counter() - started
            HTTP_LATENCY.labels(self.service, method, template).observe(elapsed)
            # The access log (uvicorn's is off): trace_id and span_id come with every line.
            log.info(
                "request",
                method=method,
                route=template,
                status=status,
                duration_ms=round(elapsed * 1000, 1),
            )
            principal: Principal | None = scope["state"].get("principal")
            if method in MUTATING and principal is not None:
                await self._audit(scope, request_id, principal, method, status)
            clear_context()

    async def _audit(
        self, scope: Scope, request_id: str, principal: Principal, method: str, status: int
    ) -> None:
        db: Database = scope["app"].state.db
        # Every value is cut to its column, so that no input can make the insert fail: the
        # token's claims are checked for type, not length.
        try:
            async with db.sessions() as session, session.begin():
                await session.execute(
                    insert(db.table("audit_log")).values(
                        at=datetime.now(UTC),
                        request_id=request_id,
                        subject=principal.sub[:200],
                        role=str(principal.role)[:40],
                        org=principal.org[:20],
                        method=method,
                        path=scope["path"][:500],
                        status_code=status,
                    )
                )
        except Exception as exc:
            log.error("audit log write failed", error=repr(exc), request_id=request_id)


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
        summary="The database answers; the broker's state and the outbox backlog are reported",
        responses={503: {"description": "Not ready: the database does not answer"}},
    )
    async def ready(request: Request) -> Response:
        # Only the database decides: with the broker down the API still works and the outbox
        # keeps the events until it is back (docs/operations.md, "Health: liveness and
        # readiness"). Taking every replica out of service for that would turn a broker outage
        # into an API outage.
        checks: dict[str, str | int] = {}
        db: Database = request.app.state.db
        try:
            backlog = await _outbox_backlog(db)
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"down: {type(exc).__name__}"
            backlog = None
        if not request.app.state.settings.bus_enabled:
            checks["broker"] = "disabled"
        else:
            up = await request.app.state.bus.ready()
            BROKER_UP.labels(db.service).set(1 if up else 0)
            checks["broker"] = "ok" if up else "unavailable"
        if backlog is not None:
            OUTBOX_LAG.labels(db.service).set(backlog)
            checks["outbox_backlog"] = backlog
            return JSONResponse({"status": "ready", "checks": checks})
        problem = Problem(
            f"not ready: database {checks['database']}",
            status=503,
            slug="not-ready",
            title="Not ready",
            checks=checks,
        )
        return problem_response(problem, request)

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics",
        response_class=PlainTextResponse,
    )
    async def metrics() -> Response:
        return PlainTextResponse(_exposition().decode(), media_type=CONTENT_TYPE_LATEST)


async def _outbox_backlog(db: Database) -> int:
    """Outbox rows not yet published (the narrow ``outbox_pending`` table holds just those, so
    this stays cheap); also the database check, since it needs an answer from the database."""
    async with db.sessions() as session:
        query = select(func.count()).select_from(db.table("outbox_pending"))
        return int((await session.execute(query)).scalar_one())


def _exposition() -> bytes:
    """This process's metrics or, under several workers (prometheus_client's multiprocess mode,
    ``PROMETHEUS_MULTIPROC_DIR``), every worker's merged."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return generate_latest()
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry)
