"""Alembic environment of the payments service; run with ``gpfed migrate --service payments``."""

from services.payments.store import metadata
from shared.migrations import run_env

run_env(metadata)
