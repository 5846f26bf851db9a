"""``make run``: the broker, the four services and the console on this machine, stopped by
Ctrl-C.

Each service runs as its own process (``gpfed serve``) with its SQLite file under ``var/``,
as it would in a container, so that nothing is shared but the broker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from gpfed.services import CONSOLE, SERVICES, AppSpec, ServiceSpec
from shared.broker import Broker, port_open
from shared.migrations import upgrade
from shared.settings import VAR_DIR


def run_all(*, broker_port: int = 19092) -> int:
    VAR_DIR.mkdir(exist_ok=True)
    logs = VAR_DIR / "logs"
    logs.mkdir(exist_ok=True)
    broker: Broker | None = None
    if port_open(broker_port):
        print(f"broker: reusing the one on 127.0.0.1:{broker_port}")
    else:
        broker = Broker(broker_port, log_path=logs / "broker.log").start()
        print(f"broker: 127.0.0.1:{broker_port} (log var/logs/broker.log)")

    env = {**os.environ, "GPFED_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{broker_port}"}
    env.setdefault("GPFED_LOG_JSON", "true")
    children: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

    def stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    served: dict[str, ServiceSpec | AppSpec] = {**SERVICES, CONSOLE.name: CONSOLE}
    try:
        for name, spec in served.items():
            settings = spec.settings()
            if isinstance(spec, ServiceSpec):
                upgrade(spec.migrations, settings.resolved_database_url())
            log = (logs / f"{name}.log").open("ab")
            children[name] = subprocess.Popen(  # noqa: S603 - our own entry point
                [sys.executable, "-m", "gpfed.cli", "serve", "--service", name],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        pending = {name: spec.settings() for name, spec in served.items()}
        deadline = time.monotonic() + 90
        while pending and not stopping:
            for name, settings in list(pending.items()):
                if children[name].poll() is not None:
                    print(
                        f"{name}: exited with {children[name].returncode}; see var/logs/{name}.log"
                    )
                    return 1
                url = f"http://{settings.host}:{settings.port}"
                if _ready(url):
                    docs = "" if name == CONSOLE.name else f" (docs {url}/docs)"
                    print(f"{name}: {url}{docs}", flush=True)
                    del pending[name]
            if time.monotonic() > deadline:
                print(f"not ready after 90s: {', '.join(pending)}; see var/logs/")
                return 1
            time.sleep(0.2)
        if not stopping:
            print("gpfed is running; Ctrl-C stops it", flush=True)
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    print(f"{name}: exited with {child.returncode}; see var/logs/{name}.log")
                    return 1
            time.sleep(0.5)
        return 0
    finally:
        _terminate(children)
        if broker is not None:
            broker.stop()
        print("stopped", flush=True)


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health/ready", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def _terminate(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 35
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
