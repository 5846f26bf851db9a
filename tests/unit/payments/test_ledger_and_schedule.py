"""Ledger transactions balance; block instalments sum to the annual value."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.ledger import Posting, Transaction, UnbalancedTransaction
from services.payments.domain.schedule import block_instalment, block_instalment_due


def test_a_transaction_must_sum_to_zero() -> None:
    with pytest.raises(UnbalancedTransaction):
        Transaction((Posting("commissioner:02W", -100), Posting("provider:B86001", 99)))


def test_a_transaction_needs_two_postings() -> None:
    with pytest.raises(UnbalancedTransaction):
        Transaction((Posting("commissioner:02W", 0),))


def test_a_payment_moves_money_from_payer_to_payee() -> None:
    t = Transaction.payment("commissioner:02W", "provider:B86001", 500)
    assert [(p.account, p.amount_pence) for p in t.postings] == [
        ("commissioner:02W", -500),
        ("provider:B86001", 500),
    ]


def test_block_pennies_of_rounding_are_settled_in_the_last_month() -> None:
    assert [block_instalment(100001, m) for m in range(12)] == [8333] * 11 + [8338]


def test_block_instalments_follow_the_contract_year() -> None:
    start = date(2026, 4, 15)
    assert block_instalment_due(1200, start, "2026-03") is None
    assert block_instalment_due(1201, start, "2026-04") == 100
    assert block_instalment_due(1201, start, "2027-03") == 101
    assert block_instalment_due(1201, start, "2027-04") == 100


@given(st.integers(0, 10**11))
def test_block_instalments_sum_to_the_annual_value(annual: int) -> None:
    instalments = [block_instalment(annual, m) for m in range(12)]
    assert sum(instalments) == annual
    assert max(instalments) - min(instalments) < 12
