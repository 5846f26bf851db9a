"""Fixtures for the federation service on real PostgreSQL: the app with its bus off, events
from contracts and payments delivered through the real inbox consumer path, and a hub world
(a federation, its member practices and a hub contract with subcontracts) to test against."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest

from services.federation.app import create_app
from services.federation.handlers import handlers
from services.federation.settings import Settings
from shared.bus import Outcome
from shared.events import Envelope, Event
from shared.events.contracts import ContractActivated, OrganisationRegistered
from tests.conftest import deliver_through_inbox, running

FED = "Y02765"
CCG = "02W"
HUB = "c-hub-1"
START, END = date(2026, 4, 1), date(2027, 3, 31)


def auth(role: str, org: str) -> dict[str, str]:
    from shared.auth import mint_token

    return {"authorization": "Bearer " + mint_token(Settings(), role=role, org=org)}


OPS = auth("ops", "X24")
FED_TOKEN = auth("federation", FED)


@dataclasses.dataclass
class Federation:
    """A running federation app and a way to feed it events through its inbox."""

    client: httpx.AsyncClient
    app: Any

    async def deliver(self, event: Event, *, source: str | None = None) -> Outcome:
        envelope = Envelope.wrap(event, source=source or f"/gpfed/{event.producer}")
        return await self.deliver_envelope(envelope)

    async def deliver_envelope(self, envelope: Envelope) -> Outcome:
        return await deliver_through_inbox(self.app.state.db, handlers, envelope)

    async def post(
        self, path: str, body: Any, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        return await self.client.post(path, json=body, headers=headers or FED_TOKEN)

    async def get(
        self, path: str, headers: dict[str, str] | None = None, **params: Any
    ) -> httpx.Response:
        return await self.client.get(path, params=params, headers=headers or FED_TOKEN)


def hub_activated(**overrides: Any) -> ContractActivated:
    terms: dict[str, Any] = {
        "contract_id": HUB,
        "kind": "HUB",
        "status": "active",
        "commissioner_ods": CCG,
        "provider_ods": FED,
        "service": "Extended access hub",
        "start_date": START,
        "end_date": END,
        "effective_from": START,
        "payment": {
            "basis": "tariff",
            "schedule": "monthly",
            "tariff": {"first_pence": 3000, "follow_up_pence": 2000},
        },
        "distribution": {
            "retained_percent": "10",
            "admin_charge_per_patient_pence": 500,
            "premises_per_consultation_pence": 200,
            "clinician_fee_per_consultation_pence": 1500,
        },
    }
    terms.update(overrides)
    return ContractActivated(**terms)


#: Every organisation the tests' tokens act for, as contracts registered them: a token's role
#: must fit its organisation's kind, which the service reads from these events.
REGISTER = [
    OrganisationRegistered(ods_code=CCG, kind="ccg", name="NHS Bradford City CCG"),
    OrganisationRegistered(ods_code="13T", kind="ccg", name="NHS Newcastle Gateshead CCG"),
    OrganisationRegistered(
        ods_code=FED, kind="federation", name="North Hub Federation", parent_ods=CCG
    ),
    OrganisationRegistered(ods_code="Y99999", kind="federation", name="Another Federation"),
    *(
        OrganisationRegistered(ods_code=code, kind="practice", name=code, parent_ods=CCG)
        for code in ("B86001", "B86002", "B86003", "B86009")
    ),
]


@pytest.fixture
async def fed(clean: dict[str, str]) -> AsyncIterator[Federation]:
    app = create_app(Settings(database_url=clean["federation"], bus_enabled=False))
    async with running(app) as client:
        yield Federation(client, app)


@pytest.fixture
async def world(fed: Federation) -> Federation:
    """Federation Y02765 holding hub c-hub-1 (2026-04-01 to 2027-03-31). B86001 delivers and
    hosts, B86002 delivers, B86003 is a member with no subcontract, B86009 is not a member."""
    for event in REGISTER:
        await fed.deliver(event)
    await fed.deliver(hub_activated())
    for practice in ("B86001", "B86002", "B86003"):
        r = await fed.post(
            f"/federations/{FED}/members", {"practice_ods": practice, "joined_on": "2026-04-01"}
        )
        assert r.status_code == 201, r.text
    for practice, roles in (("B86001", ["delivery", "premises"]), ("B86002", ["delivery"])):
        r = await fed.post(
            f"/federations/{FED}/subcontracts",
            {
                "contract_id": HUB,
                "practice_ods": practice,
                "roles": roles,
                "start_date": "2026-04-01",
            },
        )
        assert r.status_code == 201, r.text
    return fed


def consultation(cid: str, **overrides: Any) -> dict[str, Any]:
    record = {
        "id": cid,
        "contract_id": HUB,
        "practice_ods": "B86001",
        "patient_ref": f"pt-{cid}",
        "kind": "first",
        "occurred_at": "2026-05-04T10:30:00+01:00",
    }
    record.update(overrides)
    return record
