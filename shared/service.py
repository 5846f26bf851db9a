"""Builds a service's FastAPI app from its parts: wiring only, the same for all four."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy import MetaData

from shared.auth import KindLookup, OrganisationKinds, TokenVerifier
from shared.bus import EventBus, Handlers
from shared.db import Database
from shared.events.asyncapi import asyncapi_document
from shared.observability import configure_logging, get_logger
from shared.settings import ServiceSettings
from shared.web import (
    IdempotencyMiddleware,
    RequestContextMiddleware,
    install_operations_routes,
    install_problem_handlers,
)

log = get_logger(__name__)


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
        echo=settings.database_echo,
    )
    bus = EventBus(settings, db, handlers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        configure_logging(
            level=settings.log_level, json=settings.log_json, service=settings.service_name
        )
        if settings.bus_enabled:
            bus.start()
        log.info("service started", port=settings.port)
        try:
            yield
        finally:
            await bus.stop()
            await db.dispose()
            log.info("service stopped")

    app = FastAPI(
        title=f"gpfed {settings.service_name}",
        version="1.0.0",
        description=description,
        lifespan=lifespan,
        openapi_tags=openapi_tags,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.bus = bus
    app.state.handlers = handlers
    app.state.verifier = TokenVerifier(settings)
    app.state.organisation_kinds = OrganisationKinds(db, organisation_kind)

    install_problem_handlers(app)
    install_operations_routes(app)

    @app.get("/asyncapi", tags=["operations"], summary="AsyncAPI 3 document of the events")
    async def asyncapi() -> dict[str, Any]:
        return asyncapi_document(
            service=settings.service_name, consumes={settings.service_name: handlers.types}
        )

    for router in routers:
        app.include_router(router)
    # Added last, so outermost: the request id exists before the idempotency check runs.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)
    return app
