"""Wiring of the console: pages, static assets, health routes and the one client it calls the
services with. No database and no broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import services.console
from services.console.pages import HERE, error_page
from services.console.routes import (
    commissioner,
    federation,
    governance,
    practice,
    registers,
    signin,
)
from services.console.session import NotSignedIn
from services.console.settings import Settings
from services.console.upstream import SignInNeeded, Upstream, UpstreamFailed
from shared.observability import configure_logging, get_logger
from shared.web import RequestContextMiddleware

log = get_logger(__name__)

#: Everything from the console's own origin: no CDN, no inline script, no framing.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def create_app(
    settings: Settings | None = None, transport: httpx.AsyncBaseTransport | None = None
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(
            level=settings.log_level, json=settings.log_json, service=settings.service_name
        )
        app.state.upstream = Upstream(settings, transport)
        log.info("service started", port=settings.port)
        try:
            yield
        finally:
            await app.state.upstream.close()
            log.info("service stopped")

    app = FastAPI(
        title="gpfed console",
        version="1.0.0",
        description=services.console.__doc__ or "",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (registers, signin, practice, federation, commissioner, governance):
        app.include_router(module.router)
    _health_routes(app)
    _error_pages(app)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware, service=settings.service_name)
    return app


def _health_routes(app: FastAPI) -> None:
    @app.get("/health/live", include_in_schema=False)
    async def live() -> dict[str, str]:
        return {"status": "live"}

    @app.get("/health/ready", include_in_schema=False)
    async def ready() -> dict[str, str]:
        # Ready when serving: a service that is down makes its pages say so, not the console
        # leave the load balancer (the public registers need only conflicts).
        return {"status": "ready"}

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def _error_pages(app: FastAPI) -> None:
    async def sign_in(request: Request, _exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/sign-in?next={quote(target, safe='')}", status_code=303)

    async def upstream_failed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, UpstreamFailed)
        return error_page(request, exc.status, _title(exc.status), exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return error_page(request, exc.status_code, _title(exc.status_code), str(exc.detail))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        fields = ", ".join(sorted({str(e["loc"][-1]) for e in exc.errors()}))
        return error_page(request, 400, _title(400), f"Check what you entered: {fields}.")

    async def unexpected(request: Request, _exc: Exception) -> HTMLResponse:
        log.exception("unhandled error", path=request.url.path)
        request_id = getattr(request.state, "request_id", "")
        return error_page(
            request, 500, _title(500), f"Something went wrong. Quote {request_id} to support."
        )

    app.add_exception_handler(NotSignedIn, sign_in)
    app.add_exception_handler(SignInNeeded, sign_in)
    app.add_exception_handler(UpstreamFailed, upstream_failed)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)


def _title(status: int) -> str:
    return {
        400: "There is a problem",
        403: "You do not have access",
        404: "Page not found",
        409: "That cannot be done now",
        502: "Sorry, there is a problem with the service",
        503: "Sorry, the service is unavailable",
        504: "Sorry, the service is unavailable",
    }.get(status, "Sorry, there is a problem")
