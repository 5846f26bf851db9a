"""KPI achievement and list sizes through a real broker, redelivered: the true-up recovery and
the per-head instalment are each paid once."""

from __future__ import annotations

from datetime import date

import pytest

from services.payments.app import create_app
from services.payments.settings import Settings
from shared.broker import Broker
from shared.bus import new_producer
from shared.db import Database
from shared.events import Envelope, Event
from shared.events.contracts import ContractActivated, OrganisationRegistered, PaymentTerms
from tests.conftest import eventually, running
from tests.integration.payments.support import COMMISSIONER, bearer, db, payments_url
from tests.integration.payments.test_schedules import PROVIDER, UPFRONT, _values, performance

pytestmark = pytest.mark.integration
__all__ = ["db", "payments_url"]  # fixtures


async def test_redelivered_kpi_and_list_size_events_pay_once(
    payments_url: str, db: Database, broker: Broker
) -> None:
    settings = Settings(database_url=payments_url, kafka_bootstrap_servers=broker.bootstrap_servers)
    app = create_app(settings)
    await app.state.bus.ensure_topics()
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()

    async def send(event: Event, times: int = 2) -> None:
        envelope = Envelope.wrap(event, source=f"/gpfed/{event.producer}")
        key, value, headers = envelope.to_kafka()
        for _ in range(times):  # the same envelope again: a redelivery
            await producer.send_and_wait(event.topic(), value, key=key, headers=headers)

    per_head = PaymentTerms(basis="per_head", schedule="monthly", per_head_pence=1200)
    try:
        async with running(app) as client:
            client.headers["authorization"] = bearer(settings, "commissioner", COMMISSIONER)
            await send(ContractActivated(**_values(UPFRONT)))
            await send(
                ContractActivated(
                    **_values(per_head, contract_id="per-head-1", start_date=date(2026, 9, 1))
                )
            )
            await send(
                OrganisationRegistered(ods_code=PROVIDER, kind="practice", name="P", list_size=500)
            )
            await send(performance("2026-Q3", "50"))
            for month in ("2026-07", "2026-08"):
                await client.post("/payment-runs", json={"period": month})

            async def trued_up() -> list[tuple[object, ...]]:
                run = (await client.post("/payment-runs", json={"period": "2026-09"})).json()
                return [(p["basis"], p["amount_pence"], p["recovery"]) for p in run["payments"]]

            paid: list[tuple[object, ...]] = []

            async def everything_paid() -> bool:
                paid.extend(await trued_up())
                return ("true_up", 225_000 - 150_000, True) in paid and (
                    "per_head",
                    50_000,
                    False,
                ) in paid

            await eventually(everything_paid)
            assert await trued_up() == []
            assert len(paid) == len(set(paid))
            balance = (await client.get("/ledger/trial-balance")).json()
            assert balance["balanced"] is True
    finally:
        await producer.stop()
