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


def test_a_service_runs_several_workers_behind_one_port(
    clean: dict[str, str], broker: Broker
) -> None:
    """GPFED_WORKERS=2: two uvicorn workers share the port, /metrics merges what both counted,
    and SIGTERM stops the workers with the supervisor."""
    port = free_port()
    env = {
        **os.environ,
        "GPFED_DATABASE_URL": clean["federation"],
        "GPFED_PORT": str(port),
        "GPFED_KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "GPFED_WORKERS": "2",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gpfed.cli", "serve", "--service", "federation"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < deadline and process.poll() is None:
            workers = _workers(process.pid)
            try:
                ready = httpx.get(f"{base}/health/ready", timeout=2).status_code == 200
            except httpx.HTTPError:
                ready = False
            if ready and len(workers) == 2:
                break
            time.sleep(0.2)
        assert len(workers) == 2, f"workers: {workers}"
        # Forked after the app was built, each shares the supervisor's heap (imports, routes)
        # until it writes to it; a spawned worker would share next to none of it.
        for worker in workers:
            assert _shared_dirty_mb(worker) > 20, f"worker {worker} shares little"
        # Each on a listening socket of its own (SO_REUSEPORT), so that the kernel spreads
        # connections between them rather than one worker accepting a whole burst.
        listening = [_listening_sockets(worker, port) for worker in workers]
        assert all(len(sockets) == 1 for sockets in listening), listening
        assert listening[0] != listening[1], listening
        # New connections each time, so that both workers take some of them.
        for _ in range(40):
            assert httpx.get(f"{base}/federations/Y00000", timeout=5).status_code == 401
        metrics = httpx.get(f"{base}/metrics", timeout=5).text
        served = sum(
            float(line.rsplit(" ", 1)[1])
            for line in metrics.splitlines()
            if line.startswith("gpfed_http_requests_total{") and 'status="401"' in line
        )
        assert served == 40, metrics[:2000]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=40) in (0, -signal.SIGTERM)
        assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
    finally:
        if process.poll() is None:
            for pid in [*_workers(process.pid), process.pid]:
                os.kill(pid, signal.SIGKILL)
            process.wait()


def _workers(pid: int) -> list[int]:
    """uvicorn's worker processes: children of ``pid`` forked from it (gpfed/prefork.py), so
    running its command line."""
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        supervisor = f.read()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                command = f.read()
        except OSError:  # it exited while we looked
            continue
        if parent == pid and command == supervisor:
            found.append(int(entry))
    return found


def _shared_dirty_mb(pid: int) -> float:
    """Written pages the process shares with another (here: its supervisor's heap)."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Shared_Dirty:"):
                return int(line.split()[1]) / 1024
    raise AssertionError(f"no Shared_Dirty for {pid}")


def _listening_sockets(pid: int, port: int) -> set[str]:
    """Inodes of the TCP sockets listening on ``port`` that the process holds open."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    listening.add(fields[9])
    held = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
    return held & listening
