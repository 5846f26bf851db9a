"""The ASGI factory ``gpfed serve`` names for worker processes: the service in ``GPFED_SERVICE``."""

from __future__ import annotations

import gc
import os

from fastapi import FastAPI

from gpfed.services import spec


def create_app() -> FastAPI:
    service = spec(os.environ["GPFED_SERVICE"])
    return long_lived(service.create_app(service.settings()))


def long_lived(app: FastAPI) -> FastAPI:
    """The app, with everything built so far (modules, routes, validators: several hundred
    thousand objects) moved out of the garbage collector's sight. Otherwise each full
    collection walks all of it, and a 10,000-record batch, which allocates enough to trigger
    several, pays a third of its validation time for it. For served processes only: frozen
    objects are never freed, which a test process building many apps would feel."""
    gc.collect()
    gc.freeze()
    return app
