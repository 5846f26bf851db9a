"""The conflicts app on real PostgreSQL and a real broker, and an upstream that publishes
contracts and federation events through their own outboxes, as those services do.

The app's read model knows two commissioners, 02W (whose governance token the clients carry)
and 03A: a governance token is refused for an organisation the service does not know."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import select

from gpfed.services import SERVICES
from services.conflicts.app import create_app
from services.conflicts.handlers import handlers
from services.conflicts.settings import Settings
from shared.auth import mint_token
from shared.broker import Broker
from shared.bus import OutboxRelay, new_producer
from shared.bus.topics import ensure_topics
from shared.db import Database
from shared.events import Envelope, Event
from shared.events.contracts import ContractProposed, OrganisationRegistered, PaymentTerms
from shared.events.federation import MemberJoined
from tests.conftest import deliver_through_inbox, eventually, running

FED = "Y02765"
CCG, OTHER_CCG = "02W", "03A"


def governance(org: str) -> dict[str, str]:
    """Headers of a governance user of ``org``."""
    return {"authorization": "Bearer " + mint_token(Settings(), role="governance", org=org)}


@contextmanager
def acting_for(client: httpx.AsyncClient, org: str) -> Iterator[httpx.AsyncClient]:
    """The client, speaking as a governance user of ``org`` until the block ends."""
    before = client.headers["authorization"]
    client.headers.update(governance(org))
    try:
        yield client
    finally:
        client.headers["authorization"] = before


async def register_commissioners(db: Database) -> None:
    """02W and 03A in the app's organisation read model, as contracts' events would put them."""
    for code, name in ((CCG, "NHS Bradford City CCG"), (OTHER_CCG, "NHS Leeds CCG")):
        event = OrganisationRegistered(ods_code=code, kind="ccg", name=name)
        await deliver_through_inbox(db, handlers, Envelope.wrap(event, source="/gpfed/contracts"))


@dataclass
class Env:
    client: httpx.AsyncClient
    db: Database
    upstream: Upstream


class Upstream:
    """Publishes as contracts and federation would: outbox row, then the relay."""

    def __init__(self, urls: dict[str, str], producer: AIOKafkaProducer) -> None:
        self.producer = producer
        self.dbs = {
            s: Database(urls[s], SERVICES[s].metadata, service=s)
            for s in ("contracts", "federation")
        }

    async def publish(self, *events: Event) -> None:
        for event in events:
            db = self.dbs[event.producer]
            async with db.unit_of_work() as uow:
                uow.publish(event)
                await uow.commit()
            assert await OutboxRelay(db, self.producer).relay_once() == 1

    async def close(self) -> None:
        for db in self.dbs.values():
            await db.dispose()


@pytest.fixture
async def env(clean: dict[str, str], broker: Broker) -> AsyncIterator[Env]:
    settings = Settings(
        database_url=clean["conflicts"], kafka_bootstrap_servers=broker.bootstrap_servers
    )
    await ensure_topics(
        broker.bootstrap_servers,
        ["gpfed.contracts.v1", "gpfed.federation.v1", "gpfed.conflicts.v1"],
        partitions=1,
        replication_factor=1,
    )
    producer = new_producer(broker.bootstrap_servers)
    await producer.start()
    upstream = Upstream(clean, producer)
    app = create_app(settings)
    try:
        async with running(app) as client:
            await register_commissioners(app.state.db)
            client.headers["authorization"] = "Bearer " + mint_token(
                settings, role="governance", org=CCG
            )
            yield Env(client, app.state.db, upstream)
    finally:
        await upstream.close()
        await producer.stop()


async def outbox_payloads(env: Env, ce_type: str) -> list[dict[str, Any]]:
    """The payloads of the events of ``ce_type`` the app has published."""
    outbox = env.db.table("outbox")
    async with env.db.sessions() as session:
        rows = await session.execute(select(outbox.c.payload).where(outbox.c.ce_type == ce_type))
        return [dict(r.payload) for r in rows]


async def post(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(path, json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def person(
    client: httpx.AsyncClient, name: str, *affiliations: tuple[str, str], **extra: Any
) -> str:
    body = {
        "name": name,
        "roles": [],
        "decision_making": True,
        "affiliations": [{"organisation_ods": o, "relationship": r} for o, r in affiliations],
        **extra,
    }
    return str((await post(client, "/people", body))["id"])


async def pccc(client: httpx.AsyncClient, ids: dict[str, str], *, min_voting: int = 3) -> str:
    """A PCCC: quorum of ``min_voting`` with a lay member and the Chief Officer or CFO."""
    roles = {"chair": "lay_chair", "lay": "lay_member", "cfo": "cfo", "gp1": "gp", "gp2": "gp"}
    body = {
        "name": "Primary Care Commissioning Committee",
        "members": [
            {"person_id": ids[k], "role": roles[k], "voting": True} for k in roles if k in ids
        ],
        "quorum": {
            "min_voting": min_voting,
            "lay_majority": False,
            "required": [
                {"roles": ["lay_chair", "lay_member"], "min": 1},
                {"roles": ["chief_officer", "cfo"], "min": 1},
            ],
        },
        "conflict_policy": {"financial": "leave_room", "professional": "stay_no_vote"},
    }
    return str((await post(client, "/committees", body))["id"])


def proposal(
    committee_id: str, contract_id: str = "c-hub-1", commissioner_ods: str = CCG
) -> ContractProposed:
    return ContractProposed(
        contract_id=contract_id,
        kind="HUB",
        status="proposed",
        commissioner_ods=commissioner_ods,
        provider_ods=FED,
        service="Extended access hub",
        start_date=date(2026, 4, 1),
        effective_from=date(2026, 4, 1),
        payment=PaymentTerms(basis="block", schedule="monthly", annual_value_pence=12_000_000),
        decision_committee_id=committee_id,
    )


def federation() -> OrganisationRegistered:
    return OrganisationRegistered(ods_code=FED, kind="federation", name="Trust Primary Care")


def joined(practice: str, on: date = date(2026, 1, 1)) -> MemberJoined:
    return MemberJoined(federation_ods=FED, practice_ods=practice, date=on)


async def opened_item(client: httpx.AsyncClient, committee_id: str) -> dict[str, Any]:
    async def one() -> dict[str, Any] | None:
        items = (await client.get(f"/committees/{committee_id}/items")).json()["items"]
        return items[0] if items else None

    item: dict[str, Any] = await eventually(one)
    return item


async def screened(
    client: httpx.AsyncClient, item_id: str, conflicts: int, **params: str
) -> dict[str, Any]:
    """The item's screening once ``conflicts`` members show as conflicted: membership and the
    proposal travel on different topics, so the membership may land after the item opens."""

    async def check() -> dict[str, Any] | None:
        s: dict[str, Any] = (await client.get(f"/items/{item_id}/screening", params=params)).json()
        return s if len(s["conflicts"]) == conflicts else None

    found: dict[str, Any] = await eventually(check)
    return found


@pytest.fixture
async def client(clean: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    """The app without its bus, for what needs no other service's events."""
    settings = Settings(database_url=clean["conflicts"], bus_enabled=False)
    app = create_app(settings)
    async with running(app) as c:
        await register_commissioners(app.state.db)
        c.headers["authorization"] = "Bearer " + mint_token(settings, role="governance", org=CCG)
        yield c
