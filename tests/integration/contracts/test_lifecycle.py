"""proposed -> active (by decision or by the commissioner) -> varied -> terminated or expired."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from services.contracts.handlers import handlers
from shared.bus import Outcome
from shared.events import Envelope
from shared.events.conflicts import DecisionRecorded
from tests.conftest import deliver_through_inbox
from tests.integration.contracts.conftest import (
    OTHER_CCG,
    PRACTICE,
    TARIFF,
    Api,
    field_of,
    first_of_month,
    today,
)

pytestmark = pytest.mark.integration


@pytest.fixture
async def registered(registered: Api) -> Api:
    """The register, and a decision policy that makes variations and terminations at once:
    these tests are about the terms; the decision gate has its own
    (test_decision_gate*.py)."""
    await registered.ungate_changes()
    return registered


COMMITTEE = "pccc-02w"


def decision(
    contract_id: str, outcome: str = "approved", quorate: bool = True, **extra: Any
) -> Envelope:
    event = DecisionRecorded(
        item_id=extra.pop("item_id", "item-1"),
        committee_id=extra.pop("committee_id", COMMITTEE),
        contract_id=contract_id,
        outcome=outcome,  # type: ignore[arg-type]
        quorate=quorate,
        decided_on=today(),
        conflicts=[],
    )
    return Envelope.wrap(event, source="/gpfed/conflicts")


async def deliver(api: Api, envelope: Envelope) -> Outcome:
    """Through the inbox consumer, as a message from the broker would arrive."""
    return await deliver_through_inbox(api.app.state.db, handlers, envelope)


async def status_of(api: Api, contract_id: str) -> str:
    return str((await api.get(f"/contracts/{contract_id}")).json()["status"])


async def test_approved_quorate_decision_delivered_twice_activates_once(registered: Api) -> None:
    contract_id = (await registered.propose(decision_committee_id=COMMITTEE)).json()["id"]
    envelope = decision(contract_id)
    assert await deliver(registered, envelope) is Outcome.APPLIED
    assert await deliver(registered, envelope) is Outcome.DUPLICATE
    assert await status_of(registered, contract_id) == "active"
    [activated] = await registered.outbox("gpfed.contract.activated")
    assert activated["contract_id"] == contract_id and activated["status"] == "active"
    assert activated["payment"]["basis"] == "tariff"


async def test_the_same_decision_under_a_new_event_id_changes_nothing(registered: Api) -> None:
    # The inbox dedupes by event id; the domain must also ignore a repeat with a fresh id.
    contract_id = (await registered.propose(decision_committee_id=COMMITTEE)).json()["id"]
    assert await deliver(registered, decision(contract_id)) is Outcome.APPLIED
    assert await deliver(registered, decision(contract_id)) is Outcome.APPLIED
    assert await deliver(registered, decision(contract_id, outcome="rejected")) is Outcome.APPLIED
    assert await status_of(registered, contract_id) == "active"
    assert len(await registered.outbox("gpfed.contract.activated")) == 1
    assert await registered.outbox("gpfed.contract.rejected") == []


async def test_rejected_decision_rejects_and_deferred_changes_nothing(registered: Api) -> None:
    contract_id = (await registered.propose(decision_committee_id=COMMITTEE)).json()["id"]
    await deliver(registered, decision(contract_id, outcome="deferred"))
    await deliver(registered, decision(contract_id, outcome="approved", quorate=False))
    await deliver(registered, decision(contract_id, committee_id="another-committee"))
    assert await status_of(registered, contract_id) == "proposed"
    await deliver(registered, decision(contract_id, outcome="rejected"))
    assert await status_of(registered, contract_id) == "rejected"
    [rejected] = await registered.outbox("gpfed.contract.rejected")
    assert rejected["contract_id"] == contract_id and rejected["status"] == "rejected"
    assert await registered.outbox("gpfed.contract.activated") == []


async def test_decision_for_an_unknown_contract_is_ignored(registered: Api) -> None:
    assert await deliver(registered, decision("no-such-contract")) is Outcome.APPLIED
    assert await registered.outbox("gpfed.contract.activated") == []


async def test_commissioner_activates_only_a_contract_no_committee_decides(registered: Api) -> None:
    with_committee = (await registered.propose(decision_committee_id=COMMITTEE)).json()["id"]
    response = await registered.post(f"/contracts/{with_committee}/activate", {})
    assert response.status_code == 409
    assert COMMITTEE in response.json()["detail"]
    contract_id = (
        await registered.propose(
            kind="GMS", distribution=None, provider_ods=PRACTICE, decision_committee_id=None
        )
    ).json()["id"]
    response = await registered.post(f"/contracts/{contract_id}/activate", {}, org=OTHER_CCG)
    assert response.status_code == 403
    response = await registered.post(f"/contracts/{contract_id}/activate", {})
    assert response.status_code == 200 and response.json()["status"] == "active"
    assert (await registered.post(f"/contracts/{contract_id}/activate", {})).status_code == 409
    assert len(await registered.outbox("gpfed.contract.activated")) == 1


async def test_variation_effective_next_month_leaves_this_months_terms_untouched(
    registered: Api,
) -> None:
    contract_id = await registered.active()
    next_month = first_of_month(1)
    uplift = {**TARIFF, "tariff": {"first_pence": 3700, "follow_up_pence": 2100}}
    response = await registered.post(
        f"/contracts/{contract_id}/variations",
        {
            "effective_from": next_month.isoformat(),
            "changes": {"payment": uplift},
            "reason": "uplift",
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["version"] == 2
    now = (await registered.get(f"/contracts/{contract_id}", on=today().isoformat())).json()
    assert now["terms"]["version"] == 1
    assert now["terms"]["payment"]["tariff"] == {"first_pence": 3500, "follow_up_pence": 2000}
    later = (await registered.get(f"/contracts/{contract_id}", on=next_month.isoformat())).json()
    assert later["terms"]["payment"]["tariff"] == {"first_pence": 3700, "follow_up_pence": 2100}
    assert later["terms"]["distribution"] == now["terms"]["distribution"]
    eve = (
        await registered.get(
            f"/contracts/{contract_id}", on=(next_month - timedelta(days=1)).isoformat()
        )
    ).json()
    assert eve["terms"]["version"] == 1
    assert [v["effective_from"] for v in later["history"]] == [
        first_of_month().isoformat(),
        next_month.isoformat(),
    ]
    [varied] = await registered.outbox("gpfed.contract.varied")
    assert varied["effective_from"] == next_month.isoformat()
    assert varied["payment"]["tariff"]["first_pence"] == 3700 and varied["reason"] == "uplift"
    assert varied["distribution"]["retained_percent"] == "10"


async def test_variation_keeps_the_kind_rules(registered: Api) -> None:
    apms = await registered.active(
        kind="APMS",
        provider_ods=PRACTICE,
        distribution=None,
        payment={"basis": "block", "schedule": "monthly", "annual_value_pence": 1_000_000},
    )
    path = f"/contracts/{apms}/variations"
    body = {"effective_from": first_of_month(1).isoformat(), "reason": "r"}
    assert field_of(await registered.post(path, {**body, "changes": {"end_date": None}})) == [
        "changes.end_date"
    ]
    distribution = {
        "retained_percent": "5",
        "admin_charge_per_patient_pence": 1,
        "premises_per_consultation_pence": 1,
        "clinician_fee_per_consultation_pence": 1,
    }
    response = await registered.post(path, {**body, "changes": {"distribution": distribution}})
    assert field_of(response) == ["changes.distribution"]
    response = await registered.post(
        path, {**body, "changes": {"payment": {"basis": "block", "schedule": "monthly"}}}
    )
    assert field_of(response) == ["changes.payment.annual_value_pence"]


async def test_a_contract_never_in_force_is_not_varied(registered: Api) -> None:
    contract_id = (await registered.propose()).json()["id"]
    response = await registered.post(
        f"/contracts/{contract_id}/variations",
        {
            "effective_from": first_of_month(1).isoformat(),
            "changes": {"end_date": None},
            "reason": "r",
        },
    )
    assert response.status_code == 409


async def test_termination_ends_the_contract_from_its_date(registered: Api) -> None:
    contract_id = await registered.active()
    ends = first_of_month(2)
    response = await registered.post(
        f"/contracts/{contract_id}/terminate",
        {"effective_on": ends.isoformat(), "reason": "recommissioned"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "terminated"
    assert response.json()["terminated_on"] == ends.isoformat()
    before = (
        await registered.get(f"/contracts/{contract_id}", on=(ends - timedelta(days=1)).isoformat())
    ).json()
    after = (await registered.get(f"/contracts/{contract_id}", on=ends.isoformat())).json()
    assert (before["in_force"], after["in_force"]) == (True, False)
    [event] = await registered.outbox("gpfed.contract.terminated")
    assert event["effective_from"] == ends.isoformat() and event["reason"] == "recommissioned"
    assert event["payment"]["basis"] == "tariff"
    again = await registered.post(
        f"/contracts/{contract_id}/terminate", {"effective_on": ends.isoformat(), "reason": "x"}
    )
    assert again.status_code == 409
    in_force = (await registered.get("/contracts", in_force_on=ends.isoformat())).json()["items"]
    assert in_force == []


async def test_contracts_past_their_end_date_expire_once(registered: Api) -> None:
    ending = await registered.active(end_date=first_of_month(1).isoformat())
    open_ended = await registered.active(end_date=None)
    on = first_of_month(2).isoformat()
    assert (await registered.post("/contracts/expire-due", {"on": on})).status_code == 403
    response = await registered.post("/contracts/expire-due", {"on": on}, role="ops", org="X24")
    assert response.status_code == 200 and response.json()["expired"] == [ending]
    again = await registered.post("/contracts/expire-due", {"on": on}, role="ops", org="X24")
    assert again.json()["expired"] == []
    assert await status_of(registered, ending) == "expired"
    assert await status_of(registered, open_ended) == "active"
    [event] = await registered.outbox("gpfed.contract.expired")
    assert event["contract_id"] == ending
    assert event["effective_from"] == (first_of_month(1) + timedelta(days=1)).isoformat()
