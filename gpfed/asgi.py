"""The ASGI factory ``gpfed serve`` names for worker processes: the service in ``GPFED_SERVICE``."""

from __future__ import annotations

import os

from fastapi import FastAPI

from gpfed.services import spec


def create_app() -> FastAPI:
    service = spec(os.environ["GPFED_SERVICE"])
    return service.create_app(service.settings())
