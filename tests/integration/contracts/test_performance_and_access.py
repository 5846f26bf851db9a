"""KPI results for true-up and LES/LIS contracts; who may read and manage which contracts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.integration.contracts.conftest import (
    CCG,
    FEDERATION,
    NHSE,
    OTHER_CCG,
    OTHER_PRACTICE,
    PRACTICE,
    Api,
    field_of,
    first_of_month,
    today,
)

pytestmark = pytest.mark.integration

LES = {
    "kind": "LES",
    "service": "anticoagulation monitoring",
    "provider_ods": PRACTICE,
    "distribution": None,
    "payment": {"basis": "per_head", "schedule": "quarterly_arrears", "per_head_pence": 300},
    "offered_to_core_holders_first": True,
    "start_date": "2026-01-01",
    "end_date": None,
}


def this_quarter() -> str:
    return f"{today().year}-Q{(today().month - 1) // 3 + 1}"


async def test_kpi_result_for_an_les_is_recorded_and_published(registered: Api) -> None:
    contract_id = await registered.active(**LES)
    body = {"quarter": "2026-Q1", "achievement_percent": "82.5", "evidence": "QOF extract"}
    response = await registered.post(f"/contracts/{contract_id}/kpi-results", body)
    assert response.status_code == 201, response.text
    assert response.json()["achievement_percent"] == "82.5"
    [event] = await registered.outbox("gpfed.contract.performance_recorded")
    assert (event["quarter"], event["achievement_percent"], event["evidence"]) == (
        "2026-Q1",
        "82.5",
        "QOF extract",
    )
    assert event["payment"]["per_head_pence"] == 300
    assert event["version"] == 1
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    assert [r["quarter"] for r in got["kpi_results"]] == ["2026-Q1"]
    again = await registered.post(f"/contracts/{contract_id}/kpi-results", body)
    assert again.status_code == 409
    assert f"/contracts/{contract_id}/kpi-results/2026-Q1/corrections" in again.json()["detail"]


async def test_a_corrected_kpi_result_is_a_new_version_and_every_version_is_kept(
    registered: Api,
) -> None:
    contract_id = await registered.active(**LES)
    path = f"/contracts/{contract_id}/kpi-results"
    first = {"quarter": "2026-Q1", "achievement_percent": "82.5", "evidence": "QOF extract"}
    assert (await registered.post(path, first)).status_code == 201
    correction = {"achievement_percent": "88", "evidence": "QOF resubmitted", "reason": "late"}
    response = await registered.post(f"{path}/2026-Q1/corrections", correction)
    assert response.status_code == 201, response.text
    assert (response.json()["version"], response.json()["reason"]) == (2, "late")
    response = await registered.post(
        f"{path}/2026-Q1/corrections", {**correction, "achievement_percent": "87.25"}
    )
    assert response.json()["version"] == 3
    got = (await registered.get(f"/contracts/{contract_id}")).json()
    [latest] = got["kpi_results"]
    assert (latest["quarter"], latest["version"], Decimal(latest["achievement_percent"])) == (
        "2026-Q1",
        3,
        Decimal("87.25"),
    )
    assert [
        (r["version"], Decimal(r["achievement_percent"]), r["reason"])
        for r in got["kpi_result_versions"]
    ] == [(1, Decimal("82.5"), None), (2, Decimal(88), "late"), (3, Decimal("87.25"), "late")]
    events = await registered.outbox("gpfed.contract.performance_recorded")
    assert [(e["version"], e["achievement_percent"]) for e in events] == [
        (1, "82.5"),
        (2, "88"),
        (3, "87.25"),
    ]
    # The same figure and evidence again changes nothing; no result yet is a 404; a bad
    # quarter is a 422.
    same = await registered.post(
        f"{path}/2026-Q1/corrections", {**correction, "achievement_percent": "87.25"}
    )
    assert same.status_code == 409
    assert (await registered.post(f"{path}/2026-Q2/corrections", correction)).status_code == 404
    response = await registered.post(f"{path}/2026-Q9/corrections", correction)
    assert response.status_code == 422
    assert len(await registered.outbox("gpfed.contract.performance_recorded")) == 3


async def test_kpi_result_for_an_upfront_true_up_contract(registered: Api) -> None:
    payment = {
        "basis": "block",
        "schedule": "monthly_upfront_true_up",
        "annual_value_pence": 1_200_000,
        "upfront_percent": "75",
    }
    contract_id = await registered.active(
        kind="GMS", provider_ods=PRACTICE, distribution=None, payment=payment, end_date=None
    )
    body = {"quarter": this_quarter(), "achievement_percent": "100", "evidence": "audit"}
    assert (await registered.post(f"/contracts/{contract_id}/kpi-results", body)).status_code == 201


async def test_true_up_is_taken_only_by_an_upfront_schedule(registered: Api) -> None:
    block = {"basis": "block", "schedule": "monthly", "annual_value_pence": 1_200_000}
    gms = {"kind": "GMS", "provider_ods": PRACTICE, "distribution": None, "end_date": None}
    response = await registered.propose(422, **gms, payment={**block, "true_up": "year_end"})
    assert field_of(response) == ["payment.true_up"]
    contract_id = await registered.active(**gms, payment=block)
    response = await registered.post(
        f"/contracts/{contract_id}/variations",
        {
            "effective_from": first_of_month(1).isoformat(),
            "changes": {"payment": {**block, "true_up": "quarterly"}},
            "reason": "r",
        },
    )
    assert field_of(response) == ["changes.payment.true_up"]
    response = await registered.propose(422, **gms, payment={**block, "true_up": "monthly"})
    assert field_of(response) == ["payment.true_up"]


async def test_a_year_end_true_up_takes_its_result_for_the_quarter_ending_31_march(
    registered: Api,
) -> None:
    payment = {
        "basis": "block",
        "schedule": "monthly_upfront_true_up",
        "annual_value_pence": 1_200_000,
        "upfront_percent": "75",
        "true_up": "year_end",
    }
    contract_id = await registered.active(
        kind="GMS",
        provider_ods=PRACTICE,
        distribution=None,
        payment=payment,
        start_date="2025-04-01",
        end_date=None,
    )
    [proposed] = await registered.outbox("gpfed.contract.proposed")
    assert proposed["payment"]["true_up"] == "year_end"
    path = f"/contracts/{contract_id}/kpi-results"
    body = {"achievement_percent": "92", "evidence": "year-end QOF"}
    for quarter in ("2025-Q2", "2025-Q3", "2025-Q4"):
        response = await registered.post(path, {**body, "quarter": quarter})
        assert field_of(response) == ["quarter"], quarter
        assert "2026-Q1" in response.json()["detail"]
    response = await registered.post(path, {**body, "quarter": "2026-Q1"})
    assert response.status_code == 201, response.text
    [event] = await registered.outbox("gpfed.contract.performance_recorded")
    assert (event["quarter"], event["payment"]["true_up"]) == ("2026-Q1", "year_end")


async def test_kpi_result_is_refused_where_no_kpi_applies(registered: Api) -> None:
    hub = await registered.active()
    body = {"quarter": this_quarter(), "achievement_percent": "90", "evidence": "e"}
    response = await registered.post(f"/contracts/{hub}/kpi-results", body)
    assert response.status_code == 409
    les = await registered.active(**LES)
    assert field_of(
        await registered.post(f"/contracts/{les}/kpi-results", {**body, "quarter": "2026-Q5"})
    ) == ["quarter"]
    assert field_of(
        await registered.post(f"/contracts/{les}/kpi-results", {**body, "quarter": "2025-Q4"})
    ) == ["quarter"]
    assert field_of(
        await registered.post(f"/contracts/{les}/kpi-results", {**body, "quarter": "2999-Q1"})
    ) == ["quarter"]
    assert field_of(
        await registered.post(
            f"/contracts/{les}/kpi-results", {**body, "achievement_percent": "101"}
        )
    ) == ["achievement_percent"]
    proposed = (await registered.propose(**LES)).json()["id"]
    assert (await registered.post(f"/contracts/{proposed}/kpi-results", body)).status_code == 409


async def test_providers_read_their_own_contracts_only(registered: Api) -> None:
    hub = await registered.active()
    les = await registered.active(**LES)
    assert (
        await registered.get(f"/contracts/{hub}", role="federation", org=FEDERATION)
    ).status_code == 200
    assert (
        await registered.get(f"/contracts/{les}", role="practice", org=PRACTICE)
    ).status_code == 200
    assert (
        await registered.get(f"/contracts/{hub}", role="practice", org=PRACTICE)
    ).status_code == 403
    assert (
        await registered.get(f"/contracts/{les}", role="practice", org=OTHER_PRACTICE)
    ).status_code == 403
    assert (
        await registered.get(f"/contracts/{les}", role="commissioner", org=OTHER_CCG)
    ).status_code == 403
    assert (
        await registered.get(f"/contracts/{les}", role="governance", org=CCG)
    ).status_code == 403
    assert (
        await registered.get(f"/contracts/{les}", role="commissioner", org=CCG)
    ).status_code == 200
    assert (await registered.get("/contracts/nope")).status_code == 404
    mine = (await registered.get("/contracts", role="practice", org=PRACTICE)).json()["items"]
    assert [c["id"] for c in mine] == [les]
    assert (
        await registered.get("/contracts", role="practice", org=PRACTICE, provider_ods=FEDERATION)
    ).json()["items"] == []


async def test_commissioners_manage_only_their_own_contracts(registered: Api) -> None:
    contract_id = await registered.active()
    body = {
        "effective_from": first_of_month(1).isoformat(),
        "changes": {"end_date": None},
        "reason": "r",
    }
    assert (
        await registered.post(f"/contracts/{contract_id}/variations", body, org=OTHER_CCG)
    ).status_code == 403
    assert (
        await registered.post(
            f"/contracts/{contract_id}/variations", body, role="federation", org=FEDERATION
        )
    ).status_code == 403
    terminate = {"effective_on": first_of_month(1).isoformat(), "reason": "r"}
    assert (
        await registered.post(f"/contracts/{contract_id}/terminate", terminate, org=OTHER_CCG)
    ).status_code == 403
    assert (await registered.get("/contracts", role="commissioner", org=OTHER_CCG)).json()[
        "items"
    ] == []


async def test_contracts_list_filters_and_pages(registered: Api) -> None:
    hub = await registered.active()
    les = await registered.active(**LES)
    proposed = (await registered.propose(**LES)).json()["id"]
    nhse = (
        await registered.propose(**LES, role="commissioner", org=NHSE, commissioner_ods=NHSE)
    ).json()["id"]

    async def ids(**params: str) -> set[str]:
        return {c["id"] for c in (await registered.get("/contracts", **params)).json()["items"]}

    assert await ids() == {hub, les, proposed, nhse}
    assert await ids(kind="HUB") == {hub}
    assert await ids(status="proposed") == {proposed, nhse}
    assert await ids(provider_ods=PRACTICE, status="active") == {les}
    assert await ids(commissioner_ods=NHSE) == {nhse}
    assert await ids(service="extended access hub") == {hub}
    assert await ids(in_force_on="2026-02-01") == {les}
    assert await ids(in_force_on=today().isoformat()) == {hub, les}
    first = (await registered.get("/contracts", limit=3)).json()
    second = (await registered.get("/contracts", limit=3, cursor=first["next_cursor"])).json()
    assert len(first["items"]) == 3 and len(second["items"]) == 1 and second["next_cursor"] is None
    commissioner_view = {
        c["id"]
        for c in (await registered.get("/contracts", role="commissioner", org=CCG)).json()["items"]
    }
    assert commissioner_view == {hub, les, proposed}
    assert (await registered.get("/contracts", status="varied")).status_code == 422


async def test_openapi_documents_every_route_with_examples(api: Api) -> None:
    spec = (await api.client.get("/openapi.json")).json()
    for path in (
        "/organisations",
        "/organisations/{ods}/list-sizes",
        "/contracts",
        "/contracts/{contract_id}",
        "/contracts/{contract_id}/variations",
        "/contracts/{contract_id}/terminate",
        "/contracts/{contract_id}/kpi-results",
        "/contracts/{contract_id}/kpi-results/{quarter}/corrections",
        "/contracts/{contract_id}/activate",
        "/contracts/expire-due",
    ):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    for name in (
        "NewOrganisation",
        "NewListSize",
        "NewContract",
        "NewVariation",
        "Termination",
        "NewKpiResult",
        "NewKpiCorrection",
        "ExpiryRun",
    ):
        assert schemas[name]["examples"], name
    assert schemas["NewContract"]["examples"][0]["kind"] == "HUB"
