"""A separate load process: GETs at a fixed rate (open loop), then prints latencies as JSON.

``python -m tests.perf.bench_load URL TOKEN RATE SECONDS``. Latency is measured from each
request's scheduled start, so a stalled server is charged for the requests queued behind it
(no coordinated omission). A minimal HTTP/1.1 keep-alive client on raw asyncio streams, not
httpx: under overload httpx's own pool costs more CPU than the service, and the figure would
measure the load generator.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from urllib.parse import urlsplit

CONNECTIONS = 32


async def _worker(
    host: str, port: int, request: bytes, queue: asyncio.Queue[float | None], out: dict[str, list]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while (scheduled := await queue.get()) is not None:
            writer.write(request)
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            out["latencies"].append(time.perf_counter() - scheduled)
            if status != 200:
                out["errors"].append(status)
    finally:
        writer.close()


async def _load(url: str, token: str, rate: float, seconds: float) -> dict[str, object]:
    parts = urlsplit(url)
    request = (
        f"GET {parts.path}{'?' + parts.query if parts.query else ''} HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\nAuthorization: Bearer {token}\r\n\r\n"
    ).encode()
    out: dict[str, list] = {"latencies": [], "errors": []}
    queue: asyncio.Queue[float | None] = asyncio.Queue()
    workers = [
        asyncio.create_task(_worker(parts.hostname or "", parts.port or 80, request, queue, out))
        for _ in range(CONNECTIONS)
    ]
    for _ in range(CONNECTIONS):  # warm every connection and the route
        queue.put_nowait(time.perf_counter())
    while len(out["latencies"]) < CONNECTIONS:
        await asyncio.sleep(0.01)
    out["latencies"].clear()
    out["errors"].clear()
    start = time.perf_counter()
    total = int(rate * seconds)
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(scheduled)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.perf_counter() - start
    return {
        "latencies": out["latencies"],
        "errors": len(out["errors"]),
        "elapsed": elapsed,
        "sent": total,
    }


def main() -> None:
    url, token, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    print(json.dumps(asyncio.run(_load(url, token, rate, seconds))))


if __name__ == "__main__":
    main()
