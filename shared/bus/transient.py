"""Which failures are transient (retry until they pass) and how long to wait between retries.

A transient failure says nothing about the message: the database or the broker was away, busy or
slow, and the same work succeeds once it is back. Retrying it holds the partition for as long as
the outage lasts; dead-lettering it would park good events (a contract activation, a period
close) because PostgreSQL restarted. Anything else (the handler's own error, a constraint, bad
data) fails the same way every time, so only that counts towards the dead letter.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiokafka.errors import KafkaError, KafkaTimeoutError
from sqlalchemy import exc as sa

#: SQLSTATE classes of failures that pass (PostgreSQL Appendix A): 08 connection exception,
#: 40 transaction rollback (serialization failure, deadlock), 53 insufficient resources (too
#: many connections, disk full), 57 operator intervention (shutdown, cannot connect now, query
#: cancelled by statement_timeout), 58 system error (I/O).
TRANSIENT_SQLSTATE_CLASSES = frozenset({"08", "40", "53", "57", "58"})
#: And single codes from other classes: lock_not_available (lock_timeout),
#: idle_in_transaction_session_timeout.
TRANSIENT_SQLSTATES = frozenset({"55P03", "25P03"})


def _transient_itself(error: BaseException) -> bool:
    if isinstance(error, sa.DBAPIError) and error.connection_invalidated:
        return True
    # OperationalError: the database, not the statement (SQLite's "database is locked" too);
    # TimeoutError: no pooled connection came free in time.
    if isinstance(error, sa.OperationalError | sa.DisconnectionError | sa.TimeoutError):
        return True
    sqlstate = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if isinstance(sqlstate, str) and (
        sqlstate[:2] in TRANSIENT_SQLSTATE_CLASSES or sqlstate in TRANSIENT_SQLSTATES
    ):
        return True
    # OSError covers connection refused or reset, DNS and socket timeouts (TimeoutError, which
    # asyncio.TimeoutError is, is one).
    if isinstance(error, OSError):
        return True
    if isinstance(error, KafkaError):
        return bool(error.retriable) or isinstance(error, KafkaTimeoutError)
    return False


def is_transient(error: BaseException) -> bool:
    """Whether ``error``, or what caused it, is a failure that passes by itself.

    Follows what the drivers wrap: SQLAlchemy's ``orig`` (the DBAPI error, whose ``sqlstate``
    asyncpg sets) and explicit causes (``raise ... from``). Not the implicit ``__context__``: a
    handler that turns a lost connection into its own error with no ``from`` has decided it is
    its own."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if _transient_itself(current):
            return True
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException):
            pending.append(orig)
        if current.__cause__ is not None:
            pending.append(current.__cause__)
    return False


def backoff_delay(first: float, retry: int, cap: float) -> float:
    """The wait before retry number ``retry`` (1, 2, ...): ``first`` doubling, at most ``cap``.
    Never zero, so an outage is not met with a busy loop."""
    return min(max(first, 0.01) * 2.0 ** min(retry - 1, 30), cap)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Sleep, or return early when ``stop`` is set."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
