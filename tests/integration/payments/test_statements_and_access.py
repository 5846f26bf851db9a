"""Statements (JSON and CSV), account access by role and organisation, and input validation."""

from __future__ import annotations

import httpx
import pytest

from services.payments.settings import Settings
from shared.db import Database
from tests.integration.payments.support import (
    ADMIN,
    COMMISSIONER,
    FEDERATION,
    HUB,
    PRACTICE_A,
    admin_subcontract,
    apply,
    bearer,
    client,
    db,
    hub_activated,
    payments_url,
    period_closed,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures


async def _paid_hub(db: Database, client: httpx.AsyncClient) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    assert (await client.post("/payment-runs", json={"period": "2026-10"})).status_code == 200


def _as(role: str, org: str) -> dict[str, str]:
    return {"authorization": bearer(Settings(), role, org)}


async def test_a_practice_statement_lists_its_hub_share_with_consultations(
    db: Database, client: httpx.AsyncClient
) -> None:
    await _paid_hub(db, client)
    response = await client.get(
        f"/statements/{PRACTICE_A}/2026-10", headers=_as("practice", PRACTICE_A)
    )
    assert response.status_code == 200
    statement = response.json()
    assert statement["total_pence"] == 143288
    [line] = statement["lines"]
    assert (line["contract_id"], line["consultations"], line["amount_pence"]) == (HUB, 15, 143288)


async def test_a_statement_is_csv_when_asked(db: Database, client: httpx.AsyncClient) -> None:
    await _paid_hub(db, client)
    for kwargs in ({"headers": {"accept": "text/csv"}}, {"params": {"format": "csv"}}):
        response = await client.get(f"/statements/{COMMISSIONER}/2026-10", **kwargs)  # type: ignore[arg-type]
        assert response.headers["content-type"].startswith("text/csv")
        rows = response.text.strip().splitlines()
        assert rows[0].startswith("transaction_id,contract_id,basis")
        assert rows[-1].startswith("total,") and ",-258000," in rows[-1]


async def test_a_federation_sees_its_members_but_a_practice_sees_only_itself(
    db: Database, client: httpx.AsyncClient
) -> None:
    await _paid_hub(db, client)
    federation = _as("federation", FEDERATION)
    assert (await client.get(f"/accounts/{ADMIN}", headers=federation)).status_code == 200
    practice = _as("practice", PRACTICE_A)
    assert (await client.get(f"/accounts/{ADMIN}", headers=practice)).status_code == 403
    assert (await client.get(f"/statements/{ADMIN}/2026-10", headers=practice)).status_code == 403


async def test_only_commissioners_and_ops_run_payments(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/payment-runs", json={"period": "2026-10"}, headers=_as("practice", PRACTICE_A)
    )
    assert response.status_code == 403


async def test_a_bad_period_is_a_422_naming_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/payment-runs", json={"period": "2026-13"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["period"]
    response = await client.get("/distributions", params={"contract_id": HUB, "period": "Oct"})
    assert response.status_code == 422


async def test_an_unknown_contract_has_no_distribution(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/distributions", params={"contract_id": "nope", "period": "2026-10"}
    )
    assert response.status_code == 404
