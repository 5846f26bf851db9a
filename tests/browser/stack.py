"""What the browser tests drive: the console, and each service it calls (on its PostgreSQL test
database, bus off) started only when a test first needs it. Every service's port is chosen up
front, so the console starts once, pointing at all four; a page of a service not started yet
would say it is unavailable. ``tests/browser/worlds.py`` seeds each service.
``tests/browser/screenshots.py`` uses the same stack."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

from services.conflicts.settings import Settings as ConflictsSettings
from shared.auth import mint_token
from shared.broker import free_port

SERVICES = ("contracts", "payments", "federation", "conflicts")
COMMON = {"GPFED_BUS_ENABLED": "false", "GPFED_LOG_LEVEL": "WARNING"}
T = TypeVar("T")


def token(role: str, org: str) -> str:
    return mint_token(ConflictsSettings(), role=role, org=org)


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion from sync code, on a thread of its own: while Playwright's
    sync API runs, this thread has a running event loop, which asyncio.run refuses."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


@dataclass
class Stack:
    console: str
    #: Each service's URL (where it listens once started) and test database.
    urls: dict[str, str]
    databases: dict[str, str]
    logs: Path

    def token(self, role: str, org: str) -> str:
        return token(role, org)

    @contextmanager
    def serve(self, service: str) -> Iterator[str]:
        url = self.urls[service]
        port = int(url.rsplit(":", 1)[1])
        env = {**COMMON, "GPFED_DATABASE_URL": self.databases[service]}
        with _serve(service, env, self.logs, port) as served:
            yield served


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/health/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def _serve(service: str, env: dict[str, str], logs: Path, port: int | None = None) -> Iterator[str]:
    port = port or free_port()
    log = logs / f"{service}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gpfed.cli", "serve", "--service", service],
        env={**os.environ, **env, "GPFED_PORT": str(port), "GPFED_LOG_JSON": "true"},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running_stack(databases: dict[str, str], logs: Path) -> Iterator[Stack]:
    """The console, with a port chosen for each service (started by ``Stack.serve``)."""
    urls = {service: f"http://127.0.0.1:{free_port()}" for service in SERVICES}
    env = {**COMMON, **{f"GPFED_{s.upper()}_URL": url for s, url in urls.items()}}
    with _serve("console", env, logs) as console:
        yield Stack(console=console, urls=urls, databases=databases, logs=logs)
