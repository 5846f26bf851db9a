"""Organisations: registration by ODS code per kind, duplicates, list sizes over time."""

from __future__ import annotations

import pytest

from tests.integration.contracts.conftest import CCG, NHSE, PRACTICE, Api, field_of, today

pytestmark = pytest.mark.integration


async def test_registered_organisation_reads_back_and_publishes_registered(api: Api) -> None:
    response = await api.post(
        "/organisations", {"ods_code": "02w", "kind": "ccg", "name": "NHS Bradford City CCG"}
    )
    assert response.status_code == 201
    assert response.json()["ods_code"] == "02W"
    response = await api.post(
        "/organisations",
        {
            "ods_code": PRACTICE,
            "kind": "practice",
            "name": "Leeds Road",
            "legal_form": "partnership",
            "parent_ods": CCG,
            "list_size": 8200,
        },
    )
    assert response.status_code == 201, response.text
    got = (await api.get(f"/organisations/{PRACTICE}", role="practice", org="B99999")).json()
    assert got["kind"] == "practice" and got["parent_ods"] == CCG and got["list_size"] == 8200
    assert got["list_sizes"] == [{"effective_from": today().isoformat(), "list_size": 8200}]
    events = await api.outbox("gpfed.organisation.registered")
    assert [(e["ods_code"], e["kind"], e["list_size"]) for e in events] == [
        ("02W", "ccg", None),
        (PRACTICE, "practice", 8200),
    ]


@pytest.mark.parametrize(
    ("kind", "code"),
    [("practice", "02W"), ("practice", "B8600"), ("ccg", "B86001"), ("federation", "Y0-27")],
)
async def test_code_not_in_the_kind_format_is_422_naming_ods_code(
    api: Api, kind: str, code: str
) -> None:
    response = await api.post("/organisations", {"ods_code": code, "kind": kind, "name": "x"})
    assert field_of(response) == ["ods_code"]
    assert (
        kind in response.json()["detail"].lower() or "ods code" in response.json()["detail"].lower()
    )


async def test_duplicate_code_is_409(api: Api) -> None:
    body = {"ods_code": CCG, "kind": "ccg", "name": "NHS Bradford City CCG"}
    assert (await api.post("/organisations", body)).status_code == 201
    response = await api.post("/organisations", {**body, "name": "again"})
    assert response.status_code == 409
    assert CCG in response.json()["detail"]


async def test_only_commissioners_and_ops_register_organisations(api: Api) -> None:
    body = {"ods_code": CCG, "kind": "ccg", "name": "NHS Bradford City CCG"}
    assert (
        await api.post("/organisations", body, role="practice", org=PRACTICE)
    ).status_code == 403
    assert (await api.post("/organisations", body, role="governance", org=CCG)).status_code == 403
    assert (await api.post("/organisations", body, role="ops", org=NHSE)).status_code == 201


async def test_parent_must_be_a_registered_commissioner(api: Api) -> None:
    body = {"ods_code": PRACTICE, "kind": "practice", "name": "Leeds Road", "parent_ods": CCG}
    assert field_of(await api.post("/organisations", body)) == ["parent_ods"]
    await api.post("/organisations", {"ods_code": "B86009", "kind": "practice", "name": "p"})
    assert field_of(await api.post("/organisations", {**body, "parent_ods": "B86009"})) == [
        "parent_ods"
    ]


async def test_unknown_organisation_is_404(api: Api) -> None:
    response = await api.get("/organisations/B12345")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


async def test_list_filters_by_kind_and_pages_by_cursor(registered: Api) -> None:
    first = (await registered.get("/organisations", kind="practice", limit=1)).json()
    assert [o["ods_code"] for o in first["items"]] == ["B86001"]
    second = (
        await registered.get(
            "/organisations", kind="practice", limit=1, cursor=first["next_cursor"]
        )
    ).json()
    assert [o["ods_code"] for o in second["items"]] == ["B86002"]
    assert second["next_cursor"] is None
    everyone = (await registered.get("/organisations", role="practice", org=PRACTICE)).json()
    assert len(everyone["items"]) == 6


async def test_list_size_history_keeps_each_size_from_its_date(registered: Api) -> None:
    path = f"/organisations/{PRACTICE}/list-sizes"
    past, future = today().replace(day=1).isoformat(), "2999-01-01"
    assert (
        await registered.post(path, {"effective_from": past, "list_size": 8000})
    ).status_code == 201
    response = await registered.post(path, {"effective_from": future, "list_size": 9000})
    assert response.status_code == 201
    got = response.json()
    # The size in force today is the one from the start of the month, not next year's.
    assert got["list_size"] == 8000
    assert got["list_sizes"] == [
        {"effective_from": past, "list_size": 8000},
        {"effective_from": future, "list_size": 9000},
    ]
    updated = await registered.outbox("gpfed.organisation.updated")
    assert [(e["list_size"], e["list_size_effective_from"]) for e in updated] == [
        (8000, past),
        (9000, future),
    ]


async def test_second_list_size_for_the_same_date_is_409(registered: Api) -> None:
    path = f"/organisations/{PRACTICE}/list-sizes"
    body = {"effective_from": "2026-04-01", "list_size": 8000}
    assert (await registered.post(path, body)).status_code == 201
    assert (await registered.post(path, {**body, "list_size": 1})).status_code == 409
    assert (await registered.post(path, {**body, "list_size": -1})).status_code == 422


async def test_update_changes_name_and_publishes_updated(registered: Api) -> None:
    response = await registered.patch(
        f"/organisations/{PRACTICE}", {"name": "Leeds Road Medical Practice"}
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Leeds Road Medical Practice"
    updated = await registered.outbox("gpfed.organisation.updated")
    assert [e["name"] for e in updated] == ["Leeds Road Medical Practice"]
