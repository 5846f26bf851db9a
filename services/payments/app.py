"""Wiring of the payments service."""

from pathlib import Path

from fastapi import FastAPI

import services.payments
from services.payments.api import router
from services.payments.gain_shares import router as gain_share_router
from services.payments.handlers import handlers
from services.payments.scheme_routes import router as scheme_router
from services.payments.settings import Settings
from services.payments.store import metadata, organisation_kind
from shared.service import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"

DESCRIPTION = services.payments.__doc__ or ""


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        metadata=metadata,
        handlers=handlers,
        organisation_kind=organisation_kind,
        routers=[router, scheme_router, gain_share_router],
        description=DESCRIPTION,
    )
