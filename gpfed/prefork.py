"""``gpfed serve`` with several workers: the app is imported and built once, in the supervising
process, and the workers are forked from it, each listening on a socket of its own.

- Memory: uvicorn's own supervisor spawns each worker as a fresh interpreter that imports
  everything again, some 95 MB each, none of it shared. Forked after
  :func:`gpfed.asgi.long_lived` has frozen the app's objects out of the garbage collector's
  sight, the workers share those pages with the supervisor until they write to them (copy on
  write), so a service's processes hold the imports about once rather than once each.
- Balance: with one listening socket shared by the workers, whichever is awake first accepts a
  whole burst of connections; a client keeping 32 connections alive had all 32 on one worker
  while the other idled. Each worker listens on its own ``SO_REUSEPORT`` socket instead, and
  the kernel spreads new connections between them.

uvicorn's supervisor is kept (worker health checks, restarts, signals, graceful shutdown):
only the way it starts a worker changes (docs/operations.md, "Scaling").
"""

from __future__ import annotations

import multiprocessing
import socket
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any

import uvicorn
from uvicorn import _subprocess
from uvicorn.supervisors import multiprocess

_FORK = multiprocessing.get_context("fork")


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` with ``SO_REUSEPORT``, not yet listening."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _starter(host: str, port: int) -> Callable[..., BaseProcess]:
    """uvicorn's ``get_subprocess``, forking instead of spawning (the config, and the app in
    it, are inherited rather than pickled, and nothing is imported again); the worker binds
    its own socket to the port once forked."""

    def forked_worker(config: uvicorn.Config, target: Any, sockets: list[socket.socket]) -> Any:
        def serve(sockets: list[socket.socket] | None = None) -> None:
            target(sockets=[reuse_port_socket(host, port)])

        return _FORK.Process(
            target=_subprocess.subprocess_started,
            kwargs={"config": config, "target": serve, "sockets": [], "stdin_fileno": None},
        )

    return forked_worker


def serve_forked(app: Any, workers: int, options: dict[str, Any]) -> None:
    """Serve ``app`` (built in this process) from ``workers`` forked processes on one port."""
    config = uvicorn.Config(app, workers=workers, **options)
    # Held, bound but never listening (so it is given no connections), for as long as the
    # service runs: the port is ours, a port taken fails here, and port 0 picks one for all.
    reserved = reuse_port_socket(config.host, config.port)
    port = reserved.getsockname()[1]
    multiprocess.get_subprocess = _starter(config.host, port)  # type: ignore[attr-defined,assignment]
    try:
        multiprocess.Multiprocess(config, sockets=[]).run()
    except KeyboardInterrupt:
        pass
    finally:
        reserved.close()
