"""Builds a service's FastAPI app from its parts: wiring only, the same for all four."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy import MetaData

from shared.apidocs import install_api_docs
from shared.auth import KindLookup, OrganisationKinds, TokenVerifier
from shared.bus import EventBus, Handlers
from shared.db import Database
from shared.events.asyncapi import asyncapi_document
from shared.guards import (
    AuthenticationMiddleware,
    BodyLimitMiddleware,
    StorableTextMiddleware,
)
from shared.idempotency import IdempotencyMiddleware
from shared.observability import configure_logging, get_logger
from shared.openapi import document_problems, operation_id
from shared.settings import ServiceSettings
from shared.tracing import configure_tracing, instrument_app, instrument_engine, shutdown_tracing
from shared.web import (
    RequestContextMiddleware,
    install_operations_routes,
    install_problem_handlers,
)

log = get_logger(__name__)

#: What is left of the spans gets this long to be exported at shutdown: within the 5 s the
#: budget keeps after the bus (docs/operations.md, "Shutdown").
TRACE_FLUSH_SECONDS = 3.0


def create_service_app(
    settings: ServiceSettings,
    *,
    metadata: MetaData,
    handlers: Handlers,
    organisation_kind: KindLookup,
    routers: Sequence[APIRouter] = (),
    description: str = "",
    openapi_tags: list[dict[str, Any]] | None = None,
) -> FastAPI:
    db = Database(
        settings.resolved_database_url(),
        metadata,
        service=settings.service_name,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        echo=settings.database_echo,
        statement_timeout_seconds=settings.database_statement_timeout_seconds,
    )
    instrument_engine(db.engine)
    bus = EventBus(settings, db, handlers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        configure_logging(
            level=settings.log_level, json=settings.log_json, service=settings.service_name
        )
        tracing = configure_tracing(settings.service_name)
        if settings.bus_enabled:
            bus.start()
        log.info("service started", port=settings.port)
        try:
            yield
        finally:
            await bus.stop()
            await db.dispose()
            log.info("service stopped")
            shutdown_tracing(tracing, TRACE_FLUSH_SECONDS)

    app = FastAPI(
        title=f"gpfed {settings.service_name}",
        version="1.0.0",
        description=description,
        lifespan=lifespan,
        openapi_tags=openapi_tags,
        # Served from the service itself (shared/apidocs.py), never from a CDN.
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.bus = bus
    app.state.handlers = handlers
    app.state.verifier = TokenVerifier(settings)
    app.state.organisation_kinds = OrganisationKinds(db, organisation_kind)

    install_problem_handlers(app)
    install_operations_routes(app)
    install_api_docs(app)

    @app.get("/asyncapi", tags=["operations"], summary="AsyncAPI 3 document of the events")
    async def asyncapi() -> dict[str, Any]:
        return asyncapi_document(
            service=settings.service_name, consumes={settings.service_name: handlers.types}
        )

    for router in routers:
        app.include_router(router)
    document_problems(app)
    # Each added wraps the ones before, so they run in the reverse order: the request id
    # first (every answer carries it), then the token (an anonymous change is refused before
    # its body is read, and stores nothing), the body limit, text the database cannot store
    # (which reads the body, bounded by then), and the Idempotency-Key, which needs the caller.
    app.add_middleware(
        IdempotencyMiddleware,
        ttl_seconds=settings.idempotency_ttl_seconds,
        in_flight_seconds=settings.idempotency_in_flight_seconds,
    )
    app.add_middleware(StorableTextMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AuthenticationMiddleware)
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)
    # Outside them all: the request's span is current in every middleware and route.
    instrument_app(app)
    return app
