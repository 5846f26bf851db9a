"""The four services as separate processes (`gpfed serve`) on the test databases and a broker,
each on a free port: what the e2e and fault tests run the hub saga against."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from shared.broker import Broker, free_port


class Suite:
    def __init__(self, databases: dict[str, str], broker: Broker, logs: Path) -> None:
        self.databases = databases
        self.broker = broker
        self.logs = logs
        self.ports = {service: free_port() for service in databases}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    @property
    def urls(self) -> dict[str, str]:
        return {s: f"http://127.0.0.1:{p}" for s, p in self.ports.items()}

    def start(
        self, service: str, timeout: float = 60, extra_env: dict[str, str] | None = None
    ) -> None:
        env = {
            **os.environ,
            **(extra_env or {}),
            "GPFED_DATABASE_URL": self.databases[service],
            "GPFED_PORT": str(self.ports[service]),
            "GPFED_KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
        }
        log = (self.logs / f"{service}.log").open("ab")
        self.processes[service] = subprocess.Popen(
            [sys.executable, "-m", "gpfed.cli", "serve", "--service", service],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready(service, timeout)

    def wait_ready(self, service: str, timeout: float) -> None:
        process = self.processes[service]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{service} exited with {process.returncode}: {self.tail(service)}"
                )
            try:
                if httpx.get(f"{self.urls[service]}/health/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{service} not ready after {timeout}s: {self.tail(service)}")

    def kill(self, service: str) -> None:
        """kill -9: no shutdown, no flush, whatever was in flight is lost with the process."""
        process = self.processes[service]
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def restart(self, service: str, extra_env: dict[str, str] | None = None) -> None:
        self.start(service, extra_env=extra_env)

    def replay(self, service: str, since: str) -> int:
        """`gpfed replay`: re-publishes the service's kept outbox history since ``since``."""
        env = {
            **os.environ,
            "GPFED_DATABASE_URL": self.databases[service],
            "GPFED_KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
        }
        done = subprocess.run(
            [sys.executable, "-m", "gpfed.cli", "replay", "--service", service, "--since", since],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return int(json.loads(done.stdout.strip().splitlines()[-1])["replayed"])

    def duplicates_skipped(self) -> int:
        """`gpfed_events_duplicate_total` summed over the services' /metrics."""
        total = 0.0
        for url in self.urls.values():
            for line in httpx.get(f"{url}/metrics", timeout=5).text.splitlines():
                if line.startswith("gpfed_events_duplicate_total"):
                    total += float(line.rsplit(" ", 1)[1])
        return int(total)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    def tail(self, service: str, chars: int = 3000) -> str:
        path = self.logs / f"{service}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""


@contextmanager
def running_suite(databases: dict[str, str], broker: Broker, logs: Path) -> Iterator[Suite]:
    suite = Suite(databases, broker, logs)
    try:
        for service in databases:
            suite.start(service)
        yield suite
    finally:
        suite.stop()
