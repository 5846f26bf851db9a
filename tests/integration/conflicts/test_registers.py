"""Registers of interests and of gifts, compliance and the public registers, on PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import httpx
import pytest

from services.conflicts.settings import Settings
from shared.auth import mint_token
from tests.integration.conflicts.support import person, post

pytestmark = pytest.mark.integration


def _gift(kind: str, pence: int, supplier: bool = False) -> dict[str, object]:
    return {
        "kind": kind,
        "source": "Acme Pharma",
        "source_is_supplier": supplier,
        "value_pence": pence,
        "received_on": "2026-11-02",
        "accepted": True,
    }


async def test_thirty_pound_hospitality_is_declarable_and_eighty_needs_approval(
    client: httpx.AsyncClient,
) -> None:
    pid = await person(client, "Dr A")
    cases = [
        (2499, False, True, False),
        (2500, True, True, False),
        (3000, True, True, False),
        (7500, True, True, False),
        (7501, True, False, True),
        (8000, True, False, True),
    ]
    for pence, declarable, acceptable, approval in cases:
        verdict = await post(client, f"/people/{pid}/gifts", _gift("hospitality", pence))
        assert (verdict["declarable"], verdict["acceptable"], verdict["needs_approval"]) == (
            declarable, acceptable, approval,
        ), pence  # fmt: skip
    supplier = await post(client, f"/people/{pid}/gifts", _gift("gift", 601, supplier=True))
    assert (supplier["acceptable"], supplier["declarable"]) == (False, True)


async def test_public_register_csv_excludes_unpublished_and_non_decision_making_entries(
    client: httpx.AsyncClient,
) -> None:
    gp = await person(client, "Dr Decider")
    clerk = await person(client, "Clerk", decision_making=False)

    def interest(description: str, **kw: object) -> dict[str, object]:
        return {
            "category": "financial",
            "description": description,
            "organisation_ods": "B86001",
            "held_by": "self",
            "start_date": "2026-01-01",
            "publish": True,
            **kw,
        }

    await post(client, f"/people/{gp}/declarations", interest("Partner at the surgery"))
    await post(
        client,
        f"/people/{gp}/declarations",
        interest("Spouse is a director", held_by="family", publish=False),
    )
    ended = (date.today() - timedelta(days=200)).isoformat()
    await post(
        client,
        f"/people/{gp}/declarations",
        interest("Old shareholding", start_date="2020-01-01", end_date=ended),
    )
    await post(client, f"/people/{gp}/declarations", {"nil": True})
    await post(client, f"/people/{clerk}/declarations", interest("Clerk's own interest"))

    public = httpx.Headers()  # no token
    response = await client.get(
        "/public/registers/interests", params={"format": "csv"}, headers={"authorization": ""}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["name"], r["description"], r["held_by"]) for r in rows] == [
        ("Dr Decider", "Partner at the surgery", "self")
    ]
    as_json = (await client.get("/public/registers/interests", headers=public)).json()
    assert [i["description"] for i in as_json["items"]] == ["Partner at the surgery"]
    page = await client.get("/public/registers/interests", params={"format": "html"})
    assert "<table>" in page.text and "Spouse" not in page.text


async def test_public_registers_of_gifts_and_anonymised_breaches(
    client: httpx.AsyncClient,
) -> None:
    gp = await person(client, "Dr Decider")
    await post(client, f"/people/{gp}/gifts", _gift("hospitality", 3000))
    await post(client, f"/people/{gp}/gifts", {**_gift("gift", 100), "publish": False})
    await post(
        client,
        "/breaches",
        {
            "occurred_on": "2026-10-01",
            "summary": "Undeclared interest found",
            "action_taken": "Vote re-run",
        },
    )
    gifts = (await client.get("/public/registers/gifts", headers={"authorization": ""})).json()
    assert [(g["name"], g["value_pence"], g["declarable"]) for g in gifts["items"]] == [
        ("Dr Decider", 3000, True)
    ]
    breaches = (await client.get("/public/registers/breaches")).json()["items"]
    assert [b["summary"] for b in breaches] == ["Undeclared interest found"]
    assert "person_id" not in breaches[0] and "name" not in breaches[0]


async def test_overdue_is_who_has_not_declared_within_28_days_of_appointment(
    client: httpx.AsyncClient,
) -> None:
    long_ago = (date.today() - timedelta(days=40)).isoformat()
    late = await person(client, "Late", appointed_on=long_ago)
    ontime = await person(client, "On time", appointed_on=long_ago)
    await person(client, "New")  # appointed today: not yet due
    await post(client, f"/people/{ontime}/declarations", {"nil": True})  # declared today: late too
    found = (await client.get("/compliance/overdue")).json()["items"]
    assert sorted(f["name"] for f in found) == ["Late", "On time"]
    assert {f["person_id"] for f in found} == {late, ontime}
    assert all(f["reasons"][0].startswith("no declaration within 28 days") for f in found)


async def test_an_interest_without_its_fields_is_a_422_naming_them(
    client: httpx.AsyncClient,
) -> None:
    pid = await person(client, "Dr A")
    response = await client.post(f"/people/{pid}/declarations", json={"category": "financial"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["description", "start_date"]
    missing = await client.post("/people/nobody/declarations", json={"nil": True})
    assert missing.status_code == 404


async def test_only_governance_manages_registers(client: httpx.AsyncClient) -> None:
    practice = "Bearer " + mint_token(Settings(), role="practice", org="B86001")
    response = await client.post(
        "/people",
        json={"name": "X", "roles": [], "decision_making": True, "affiliations": []},
        headers={"authorization": practice},
    )
    assert response.status_code == 403
    ops = "Bearer " + mint_token(Settings(), role="ops", org="X24")
    response = await client.post(
        "/people",
        json={"name": "X", "roles": [], "decision_making": True, "affiliations": []},
        headers={"authorization": ops},
    )
    assert response.status_code == 201
