"""Incentive schemes through the API (issue 20 point 1): defined under the decision policy,
a practice enrolled only with a core contract in force (its LES/LIS contract proposed to the
scheme's committee), and its results recorded and corrected."""

from __future__ import annotations

from typing import Any

import pytest

from shared.calendar import financial_year_start
from tests.integration.contracts.conftest import (
    CCG,
    COMMITTEE,
    OTHER_CCG,
    OTHER_PRACTICE,
    PRACTICE,
    Api,
    field_of,
    today,
)

pytestmark = pytest.mark.integration

START = financial_year_start(today())
YEAR = f"{START.year}/{(START.year + 1) % 100:02d}"


def scheme(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "commissioner_ods": CCG,
        "kind": "LIS",
        "name": "Network outcomes",
        "year": YEAR,
        "per_head_pence": 1000,
        "upfront_percent": "70",
        "standards": [{"code": "AF-1", "title": "AF register"}, {"code": "AF-2", "title": "BP"}],
        "release": "network",
        "balancing": "all_or_nothing",
        "networks": [{"name": "North", "practices": [PRACTICE, OTHER_PRACTICE]}],
        "decision_committee_id": COMMITTEE,
    }
    return {**body, **overrides}


async def core_contract(api: Api, practice: str) -> None:
    await api.active(
        kind="GMS",
        provider_ods=practice,
        service="core general medical services",
        start_date=START.isoformat(),
        end_date=None,
        payment={"basis": "per_head", "schedule": "monthly", "per_head_pence": 9000},
        distribution=None,
        decision_committee_id=None,
    )


async def test_a_gated_scheme_names_its_committee_and_each_enrolment_is_proposed_to_it(
    registered: Api,
) -> None:
    assert field_of(await registered.post("/schemes", scheme(decision_committee_id=None))) == [
        "decision_committee_id"
    ]
    assert field_of(await registered.post("/schemes", scheme(year="2026/28"))) == ["year"]
    created = await registered.post("/schemes", scheme())
    assert created.status_code == 201, created.text
    scheme_id = created.json()["scheme_id"]

    refused = await registered.post(f"/schemes/{scheme_id}/enrolments", {"practice_ods": PRACTICE})
    assert field_of(refused) == ["practice_ods"]
    assert "core contract" in refused.json()["detail"]
    assert PRACTICE in refused.json()["detail"]

    await core_contract(registered, PRACTICE)
    enrolled = await registered.post(f"/schemes/{scheme_id}/enrolments", {"practice_ods": PRACTICE})
    assert enrolled.status_code == 201, enrolled.text
    assert enrolled.json()["network"] == "North"
    assert enrolled.json()["contract_status"] == "proposed"
    contract = (await registered.get(f"/contracts/{enrolled.json()['contract_id']}")).json()
    assert contract["kind"] == "LIS"
    assert contract["decision_committee_id"] == COMMITTEE
    payment = contract["terms"]["payment"]
    assert (payment["basis"], payment["schedule"], payment["true_up"]) == (
        "per_head",
        "monthly_upfront_true_up",
        "year_end",
    )
    assert (payment["per_head_pence"], float(payment["upfront_percent"])) == (1000, 70.0)
    again = await registered.post(f"/schemes/{scheme_id}/enrolments", {"practice_ods": PRACTICE})
    assert again.status_code == 409
    [published] = await registered.outbox("gpfed.scheme.enrolled")
    assert published["enrolments"][0]["contract_id"] == enrolled.json()["contract_id"]


async def test_results_are_recorded_then_corrected_with_a_reason_and_published(
    registered: Api,
) -> None:
    scheme_id = (await registered.post("/schemes", scheme())).json()["scheme_id"]
    await core_contract(registered, PRACTICE)
    await registered.post(f"/schemes/{scheme_id}/enrolments", {"practice_ods": PRACTICE})
    path = f"/schemes/{scheme_id}/results"
    missing = {"practice_ods": PRACTICE, "standards": [{"code": "AF-1", "delivered": True}]}
    assert field_of(await registered.post(path, missing)) == ["standards"]
    first = {
        "practice_ods": PRACTICE,
        "standards": [{"code": "AF-1", "delivered": True}, {"code": "AF-2", "delivered": False}],
    }
    assert (await registered.post(path, first)).status_code == 201
    corrected = {
        **first,
        "standards": [{"code": "AF-1", "delivered": True}, {"code": "AF-2", "delivered": True}],
    }
    assert field_of(await registered.post(path, corrected)) == ["reason"]
    answer = await registered.post(path, {**corrected, "reason": "audit found the BP checks"})
    assert answer.status_code == 201, answer.text
    assert [r["version"] for r in answer.json()["result_versions"]] == [1, 2]
    assert (await registered.post(path, {**corrected, "reason": "again"})).status_code == 409
    recorded = await registered.outbox("gpfed.scheme.results_recorded")
    assert recorded[-1]["results"][0]["version"] == 2
    other = await registered.post(path, first, org="13T")
    assert other.status_code == 403


async def test_schemes_are_listed_to_their_commissioner_and_to_the_practices_they_enrol(
    registered: Api,
) -> None:
    first = (await registered.post("/schemes", scheme(name="First"))).json()["scheme_id"]
    second = (await registered.post("/schemes", scheme(name="Second"))).json()["scheme_id"]
    await core_contract(registered, PRACTICE)
    await registered.post(f"/schemes/{second}/enrolments", {"practice_ods": PRACTICE})

    one = await registered.get("/schemes", role="commissioner", org=CCG, limit=1)
    assert one.status_code == 200, one.text
    rest = await registered.get(
        "/schemes", role="commissioner", org=CCG, cursor=one.json()["next_cursor"]
    )
    listed = {s["scheme_id"]: s for s in one.json()["items"] + rest.json()["items"]}
    assert set(listed) == {first, second} and rest.json()["next_cursor"] is None
    assert (listed[first]["enrolled"], listed[second]["enrolled"]) == (0, 1)
    assert listed[second]["name"] == "Second" and listed[second]["year"] == YEAR

    practice = await registered.get("/schemes", role="practice", org=PRACTICE)
    assert [s["scheme_id"] for s in practice.json()["items"]] == [second]
    assert (await registered.get("/schemes", role="practice", org=OTHER_PRACTICE)).json()[
        "items"
    ] == []
    other = await registered.get("/schemes", role="commissioner", org=OTHER_CCG)
    assert other.json()["items"] == []
    asked_for_another = await registered.get(
        "/schemes", role="commissioner", org=OTHER_CCG, commissioner_ods=CCG
    )
    assert asked_for_another.json()["items"] == []
    assert (await registered.get("/schemes", year="2099/00")).json()["items"] == []
    assert field_of(await registered.get("/schemes", year="2026")) == ["year"]
    assert (await registered.get("/schemes", role="federation", org="Y02765")).status_code == 403
