"""The contracts app on a clean PostgreSQL database, with tokens for each kind of caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from services.contracts.app import create_app
from services.contracts.handlers import handlers
from services.contracts.settings import Settings
from shared.auth import mint_token
from shared.bus import Outcome
from shared.calendar import uk_today
from shared.events import Envelope
from shared.events.conflicts import DecisionRecorded, decision_item_id
from tests.conftest import deliver_through_inbox, running

pytestmark = pytest.mark.integration

CCG, OTHER_CCG, NHSE = "02W", "03A", "X24"
PRACTICE, OTHER_PRACTICE, FEDERATION = "B86001", "B86002", "Y02765"
#: The committee the test contracts name (unknown to contracts, so any commissioner may).
COMMITTEE = "pccc-02w"


def today() -> date:
    """Today in England, as the service counts days."""
    return uk_today()


def first_of_month(offset: int = 0) -> date:
    """The first day of this month, or of the month ``offset`` months away."""
    year, month = divmod(today().year * 12 + today().month - 1 + offset, 12)
    return date(year, month + 1, 1)


class Api:
    """A client that can speak as any role and organisation."""

    def __init__(self, client: httpx.AsyncClient, app: FastAPI, settings: Settings) -> None:
        self.client, self.app, self.settings = client, app, settings

    def headers(self, role: str, org: str) -> dict[str, str]:
        return {"authorization": "Bearer " + mint_token(self.settings, role=role, org=org)}

    async def post(
        self, path: str, body: Any, role: str = "commissioner", org: str = CCG
    ) -> httpx.Response:
        return await self.client.post(path, json=body, headers=self.headers(role, org))

    async def patch(
        self, path: str, body: Any, role: str = "commissioner", org: str = CCG
    ) -> httpx.Response:
        return await self.client.patch(path, json=body, headers=self.headers(role, org))

    async def get(
        self, path: str, role: str = "ops", org: str = NHSE, **params: Any
    ) -> httpx.Response:
        return await self.client.get(path, params=params, headers=self.headers(role, org))

    async def outbox(self, ce_type: str | None = None) -> list[dict[str, Any]]:
        db = self.app.state.db
        outbox = db.table("outbox")
        query = select(outbox.c.ce_type, outbox.c.payload).order_by(outbox.c.id)
        if ce_type:
            query = query.where(outbox.c.ce_type == ce_type)
        async with db.engine.connect() as connection:
            return [{"type": r.ce_type, **r.payload} for r in await connection.execute(query)]

    async def register_all(self) -> None:
        for body in (
            {"ods_code": CCG, "kind": "ccg", "name": "NHS Bradford City CCG"},
            {"ods_code": OTHER_CCG, "kind": "ccg", "name": "NHS Leeds CCG"},
            {"ods_code": NHSE, "kind": "nhse", "name": "NHS England"},
            {"ods_code": PRACTICE, "kind": "practice", "name": "Leeds Road", "parent_ods": CCG},
            {
                "ods_code": OTHER_PRACTICE,
                "kind": "practice",
                "name": "Valley Road",
                "parent_ods": CCG,
            },
            {
                "ods_code": FEDERATION,
                "kind": "federation",
                "name": "Bradford GP Federation",
                "legal_form": "community interest company",
            },
        ):
            response = await self.post("/organisations", body, role="ops", org=NHSE)
            assert response.status_code == 201, response.text

    async def propose(
        self, expect: int = 201, role: str = "commissioner", org: str = CCG, **overrides: Any
    ) -> httpx.Response:
        response = await self.post("/contracts", contract(**overrides), role=role, org=org)
        assert response.status_code == expect, response.text
        return response

    async def put(
        self, path: str, body: Any, role: str = "commissioner", org: str = CCG
    ) -> httpx.Response:
        return await self.client.put(path, json=body, headers=self.headers(role, org))

    async def active(self, **overrides: Any) -> str:
        """A contract proposed and put in force: by its committee's approval (delivered as
        conflicts would send it) where it names one, or else by its commissioner."""
        proposed = (await self.propose(**overrides)).json()
        contract_id = str(proposed["id"])
        committee_id = contract(**overrides).get("decision_committee_id")
        if committee_id is None:
            response = await self.post(f"/contracts/{contract_id}/activate", {})
            assert response.status_code == 200, response.text
        else:
            await self.decide(decision_item_id(contract_id), contract_id, committee_id)
        return contract_id

    async def decide(
        self,
        item_id: str,
        contract_id: str,
        committee_id: str = COMMITTEE,
        outcome: str = "approved",
    ) -> None:
        """A committee's quorate decision on the item, as conflicts publishes it."""
        event = DecisionRecorded(
            item_id=item_id,
            committee_id=committee_id,
            contract_id=contract_id,
            outcome=outcome,  # type: ignore[arg-type]
            quorate=True,
            decided_on=today(),
            conflicts=[],
        )
        envelope = Envelope.wrap(event, source="/gpfed/conflicts")
        outcome_ = await deliver_through_inbox(self.app.state.db, handlers, envelope)
        assert outcome_ is Outcome.APPLIED

    async def ungate_changes(self, org: str = CCG) -> None:
        """The commissioner's policy with variations and terminations made at once: for tests
        of the terms rather than of the decision gate."""
        body = {
            "gated_kinds": ["HUB", "PRIME", "APMS", "LES", "LIS", "DES"],
            "gate_variations": False,
            "gate_terminations": False,
        }
        response = await self.put(f"/commissioners/{org}/decision-policy", body, org=org)
        assert response.status_code == 200, response.text


TARIFF = {
    "basis": "tariff",
    "schedule": "monthly",
    "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
}
DISTRIBUTION = {
    "retained_percent": "10",
    "admin_charge_per_patient_pence": 6000,
    "premises_per_consultation_pence": 500,
    "clinician_fee_per_consultation_pence": 1500,
}


def contract(**overrides: Any) -> dict[str, Any]:
    """A HUB contract held by the federation, starting this month, to be decided by
    ``COMMITTEE`` as the default decision policy requires (overridable; None drops a field)."""
    body: dict[str, Any] = {
        "kind": "HUB",
        "commissioner_ods": CCG,
        "provider_ods": FEDERATION,
        "service": "extended access hub",
        "start_date": first_of_month().isoformat(),
        "end_date": first_of_month(12).isoformat(),
        "payment": TARIFF,
        "distribution": DISTRIBUTION,
        "decision_committee_id": COMMITTEE,
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def field_of(response: httpx.Response) -> list[str]:
    assert response.status_code == 422, response.text
    return [e["field"] for e in response.json()["errors"]]


@pytest.fixture
async def api(clean: dict[str, str]) -> AsyncIterator[Api]:
    settings = Settings(database_url=clean["contracts"], bus_enabled=False)
    app = create_app(settings)
    async with running(app) as client:
        yield Api(client, app, settings)


@pytest.fixture
async def registered(api: Api) -> Api:
    await api.register_all()
    return api
