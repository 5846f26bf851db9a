"""Expected payments, decided purely (domain/expected.py): when each schedule's money is due,
and whether it is paid, due, waiting (for what) or late."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.expected import (
    Expected,
    HubMonthOf,
    Made,
    Outlook,
    Share,
    Status,
    distribution_due_on,
    due_on,
    expected_payments,
    months_shared,
    status_of,
)
from services.payments.domain.facts import Achievement, Facts, ListSizes
from services.payments.domain.settlement import Paid
from services.payments.domain.terms import Contract, PaymentTerms, Tariff, TermsVersion
from shared.calendar import add_months, period_end, period_start
from tests.unit.payments.test_due import APRIL
from tests.unit.payments.test_due import contract as contract_of

TODAY = date(2026, 11, 15)


def contract(payment: PaymentTerms, **more: object) -> Contract:
    return contract_of(TermsVersion(APRIL, payment), **more)


def outlook(*contracts: Contract, periods: list[str], **more: object) -> Outlook:
    values: dict[str, object] = {
        "periods": tuple(periods),
        "today": TODAY,
        "contracts": {c.contract_id: c for c in contracts},
        "paying": tuple(c.contract_id for c in contracts if c.provider_ods == "B86001"),
        "facts": {},
        "paid": {},
        "made": {},
    }
    return Outlook(**{**values, **more})  # type: ignore[arg-type]


def when(found: list[Expected]) -> list[tuple[str, str, date]]:
    return [(e.period, e.basis, e.due_on) for e in found]


BLOCK = PaymentTerms("block", "monthly", 1_200_000)
TARIFF = PaymentTerms("tariff", "monthly", tariff=Tariff(15000, 8000))


# --- when it is due, per schedule ------------------------------------------------------------


def test_a_monthly_block_or_per_head_instalment_is_due_on_the_last_day_of_its_month() -> None:
    per_head = PaymentTerms("per_head", "monthly", per_head_pence=150)
    facts = {"c2": Facts(list_sizes=ListSizes(((APRIL, 1200),)))}
    found = expected_payments(
        outlook(
            contract(BLOCK),
            contract(per_head, contract_id="c2"),
            periods=["2026-11", "2026-12"],
            facts=facts,
        )
    )
    assert when(found) == [
        ("2026-11", "block", date(2026, 11, 30)),
        ("2026-11", "per_head", date(2026, 11, 30)),
        ("2026-12", "block", date(2026, 12, 31)),
        ("2026-12", "per_head", date(2026, 12, 31)),
    ]


def test_tariff_is_due_by_the_end_of_the_month_after_its_month_once_counts_are_closed() -> None:
    found = expected_payments(outlook(contract(TARIFF), periods=["2026-10"]))
    assert when(found) == [("2026-10", "tariff", date(2026, 11, 30))]
    assert (found[0].status, found[0].amount_pence) == (Status.WAITING, None)
    assert found[0].waiting_for == "the federation has not closed 2026-10 for this contract"


def test_upfront_is_due_each_month_and_the_true_up_the_month_after_its_quarter() -> None:
    upfront = PaymentTerms(
        "block", "monthly_upfront_true_up", 1_200_000, upfront_percent=Decimal(75)
    )
    year_end = PaymentTerms(
        "block",
        "monthly_upfront_true_up",
        1_200_000,
        upfront_percent=Decimal(75),
        true_up="year_end",
    )
    found = expected_payments(outlook(contract(upfront), periods=["2026-09"]))
    assert when(found) == [
        ("2026-09", "upfront", date(2026, 9, 30)),
        ("2026-09", "true_up", date(2026, 10, 31)),
    ]
    found = expected_payments(outlook(contract(year_end), periods=["2026-12", "2027-03"]))
    assert [w for w in when(found) if w[1] == "true_up"] == [
        ("2027-03", "true_up", date(2027, 4, 30))
    ]


def test_a_quarter_in_arrears_is_due_on_the_last_day_of_the_month_after_the_quarter() -> None:
    arrears = PaymentTerms("block", "quarterly_arrears", 1_200_000)
    found = expected_payments(outlook(contract(arrears), periods=["2026-09", "2026-10"]))
    assert when(found) == [("2026-10", "block", date(2026, 10, 31))]
    assert found[0].amount_pence == 300_000


def test_a_hub_month_share_is_due_by_the_end_of_the_month_after_it() -> None:
    assert distribution_due_on("2026-12") == date(2027, 1, 31)
    hub = contract(TARIFF, contract_id="hub", kind="HUB", provider_ods="Y0F01")
    months = (HubMonthOf(hub, "2026-11", closed=False, income_paid=False, share=None),)
    [share] = expected_payments(outlook(hub, periods=[], hub_months=months))
    assert (share.basis, share.due_on, share.payer_ods) == (
        "distribution",
        date(2026, 12, 31),
        "Y0F01",
    )


def test_a_subcontract_of_a_prime_is_due_as_its_own_schedule_and_paid_by_the_primes_provider() -> (
    None
):
    prime = contract(BLOCK, contract_id="prime", kind="PRIME", provider_ods="Y0F01")
    sub = contract(BLOCK, contract_id="sub", parent_contract_id="prime")
    [item] = expected_payments(outlook(prime, sub, periods=["2026-11"]))
    assert (item.contract_id, item.due_on, item.payer_ods) == ("sub", date(2026, 11, 30), "Y0F01")


@given(
    st.sampled_from(["block", "per_head", "upfront", "tariff", "true_up"]),
    st.integers(2000 * 12, 2099 * 12 + 10),
)
def test_an_item_is_never_due_before_its_period_ends_nor_later_than_a_month_after(
    basis: str, index: int
) -> None:
    period = f"{index // 12:04d}-{index % 12 + 1:02d}"
    due = due_on(basis, period)
    assert due in (period_end(period), period_end(add_months(period, 1)))
    assert (due + timedelta(days=1)).month != due.month  # a month's last day


# --- status -----------------------------------------------------------------------------------


def test_paid_wins_then_late_after_the_due_day_then_waiting_or_due() -> None:
    day = date(2026, 11, 30)
    assert status_of(day, date(2026, 12, 5), paid=True, waits=True) is Status.PAID
    assert status_of(day, date(2026, 12, 1), paid=False, waits=True) is Status.LATE
    assert status_of(day, date(2026, 12, 1), paid=False, waits=False) is Status.LATE
    assert status_of(day, day, paid=False, waits=True) is Status.WAITING
    assert status_of(day, day, paid=False, waits=False) is Status.DUE


def test_a_paid_item_shows_what_was_paid_and_when_not_what_it_is_due_now() -> None:
    key = ("c1", "2026-10", "block")
    found = expected_payments(
        outlook(
            contract(BLOCK),
            periods=["2026-10"],
            paid={key: Paid(90_000, 2)},
            made={key: Made(date(2026, 10, 3), "pay_1")},
        )
    )
    [item] = found
    assert (item.status, item.amount_pence, item.estimated) == (Status.PAID, 90_000, False)
    assert (item.paid_on, item.payment_id) == (date(2026, 10, 3), "pay_1")


def test_an_item_that_comes_to_nothing_is_not_expected() -> None:
    key = ("c1", "2026-10", "block")
    recovered = outlook(
        contract(BLOCK, terminated_on=date(2026, 10, 1)),
        periods=["2026-10"],
        paid={key: Paid(0, 2)},
    )
    assert expected_payments(recovered) == []


def test_a_future_month_is_an_estimate_a_begun_one_is_not() -> None:
    found = expected_payments(outlook(contract(BLOCK), periods=["2026-11", "2026-12"]))
    assert [(e.period, e.estimated, e.status) for e in found] == [
        ("2026-11", False, Status.DUE),
        ("2026-12", True, Status.DUE),
    ]


def test_a_true_up_without_its_kpi_result_waits_estimated_at_full_achievement() -> None:
    upfront = PaymentTerms(
        "block", "monthly_upfront_true_up", 1_200_000, upfront_percent=Decimal(75)
    )
    today = date(2026, 10, 1)
    [waiting] = [
        e
        for e in expected_payments(outlook(contract(upfront), periods=["2026-09"], today=today))
        if e.basis == "true_up"
    ]
    assert (waiting.status, waiting.amount_pence, waiting.estimated) == (
        Status.WAITING,
        75_000,
        True,
    )
    facts = {"c1": Facts(achievements={"2026-Q3": Achievement(Decimal(80))})}
    [recorded] = [
        e
        for e in expected_payments(
            outlook(contract(upfront), periods=["2026-09"], today=today, facts=facts)
        )
        if e.basis == "true_up"
    ]
    # 80% of 300,000 less the 225,000 paid up front.
    assert (recorded.status, recorded.amount_pence, recorded.estimated) == (
        Status.DUE,
        15_000,
        False,
    )


def test_per_head_without_a_list_size_waits_and_cannot_be_estimated() -> None:
    per_head = PaymentTerms("per_head", "monthly", per_head_pence=150)
    [item] = expected_payments(outlook(contract(per_head), periods=["2026-11"]))
    assert (item.status, item.amount_pence) == (Status.WAITING, None)
    assert item.waiting_for is not None and "no list size of B86001" in item.waiting_for


def test_a_subcontract_whose_prime_is_unknown_waits_with_its_amount() -> None:
    sub = contract(BLOCK, contract_id="sub", parent_contract_id="prime")
    [item] = expected_payments(outlook(sub, periods=["2026-11"]))
    assert (item.status, item.amount_pence, item.payer_ods) == (Status.WAITING, 100_000, None)
    assert item.waiting_for == "the PRIME contract prime that pays it is not known yet"


def test_a_hub_share_waits_for_the_close_then_the_income_then_is_due_then_paid() -> None:
    hub = contract(TARIFF, contract_id="hub", kind="HUB", provider_ods="Y0F01")

    def share_of(**state: object) -> Expected | None:
        month = HubMonthOf(hub, "2026-10", **state)  # type: ignore[arg-type]
        found = expected_payments(outlook(hub, periods=[], hub_months=(month,)))
        return found[0] if found else None

    not_closed = share_of(closed=False, income_paid=False, share=None)
    unpaid = share_of(closed=True, income_paid=False, share=None)
    ready = share_of(closed=True, income_paid=True, share=None)
    made = Made(date(2026, 11, 3), "dist_1")
    shared = share_of(closed=True, income_paid=True, share=Share(143_288, made))
    assert [(e.status, e.waiting_for) for e in (not_closed, unpaid, ready) if e] == [
        (Status.WAITING, "the federation has not closed 2026-10 for this hub"),
        (Status.WAITING, "the commissioner has not paid the hub for 2026-10 yet"),
        (Status.DUE, None),
    ]
    assert shared is not None
    assert (shared.status, shared.amount_pence, shared.paid_on) == (
        Status.PAID,
        143_288,
        date(2026, 11, 3),
    )
    assert share_of(closed=True, income_paid=True, share=Share(None, None)) is None


def test_a_practice_shares_only_the_months_its_subcontract_and_the_hub_are_in_force() -> None:
    hub = contract(TARIFF, contract_id="hub", kind="HUB", end_date=date(2026, 12, 31))
    months = [add_months("2026-08", n) for n in range(6)]
    assert months_shared(hub, date(2026, 9, 15), None, months) == [
        "2026-09",
        "2026-10",
        "2026-11",
        "2026-12",
    ]
    assert months_shared(hub, APRIL, period_start("2026-09"), months) == ["2026-08", "2026-09"]
