"""POST /gain-shares on PostgreSQL (issue 20): the federation is paid what its alliance earned,
tier by tier, and its member practices share it by list size; one per commissioner, service and
year; the commissioner, ops and the federations named read it (a federation its own row)."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from services.payments.settings import Settings
from shared.db import Database
from shared.events.contracts import OrganisationRegistered
from shared.events.federation import SubcontractIssued
from tests.integration.payments.support import (
    COMMISSIONER,
    FEDERATION,
    OTHER_COMMISSIONER,
    PRACTICE_A,
    PRACTICE_B,
    apply,
    bearer,
    client,
    db,
    payments_url,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

OTHER_FEDERATION = "Y0F02"
YEAR_END = date(2026, 3, 31)


def _as(role: str, org: str) -> dict[str, str]:
    return {"authorization": bearer(Settings(), role, org)}


async def _members(db: Database) -> None:
    """PRACTICE_A (list size 3,000) and PRACTICE_B (1,000) members of FEDERATION at the year's
    end; OTHER_FEDERATION with none."""
    await apply(
        db, OrganisationRegistered(ods_code=OTHER_FEDERATION, kind="federation", name="Other")
    )
    for ods, size in ((PRACTICE_A, 3000), (PRACTICE_B, 1000)):
        await apply(
            db,
            OrganisationRegistered(
                ods_code=ods,
                kind="practice",
                name=ods,
                parent_ods=COMMISSIONER,
                list_size=size,
                list_size_effective_from=date(2025, 4, 1),
            ),
        )
        await apply(
            db,
            SubcontractIssued(
                subcontract_id=f"sub-{ods}",
                contract_id="hub-derm-1",
                federation_ods=FEDERATION,
                practice_ods=ods,
                roles=["delivery"],
                start_date=date(2025, 4, 1),
            ),
        )


def _body(**changes: Any) -> dict[str, Any]:
    # FEDERATION: £7.00 a head baseline, £6.40 actual; OTHER_FEDERATION £6.00, overspent. The
    # CCG average is £1,300,000 / 200,000 = £6.50 and the benchmark £6.00.
    body: dict[str, Any] = {
        "commissioner_ods": COMMISSIONER,
        "service": "dermatology",
        "year": "2025/26",
        "alliances": [
            {
                "federation_ods": FEDERATION,
                "weighted_population": 100_000,
                "baseline_spend_pence": 70_000_000,
                "actual_spend_pence": 64_000_000,
            },
            {
                "federation_ods": OTHER_FEDERATION,
                "weighted_population": 100_000,
                "baseline_spend_pence": 60_000_000,
                "actual_spend_pence": 61_000_000,
            },
        ],
    }
    return {**body, **changes}


async def test_a_gain_share_pays_the_federation_and_its_practices_by_list_size(
    db: Database, client: httpx.AsyncClient
) -> None:
    await _members(db)
    # OTHER_FEDERATION earns nothing, so needs no members.
    answer = await client.post("/gain-shares", json=_body())
    assert answer.status_code == 201, answer.text
    found = answer.json()
    assert (found["average_per_head_pence"], found["benchmark_per_head_pence"]) == (
        "650.00",
        "600.00",
    )
    mine, other = found["alliances"]
    assert (mine["saving_pence"], mine["earned_pence"]) == (6_000_000, 1_750_000)
    assert [
        (t["tier"], t["saving_pence"], t["share_percent"], t["earned_pence"]) for t in mine["tiers"]
    ] == [
        ("above_average", 5_000_000, 25, 1_250_000),
        ("average_to_benchmark", 1_000_000, 50, 500_000),
        ("below_benchmark", 0, 75, 0),
    ]
    assert [(p["practice_ods"], p["weight"], p["share_pence"]) for p in mine["practices"]] == [
        (PRACTICE_A, 3000, 1_312_500),
        (PRACTICE_B, 1000, 437_500),
    ]
    assert (other["earned_pence"], other["payment_transaction_id"]) == (0, None)

    ops = _as("ops", "X24")
    federation = (await client.get(f"/accounts/{FEDERATION}", headers=ops)).json()
    assert {a["account"]: a["balance_pence"] for a in federation["accounts"]} == {
        f"federation:{FEDERATION}": 0
    }
    commissioner = (await client.get(f"/accounts/{COMMISSIONER}", headers=ops)).json()
    assert commissioner["accounts"] == [
        {"account": f"commissioner:{COMMISSIONER}", "balance_pence": -1_750_000}
    ]
    statement = (
        await client.get(f"/statements/{PRACTICE_A}/2026-03", headers=_as("practice", PRACTICE_A))
    ).json()
    assert statement["total_pence"] == 1_312_500
    assert statement["lines"][0]["basis"] == "gain_share"
    assert "share of £17,500.00 by list size, 3000 of 4000" in statement["lines"][0]["memo"]
    paid = (await client.get(f"/statements/{FEDERATION}/2026-03", headers=ops)).json()["lines"]
    assert "£50,000.00 saved above the CCG average at 25% = £12,500.00" in paid[0]["memo"]
    trial = (await client.get("/ledger/trial-balance", headers=ops)).json()
    assert trial["balanced"] is True

    async with db.unit_of_work() as uow:
        outbox = db.table("outbox")
        types = (await uow.session.execute(select(outbox.c.ce_type))).scalars().all()
    assert list(types).count("gpfed.gain_share.paid") == 1


async def test_one_gain_share_per_commissioner_service_and_year(
    db: Database, client: httpx.AsyncClient
) -> None:
    await _members(db)
    assert (await client.post("/gain-shares", json=_body())).status_code == 201
    again = await client.post("/gain-shares", json=_body())
    assert again.status_code == 409
    assert (
        await client.post("/gain-shares", json=_body(service="ophthalmology"))
    ).status_code == 201
    ops = _as("ops", "X24")
    balance = (await client.get(f"/accounts/{COMMISSIONER}", headers=ops)).json()["accounts"]
    assert balance[0]["balance_pence"] == -2 * 1_750_000


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": "2026/27"}, ["body", "year"]),  # not ended
        ({"year": "2025/27"}, ["body", "year"]),
        ({"alliances": []}, ["body", "alliances"]),
    ],
)
async def test_a_year_not_ended_or_nonsense_is_a_422(
    db: Database, client: httpx.AsyncClient, changes: dict[str, Any], field: list[str]
) -> None:
    await _members(db)
    answer = await client.post("/gain-shares", json=_body(**changes))
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"][: len(field)] == field


async def test_an_earning_federation_without_known_members_is_a_422_naming_it(
    db: Database, client: httpx.AsyncClient
) -> None:
    await _members(db)
    body = _body()
    body["alliances"][1]["actual_spend_pence"] = 50_000_000
    answer = await client.post("/gain-shares", json=body)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["body", "alliances", 1, "federation_ods"]
    body["alliances"][1]["federation_ods"] = "Y0F99"
    unknown = await client.post("/gain-shares", json=body)
    assert unknown.json()["errors"][0]["loc"] == ["body", "alliances", 1, "federation_ods"]


async def test_the_commissioner_ops_and_each_federation_named_read_it(
    db: Database, client: httpx.AsyncClient
) -> None:
    await _members(db)
    other = _as("commissioner", OTHER_COMMISSIONER)
    refused = await client.post("/gain-shares", json=_body(), headers=other)
    assert refused.status_code == 403
    made = (await client.post("/gain-shares", json=_body())).json()
    gain_id = made["gain_share_id"]
    assert (await client.get(f"/gain-shares/{gain_id}")).json()["alliances"] == made["alliances"]
    theirs = (
        await client.get(f"/gain-shares/{gain_id}", headers=_as("federation", FEDERATION))
    ).json()
    assert [a["federation_ods"] for a in theirs["alliances"]] == [FEDERATION]
    assert (await client.get(f"/gain-shares/{gain_id}", headers=other)).status_code == 403
    practice = _as("practice", PRACTICE_A)
    assert (await client.get(f"/gain-shares/{gain_id}", headers=practice)).status_code == 403
    assert (await client.get("/gain-shares/gs_nothing")).status_code == 404

    await client.post("/gain-shares", json=_body(service="ophthalmology"))
    first = (await client.get("/gain-shares", params={"limit": 1})).json()
    second = (
        await client.get("/gain-shares", params={"limit": 1, "cursor": first["next_cursor"]})
    ).json()
    assert [first["items"][0]["service"], second["items"][0]["service"]] == [
        "ophthalmology",
        "dermatology",
    ]
    assert second["next_cursor"] is None
    listed = (await client.get("/gain-shares", headers=_as("federation", OTHER_FEDERATION))).json()
    assert [len(g["alliances"]) for g in listed["items"]] == [1, 1]
    assert (await client.get("/gain-shares", headers=other)).json()["items"] == []
