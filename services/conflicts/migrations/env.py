"""Alembic environment of the conflicts service; run with ``gpfed migrate --service conflicts``."""

from services.conflicts.store import metadata
from shared.migrations import run_env

run_env(metadata)
