"""Wiring of the federation service."""

from pathlib import Path

from fastapi import FastAPI

import services.federation
from services.federation.api import router
from services.federation.handlers import handlers
from services.federation.settings import Settings
from services.federation.store import metadata, organisation_kind
from shared.service import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"

DESCRIPTION = services.federation.__doc__ or ""


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        metadata=metadata,
        handlers=handlers,
        organisation_kind=organisation_kind,
        routers=[router],
        description=DESCRIPTION,
    )
