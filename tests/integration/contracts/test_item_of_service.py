"""Item-of-service terms through the API (issue 19 point 2): an enhanced service paid a fee per
item for each service code, decided by its committee as a gated kind, its fees varied
(backdated or not) like any terms."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.contracts.conftest import (
    PRACTICE,
    Api,
    field_of,
    first_of_month,
)

pytestmark = pytest.mark.integration


def fees(surgery: int = 4500, vaccination: int = 1000) -> dict[str, Any]:
    return {
        "basis": "item_of_service",
        "schedule": "monthly",
        "fees": [
            {"service_code": "minor-surgery", "fee_pence": surgery},
            {"service_code": "vaccination", "fee_pence": vaccination},
        ],
    }


LES: dict[str, Any] = {
    "kind": "LES",
    "provider_ods": PRACTICE,
    "service": "minor surgery and vaccinations",
    "distribution": None,
    "payment": fees(),
    "offered_to_core_holders_first": True,
}


async def test_an_les_paid_per_item_is_decided_and_publishes_its_fees(registered: Api) -> None:
    contract_id = await registered.active(**LES)  # LES is gated: its committee approves it
    [activated] = await registered.outbox("gpfed.contract.activated")
    assert activated["contract_id"] == contract_id
    assert activated["payment"]["fees"] == fees()["fees"]
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    assert got["status"] == "active" and got["terms"]["payment"]["fees"] == fees()["fees"]


async def test_a_backdated_fee_variation_is_published_in_the_whole_history(
    registered: Api,
) -> None:
    await registered.ungate_changes()
    start = first_of_month(-3).isoformat()
    contract_id = await registered.active(**LES, start_date=start)
    raised = fees(vaccination=1200)
    effective = first_of_month(-1).isoformat()
    response = await registered.post(
        f"/contracts/{contract_id}/variations",
        {"effective_from": effective, "changes": {"payment": raised}, "reason": "uplift"},
    )
    assert response.status_code == 201, response.text
    [varied] = await registered.outbox("gpfed.contract.varied")
    assert [(e["effective_from"], e["payment"]["fees"]) for e in varied["history"]] == [
        (start, fees()["fees"]),
        (effective, raised["fees"]),
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "HUB", "provider_ods": None}, "payment.basis"),
        ({"payment": {**fees(), "fees": []}}, "payment.fees"),
        ({"payment": {**fees(), "fees": fees()["fees"] * 2}}, "payment.fees.2.service_code"),
        ({"payment": {**fees(), "fees": None}}, "payment.fees"),
        ({"payment": {**fees(), "annual_value_pence": 100}}, "payment.annual_value_pence"),
    ],
)
async def test_item_of_service_terms_that_do_not_fit_are_422_naming_the_field(
    registered: Api, overrides: dict[str, Any], field: str
) -> None:
    body = {**LES, **overrides}
    if body["kind"] == "HUB":
        body = {k: v for k, v in body.items() if k not in ("distribution", "provider_ods")}
        body["offered_to_core_holders_first"] = None
    response = await registered.propose(422, **body)
    assert field_of(response) == [field]
