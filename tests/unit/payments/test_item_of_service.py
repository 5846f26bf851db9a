"""Item of service (issue 19 point 2): a month is paid each service code's fee x its closed
count, as tariff is paid on closed counts."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from services.payments.domain.due import due_in
from services.payments.domain.expected import due_on
from services.payments.domain.facts import Activity, Facts
from services.payments.domain.terms import Contract, PaymentTerms, TermsVersion

APRIL = date(2026, 4, 1)
FEES = (("minor-surgery", 4500), ("vaccination", 1000))


def ios(fees: tuple[tuple[str, int], ...] = FEES) -> Contract:
    return Contract(
        contract_id="les-ios",
        kind="LES",
        commissioner_ods="02W",
        provider_ods="B86001",
        service="minor surgery and vaccinations",
        start_date=APRIL,
        history=(TermsVersion(APRIL, PaymentTerms("item_of_service", "monthly", fees=fees)),),
    )


def closed(**counts: int) -> Facts:
    services = tuple((code.replace("_", "-"), n) for code, n in counts.items())
    return Facts(closed={"2026-10": Activity(1, 0, (), services)})


def test_a_closed_month_is_paid_each_fee_times_its_count() -> None:
    due, waiting = due_in(ios(), "2026-10", closed(minor_surgery=3, vaccination=10))
    assert [(d.basis, d.amount_pence) for d in due] == [("item_of_service", 3 * 4500 + 10 * 1000)]
    assert waiting == []


def test_a_month_not_closed_waits_for_the_federation() -> None:
    due, waiting = due_in(ios(), "2026-10", Facts())
    assert due == []
    reasons = [(w.basis, w.reason.value) for w in waiting]
    assert reasons == [("item_of_service", "period_not_closed")]


def test_a_count_of_a_code_with_no_fee_earns_nothing() -> None:
    due, _ = due_in(ios(), "2026-10", closed(vaccination=2, smoking_cessation=5))
    assert [d.amount_pence for d in due] == [2 * 1000]


def test_an_item_of_service_month_is_due_by_the_next_months_end() -> None:
    assert due_on("item_of_service", "2026-10") == date(2026, 11, 30)


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d"]), st.integers(1, 10**6), min_size=1, max_size=4
    ),
    st.dictionaries(st.sampled_from(["a", "b", "c", "e"]), st.integers(0, 10**5), max_size=4),
)
def test_the_amount_is_the_sum_of_fee_times_count_over_the_fees(
    fees: dict[str, int], counts: dict[str, int]
) -> None:
    facts = Facts(closed={"2026-10": Activity(1, 0, (), tuple(counts.items()))})
    due, _ = due_in(ios(tuple(fees.items())), "2026-10", facts)
    expected = sum(fee * counts.get(code, 0) for code, fee in fees.items())
    assert [d.amount_pence for d in due] == [expected]
