"""A PostgreSQL server of a test's own (initdb into a temporary directory, pg_ctl on a free
port), which the test may stop and restart without touching the server other tests use."""

from __future__ import annotations

import asyncio
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest

from gpfed.services import SERVICES
from shared.broker import free_port
from shared.migrations import upgrade


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _version(path: str) -> tuple[int, ...]:
    number = Path(path).parent.parent.name
    return tuple(int(p) for p in number.split(".") if p.isdigit())


class PrivatePostgres:
    """initdb, start, stop and restart; trust authentication on 127.0.0.1 only."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="gpfed-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        # initdb refuses to run as root: then the server runs as the postgres user.
        self._as: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, tool: str, *args: str, timeout: float = 120) -> None:
        subprocess.run(
            [*self._as, str(self.bin_dir / tool), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def init(self) -> PrivatePostgres:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self.root}'",
            "max_connections": "200",  # four services' pools, their overflow, and the test
            "fsync": "off",  # a test's data need not survive a power cut
            "synchronous_commit": "off",
            "full_page_writes": "off",
        }
        subprocess.run(
            [*self._as, "sh", "-c", f"cat >> {self.data / 'postgresql.conf'}"],
            input="".join(f"{k} = {v}\n" for k, v in settings.items()).encode(),
            check=True,
        )
        return self

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        """A fast shutdown: open connections are terminated, as on a real restart."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def restart(self, down_seconds: float) -> None:
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def url(self, database: str) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    async def create_databases(self, names: list[str]) -> None:
        connection = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres")
        try:
            for name in names:
                await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    def destroy(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def private_postgres(services: list[str]) -> Iterator[tuple[PrivatePostgres, dict[str, str]]]:
    """A started private server with a migrated database per service; their URLs by service."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("GPFED_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL's server binaries (initdb, pg_ctl) are required")
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    server = PrivatePostgres(bin_dir)
    try:
        server.init().start()
        asyncio.run(server.create_databases([f"gpfed_{s}" for s in services]))
        urls = {s: server.url(f"gpfed_{s}") for s in services}
        for service, url in urls.items():
            upgrade(SERVICES[service].migrations, url)
        yield server, urls
    finally:
        server.destroy()
