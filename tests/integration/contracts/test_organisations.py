"""Organisations: registration by ODS code per kind, duplicates, list sizes over time."""

from __future__ import annotations

import pytest

from tests.integration.contracts.conftest import (
    CCG,
    NHSE,
    OTHER_CCG,
    PRACTICE,
    Api,
    field_of,
    today,
)

pytestmark = pytest.mark.integration


async def test_registered_organisation_reads_back_and_publishes_registered(api: Api) -> None:
    response = await api.post(
        "/organisations",
        {"ods_code": "02w", "kind": "ccg", "name": "NHS Bradford City CCG"},
        role="ops",
        org=NHSE,
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
    got = (await api.get(f"/organisations/{PRACTICE}", role="practice", org=PRACTICE)).json()
    assert got["kind"] == "practice" and got["parent_ods"] == CCG and got["list_size"] == 8200
    assert got["list_sizes"] == [{"effective_from": today().isoformat(), "list_size": 8200}]
    events = await api.outbox("gpfed.organisation.registered")
    assert [
        (e["ods_code"], e["kind"], e["list_size"], e["list_size_effective_from"]) for e in events
    ] == [("02W", "ccg", None, None), (PRACTICE, "practice", 8200, today().isoformat())]


async def test_every_list_size_published_carries_the_date_it_takes_effect(
    registered: Api,
) -> None:
    # Registered with a size from a future date: published with that size and that date (not
    # as the size in force today, which there is none of yet).
    response = await registered.post(
        "/organisations",
        {
            "ods_code": "B86020",
            "kind": "practice",
            "name": "Moor Lane",
            "list_size": 5100,
            "list_size_effective_from": "2999-04-01",
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["list_size"] is None
    path = f"/organisations/{PRACTICE}"
    assert (
        await registered.post(
            f"{path}/list-sizes", {"effective_from": "2026-04-01", "list_size": 8100}
        )
    ).status_code == 201
    assert (await registered.patch(path, {"name": "Leeds Road MP"})).status_code == 200
    assert (await registered.patch("/organisations/B86002", {"name": "Valley"})).status_code == 200
    published = [
        (e["type"], e["ods_code"], e["list_size"], e["list_size_effective_from"])
        for e in await registered.outbox()
        if e["type"].startswith("gpfed.organisation.")
        and e["ods_code"] in {"B86020", PRACTICE, "B86002"}
    ]
    assert published == [
        ("gpfed.organisation.registered", PRACTICE, None, None),
        ("gpfed.organisation.registered", "B86002", None, None),
        ("gpfed.organisation.registered", "B86020", 5100, "2999-04-01"),
        ("gpfed.organisation.updated", PRACTICE, 8100, "2026-04-01"),
        # A change of details restates the size in force today, with its own date.
        ("gpfed.organisation.updated", PRACTICE, 8100, "2026-04-01"),
        ("gpfed.organisation.updated", "B86002", None, None),
    ]


@pytest.mark.parametrize(
    ("kind", "code"),
    [("practice", "02W"), ("practice", "B8600"), ("ccg", "B86001"), ("federation", "Y0-27")],
)
async def test_code_not_in_the_kind_format_is_422_naming_ods_code(
    api: Api, kind: str, code: str
) -> None:
    body = {"ods_code": code, "kind": kind, "name": "x"}
    response = await api.post("/organisations", body, role="ops", org=NHSE)
    assert field_of(response) == ["ods_code"]
    assert (
        kind in response.json()["detail"].lower() or "ods code" in response.json()["detail"].lower()
    )


async def test_duplicate_code_is_409(api: Api) -> None:
    body = {"ods_code": CCG, "kind": "ccg", "name": "NHS Bradford City CCG"}
    assert (await api.post("/organisations", body, role="ops", org=NHSE)).status_code == 201
    response = await api.post("/organisations", {**body, "name": "again"}, role="ops", org=NHSE)
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
    as_ops = {"role": "ops", "org": NHSE}
    assert field_of(await api.post("/organisations", body, **as_ops)) == ["parent_ods"]
    practice = {"ods_code": "B86009", "kind": "practice", "name": "p"}
    await api.post("/organisations", practice, **as_ops)
    moved = {**body, "parent_ods": "B86009"}
    assert field_of(await api.post("/organisations", moved, **as_ops)) == ["parent_ods"]


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


async def test_a_commissioner_registers_organisations_only_under_itself(registered: Api) -> None:
    practice = {"ods_code": "B86010", "kind": "practice", "name": "Moor Lane"}
    response = await registered.post("/organisations", practice)
    assert response.status_code == 201, response.text
    assert response.json()["parent_ods"] == CCG  # the caller, by default
    elsewhere = {**practice, "ods_code": "B86011", "parent_ods": OTHER_CCG}
    response = await registered.post("/organisations", elsewhere)
    assert response.status_code == 403
    assert f"not under {OTHER_CCG}" in response.json()["detail"]
    assert (await registered.get("/organisations/B86011")).status_code == 404


async def test_only_ops_registers_a_commissioner(registered: Api) -> None:
    body = {"ods_code": "05Q", "kind": "ccg", "name": "NHS Somewhere CCG"}
    response = await registered.post("/organisations", body)
    assert response.status_code == 403
    assert "only ops registers a ccg" in response.json()["detail"]
    nhse = {"ods_code": "Y56", "kind": "nhse", "name": "NHS England North"}
    assert (await registered.post("/organisations", nhse)).status_code == 403
    assert (await registered.post("/organisations", body, role="ops", org=NHSE)).status_code == 201


async def test_another_commissioners_practice_cannot_be_changed(registered: Api) -> None:
    """A commissioner once changed the list size and parent of another's practice, and its
    per-head payments under the other's contracts followed."""
    as_other = {"role": "commissioner", "org": OTHER_CCG}
    sizes = f"/organisations/{PRACTICE}/list-sizes"
    response = await registered.post(
        sizes, {"effective_from": "2026-04-01", "list_size": 100_000_000}, **as_other
    )
    assert response.status_code == 403
    assert f"registered under {CCG}" in response.json()["detail"]
    response = await registered.patch(
        f"/organisations/{PRACTICE}", {"parent_ods": OTHER_CCG, "name": "Mine now"}, **as_other
    )
    assert response.status_code == 403
    got = (await registered.get(f"/organisations/{PRACTICE}")).json()
    assert (got["parent_ods"], got["name"], got["list_sizes"]) == (CCG, "Leeds Road", [])
    assert await registered.outbox("gpfed.organisation.updated") == []


async def test_the_parent_commissioner_changes_its_practice_but_only_ops_moves_it(
    registered: Api,
) -> None:
    path = f"/organisations/{PRACTICE}"
    assert (await registered.patch(path, {"name": "Leeds Road MP"})).status_code == 200
    sizes = {"effective_from": "2026-04-01", "list_size": 8100}
    assert (await registered.post(f"{path}/list-sizes", sizes)).status_code == 201
    response = await registered.patch(path, {"parent_ods": OTHER_CCG})
    assert response.status_code == 403
    assert "only ops moves" in response.json()["detail"]
    moved = await registered.patch(path, {"parent_ods": OTHER_CCG}, role="ops", org=NHSE)
    assert moved.status_code == 200 and moved.json()["parent_ods"] == OTHER_CCG
    # Now 03A's: 02W no longer changes it.
    assert (await registered.patch(path, {"name": "x"})).status_code == 403
    assert (
        await registered.patch(path, {"name": "x"}, role="commissioner", org=OTHER_CCG)
    ).status_code == 200
