"""Events from contracts and federation through a real broker: redelivered, and still paid and
distributed once; payment.posted and distribution.completed leave through the outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from services.payments.app import create_app
from services.payments.settings import Settings
from services.payments.store import distributions, payments
from shared.broker import Broker
from shared.bus import new_producer
from shared.db import Database
from shared.events import Envelope, Event
from tests.conftest import eventually, running
from tests.integration.payments.support import (
    COMMISSIONER,
    admin_subcontract,
    bearer,
    db,
    hub_activated,
    payments_url,
    period_closed,
)

pytestmark = pytest.mark.integration
__all__ = ["db", "payments_url"]  # fixtures


async def _count(db: Database, table: object) -> int:
    async with db.unit_of_work() as uow:
        return int(
            (await uow.session.execute(select(func.count()).select_from(table))).scalar_one()
        )  # type: ignore[arg-type]


async def _outbox_types(db: Database) -> list[str]:
    async with db.unit_of_work() as uow:
        outbox = db.table("outbox")
        rows = await uow.session.execute(select(outbox.c.ce_type).order_by(outbox.c.id))
        return list(rows.scalars())


async def test_redelivered_events_pay_and_distribute_once(
    payments_url: str, db: Database, broker: Broker
) -> None:
    settings = Settings(database_url=payments_url, kafka_bootstrap_servers=broker.bootstrap_servers)
    app = create_app(settings)
    await app.state.bus.ensure_topics()
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()

    async def send(event: Event, times: int = 1) -> None:
        envelope = Envelope.wrap(event, source=f"/gpfed/{event.producer}")
        key, value, headers = envelope.to_kafka()
        for _ in range(times):  # the same envelope again: a redelivery
            await producer.send_and_wait(event.topic(), value, key=key, headers=headers)

    try:
        async with running(app) as client:
            client.headers["authorization"] = bearer(settings, "commissioner", COMMISSIONER)
            await send(hub_activated(), times=2)
            await send(admin_subcontract(), times=2)
            await send(period_closed(), times=3)

            async def distributed() -> bool:
                await client.post("/payment-runs", json={"period": "2026-10"})
                return await _count(db, distributions) == 1

            await eventually(distributed)
            await send(period_closed(), times=2)
            await client.post("/payment-runs", json={"period": "2026-10"})
            assert await _count(db, payments) == 1
            assert await _count(db, distributions) == 1
            balance = (await client.get("/ledger/trial-balance")).json()
            assert balance["balanced"] is True
            types = await _outbox_types(db)
            assert types == ["gpfed.payment.posted", "gpfed.distribution.completed"]
    finally:
        await producer.stop()
