"""Upfront with true-up, quarterly in arrears, per head, and netting what a practice owes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.bases import (
    MonthValue,
    annual_value,
    net_against_owed,
    true_up,
    upfront_instalment,
)
from services.payments.domain.periods import (
    is_quarter_end,
    quarter_months,
    quarter_of,
    quarter_paid_in_arrears,
)
from services.payments.domain.schedule import block_instalment

percents = st.decimals(min_value=0, max_value=150, places=2, allow_nan=False)
annuals = st.integers(min_value=0, max_value=10**10)


def test_quarters_are_calendar_quarters() -> None:
    assert quarter_of("2026-10") == "2026-Q4"
    assert quarter_months("2026-Q1") == ["2026-01", "2026-02", "2026-03"]
    assert [is_quarter_end(f"2026-{m:02d}") for m in (3, 4, 12)] == [True, False, True]


def test_quarterly_arrears_pays_the_previous_quarter_in_the_month_after_it() -> None:
    assert quarter_paid_in_arrears("2026-10") == "2026-Q3"
    assert quarter_paid_in_arrears("2027-01") == "2026-Q4"
    assert quarter_paid_in_arrears("2026-11") is None


def test_per_head_is_list_size_times_rate_and_waits_for_a_list_size() -> None:
    assert annual_value("per_head", None, 500, 8000) == 4_000_000
    assert annual_value("per_head", None, 500, None) is None
    assert annual_value("block", 1_200_000, None, None) == 1_200_000


def test_the_seed_upfront_is_a_twelfth_of_75_percent() -> None:
    # Practice finances survey, "Knowledge of NHS finance": "1/12 of 75% of the contract value
    # on a monthly basis".
    assert upfront_instalment(1_200_000, Decimal("75"), 0) == 75_000


@given(annuals, percents)
def test_a_year_of_upfront_instalments_is_exactly_the_upfront_share(
    annual: int, percent: Decimal
) -> None:
    year = sum(upfront_instalment(annual, percent, m) for m in range(12))
    assert abs(year - annual * percent / 100) <= Decimal("0.5")


@given(annuals, percents)
def test_at_full_achievement_a_year_of_true_ups_pays_the_whole_annual_value(
    annual: int, percent: Decimal
) -> None:
    months = [
        MonthValue(block_instalment(annual, m), upfront_instalment(annual, percent, m))
        for m in range(12)
    ]
    upfront = sum(m.upfront_pence for m in months)
    true_ups = sum(true_up(months[q * 3 : q * 3 + 3], Decimal(100)) for q in range(4))
    assert upfront + true_ups == annual


@given(annuals, percents, percents)
def test_upfront_plus_true_up_is_the_quarter_value_times_achievement(
    annual: int, percent: Decimal, achievement: Decimal
) -> None:
    months = [
        MonthValue(block_instalment(annual, m), upfront_instalment(annual, percent, m))
        for m in range(3)
    ]
    earned = sum(m.full_pence for m in months) * achievement / 100
    paid = sum(m.upfront_pence for m in months) + true_up(months, achievement)
    assert abs(paid - earned) <= Decimal("0.5")


def test_an_over_payment_is_a_negative_true_up_a_recovery() -> None:
    months = [MonthValue(100_000, 75_000)] * 3
    assert true_up(months, Decimal("60")) == 180_000 - 225_000
    assert true_up(months, Decimal("100")) == 75_000


def test_a_negative_achievement_is_refused() -> None:
    with pytest.raises(ValueError):
        true_up([MonthValue(1, 1)], Decimal("-1"))


def test_a_negative_share_is_carried_not_taken_from_the_practice() -> None:
    assert net_against_owed(-5_000, 0) == net_against_owed(-5_000, 100)
    assert net_against_owed(-5_000, 0).carried_pence == 5_000
    assert net_against_owed(-5_000, 0).paid_pence == 0


def test_a_later_share_first_pays_off_what_the_practice_owes() -> None:
    netted = net_against_owed(8_000, 5_000)
    assert (netted.paid_pence, netted.netted_pence, netted.carried_pence) == (3_000, 5_000, 0)
    partly = net_against_owed(2_000, 5_000)
    assert (partly.paid_pence, partly.netted_pence) == (0, 2_000)


@given(st.integers(-(10**9), 10**9), st.integers(0, 10**9))
def test_netting_accounts_for_every_penny_and_never_pays_negative(amount: int, owed: int) -> None:
    n = net_against_owed(amount, owed)
    assert n.paid_pence + n.netted_pence - n.carried_pence == amount
    assert n.paid_pence >= 0 and 0 <= n.netted_pence <= owed and n.carried_pence >= 0
    assert owed - n.netted_pence + n.carried_pence >= 0
