"""The app ``gpfed serve`` runs: the service in ``GPFED_SERVICE``, or the one named."""

from __future__ import annotations

import gc
import importlib
import os

from fastapi import FastAPI


def create_app(service: str | None = None) -> FastAPI:
    """The service's app, importing its own modules alone: not ``gpfed.services``, which
    imports all four services and the console (some 15 MB a process that would never run)."""
    name = service or os.environ["GPFED_SERVICE"]
    settings = importlib.import_module(f"services.{name}.settings").Settings()
    app: FastAPI = importlib.import_module(f"services.{name}.app").create_app(settings)
    return long_lived(app)


def long_lived(app: FastAPI) -> FastAPI:
    """The app, with everything built so far (modules, routes, validators: some 140,000
    tracked objects) moved out of the garbage collector's sight. Otherwise each full
    collection walks all of it: validating a 10,000-record batch, which allocates enough to
    trigger some, took 74 ms instead of 25. It also keeps the pages holding them shared with
    the workers forked from this process (gpfed/prefork.py): a collection writes to every
    object it walks. For served processes only: frozen objects are never freed, which a test
    process building many apps would feel."""
    gc.collect()
    gc.freeze()
    return app
