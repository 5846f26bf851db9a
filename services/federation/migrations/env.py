"""Alembic environment of the federation service: ``gpfed migrate --service federation``."""

from services.federation.store import metadata
from shared.migrations import run_env

run_env(metadata)
