"""Wiring of the contracts service."""

from pathlib import Path

from fastapi import FastAPI

import services.contracts
from services.contracts.api import router
from services.contracts.handlers import handlers
from services.contracts.settings import Settings
from services.contracts.store import metadata, organisation_kind
from shared.service import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"

DESCRIPTION = services.contracts.__doc__ or ""


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        metadata=metadata,
        handlers=handlers,
        organisation_kind=organisation_kind,
        routers=[router],
        description=DESCRIPTION,
    )
