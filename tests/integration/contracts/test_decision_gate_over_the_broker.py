"""The decision gate (issue 17) through the broker: contracts and conflicts as apps on their own
databases, every event between them across a real broker. A gated contract names a committee of
its commissioner and is activated only by its decision; a variation or termination of one is
held (202) with the decision item it opened, and the terms change only when that item is
approved by a quorate, screened decision; a rejection leaves them as they were."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from services.conflicts import store as conflicts_store
from services.conflicts.app import create_app as create_conflicts
from services.conflicts.settings import Settings as ConflictsSettings
from services.contracts.app import create_app as create_contracts
from services.contracts.settings import Settings as ContractsSettings
from shared.auth import mint_token
from shared.broker import Broker
from shared.events.conflicts import decision_item_id
from tests.conftest import eventually, running
from tests.integration.contracts.conftest import (
    CCG,
    TARIFF,
    Api,
    field_of,
    first_of_month,
)

pytestmark = pytest.mark.integration

TIMEOUT = 30
UPLIFT = {**TARIFF, "tariff": {"first_pence": 3700, "follow_up_pence": 2100}}


@dataclass
class Gate:
    contracts: Api
    conflicts: httpx.AsyncClient
    conflicts_app: Any
    committee_id: str
    voters: list[str]

    async def item(self, item_id: str) -> dict[str, Any]:
        """The decision item once conflicts has opened it."""

        async def opened() -> dict[str, Any] | None:
            page = await self.conflicts.get(f"/committees/{self.committee_id}/items")
            return next((i for i in page.json()["items"] if i["id"] == item_id), None)

        found: dict[str, Any] = await eventually(opened, timeout=TIMEOUT)
        return found

    async def item_row(self, item_id: str) -> Any:
        items = conflicts_store.items
        async with self.conflicts_app.state.db.sessions() as session:
            return (await session.execute(select(items).where(items.c.id == item_id))).first()

    async def decide(self, item_id: str, outcome: str = "approved") -> None:
        await self.item(item_id)
        body = {
            "outcome": outcome,
            "present": self.voters,
            "votes": [
                {"person_id": p, "vote": "for" if outcome == "approved" else "against"}
                for p in self.voters
            ],
        }
        decided = await self.conflicts.post(f"/items/{item_id}/decision", json=body)
        assert decided.status_code == 201, decided.text

    async def contract(self, contract_id: str) -> dict[str, Any]:
        found: dict[str, Any] = (await self.contracts.get(f"/contracts/{contract_id}")).json()
        return found

    async def status(self, contract_id: str, status: str) -> dict[str, Any]:
        async def reached() -> dict[str, Any] | None:
            c = await self.contract(contract_id)
            return c if c["status"] == status else None

        found: dict[str, Any] = await eventually(reached, timeout=TIMEOUT)
        return found

    async def change(self, contract_id: str, change_id: str, status: str) -> dict[str, Any]:
        async def reached() -> dict[str, Any] | None:
            got = await self.contracts.get(f"/contracts/{contract_id}/changes/{change_id}")
            assert got.status_code == 200, got.text
            return got.json() if got.json()["status"] == status else None

        found: dict[str, Any] = await eventually(reached, timeout=TIMEOUT)
        return found

    async def active_hub(self, **overrides: Any) -> str:
        """A HUB proposed to the committee and approved by it."""
        proposed = await self.contracts.propose(
            decision_committee_id=self.committee_id, **overrides
        )
        contract_id = str(proposed.json()["id"])
        await self.decide(decision_item_id(contract_id))
        await self.status(contract_id, "active")
        return contract_id


@pytest.fixture
async def gate(clean: dict[str, str], broker: Broker) -> AsyncIterator[Gate]:
    common = {
        "kafka_bootstrap_servers": broker.bootstrap_servers,
        "relay_poll_interval_seconds": 0.05,
    }
    contracts_settings = ContractsSettings(database_url=clean["contracts"], **common)
    conflicts_settings = ConflictsSettings(database_url=clean["conflicts"], **common)
    contracts_app = create_contracts(contracts_settings)
    conflicts_app = create_conflicts(conflicts_settings)
    async with running(contracts_app) as c1, running(conflicts_app) as c2:
        api = Api(c1, contracts_app, contracts_settings)
        await api.register_all()

        async def conflicts_knows_the_ccg() -> bool:
            orgs = conflicts_store.organisations
            async with conflicts_app.state.db.sessions() as session:
                found = await session.execute(select(orgs).where(orgs.c.ods_code == CCG))
                return found.first() is not None

        await eventually(conflicts_knows_the_ccg, timeout=TIMEOUT)
        c2.headers["authorization"] = "Bearer " + mint_token(
            conflicts_settings, role="governance", org=CCG
        )
        voters = []
        for name, role in (("Lay Chair", "lay_chair"), ("Lay Member", "lay_member")):
            body = {"name": name, "roles": [role], "decision_making": True, "affiliations": []}
            made = await c2.post("/people", json=body)
            assert made.status_code == 201, made.text
            voters.append(made.json()["id"])
        committee = await c2.post(
            "/committees",
            json={
                "name": "Primary Care Commissioning Committee",
                "members": [
                    {"person_id": p, "role": r, "voting": True}
                    for p, r in zip(voters, ("lay_chair", "lay_member"), strict=True)
                ],
                "quorum": {"min_voting": 2, "lay_majority": False, "required": []},
                "conflict_policy": {},
            },
        )
        assert committee.status_code == 201, committee.text
        yield Gate(api, c2, conflicts_app, committee.json()["id"], voters)


async def test_a_gated_contract_needs_a_committee_and_only_its_decision_activates_it(
    gate: Gate,
) -> None:
    refused = await gate.contracts.propose(expect=422, decision_committee_id=None)
    assert field_of(refused) == ["decision_committee_id"]
    assert refused.json()["errors"][0]["loc"] == ["body", "decision_committee_id"]

    proposed = await gate.contracts.propose(decision_committee_id=gate.committee_id)
    contract_id = proposed.json()["id"]
    stepped_round = await gate.contracts.post(f"/contracts/{contract_id}/activate", {})
    assert stepped_round.status_code == 409, stepped_round.text

    item_id = decision_item_id(contract_id)
    assert (await gate.item(item_id))["contract_id"] == contract_id
    assert (await gate.item_row(item_id)).subject == "proposal"
    await gate.decide(item_id)
    active = await gate.status(contract_id, "active")
    assert active["in_force"] is True
    assert len(await gate.contracts.outbox("gpfed.contract.activated")) == 1


async def test_a_held_variation_changes_the_terms_only_when_its_item_is_approved(
    gate: Gate,
) -> None:
    contract_id = await gate.active_hub()
    before = await gate.contract(contract_id)
    body = {"effective_from": first_of_month(1).isoformat(), "changes": {"payment": UPLIFT}}
    invalid = await gate.contracts.post(
        f"/contracts/{contract_id}/variations",
        {**body, "effective_from": first_of_month(-1).isoformat(), "reason": "backdated too far"},
    )
    assert field_of(invalid) == ["effective_from"]  # checked at once, as if applied

    held = await gate.contracts.post(
        f"/contracts/{contract_id}/variations", {**body, "reason": "tariff uplift"}
    )
    assert held.status_code == 202, held.text
    change = held.json()
    assert change["status"] == "awaiting_decision" and change["kind"] == "variation"
    assert change["decision_item_id"] == decision_item_id(change["change_id"])
    assert (await gate.contract(contract_id))["history"] == before["history"]
    assert await gate.contracts.outbox("gpfed.contract.varied") == []

    item = await gate.item(change["decision_item_id"])
    assert item["contract_id"] == contract_id
    row = await gate.item_row(item["id"])
    assert (row.subject, row.change_id, row.change_reason) == (
        "variation",
        change["change_id"],
        "tariff uplift",
    )
    listed = (await gate.contracts.get(f"/contracts/{contract_id}/changes")).json()
    assert [c["change_id"] for c in listed["items"]] == [change["change_id"]]

    await gate.decide(item["id"])
    approved = await gate.change(contract_id, change["change_id"], "approved")
    assert approved["decided_at"] is not None
    varied = await gate.contract(contract_id)
    assert varied["history"][-1]["payment"]["tariff"] == UPLIFT["tariff"]
    assert [v["reason"] for v in varied["variations"]] == ["tariff uplift"]
    [event] = await gate.contracts.outbox("gpfed.contract.varied")
    assert event["reason"] == "tariff uplift"


async def test_a_rejected_termination_leaves_the_contract_in_force_and_an_approved_one_ends_it(
    gate: Gate,
) -> None:
    contract_id = await gate.active_hub()
    body = {"effective_on": first_of_month(2).isoformat(), "reason": "recommissioned"}
    first = await gate.contracts.post(f"/contracts/{contract_id}/terminate", body)
    assert first.status_code == 202, first.text
    await gate.decide(first.json()["decision_item_id"], outcome="rejected")
    rejected = await gate.change(contract_id, first.json()["change_id"], "rejected")
    assert rejected["outcome_reason"].startswith("rejected by decision item")
    assert (await gate.contract(contract_id))["status"] == "active"
    assert await gate.contracts.outbox("gpfed.contract.terminated") == []

    second = await gate.contracts.post(f"/contracts/{contract_id}/terminate", body)
    assert second.status_code == 202, second.text
    await gate.decide(second.json()["decision_item_id"])
    terminated = await gate.status(contract_id, "terminated")
    assert terminated["terminated_on"] == body["effective_on"]
    await gate.change(contract_id, second.json()["change_id"], "approved")
    assert len(await gate.contracts.outbox("gpfed.contract.terminated")) == 1


async def test_a_held_variation_approved_after_the_contract_ended_fails_with_the_reason(
    gate: Gate,
) -> None:
    contract_id = await gate.active_hub()
    vary = {
        "effective_from": first_of_month(3).isoformat(),
        "changes": {"payment": UPLIFT},
        "reason": "uplift",
    }
    variation = (await gate.contracts.post(f"/contracts/{contract_id}/variations", vary)).json()
    end = {"effective_on": first_of_month(2).isoformat(), "reason": "recommissioned"}
    termination = (await gate.contracts.post(f"/contracts/{contract_id}/terminate", end)).json()
    await gate.decide(termination["decision_item_id"])
    await gate.status(contract_id, "terminated")

    await gate.decide(variation["decision_item_id"])
    failed = await gate.change(contract_id, variation["change_id"], "failed")
    assert "no longer applies" in failed["outcome_reason"]
    assert "terminated" in failed["outcome_reason"]
    assert await gate.contracts.outbox("gpfed.contract.varied") == []
    listed = (await gate.contracts.get(f"/contracts/{contract_id}/changes", limit=1)).json()
    assert listed["items"][0]["number"] == 1 and listed["next_cursor"]
