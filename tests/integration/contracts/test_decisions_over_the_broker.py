"""A decision from conflicts, over the real broker, delivered twice: the contract changes once."""

from __future__ import annotations

import pytest

from services.contracts.app import create_app
from services.contracts.settings import Settings
from shared.broker import Broker
from shared.bus import Outcome, new_producer
from shared.events import topic_of
from shared.events.conflicts import DecisionRecorded
from tests.conftest import eventually, running
from tests.integration.contracts.conftest import Api
from tests.integration.contracts.test_lifecycle import COMMITTEE, decision

pytestmark = pytest.mark.integration


async def test_decision_published_twice_on_the_broker_activates_once(
    clean: dict[str, str], broker: Broker
) -> None:
    settings = Settings(
        database_url=clean["contracts"],
        kafka_bootstrap_servers=broker.bootstrap_servers,
        relay_poll_interval_seconds=0.05,
    )
    app = create_app(settings)
    async with running(app) as client:
        api = Api(client, app, settings)
        await api.register_all()
        contract_id = (await api.propose(decision_committee_id=COMMITTEE)).json()["id"]
        envelope = decision(contract_id)
        await eventually(lambda: app.state.bus.consumer is not None, timeout=30)
        producer = new_producer(broker.bootstrap_servers)
        await producer.start()
        try:
            key, value, headers = envelope.to_kafka()
            for _ in range(2):
                await producer.send_and_wait(
                    topic_of(DecisionRecorded.producer), value, key=key, headers=headers
                )
        finally:
            await producer.stop()

        async def activated() -> bool:
            got = (await api.get(f"/contracts/{contract_id}")).json()
            return bool(got["status"] == "active")

        await eventually(activated, timeout=30)

        # The second delivery reached the consumer and was skipped as a duplicate.
        await eventually(lambda: app.state.bus.consumer.counts[Outcome.DUPLICATE] == 1)
        assert len(await api.outbox("gpfed.contract.activated")) == 1
