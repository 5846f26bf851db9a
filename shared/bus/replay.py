"""Re-publish kept outbox history, e.g. after a broker restarted empty.

Events keep their ``ce_id``, so consumers that had applied them skip them by their inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from aiokafka import AIOKafkaProducer
from sqlalchemy import select

from shared.bus.relay import all_acked, send_rows
from shared.db import Database, outbox_columns
from shared.observability import get_logger

log = get_logger(__name__)


async def replay(
    db: Database,
    producer: AIOKafkaProducer,
    *,
    since: datetime,
    until: datetime | None = None,
    types: Iterable[str] | None = None,
    batch_size: int = 1000,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Publish every outbox row created at or after ``since`` (before ``until``), in order;
    ``on_batch`` hears how many each acknowledged batch held (``gpfed replay``'s progress)."""
    outbox = db.table("outbox")
    query = (
        select(*outbox_columns(outbox)).where(outbox.c.created_at >= since).order_by(outbox.c.id)
    )
    if until is not None:
        query = query.where(outbox.c.created_at < until)
    wanted = sorted(set(types or ()))
    if wanted:
        query = query.where(outbox.c.ce_type.in_(wanted))
    count = 0
    last_id = 0
    while True:
        async with db.sessions() as session:
            rows = (
                await session.execute(query.where(outbox.c.id > last_id).limit(batch_size))
            ).all()
        if not rows:
            break
        acks, _ = await send_rows(producer, rows)
        await all_acked(acks)
        count += len(rows)
        if on_batch is not None:
            on_batch(len(rows))
        last_id = rows[-1].id
    log.info("replayed outbox", service=db.service, since=since.isoformat(), events=count)
    return count
