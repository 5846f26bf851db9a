"""Events crossing the real broker: contracts' events reach the federation's read model, and
the federation's own events leave through the outbox relay."""

from __future__ import annotations

import json

import pytest
from aiokafka import AIOKafkaConsumer

from services.federation.app import create_app
from services.federation.settings import Settings
from shared.broker import Broker
from shared.bus import new_producer
from shared.events import Envelope
from shared.events.contracts import OrganisationRegistered
from tests.conftest import eventually, running
from tests.integration.federation.conftest import FED, FED_TOKEN, HUB, hub_activated

pytestmark = pytest.mark.integration


async def test_hub_arrives_from_the_broker_and_member_joined_leaves_through_it(
    clean: dict[str, str], broker: Broker
) -> None:
    settings = Settings(
        database_url=clean["federation"], kafka_bootstrap_servers=broker.bootstrap_servers
    )
    app = create_app(settings)
    async with running(app) as client:
        await eventually(lambda: app.state.bus.connected.is_set())
        producer = new_producer(broker.bootstrap_servers)
        await producer.start()
        try:
            for event in (
                OrganisationRegistered(ods_code=FED, kind="federation", name="North"),
                hub_activated(),
            ):
                key, value, headers = Envelope.wrap(event, source="/gpfed/contracts").to_kafka()
                await producer.send_and_wait("gpfed.contracts.v1", value, key=key, headers=headers)
        finally:
            await producer.stop()

        async def hub_known() -> bool:
            r = await client.get(f"/federations/{FED}", headers=FED_TOKEN)
            return r.status_code == 200 and [h["contract_id"] for h in r.json()["hubs"]] == [HUB]

        await eventually(hub_known)
        r = await client.post(
            f"/federations/{FED}/members",
            json={"practice_ods": "B86001", "joined_on": "2026-04-01"},
            headers=FED_TOKEN,
        )
        assert r.status_code == 201

        consumer = AIOKafkaConsumer(
            "gpfed.federation.v1",
            bootstrap_servers=broker.bootstrap_servers,
            group_id="test-reader",
            auto_offset_reset="earliest",
        )
        await consumer.start()
        try:
            seen: list[tuple[str, dict[str, object]]] = []

            async def joined() -> bool:
                batches = await consumer.getmany(timeout_ms=200)
                for records in batches.values():
                    for record in records:
                        ce_type = dict(record.headers)["ce_type"].decode()
                        seen.append((ce_type, json.loads(record.value or b"{}")))
                return any(t == "gpfed.federation.member_joined" for t, _ in seen)

            await eventually(joined)
        finally:
            await consumer.stop()
        [(_, data)] = [s for s in seen if s[0] == "gpfed.federation.member_joined"]
        assert data == {"federation_ods": FED, "practice_ods": "B86001", "date": "2026-04-01"}
