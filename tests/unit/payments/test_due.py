"""The pure rules of what is due, settling, restating, sharing late income and PRIME chains,
each by example (the properties are test_restatements.py and test_hub_income.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.payments.domain.distribution import PracticeActivity, Rule
from services.payments.domain.due import Due, due_in, months_paid_in
from services.payments.domain.facts import Achievement, Activity, Facts, ListSizes
from services.payments.domain.funding import double_funding, funded
from services.payments.domain.payment_run import Snapshot, decide_payments
from services.payments.domain.remittance import (
    NOT_IN_FORCE,
    Distributed,
    MonthIncome,
    attribute,
    next_distribution,
)
from services.payments.domain.settlement import Paid, periods_to_restate, settle
from services.payments.domain.terms import Contract, PaymentTerms, TermsVersion

APRIL = date(2026, 4, 1)


def block(annual: int, schedule: str = "monthly", **more: object) -> PaymentTerms:
    return PaymentTerms("block", schedule, annual, **more)  # type: ignore[arg-type]


def contract(*versions: TermsVersion, **more: object) -> Contract:
    values: dict[str, object] = {
        "contract_id": "c1",
        "kind": "LES",
        "commissioner_ods": "02W",
        "provider_ods": "B86001",
        "service": "anticoagulation",
        "start_date": APRIL,
        "history": versions,
    }
    return Contract(**{**values, **more})  # type: ignore[arg-type]


def amounts(found: tuple[list[Due], object]) -> dict[str, int]:
    return {d.basis: d.amount_pence for d in found[0]}


def test_a_month_is_paid_on_the_version_in_force_on_its_first_day() -> None:
    c = contract(
        TermsVersion(APRIL, block(1_200_000)), TermsVersion(date(2026, 8, 15), block(2_400_000))
    )
    assert amounts(due_in(c, "2026-08", Facts())) == {"block": 100_000}
    assert amounts(due_in(c, "2026-09", Facts())) == {"block": 200_000}


def test_a_backdated_change_restates_the_settled_periods_from_the_first_month_it_changes() -> None:
    before = contract(TermsVersion(APRIL, block(1_200_000)))
    after = contract(
        TermsVersion(APRIL, block(1_200_000)), TermsVersion(date(2026, 8, 1), block(1_800_000))
    )
    settled = ["2026-06", "2026-07", "2026-08", "2026-09"]
    assert periods_to_restate(before, after, settled) == ["2026-08", "2026-09"]
    assert periods_to_restate(after, after, settled) == []
    ended = contract(TermsVersion(APRIL, block(1_200_000)), terminated_on=date(2026, 7, 2))
    assert periods_to_restate(before, ended, settled) == ["2026-08", "2026-09"]


def test_settling_pays_only_the_difference_and_again_with_nothing_changed_pays_nothing() -> None:
    due = Due("c1", "2026-08", "block", 150_000, (("2026-08", 150_000),))
    [first] = settle([due], [], {}, [("c1", "2026-08")])
    assert (first.revision, first.amount_pence) == (1, 150_000)
    [restated] = settle([due], [], {due.key: Paid(100_000, 1)}, [("c1", "2026-08")])
    assert (restated.revision, restated.amount_pence, restated.restates) == (2, 50_000, True)
    assert settle([due], [], {due.key: Paid(150_000, 2)}, [("c1", "2026-08")]) == []


def test_an_item_no_longer_due_is_recovered_in_full() -> None:
    paid = {("c1", "2026-09", "block"): Paid(100_000, 1)}
    [recovered] = settle([], [], paid, [("c1", "2026-09")])
    assert (recovered.amount_pence, recovered.is_recovery) == (-100_000, True)
    assert settle([], [], paid, [("c1", "2026-10")]) == [], "only the periods being settled"


def test_a_year_end_true_up_covers_the_financial_year_in_march_only() -> None:
    terms = block(1_200_000, "monthly_upfront_true_up", upfront_percent=Decimal(75))
    year_end = contract(TermsVersion(APRIL, replace(terms, true_up="year_end")))
    results = {"2026-Q3": Achievement(Decimal(10)), "2027-Q1": Achievement(Decimal(80))}
    facts = Facts(achievements=results)
    assert amounts(due_in(year_end, "2026-09", facts)) == {"upfront": 75_000}
    march = [d for d in due_in(year_end, "2027-03", facts)[0] if d.basis == "true_up"]
    assert [(d.amount_pence, len(d.covers)) for d in march] == [(960_000 - 900_000, 12)]
    quarterly = contract(TermsVersion(APRIL, terms))
    assert amounts(due_in(quarterly, "2026-09", facts))["true_up"] == 30_000 - 225_000


def test_quarterly_arrears_are_booked_to_the_month_after_and_cover_the_quarters_months() -> None:
    c = contract(TermsVersion(APRIL, block(1_200_000, "quarterly_arrears")))
    [arrears] = due_in(c, "2026-10", Facts())[0]
    assert (arrears.period, arrears.amount_pence) == ("2026-10", 300_000)
    assert [m for m, _ in arrears.covers] == ["2026-07", "2026-08", "2026-09"]
    assert due_in(c, "2026-09", Facts()) == ([], [])
    assert months_paid_in("2026-10") == ["2026-07", "2026-08", "2026-09", "2026-10"]


def test_a_per_head_month_waits_for_a_list_size_in_force() -> None:
    c = contract(TermsVersion(APRIL, PaymentTerms("per_head", "monthly", per_head_pence=600)))
    dues, [waiting] = due_in(c, "2026-10", Facts())
    assert dues == [] and waiting.reason == "list_size_not_known"
    sizes = ListSizes(((date(2026, 4, 1), 1000), (date(2026, 11, 1), 1200)))
    assert amounts(due_in(c, "2026-10", Facts(list_sizes=sizes))) == {"per_head": 50_000}
    assert amounts(due_in(c, "2026-11", Facts(list_sizes=sizes))) == {"per_head": 60_000}


def test_late_income_is_shared_over_the_months_it_pays_for_by_their_value() -> None:
    covers = (("2026-07", 100_000), ("2026-08", 100_000), ("2026-09", 200_000))
    assert attribute(400_001, covers, "2026-10") == {
        "2026-07": 100_000,
        "2026-08": 100_000,
        "2026-09": 200_001,
    }
    assert attribute(-30_000, covers, "2026-09") == {
        "2026-07": -7_500,
        "2026-08": -7_500,
        "2026-09": -15_000,
    }


def test_a_month_no_longer_paid_for_takes_back_what_was_shared() -> None:
    rule = Rule(Decimal(10), 0, 0, 1000)
    hub = contract(TermsVersion(APRIL, block(1_200_000), rule), terminated_on=date(2026, 9, 1))
    activity = Activity(1, 1, (PracticeActivity("A81001", 1, 0, 0),))
    shared = next_distribution(
        hub, "2026-08", activity, None, MonthIncome(100_000, True, True), None
    )
    assert shared is not None and shared.lines[0].total_pence == 1000 + 89_100
    gone = next_distribution(
        hub, "2026-09", activity, None, MonthIncome(0, False, True), Distributed(1, shared)
    )
    assert gone is not None and gone.lines == () and gone.note == NOT_IN_FORCE
    assert (
        next_distribution(hub, "2026-09", activity, None, MonthIncome(0, False, True), None) is None
    )
    waits = MonthIncome(100_000, True, False)  # an item paying for it owes a restatement
    assert next_distribution(hub, "2026-08", activity, None, waits, None) is None


def test_a_subcontract_of_a_prime_is_paid_from_the_primes_account_once_it_is_known() -> None:
    prime = contract(
        TermsVersion(APRIL, block(2_400_000)),
        contract_id="prime",
        kind="PRIME",
        provider_ods="RAE",
        service="MSK pathway",
    )
    sub = contract(
        TermsVersion(APRIL, block(600_000)), contract_id="sub", parent_contract_id="prime"
    )
    alone = Snapshot("2026-10", {"sub": sub}, ("sub",), {}, {})
    decided = decide_payments(alone)
    assert decided.to_pay == [] and [w.reason for w in decided.waiting] == ["prime_not_known"]
    both = Snapshot("2026-10", {"sub": sub, "prime": prime}, ("prime", "sub"), {}, {})
    paid = [(tp.contract.contract_id, tp.payer, tp.payee) for tp in decide_payments(both).to_pay]
    assert paid == [
        ("prime", "commissioner:02W", "provider:RAE"),
        ("sub", "provider:RAE", "provider:B86001"),
    ]
    known = {"prime": prime, "sub": sub}
    direct = contract(TermsVersion(APRIL, block(1)), contract_id="direct", service="MSK pathway")
    flags = double_funding([("direct", funded(direct, known))], [("sub", funded(sub, known))])
    assert flags == [["direct"]]
