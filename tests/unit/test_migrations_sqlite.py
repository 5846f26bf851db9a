"""Every service's migrations apply to (and roll back from) the embedded SQLite default."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gpfed.services import SERVICES
from shared.migrations import downgrade, upgrade


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_migrations_apply_to_sqlite_and_roll_back(service: str, tmp_path: Path) -> None:
    path = tmp_path / "var" / f"{service}.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(SERVICES[service].migrations, url)
    tables = {
        r[0]
        for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"outbox", "inbox", "idempotency_keys", "audit_log", "alembic_version"} <= tables
    assert set(SERVICES[service].metadata.tables) <= tables
    downgrade(SERVICES[service].migrations, url)
    tables = {
        r[0]
        for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert tables == {"alembic_version"}
