"""GET /payment-runs: newest first, paginated, a commissioner sees only its own runs."""

from __future__ import annotations

import httpx
import pytest

from services.payments.settings import Settings
from shared.db import Database
from tests.integration.payments.support import (
    OTHER_COMMISSIONER,
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


async def test_payment_runs_are_listed_newest_first_a_page_at_a_time(
    db: Database, client: httpx.AsyncClient
) -> None:
    for event in (hub_activated(), admin_subcontract(), period_closed()):
        await apply(db, event)
    ids = []
    for _ in range(3):
        ids.append(
            (await client.post("/payment-runs", json={"period": "2026-10"})).json()["run_id"]
        )
    first = (await client.get("/payment-runs", params={"limit": 2})).json()
    assert [r["run_id"] for r in first["items"]] == [ids[2], ids[1]]
    assert first["next_cursor"]
    second = (
        await client.get("/payment-runs", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    assert [r["run_id"] for r in second["items"]] == [ids[0]]
    assert second["next_cursor"] is None
    # Only the first run paid anything: a repeated run pays nothing new.
    assert [(r["payments"], r["paid_pence"]) for r in second["items"]] == [(1, 258000)]
    assert [r["payments"] for r in first["items"]] == [0, 0]


async def test_a_commissioner_sees_only_its_own_runs_and_bad_input_is_a_422(
    db: Database, client: httpx.AsyncClient
) -> None:
    await client.post("/payment-runs", json={"period": "2026-10"})
    other = {"authorization": bearer(Settings(), "commissioner", OTHER_COMMISSIONER)}
    assert (await client.get("/payment-runs", headers=other)).json()["items"] == []
    ops = {"authorization": bearer(Settings(), "ops", "X24")}
    assert len((await client.get("/payment-runs", headers=ops)).json()["items"]) == 1
    practice = {"authorization": bearer(Settings(), "practice", "A81001")}
    assert (await client.get("/payment-runs", headers=practice)).status_code == 403
    bad = await client.get("/payment-runs", params={"period": "2026-13"})
    assert bad.status_code == 422
    cursor = await client.get("/payment-runs", params={"cursor": "WyJ4Il0="})  # ["x"]
    assert cursor.status_code == 422
    assert (await client.get("/payment-runs", params={"period": "2026-10"})).json()["items"]
