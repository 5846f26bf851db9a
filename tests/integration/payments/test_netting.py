"""A hub loss gives negative shares: carried as sums owed, netted against the next distribution."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from services.payments.settings import Settings
from shared.db import Database
from shared.events.contracts import ContractVaried, PaymentTerms, Tariff
from tests.integration.payments.support import (
    ADMIN,
    FEDERATION,
    HUB,
    PRACTICE_A,
    PRACTICE_B,
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

CHEAP = PaymentTerms(
    basis="tariff", schedule="monthly", tariff=Tariff(first_pence=1000, follow_up_pence=1000)
)


async def balances(client: httpx.AsyncClient, ods: str) -> dict[str, int]:
    ops = {"authorization": bearer(Settings(), "ops", "X24")}
    got = (await client.get(f"/accounts/{ods}", headers=ops)).json()
    return {a["account"]: a["balance_pence"] for a in got["accounts"]}


async def distribute(client: httpx.AsyncClient, period: str) -> dict[str, dict[str, Any]]:
    response = await client.post("/payment-runs", json={"period": period})
    [completed] = response.json()["distributions"]
    return {line["practice_ods"]: line for line in completed["lines"]}


async def test_a_negative_share_is_carried_as_owed_and_netted_against_the_next_distribution(
    db: Database, client: httpx.AsyncClient
) -> None:
    # October at a tariff far below the costs: a loss, shared as negative shares.
    await apply(db, hub_activated(payment=CHEAP))
    dearer = hub_activated().model_dump() | {"effective_from": date(2026, 11, 1)}
    await apply(db, ContractVaried(**dearer))
    await apply(db, admin_subcontract())
    await apply(db, period_closed("2026-10"))
    await apply(db, period_closed("2026-11"))

    october = await distribute(client, "2026-10")
    for ods in (PRACTICE_A, PRACTICE_B):
        line = october[ods]
        assert line["total_pence"] < 0
        assert (line["carried_pence"], line["netted_pence"]) == (-line["total_pence"], 0)
    assert october[ADMIN]["carried_pence"] == 0
    owed_a = october[PRACTICE_A]["carried_pence"]
    # The practice's own account is not debited: the sum owed is held apart, visibly.
    assert await balances(client, PRACTICE_A) == {f"owed:{PRACTICE_A}": -owed_a}

    november = await distribute(client, "2026-11")
    line = november[PRACTICE_A]
    assert (line["total_pence"], line["netted_pence"]) == (143288, owed_a)
    assert await balances(client, PRACTICE_A) == {
        f"owed:{PRACTICE_A}": 0,
        f"provider:{PRACTICE_A}": 143288 - owed_a,
    }
    statement = (
        await client.get(
            f"/statements/{PRACTICE_A}/2026-11",
            headers={"authorization": bearer(Settings(), "ops", "X24")},
        )
    ).json()
    memos = {(s["account"], s["memo"], s["amount_pence"]) for s in statement["lines"]}
    assert (f"owed:{PRACTICE_A}", "netted against sum owed", owed_a) in memos
    assert statement["total_pence"] == 143288
    trial = (await client.get("/ledger/trial-balance")).json()
    assert trial["balanced"] is True
    fed = await balances(client, FEDERATION)
    assert set(fed) == {f"federation:{FEDERATION}"}


async def test_a_sum_owed_from_one_hub_is_netted_by_the_next_hub_of_the_federation_in_one_run(
    db: Database, client: httpx.AsyncClient
) -> None:
    # Two hubs of one federation distributed by the same run, in contract id order: the first
    # (at a loss) carries negative shares, the second nets them (the run batches its
    # distributions, so it must carry the sums owed from one to the next itself).
    second = "hub-derm-2"
    await apply(db, hub_activated(payment=CHEAP))
    await apply(db, hub_activated(contract_id=second))
    for contract_id in (HUB, second):
        admin = admin_subcontract().model_copy(
            update={"subcontract_id": f"admin-{contract_id}", "contract_id": contract_id}
        )
        await apply(db, admin)
        await apply(db, period_closed("2026-10").model_copy(update={"contract_id": contract_id}))

    run = (await client.post("/payment-runs", json={"period": "2026-10"})).json()
    first, then = ({x["practice_ods"]: x for x in d["lines"]} for d in run["distributions"])
    assert [d["contract_id"] for d in run["distributions"]] == [HUB, second]
    for ods in (PRACTICE_A, PRACTICE_B):
        carried = first[ods]["carried_pence"]
        assert carried == -first[ods]["total_pence"] > 0
        assert (then[ods]["netted_pence"], then[ods]["carried_pence"]) == (carried, 0)
        assert await balances(client, ods) == {
            f"owed:{ods}": 0,
            f"provider:{ods}": then[ods]["total_pence"] - carried,
        }
    assert (await client.get("/ledger/trial-balance")).json()["balanced"] is True
