"""``gpfed``: run, serve, migrate, token, replay, asyncapi, broker, expire-due."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.util
import json
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from shared.auth import Role, mint_token
from shared.settings import ServiceSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gpfed", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser(
        "run", help="broker, the four services and the console, as `make run` does"
    )
    run.add_argument("--broker-port", type=int, default=19092)

    serve = commands.add_parser("serve", help="one service (what a container runs)")
    serve.add_argument("--service", required=True, help="a service name, or console")

    migrate = commands.add_parser("migrate", help="apply a service's migrations")
    migrate.add_argument("--service", required=True, help="a service name, or all")

    token = commands.add_parser("token", help="mint a token (alone on the last line of output)")
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--org", required=True, help="the ODS code the token acts for")
    token.add_argument("--sub", help="the subject (default: generated)")
    token.add_argument(
        "--ttl",
        type=int,
        default=12 * 3600,
        help="lifetime in seconds, at most GPFED_JWT_MAX_TTL_SECONDS",
    )

    replay = commands.add_parser("replay", help="re-publish a service's kept outbox history")
    replay.add_argument("--service", required=True)
    replay.add_argument("--since", required=True, type=_timestamp, help="ISO 8601 timestamp")
    replay.add_argument("--until", type=_timestamp, help="ISO 8601 timestamp (exclusive)")
    replay.add_argument("--type", action="append", dest="types", help="only this ce_type")

    asyncapi = commands.add_parser("asyncapi", help="write the AsyncAPI 3 document")
    asyncapi.add_argument("--out", type=Path, help="file to write (default: stdout)")

    broker = commands.add_parser("broker", help="run the development broker in the foreground")
    broker.add_argument("--port", type=int, default=19092)

    expire = commands.add_parser(
        "expire-due", help="expire contracts past their end date (a daily scheduled job)"
    )
    expire.add_argument("--url", default="http://127.0.0.1:8001", help="the contracts service")
    expire.add_argument("--on", type=date.fromisoformat, help="ISO date (default: today in the UK)")
    expire.add_argument(
        "--token",
        help="an ops bearer token (default: one minted for this run, signed as `gpfed token`)",
    )

    args = parser.parse_args(argv)
    if args.command == "token":
        return _token(args.role, args.org, args.sub, args.ttl)
    if args.command == "run":
        from gpfed.runner import run_all

        return run_all(broker_port=args.broker_port)
    if args.command == "serve":
        return _serve(args.service)
    if args.command == "migrate":
        return _migrate(args.service)
    if args.command == "replay":
        return asyncio.run(_replay(args.service, args.since, args.until, args.types))
    if args.command == "asyncapi":
        return _asyncapi(args.out)
    if args.command == "broker":
        return _broker(args.port)
    if args.command == "expire-due":
        return asyncio.run(_expire_due(args.url, args.on, args.token))
    parser.error(f"unknown command {args.command}")
    return 2


def _timestamp(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 timestamp: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _token(role: str, org: str, sub: str | None, ttl: int) -> int:
    try:
        token = mint_token(ServiceSettings(), role=role, org=org, sub=sub, ttl_seconds=ttl)
    except ValueError as exc:
        print(f"gpfed token: {exc}", file=sys.stderr)
        return 2
    print(f"role={role} org={org} ttl={ttl}s", file=sys.stderr)
    print(token)
    return 0


def _serve(service: str) -> int:
    settings = _settings_of(service)
    # Before uvicorn is even imported: a refused start binds no port and opens no database.
    problems = settings.production_problems()
    if problems:
        print(
            f"gpfed serve: refusing to start in production: {'; '.join(problems)}", file=sys.stderr
        )
        return 2

    import uvicorn

    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_config": None,
        "access_log": False,
        # Requests in flight get this long; the bus then gets GPFED_SHUTDOWN_BUS_SECONDS.
        "timeout_graceful_shutdown": settings.shutdown_drain_seconds,
    }
    if settings.workers == 1:
        from gpfed.asgi import create_app

        uvicorn.run(create_app(service), **options)
        return 0
    # The app is built here and the workers are forked from this process, sharing its pages
    # (gpfed/prefork.py). Workers' metrics are merged through files (prometheus_client's
    # multiprocess mode), in a directory of this run's own unless ops chose one: set before
    # the app is imported, since prometheus_client picks its mode on import.
    with tempfile.TemporaryDirectory(prefix=f"gpfed-{service}-metrics-") as scratch:
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", scratch)
        from gpfed.asgi import create_app
        from gpfed.prefork import serve_forked

        serve_forked(create_app(service), settings.workers, options)
    return 0


async def _expire_due(url: str, on: date | None, token: str | None) -> int:
    import httpx  # here, not at the top: `gpfed serve`'s supervisor stays small

    from gpfed.jobs import JobFailed, expire_due, scheduler_token
    from shared.calendar import uk_today

    day = on or uk_today()
    try:
        bearer = token or scheduler_token(ServiceSettings())
    except ValueError as exc:
        print(f"expire-due: cannot mint the ops token: {exc}", file=sys.stderr)
        return 2
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        try:
            expired = await expire_due(client, bearer, day)
        except (JobFailed, httpx.HTTPError) as exc:
            print(f"expire-due on {day}: {exc}", file=sys.stderr)
            return 1
    print(f"expire-due on {day}: {len(expired)} expired", file=sys.stderr)
    print(json.dumps({"on": day.isoformat(), "expired": expired}))
    return 0


def _settings_of(service: str) -> ServiceSettings:
    """The service's settings, importing its settings module alone (not its app)."""
    module = f"services.{service}.settings"
    if not service.isidentifier() or importlib.util.find_spec(module) is None:
        raise SystemExit(f"unknown service {service!r}")
    settings: ServiceSettings = importlib.import_module(module).Settings()
    return settings


def _migrate(service: str) -> int:
    import time

    from gpfed.migrate import migrate_once
    from gpfed.services import SERVICES, spec

    names = list(SERVICES) if service == "all" else [spec(service).name]
    for name in names:
        s = SERVICES[name]
        print(
            f"{name}: migrating (after any replica migrating it now)", file=sys.stderr, flush=True
        )
        started = time.monotonic()
        before, after = asyncio.run(
            migrate_once(s.migrations, s.settings().resolved_database_url())
        )
        took = f"{time.monotonic() - started:.1f}s"
        if before == after:
            print(f"{name}: already at head {after}, nothing to do ({took})", file=sys.stderr)
        else:
            print(
                f"{name}: migrated from {before or 'empty'} to head {after} ({took})",
                file=sys.stderr,
            )
    return 0


async def _replay(
    service: str, since: datetime, until: datetime | None, types: list[str] | None
) -> int:
    from gpfed.progress import Progress
    from gpfed.services import spec
    from shared.bus import EventBus, new_producer, replay
    from shared.db import Database

    s = spec(service)
    settings = s.settings()
    db = Database(settings.resolved_database_url(), s.metadata, service=s.name)
    producer = new_producer(settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        # A broker restarted empty has no topics: create them before publishing to them.
        await EventBus(settings, db, s.handlers).ensure_topics()
        with Progress(f"replay {service}") as progress:
            count = await replay(
                db, producer, since=since, until=until, types=types, on_batch=progress.add
            )
    finally:
        await producer.stop()
        await db.dispose()
    print(json.dumps({"service": service, "since": since.isoformat(), "replayed": count}))
    return 0


def _asyncapi(out: Path | None) -> int:
    from gpfed.services import SERVICES
    from shared.events.asyncapi import asyncapi_document

    document = asyncapi_document(consumes={n: s.handlers.types for n, s in SERVICES.items()})
    text = json.dumps(document, indent=2, default=str) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text)
        print(f"wrote {out}", file=sys.stderr)
    return 0


def _broker(port: int) -> int:
    import time

    from shared.broker import Broker

    broker = Broker(port).start()
    print(f"broker listening on {broker.bootstrap_servers}", file=sys.stderr)
    try:
        while broker.process is not None and broker.process.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        broker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
