"""Backdated variations and terminations through the API (issue 16): accepted on any day of the
contract, carried into later versions except the fields they set themselves, kept as asked for,
and published with the whole history and a revision that only grows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from services.contracts.handlers import handlers
from shared.events import Envelope
from shared.events.conflicts import DecisionRecorded
from tests.conftest import deliver_through_inbox
from tests.integration.contracts.conftest import (
    DISTRIBUTION,
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


UPLIFT = {**TARIFF, "tariff": {"first_pence": 3700, "follow_up_pence": 2100}}
SECOND_UPLIFT = {**TARIFF, "tariff": {"first_pence": 3900, "follow_up_pence": 2200}}
LOWER_RETAINED = {**DISTRIBUTION, "retained_percent": "5"}


def month(offset: int) -> str:
    return first_of_month(offset).isoformat()


async def running_since_six_months(api: Api) -> str:
    return await api.active(start_date=month(-6), end_date=month(6))


async def vary(api: Api, contract_id: str, effective_from: str, **changes: Any) -> Any:
    response = await api.post(
        f"/contracts/{contract_id}/variations",
        {"effective_from": effective_from, "changes": changes, "reason": f"from {effective_from}"},
    )
    assert response.status_code == 201, response.text
    return response.json()


def terms(entry: dict[str, Any]) -> tuple[str, int, str, str | None]:
    """A history entry as (from, first-consultation pence, retained %, end date)."""
    return (
        entry["effective_from"],
        entry["payment"]["tariff"]["first_pence"],
        entry["distribution"]["retained_percent"],
        entry["end_date"],
    )


async def test_a_variation_backdated_to_an_earlier_month_is_accepted_and_published_whole(
    registered: Api,
) -> None:
    contract_id = await running_since_six_months(registered)
    made = await vary(registered, contract_id, month(-2), payment=UPLIFT)
    assert made["version"] == 2 and made["effective_from"] == month(-2)
    assert made["history_revision"] == 2 and made["variation"]["number"] == 1
    assert made["fields_set"] == ["payment"]

    [varied] = await registered.outbox("gpfed.contract.varied")
    assert varied["effective_from"] == month(-2) and varied["reason"] == f"from {month(-2)}"
    assert varied["payment"]["tariff"]["first_pence"] == 3700
    assert varied["history_revision"] == 2
    assert [terms(e) for e in varied["history"]] == [
        (month(-6), 3500, "10", month(6)),
        (month(-2), 3700, "10", month(6)),
    ]
    got = (await registered.get(f"/contracts/{contract_id}", on=month(-1))).json()
    assert got["terms"]["payment"]["tariff"]["first_pence"] == 3700
    assert got["history_revision"] == 2
    [record] = got["variations"]
    assert (record["effective_from"], record["fields"], record["reason"]) == (
        month(-2),
        ["payment"],
        f"from {month(-2)}",
    )
    assert record["changes"]["payment"]["tariff"]["first_pence"] == 3700
    assert record["recorded_at"] and record["history_revision"] == 2


async def test_a_backdated_change_carries_into_later_versions_except_fields_they_set(
    registered: Api,
) -> None:
    contract_id = await running_since_six_months(registered)
    await vary(registered, contract_id, month(-2), payment=UPLIFT)
    # Recorded later, effective earlier: the uplift from month -2 stands; the lower retained
    # share carries into it, as that version did not set a distribution itself.
    made = await vary(
        registered, contract_id, month(-4), payment=SECOND_UPLIFT, distribution=LOWER_RETAINED
    )
    assert made["version"] == 2 and made["history_revision"] == 3
    expected = [
        (month(-6), 3500, "10", month(6)),
        (month(-4), 3900, "5", month(6)),
        (month(-2), 3700, "5", month(6)),
    ]
    assert [terms(e) for e in made["history"]] == expected
    assert [v["fields_set"] for v in made["history"]] == [
        ["payment", "distribution", "end_date"],
        ["payment", "distribution"],
        ["payment"],
    ]
    varied = await registered.outbox("gpfed.contract.varied")
    assert [e["history_revision"] for e in varied] == [2, 3]
    assert [terms(e) for e in varied[-1]["history"]] == expected
    assert varied[-1]["effective_from"] == month(-4)
    assert varied[-1]["distribution"]["retained_percent"] == "5"
    got = (await registered.get(f"/contracts/{contract_id}", on=month(-1))).json()
    assert got["terms"]["version"] == 3
    assert got["terms"]["distribution"]["retained_percent"] == "5"
    assert [v["number"] for v in got["variations"]] == [1, 2]
    assert [v["effective_from"] for v in got["variations"]] == [month(-2), month(-4)]


async def test_a_variation_on_the_date_of_a_version_merges_into_it(registered: Api) -> None:
    contract_id = await running_since_six_months(registered)
    await vary(registered, contract_id, month(-2), payment=UPLIFT)
    merged = await vary(registered, contract_id, month(-2), distribution=LOWER_RETAINED)
    assert [terms(e) for e in merged["history"]] == [
        (month(-6), 3500, "10", month(6)),
        (month(-2), 3700, "5", month(6)),
    ]
    assert merged["fields_set"] == ["payment", "distribution"]
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    assert len(got["history"]) == 2 and len(got["variations"]) == 2


async def test_a_variation_outside_the_contracts_dates_is_422_naming_effective_from(
    registered: Api,
) -> None:
    contract_id = await running_since_six_months(registered)
    path = f"/contracts/{contract_id}/variations"
    body = {"changes": {"payment": UPLIFT}, "reason": "r"}
    before_start = (first_of_month(-6) - timedelta(days=1)).isoformat()
    after_end = (first_of_month(6) + timedelta(days=1)).isoformat()
    for day in (before_start, after_end):
        response = await registered.post(path, {**body, "effective_from": day})
        assert field_of(response) == ["effective_from"], day
    for day in (month(-6), month(6)):  # the first and the last day are the contract's
        assert (await registered.post(path, {**body, "effective_from": day})).status_code == 201
    assert await registered.outbox("gpfed.contract.varied") != []


async def test_an_end_date_that_would_strand_a_later_version_is_422(registered: Api) -> None:
    contract_id = await running_since_six_months(registered)
    await vary(registered, contract_id, month(-2), payment=UPLIFT)
    response = await registered.post(
        f"/contracts/{contract_id}/variations",
        {"effective_from": month(-4), "changes": {"end_date": month(-3)}, "reason": "shorten"},
    )
    assert field_of(response) == ["changes.end_date"]
    assert "terminate" in response.json()["detail"]
    assert len((await registered.get(f"/contracts/{contract_id}")).json()["history"]) == 2


async def test_a_terminated_contract_is_varied_only_before_its_termination(
    registered: Api,
) -> None:
    contract_id = await running_since_six_months(registered)
    ends = month(-1)
    response = await registered.post(
        f"/contracts/{contract_id}/terminate", {"effective_on": ends, "reason": "recommissioned"}
    )
    assert response.status_code == 200, response.text
    path = f"/contracts/{contract_id}/variations"
    on_termination = {"effective_from": ends, "changes": {"payment": UPLIFT}, "reason": "r"}
    assert field_of(await registered.post(path, on_termination)) == ["effective_from"]
    new_end = {"effective_from": month(-3), "changes": {"end_date": month(3)}, "reason": "r"}
    assert field_of(await registered.post(path, new_end)) == ["changes.end_date"]
    made = await vary(registered, contract_id, month(-3), payment=UPLIFT)
    assert made["history_revision"] == 3
    [varied] = await registered.outbox("gpfed.contract.varied")
    assert varied["status"] == "terminated" and varied["terminated_on"] == ends
    assert [terms(e) for e in varied["history"]] == [
        (month(-6), 3500, "10", month(6)),
        (month(-3), 3700, "10", month(6)),
    ]


async def test_a_backdated_termination_is_accepted_and_published_with_the_history(
    registered: Api,
) -> None:
    contract_id = await running_since_six_months(registered)
    await vary(registered, contract_id, month(-2), payment=UPLIFT)
    ends = month(-3)  # before the variation's date: the version from -2 is never in force
    response = await registered.post(
        f"/contracts/{contract_id}/terminate", {"effective_on": ends, "reason": "recommissioned"}
    )
    assert response.status_code == 200, response.text
    got = response.json()
    assert (got["status"], got["terminated_on"], got["history_revision"]) == (
        "terminated",
        ends,
        3,
    )
    assert got["in_force"] is False
    [event] = await registered.outbox("gpfed.contract.terminated")
    assert (event["effective_from"], event["terminated_on"]) == (ends, ends)
    assert event["history_revision"] == 3 and len(event["history"]) == 2
    before = (first_of_month(-3) - timedelta(days=1)).isoformat()
    assert (await registered.get(f"/contracts/{contract_id}", on=before)).json()["in_force"]
    # From the start date on; not before it, nor after the end date.
    for day in (
        (first_of_month(-6) - timedelta(days=1)).isoformat(),
        (first_of_month(6) + timedelta(days=1)).isoformat(),
    ):
        other = await running_since_six_months(registered)
        response = await registered.post(
            f"/contracts/{other}/terminate", {"effective_on": day, "reason": "x"}
        )
        assert field_of(response) == ["effective_on"]
    on_start = await running_since_six_months(registered)
    response = await registered.post(
        f"/contracts/{on_start}/terminate", {"effective_on": month(-6), "reason": "never ran"}
    )
    assert response.status_code == 200 and response.json()["terminated_on"] == month(-6)


async def test_every_contract_event_carries_the_history_and_a_revision_that_only_grows(
    registered: Api,
) -> None:
    # One contract through proposal, a committee's approval, a backdated variation, a KPI
    # result and its correction, termination; others through rejection and expiry.
    les = {
        "kind": "LES",
        "provider_ods": PRACTICE,
        "distribution": None,
        "payment": {"basis": "per_head", "schedule": "quarterly_arrears", "per_head_pence": 300},
        "offered_to_core_holders_first": True,
        "start_date": month(-6),
        "end_date": month(6),
        "decision_committee_id": "pccc-02w",
    }
    contract_id = (await registered.propose(**les)).json()["id"]
    await deliver(registered, contract_id, "approved")
    response = await registered.post(
        f"/contracts/{contract_id}/variations",
        {
            "effective_from": month(-3),
            "changes": {"payment": {**les["payment"], "per_head_pence": 350}},
            "reason": "uplift",
        },
    )
    assert response.status_code == 201, response.text
    quarter = f"{first_of_month(-6).year}-Q{(first_of_month(-6).month - 1) // 3 + 1}"
    kpi = {"quarter": quarter, "achievement_percent": "80", "evidence": "QOF"}
    assert (await registered.post(f"/contracts/{contract_id}/kpi-results", kpi)).status_code == 201
    correction = {"achievement_percent": "85", "evidence": "QOF v2", "reason": "late data"}
    response = await registered.post(
        f"/contracts/{contract_id}/kpi-results/{quarter}/corrections", correction
    )
    assert response.status_code == 201, response.text
    response = await registered.post(
        f"/contracts/{contract_id}/terminate", {"effective_on": month(-1), "reason": "ended"}
    )
    assert response.status_code == 200, response.text
    rejected = (await registered.propose(**les)).json()["id"]
    await deliver(registered, rejected, "rejected")
    expiring = await registered.active(start_date=month(-6), end_date=month(-1))
    on = {"on": today().isoformat()}
    assert (await registered.post("/contracts/expire-due", on, role="ops", org="X24")).json()[
        "expired"
    ] == [expiring]

    events = [e for e in await registered.outbox() if e["type"].startswith("gpfed.contract.")]
    assert {e["type"].rsplit(".", 1)[1] for e in events} == {
        "proposed",
        "activated",
        "varied",
        "terminated",
        "expired",
        "rejected",
        "performance_recorded",
    }
    for event in events:
        assert event["history"] and isinstance(event["history_revision"], int), event["type"]
        assert event["history"][0]["effective_from"] == event["start_date"]
    mine = [
        (e["type"].rsplit(".", 1)[1], e["history_revision"])
        for e in events
        if e["contract_id"] == contract_id
    ]
    assert mine == [
        ("proposed", 1),
        ("activated", 1),
        ("varied", 2),
        ("performance_recorded", 2),
        ("performance_recorded", 2),
        ("terminated", 3),
    ]
    for contract in {e["contract_id"] for e in events}:
        revisions = [e["history_revision"] for e in events if e["contract_id"] == contract]
        assert revisions == sorted(revisions), contract
    recorded = [e for e in events if e["type"] == "gpfed.contract.performance_recorded"]
    assert [(e["version"], e["achievement_percent"]) for e in recorded] == [(1, "80"), (2, "85")]


async def deliver(api: Api, contract_id: str, outcome: str) -> None:
    event = DecisionRecorded(
        item_id=f"item-{contract_id}",
        committee_id="pccc-02w",
        contract_id=contract_id,
        outcome=outcome,  # type: ignore[arg-type]
        quorate=True,
        decided_on=today(),
        conflicts=[],
    )
    envelope = Envelope.wrap(event, source="/gpfed/conflicts")
    await deliver_through_inbox(api.app.state.db, handlers, envelope)
