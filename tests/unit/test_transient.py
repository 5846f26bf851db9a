"""Which failures a consumer retries until they pass (transient) and which count towards the dead
letter (deterministic): built from the exceptions the drivers really raise, wrapped the way
SQLAlchemy and asyncpg wrap them."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from aiokafka import errors as kafka
from pydantic import BaseModel, ValidationError
from sqlalchemy import exc as sa
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi

from shared.bus.transient import backoff_delay, is_transient, sleep_or_stop


def _through_sqlalchemy(error: Exception, *, invalidated: bool = False) -> sa.DBAPIError:
    """``error`` as SQLAlchemy's asyncpg dialect raises it: asyncpg's exception, translated to
    the dialect's DBAPI error (``from`` the original), wrapped in a ``sqlalchemy.exc`` class."""
    adapted = AsyncAdapt_asyncpg_dbapi.Error(str(error), error)
    adapted.__cause__ = error
    wrapped = sa.DBAPIError.instance(
        "SELECT 1",
        {},
        adapted,
        AsyncAdapt_asyncpg_dbapi.Error,
        connection_invalidated=invalidated,
    )
    assert isinstance(wrapped, sa.DBAPIError)
    return wrapped


def _caused_by(error: Exception, outer: Exception) -> Exception:
    try:
        try:
            raise error
        except Exception as inner:
            raise outer from inner
    except Exception as raised:
        return raised


class _Amount(BaseModel):
    pence: int


def _validation_error() -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        _Amount.model_validate({"pence": "lots"})
    return caught.value


TRANSIENT = {
    "serialization failure (40001)": asyncpg.exceptions.SerializationError("could not serialize"),
    "deadlock (40P01)": asyncpg.exceptions.DeadlockDetectedError("deadlock detected"),
    "connection lost mid-query (08003)": asyncpg.exceptions.ConnectionDoesNotExistError(
        "connection was closed in the middle of operation"
    ),
    "server shutting down (57P01)": asyncpg.exceptions.AdminShutdownError("terminating"),
    "server starting up (57P03)": asyncpg.exceptions.CannotConnectNowError("starting up"),
    "statement_timeout (57014)": asyncpg.exceptions.QueryCanceledError("statement timeout"),
    "too many connections (53300)": asyncpg.exceptions.TooManyConnectionsError("too many"),
    "lock_timeout (55P03)": asyncpg.exceptions.LockNotAvailableError("could not obtain lock"),
    "serialization failure through SQLAlchemy": _through_sqlalchemy(
        asyncpg.exceptions.SerializationError("could not serialize")
    ),
    "admin shutdown through SQLAlchemy": _through_sqlalchemy(
        asyncpg.exceptions.AdminShutdownError("terminating connection")
    ),
    "a disconnect SQLAlchemy invalidated the connection for": _through_sqlalchemy(
        asyncpg.exceptions.InterfaceError("connection is closed"), invalidated=True
    ),
    "SQLAlchemy OperationalError (SQLite: database is locked)": sa.OperationalError(
        "INSERT", {}, Exception("database is locked")
    ),
    "SQLAlchemy pool timeout": sa.TimeoutError("QueuePool limit reached"),
    "connection refused": ConnectionRefusedError(111, "Connection refused"),
    "connection reset": ConnectionResetError(104, "Connection reset by peer"),
    "timeout (asyncio.TimeoutError is TimeoutError)": TimeoutError(),
    "OSError raised from a handler's own error": _caused_by(
        ConnectionRefusedError(111, "refused"), RuntimeError("could not reach the database")
    ),
    "kafka connection error": kafka.KafkaConnectionError("broker down"),
    "kafka request timed out": kafka.RequestTimedOutError(),
    "kafka send timed out": kafka.KafkaTimeoutError(),
    "kafka unknown topic (retriable)": kafka.UnknownTopicOrPartitionError(),
}

DETERMINISTIC = {
    "handler bug": RuntimeError("cannot apply probe"),
    "domain error": ValueError("contract not found"),
    "unique violation (23505)": asyncpg.exceptions.UniqueViolationError("duplicate key"),
    "unique violation through SQLAlchemy": _through_sqlalchemy(
        asyncpg.exceptions.UniqueViolationError("duplicate key")
    ),
    "numeric overflow through SQLAlchemy (22003)": _through_sqlalchemy(
        asyncpg.exceptions.NumericValueOutOfRangeError("bigint out of range")
    ),
    "undefined table through SQLAlchemy (42P01)": _through_sqlalchemy(
        asyncpg.exceptions.UndefinedTableError('relation "x" does not exist')
    ),
    "SQLAlchemy IntegrityError": sa.IntegrityError("INSERT", {}, Exception("NOT NULL")),
    "validation error": _validation_error(),
    "kafka message too large": kafka.MessageSizeTooLargeError(),
    "kafka producer closed": kafka.ProducerClosed(),
}


@pytest.mark.parametrize("error", TRANSIENT.values(), ids=TRANSIENT.keys())
def test_database_and_broker_outages_are_transient(error: BaseException) -> None:
    assert is_transient(error) is True


@pytest.mark.parametrize("error", DETERMINISTIC.values(), ids=DETERMINISTIC.keys())
def test_errors_that_fail_the_same_way_every_time_are_not_transient(error: BaseException) -> None:
    assert is_transient(error) is False


def test_only_an_explicit_cause_makes_an_error_transient_not_its_context() -> None:
    try:
        try:
            raise ConnectionRefusedError(111, "refused")
        except OSError:
            raise RuntimeError("the handler decided this is its own failure")  # noqa: B904
    except RuntimeError as implicit:
        assert implicit.__context__ is not None
        assert is_transient(implicit) is False


def test_a_cause_cycle_ends() -> None:
    first, second = RuntimeError("a"), RuntimeError("b")
    first.__cause__, second.__cause__ = second, first
    assert is_transient(first) is False


def test_backoff_doubles_from_the_first_delay_up_to_the_cap() -> None:
    assert [backoff_delay(0.05, n, 1.0) for n in range(1, 8)] == [
        0.05,
        0.1,
        0.2,
        0.4,
        0.8,
        1.0,
        1.0,
    ]
    assert backoff_delay(0.05, 10_000, 5.0) == 5.0  # no overflow however long the outage


def test_backoff_is_never_zero_so_an_outage_is_not_a_busy_loop() -> None:
    assert backoff_delay(0.0, 1, 5.0) == 0.01


async def test_a_stop_request_ends_the_wait_at_once() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    started = loop.time()
    loop.call_later(0.05, stop.set)
    await sleep_or_stop(stop, 30)
    assert loop.time() - started < 5
