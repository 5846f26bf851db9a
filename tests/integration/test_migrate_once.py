"""`gpfed migrate` as every new pod runs it (an init container): replicas started together
migrate the database once, and none fails for having raced another."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import asyncpg
import pytest
from alembic.script import ScriptDirectory

from gpfed.migrate import MIGRATION_LOCK
from gpfed.services import SERVICES
from shared.migrations import alembic_config
from tests.conftest import _dsn, database_url, eventually, recreate_databases

pytestmark = pytest.mark.integration

REPLICAS = 3


async def test_replicas_migrating_at_once_migrate_the_database_once(
    postgres: dict[str, str],
) -> None:
    name = f"{os.environ.get('GPFED_TEST_DB_PREFIX', 'gpfed_test')}_migrate_once"
    await recreate_databases([name])
    url = database_url(name)
    env = {**os.environ, "GPFED_DATABASE_URL": url, "GPFED_BUS_ENABLED": "false"}
    command = [sys.executable, "-m", "gpfed.cli", "migrate", "--service", "contracts"]
    holder = await asyncpg.connect(_dsn(name))
    try:
        # Hold the migrations' lock until every replica waits for it, then let them race.
        await holder.execute(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        replicas = [
            subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
            for _ in range(REPLICAS)
        ]

        async def all_waiting() -> bool:
            waiting = await holder.fetchval(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
            return bool(waiting == REPLICAS)

        await eventually(all_waiting, timeout=60)
        await holder.execute(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
    finally:
        await holder.close()
    outputs = []
    for replica in replicas:
        _, stderr = await asyncio.to_thread(replica.communicate, timeout=180)
        assert replica.returncode == 0, stderr
        outputs.append(stderr)
    head = ScriptDirectory.from_config(
        alembic_config(SERVICES["contracts"].migrations, url)
    ).get_current_head()
    migrated = [o for o in outputs if f"contracts: migrated from empty to head {head}" in o]
    waited = [o for o in outputs if f"contracts: already at head {head}, nothing to do" in o]
    assert (len(migrated), len(waited)) == (1, REPLICAS - 1), outputs
