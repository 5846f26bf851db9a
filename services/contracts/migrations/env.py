"""Alembic environment of the contracts service; run with ``gpfed migrate --service contracts``."""

from services.contracts.store import metadata
from shared.migrations import run_env

run_env(metadata)
