"""Each service as its own process (`gpfed serve`), as a container runs it: it becomes ready
against PostgreSQL and the broker, serves its documents, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from shared.broker import Broker, free_port

pytestmark = pytest.mark.e2e


def test_every_service_starts_as_a_process_and_stops_on_sigterm(
    clean: dict[str, str], broker: Broker
) -> None:
    processes: dict[str, tuple[subprocess.Popen[bytes], int]] = {}
    try:
        for service, url in clean.items():
            port = free_port()
            env = {
                **os.environ,
                "GPFED_DATABASE_URL": url,
                "GPFED_PORT": str(port),
                "GPFED_KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
            }
            processes[service] = (
                subprocess.Popen(
                    [sys.executable, "-m", "gpfed.cli", "serve", "--service", service],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                ),
                port,
            )
        for service, (process, port) in processes.items():
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            status = None
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    status = httpx.get(f"{base}/health/ready", timeout=2).status_code
                except httpx.HTTPError:
                    status = None
                if status == 200:
                    break
                time.sleep(0.2)
            assert status == 200, f"{service} not ready"
            openapi = httpx.get(f"{base}/openapi.json", timeout=5).json()
            assert openapi["info"]["title"] == f"gpfed {service}"
            asyncapi = httpx.get(f"{base}/asyncapi", timeout=5).json()
            assert asyncapi["info"]["title"] == f"gpfed {service} events"
            print(f"{service}: ready on {base}")
        for service, (process, _) in processes.items():
            process.send_signal(signal.SIGTERM)
            # uvicorn finishes in-flight work, runs the lifespan's shutdown, then re-raises the
            # signal, so the exit status is "terminated by SIGTERM" after a clean stop.
            assert process.wait(timeout=40) in (0, -signal.SIGTERM)
            stderr = process.stderr.read().decode() if process.stderr else ""
            assert "service stopped" in stderr
            print(f"{service}: stopped cleanly on SIGTERM")
    finally:
        for process, _ in processes.values():
            if process.poll() is None:
                process.kill()
