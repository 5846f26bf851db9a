"""The four services by name: their settings, app factory, tables and migrations; and the
console, which `gpfed serve` and `make run` start beside them (no tables, no events)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import MetaData

from services.conflicts import app as conflicts_app
from services.conflicts import handlers as conflicts_handlers
from services.conflicts import settings as conflicts_settings
from services.conflicts import store as conflicts_store
from services.console import app as console_app
from services.console import settings as console_settings
from services.contracts import app as contracts_app
from services.contracts import handlers as contracts_handlers
from services.contracts import settings as contracts_settings
from services.contracts import store as contracts_store
from services.federation import app as federation_app
from services.federation import handlers as federation_handlers
from services.federation import settings as federation_settings
from services.federation import store as federation_store
from services.payments import app as payments_app
from services.payments import handlers as payments_handlers
from services.payments import settings as payments_settings
from services.payments import store as payments_store
from shared.bus import Handlers
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    settings: type[ServiceSettings]
    create_app: Callable[..., FastAPI]
    metadata: MetaData
    handlers: Handlers
    migrations: Path


SERVICES: dict[str, ServiceSpec] = {
    spec.name: spec
    for spec in (
        ServiceSpec(
            "contracts",
            contracts_settings.Settings,
            contracts_app.create_app,
            contracts_store.metadata,
            contracts_handlers.handlers,
            contracts_app.MIGRATIONS,
        ),
        ServiceSpec(
            "payments",
            payments_settings.Settings,
            payments_app.create_app,
            payments_store.metadata,
            payments_handlers.handlers,
            payments_app.MIGRATIONS,
        ),
        ServiceSpec(
            "federation",
            federation_settings.Settings,
            federation_app.create_app,
            federation_store.metadata,
            federation_handlers.handlers,
            federation_app.MIGRATIONS,
        ),
        ServiceSpec(
            "conflicts",
            conflicts_settings.Settings,
            conflicts_app.create_app,
            conflicts_store.metadata,
            conflicts_handlers.handlers,
            conflicts_app.MIGRATIONS,
        ),
    )
}


@dataclass(frozen=True)
class AppSpec:
    """A process that is not one of the four services: no database, no bus."""

    name: str
    settings: type[ServiceSettings]
    create_app: Callable[..., FastAPI]


#: Pages for people over the services' APIs (services/console/README.md).
CONSOLE = AppSpec("console", console_settings.Settings, console_app.create_app)


def served(name: str) -> ServiceSpec | AppSpec:
    """What ``gpfed serve --service name`` runs: a service or the console."""
    return CONSOLE if name == CONSOLE.name else spec(name)


def spec(name: str) -> ServiceSpec:
    try:
        return SERVICES[name]
    except KeyError:
        raise SystemExit(f"unknown service {name!r}; one of {', '.join(SERVICES)}") from None
