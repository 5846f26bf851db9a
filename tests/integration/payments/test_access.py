"""Who sees which postings, distribution lines and trial balances (docs/security.md, "payments"
and "Relations").

October 2026, paid: 02W's hub (run by federation Y0F01; A81001 subcontracted on it, B82002 and
C83003 with lines too) and 02W's GMS contract with A81001, and 99X's LES with A81001. So
A81001's account holds three postings, each from a different relation:

    GMS (02W)                 100,000
    hub distribution (02W)    143,288   (the README's worked example)
    LES (99X)                  50,000
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from services.payments.settings import Settings
from shared.db import Database
from shared.events.contracts import OrganisationRegistered, PaymentTerms
from shared.events.federation import SubcontractIssued
from tests.integration.payments.support import (
    ADMIN,
    COMMISSIONER,
    FEDERATION,
    HUB,
    OTHER_COMMISSIONER,
    PRACTICE_A,
    PRACTICE_B,
    STRANGER_COMMISSIONER,
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

PERIOD = "2026-10"
GMS, LES = "gms-a81001", "les-a81001"
GMS_PAID, HUB_SHARE_A, LES_PAID = 100_000, 143_288, 50_000
HUB_INCOME, HUB_LINES = 258_000, {PRACTICE_A: 143_288, PRACTICE_B: 45_262, ADMIN: 56_000}
# A federation that holds no hub A81001 is subcontracted on, and a practice in no hub.
OTHER_FEDERATION, LONE_PRACTICE = "Y0F02", "D84004"


def _as(role: str, org: str) -> dict[str, str]:
    return {"authorization": bearer(Settings(), role, org)}


def _block(annual_pence: int) -> PaymentTerms:
    return PaymentTerms(basis="block", schedule="monthly", annual_value_pence=annual_pence)


@pytest.fixture
async def paid(db: Database, client: httpx.AsyncClient) -> None:
    for event in (
        OrganisationRegistered(
            ods_code=OTHER_FEDERATION, kind="federation", name="F", parent_ods=COMMISSIONER
        ),
        OrganisationRegistered(
            ods_code=LONE_PRACTICE, kind="practice", name="P", parent_ods=COMMISSIONER
        ),
        hub_activated(),
        hub_activated(
            contract_id=GMS,
            kind="GMS",
            provider_ods=PRACTICE_A,
            service="general medical services",
            payment=_block(12 * GMS_PAID),
            distribution=None,
        ),
        hub_activated(
            contract_id=LES,
            kind="LES",
            commissioner_ods=OTHER_COMMISSIONER,
            provider_ods=PRACTICE_A,
            service="anticoagulation",
            payment=_block(12 * LES_PAID),
            distribution=None,
        ),
        admin_subcontract(),
        SubcontractIssued(
            subcontract_id="sub-a",
            contract_id=HUB,
            federation_ods=FEDERATION,
            practice_ods=PRACTICE_A,
            roles=["delivery", "premises"],
            start_date=date(2026, 4, 1),
        ),
        period_closed(),
    ):
        await apply(db, event)
    for commissioner in (COMMISSIONER, OTHER_COMMISSIONER):
        run = await client.post(
            "/payment-runs", json={"period": PERIOD}, headers=_as("commissioner", commissioner)
        )
        assert run.status_code == 200, run.text


async def _account(
    client: httpx.AsyncClient, ods: str, headers: dict[str, str], **params: Any
) -> dict[str, Any]:
    response = await client.get(f"/accounts/{ods}", headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _balances(account: dict[str, Any]) -> dict[str, int]:
    return {a["account"]: a["balance_pence"] for a in account["accounts"]}


def _paid_by(lines: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return sorted((line["contract_id"], line["amount_pence"]) for line in lines)


def _csv(response: httpx.Response) -> tuple[list[tuple[str, int]], int]:
    """The CSV statement's lines (contract, amount) and its total row."""
    assert response.headers["content-type"].startswith("text/csv")
    *rows, total = csv.DictReader(io.StringIO(response.text))
    assert total["transaction_id"] == "total"
    lines = [(row["contract_id"], int(row["amount_pence"])) for row in rows]
    return sorted(lines), int(total["amount_pence"])


@pytest.mark.usefixtures("paid")
async def test_a_federation_sees_only_its_hubs_postings_to_a_practice_and_balances_over_those(
    client: httpx.AsyncClient,
) -> None:
    federation = _as("federation", FEDERATION)
    account = await _account(client, PRACTICE_A, federation)
    assert _balances(account) == {f"provider:{PRACTICE_A}": HUB_SHARE_A}
    assert _paid_by(account["postings"]["items"]) == [(HUB, HUB_SHARE_A)]

    statement = await client.get(f"/statements/{PRACTICE_A}/{PERIOD}", headers=federation)
    assert statement.status_code == 200
    assert statement.json()["total_pence"] == HUB_SHARE_A
    assert _paid_by(statement.json()["lines"]) == [(HUB, HUB_SHARE_A)]
    as_csv = await client.get(
        f"/statements/{PRACTICE_A}/{PERIOD}", headers=federation, params={"format": "csv"}
    )
    assert _csv(as_csv) == ([(HUB, HUB_SHARE_A)], HUB_SHARE_A)

    # The practice itself sees all three.
    own = await _account(client, PRACTICE_A, _as("practice", PRACTICE_A))
    assert _balances(own) == {f"provider:{PRACTICE_A}": GMS_PAID + HUB_SHARE_A + LES_PAID}
    # A federation with no hub the practice is subcontracted on sees nothing of it.
    other = _as("federation", OTHER_FEDERATION)
    assert (await client.get(f"/accounts/{PRACTICE_A}", headers=other)).status_code == 403
    response = await client.get(f"/statements/{PRACTICE_A}/{PERIOD}", headers=other)
    assert response.status_code == 403


@pytest.mark.usefixtures("paid")
async def test_a_commissioner_reads_a_providers_account_only_for_its_own_contracts(
    client: httpx.AsyncClient,
) -> None:
    ours = _as("commissioner", COMMISSIONER)
    account = await _account(client, PRACTICE_A, ours)
    assert _balances(account) == {f"provider:{PRACTICE_A}": GMS_PAID + HUB_SHARE_A}
    assert _paid_by(account["postings"]["items"]) == [(GMS, GMS_PAID), (HUB, HUB_SHARE_A)]
    theirs = await _account(client, PRACTICE_A, _as("commissioner", OTHER_COMMISSIONER))
    assert _balances(theirs) == {f"provider:{PRACTICE_A}": LES_PAID}
    assert _paid_by(theirs["postings"]["items"]) == [(LES, LES_PAID)]

    # Paging and as_of keep to the same postings.
    first = await _account(client, PRACTICE_A, ours, limit=1)
    second = await _account(
        client, PRACTICE_A, ours, limit=1, cursor=first["postings"]["next_cursor"]
    )
    assert second["postings"]["next_cursor"] is None
    pages = first["postings"]["items"] + second["postings"]["items"]
    assert _paid_by(pages) == [(GMS, GMS_PAID), (HUB, HUB_SHARE_A)]
    today = datetime.now(UTC).date().isoformat()
    at_today = await _account(client, PRACTICE_A, ours, as_of=today)
    assert _balances(at_today) == {f"provider:{PRACTICE_A}": GMS_PAID + HUB_SHARE_A}
    as_csv = await client.get(
        f"/statements/{PRACTICE_A}/{PERIOD}", headers=ours, params={"format": "csv"}
    )
    assert _csv(as_csv) == ([(GMS, GMS_PAID), (HUB, HUB_SHARE_A)], GMS_PAID + HUB_SHARE_A)

    # The hub's commissioner also reads the federation holding it: the hub's money only.
    federation = await _account(client, FEDERATION, ours)
    assert _balances(federation) == {
        f"federation:{FEDERATION}": HUB_INCOME - sum(HUB_LINES.values())
    }

    stranger = _as("commissioner", STRANGER_COMMISSIONER)
    for path in (f"/accounts/{PRACTICE_A}", f"/statements/{PRACTICE_A}/{PERIOD}"):
        assert (await client.get(path, headers=stranger)).status_code == 403
    not_its_hub = _as("commissioner", OTHER_COMMISSIONER)
    assert (await client.get(f"/accounts/{FEDERATION}", headers=not_its_hub)).status_code == 403


@pytest.mark.usefixtures("paid")
async def test_the_trial_balance_is_national_for_ops_a_commissioners_own_and_nobody_elses(
    client: httpx.AsyncClient,
) -> None:
    ours = GMS_PAID + HUB_INCOME + sum(HUB_LINES.values())  # the hub pays out what it received
    expected = {
        ("commissioner", COMMISSIONER): ours,
        ("commissioner", OTHER_COMMISSIONER): LES_PAID,
        ("commissioner", STRANGER_COMMISSIONER): 0,
        ("ops", "X24"): ours + LES_PAID,
    }
    for (role, org), debits in expected.items():
        response = await client.get("/ledger/trial-balance", headers=_as(role, org))
        assert response.status_code == 200, (role, org)
        assert response.json() == {
            "balanced": True,
            "debits_pence": debits,
            "credits_pence": debits,
        }, (role, org)
    for role, org in (
        ("practice", PRACTICE_A),
        ("federation", FEDERATION),
        ("governance", COMMISSIONER),
    ):
        response = await client.get("/ledger/trial-balance", headers=_as(role, org))
        assert response.status_code == 403, (role, org)


@pytest.mark.usefixtures("paid")
async def test_a_practice_on_a_hub_sees_its_own_distribution_line_and_the_totals_only(
    client: httpx.AsyncClient,
) -> None:
    params = {"contract_id": HUB, "period": PERIOD}
    for practice, total in HUB_LINES.items():
        response = await client.get(
            "/distributions", params=params, headers=_as("practice", practice)
        )
        assert response.status_code == 200, practice
        got = response.json()
        assert [(x["practice_ods"], x["total_pence"]) for x in got["lines"]] == [(practice, total)]
        assert (
            got["income_pence"],
            got["costs_pence"],
            got["retained_pence"],
            got["remainder_pence"],
        ) == (HUB_INCOME, 123_500, 13_450, 121_050)
    for role, org in (("commissioner", COMMISSIONER), ("federation", FEDERATION)):
        response = await client.get("/distributions", params=params, headers=_as(role, org))
        assert {x["practice_ods"]: x["total_pence"] for x in response.json()["lines"]} == (
            HUB_LINES
        )
    for role, org in (
        ("practice", LONE_PRACTICE),
        ("commissioner", OTHER_COMMISSIONER),
        ("federation", OTHER_FEDERATION),
        ("governance", COMMISSIONER),
    ):
        response = await client.get("/distributions", params=params, headers=_as(role, org))
        assert response.status_code == 403, (role, org)


@pytest.mark.usefixtures("paid")
async def test_a_practice_token_carrying_a_ccgs_code_cannot_read_the_ccgs_money(
    client: httpx.AsyncClient,
) -> None:
    posing = _as("practice", COMMISSIONER)
    for path, params in (
        (f"/accounts/{COMMISSIONER}", {}),
        (f"/statements/{COMMISSIONER}/{PERIOD}", {}),
        (f"/statements/{COMMISSIONER}/{PERIOD}", {"format": "csv"}),
    ):
        response = await client.get(path, headers=posing, params=params)
        assert response.status_code == 403, path
        assert "02W is a ccg" in response.json()["detail"]
    # The CCG's own finance team reads it.
    own = await _account(client, COMMISSIONER, _as("commissioner", COMMISSIONER))
    assert _balances(own) == {f"commissioner:{COMMISSIONER}": -(GMS_PAID + HUB_INCOME)}


@pytest.mark.usefixtures("paid")
async def test_governance_staff_read_no_money_not_even_their_own_organisations(
    client: httpx.AsyncClient,
) -> None:
    governance = _as("governance", COMMISSIONER)
    for path in (
        f"/accounts/{COMMISSIONER}",
        f"/statements/{COMMISSIONER}/{PERIOD}",
        "/payment-runs",
    ):
        assert (await client.get(path, headers=governance)).status_code == 403, path


async def test_only_commissioners_and_ops_run_or_list_payment_runs(
    client: httpx.AsyncClient,
) -> None:
    for role, org in (
        ("practice", PRACTICE_A),
        ("federation", FEDERATION),
        ("governance", COMMISSIONER),
    ):
        headers = _as(role, org)
        response = await client.post("/payment-runs", json={"period": PERIOD}, headers=headers)
        assert response.status_code == 403, role
        assert (await client.get("/payment-runs", headers=headers)).status_code == 403, role
    for role, org in (("commissioner", STRANGER_COMMISSIONER), ("ops", "X24")):
        response = await client.post(
            "/payment-runs", json={"period": PERIOD}, headers=_as(role, org)
        )
        assert response.status_code == 200, role
