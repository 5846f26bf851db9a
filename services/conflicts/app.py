"""Wiring of the conflicts service."""

from pathlib import Path

from fastapi import FastAPI

import services.conflicts
from services.conflicts.api import router
from services.conflicts.handlers import handlers
from services.conflicts.settings import Settings
from services.conflicts.store import metadata, organisation_kind
from shared.service import create_service_app

MIGRATIONS = Path(__file__).parent / "migrations"

DESCRIPTION = services.conflicts.__doc__ or ""


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        metadata=metadata,
        handlers=handlers,
        organisation_kind=organisation_kind,
        routers=[router],
        description=DESCRIPTION,
    )
