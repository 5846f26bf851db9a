"""PRIME (issue 16 point 4; Commissioning and funding general practice, "Additional and tendered
services"): the commissioner pays the prime provider, and the prime pays its subcontractors from its
own account by their own terms; the double-funding check follows the chain."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from shared.db import Database
from shared.events.contracts import ContractActivated, PaymentTerms
from tests.integration.payments.support import (
    COMMISSIONER,
    PRACTICE_A,
    apply,
    balances,
    client,
    db,
    hub_activated,
    payments_url,
    run,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

PRIME, SUB, DIRECT, PRIME_PROVIDER = "prime-msk", "sub-msk", "direct-msk", "RAE"
PATHWAY = "MSK pathway"


def block(annual: int) -> PaymentTerms:
    return PaymentTerms(basis="block", schedule="monthly", annual_value_pence=annual)


def prime() -> ContractActivated:
    return hub_activated(
        contract_id=PRIME,
        kind="PRIME",
        provider_ods=PRIME_PROVIDER,
        service=PATHWAY,
        payment=block(2_400_000),
        distribution=None,
    )


def subcontract(**overrides: object) -> ContractActivated:
    values: dict[str, object] = {
        "contract_id": SUB,
        "kind": "APMS",
        "provider_ods": PRACTICE_A,
        "service": "MSK physiotherapy",
        "payment": block(600_000),
        "distribution": None,
        "parent_contract_id": PRIME,
        "end_date": date(2027, 3, 31),
    }
    return hub_activated(**{**values, **overrides})


def payments(response: dict[str, object]) -> list[tuple[str, str, str, int]]:
    return [
        (p["contract_id"], p["payer_ods"], p["payee_ods"], p["amount_pence"])
        for p in response["payments"]  # type: ignore[attr-defined]
    ]


async def test_the_commissioner_pays_the_prime_and_the_prime_pays_its_subcontractor(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, subcontract())  # before the prime is known: it waits, it is not paid
    september = await run(client, "2026-09")
    assert payments(september) == []
    assert [(w["contract_id"], w["reason"]) for w in september["waiting_for"]] == [
        (SUB, "prime_not_known")
    ]
    await apply(db, prime())
    october = await run(client, "2026-10")
    assert payments(october) == [
        (PRIME, COMMISSIONER, PRIME_PROVIDER, 200_000),
        (SUB, PRIME_PROVIDER, PRACTICE_A, 50_000),
        (SUB, PRIME_PROVIDER, PRACTICE_A, 50_000),
    ]
    assert [p["period"] for p in october["payments"]] == ["2026-10", "2026-09", "2026-10"]
    assert await balances(client, COMMISSIONER) == {f"commissioner:{COMMISSIONER}": -200_000}
    assert await balances(client, PRIME_PROVIDER) == {f"provider:{PRIME_PROVIDER}": 100_000}
    assert await balances(client, PRACTICE_A) == {f"provider:{PRACTICE_A}": 100_000}
    assert (await client.get("/ledger/trial-balance")).json()["balanced"] is True


async def test_double_funding_is_flagged_through_a_prime_chain(
    db: Database, client: httpx.AsyncClient
) -> None:
    await apply(db, prime())
    await apply(db, subcontract())
    # The commissioner also contracts A81001 directly for the prime's pathway.
    direct = subcontract(contract_id=DIRECT, parent_contract_id=None, service=PATHWAY)
    await apply(db, direct)
    flags = {
        p["contract_id"]: p["double_funding_contract_ids"]
        for p in (await run(client, "2026-10"))["payments"]
    }
    assert flags == {DIRECT: [], PRIME: [], SUB: [DIRECT]}
