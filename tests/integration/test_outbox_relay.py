"""The relay's bookkeeping on both databases (PostgreSQL, and SQLite for ``make run``): what a
unit of work publishes is pending until the relay has published it, in id order; a failed
pass leaves it pending and says so on the first row; history is kept."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from shared.bus import OutboxRelay
from shared.db import Database
from shared.observability import OUTBOX_LAG
from tests.integration.both_databases import db, url
from tests.integration.probe import ProbeSent

pytestmark = pytest.mark.integration
__all__ = ["db", "url"]  # fixtures


class Producer:
    """Takes what it is sent, acknowledged at once, or fails every send."""

    def __init__(self, *, fail: bool = False) -> None:
        self.fail = fail
        self.sent: list[tuple[str, bytes, list[tuple[str, bytes]]]] = []

    async def send(self, topic: str, value: bytes, *, key: bytes, headers: Any) -> Any:
        if self.fail:
            raise ConnectionError("broker unavailable")
        self.sent.append((topic, key, headers))
        ack: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        ack.set_result(None)
        return ack


async def _publish(db: Database, count: int, start: int = 0) -> list[str]:
    async with db.unit_of_work() as uow:
        ids = [
            uow.publish(ProbeSent(probe_id=f"p-{i}", amount_pence=i)).id
            for i in range(start, start + count)
        ]
        await uow.commit()
    return ids


async def _pending(db: Database) -> int:
    async with db.sessions() as session:
        return int(
            await session.scalar(select(func.count()).select_from(db.table("outbox_pending"))) or 0
        )


async def test_published_rows_leave_pending_in_id_order_and_stay_in_the_outbox(
    db: Database,
) -> None:
    ids = await _publish(db, 7) + await _publish(db, 3, start=7)
    assert await _pending(db) == 10
    producer = Producer()
    relay = OutboxRelay(db, producer, batch_size=3, batches_per_transaction=2)  # type: ignore[arg-type]

    assert [await relay.relay_once() for _ in range(3)] == [6, 4, 0]
    assert [dict(headers)["ce_id"].decode() for _, _, headers in producer.sent] == ids
    assert await _pending(db) == 0
    async with db.sessions() as session:
        kept = await session.scalar(select(func.count()).select_from(db.table("outbox")))
    assert kept == 10  # for `gpfed replay`
    await relay.update_lag()
    assert OUTBOX_LAG.labels(db.service)._value.get() == 0


async def test_a_failed_pass_leaves_everything_pending_and_notes_the_first_row(
    db: Database,
) -> None:
    await _publish(db, 4)
    relay = OutboxRelay(db, Producer(fail=True), batch_size=2)  # type: ignore[arg-type]
    with pytest.raises(ConnectionError):
        await relay.relay_once()
    await relay._record_failure(ConnectionError("broker unavailable"))

    assert await _pending(db) == 4
    outbox = db.table("outbox")
    async with db.sessions() as session:
        noted = (
            await session.execute(
                select(outbox.c.attempts, outbox.c.last_error).order_by(outbox.c.id)
            )
        ).all()
    assert [n.attempts for n in noted] == [1, 0, 0, 0]
    assert "broker unavailable" in (noted[0].last_error or "")
    await relay.update_lag()
    assert OUTBOX_LAG.labels(db.service)._value.get() == 4
