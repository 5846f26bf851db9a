"""KPI results: first results, corrections as versions, and the year-end true-up (the result
for the quarter ending 31 March closes the financial year)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.contracts.domain.contract import Contract
from services.contracts.domain.organisation import Organisation
from services.contracts.domain.payment import PaymentTerms, check_payment
from services.contracts.domain.performance import (
    KpiResult,
    correct_kpi_result,
    record_kpi_result,
)
from services.contracts.domain.proposal import Proposal, propose
from services.contracts.domain.rules import RuleBroken, Unknown, WrongState
from shared.ods import OrganisationKind

CCG = Organisation("02W", OrganisationKind.CCG, "NHS Bradford City CCG")
PRACTICE = Organisation("B86001", OrganisationKind.PRACTICE, "Leeds Road")
TODAY = date(2028, 12, 7)
NOW = datetime(2028, 12, 7, 12, tzinfo=UTC)


def upfront(true_up: str | None) -> PaymentTerms:
    return PaymentTerms(
        basis="block",
        schedule="monthly_upfront_true_up",
        annual_value_pence=1_200_000,
        upfront_percent=Decimal(75),
        true_up=true_up,  # type: ignore[arg-type]
    )


def gms(true_up: str | None, start: date = date(2026, 4, 1)) -> Contract:
    contract = propose(
        "c1",
        Proposal(
            kind="GMS",
            commissioner_ods="02W",
            provider_ods="B86001",
            service="gms",
            start_date=start,
            payment=upfront(true_up),
        ),
        commissioner=CCG,
        provider=PRACTICE,
        parent=None,
    )
    contract.activate()
    return contract


def first(contract: Contract, quarter: str, percent: str = "80") -> KpiResult:
    return record_kpi_result(
        contract,
        None,
        quarter=quarter,
        achievement_percent=Decimal(percent),
        evidence="QOF",
        today=TODAY,
        recorded_at=NOW,
    ).result


def correct(
    contract: Contract, previous: KpiResult | None, percent: str, evidence: str = "QOF v2"
) -> KpiResult:
    return correct_kpi_result(
        contract,
        previous,
        quarter="2027-Q1",
        achievement_percent=Decimal(percent),
        evidence=evidence,
        reason="late data",
        today=TODAY,
        recorded_at=NOW,
    ).result


def field_broken(call: object) -> str:
    with pytest.raises(RuleBroken) as caught:
        call()  # type: ignore[operator]
    return caught.value.field


def test_a_correction_is_a_new_version_that_keeps_the_earlier_one() -> None:
    contract = gms(None)
    v1 = first(contract, "2027-Q1")
    v2 = correct(contract, v1, "86")
    v3 = correct(contract, v2, "84", evidence="QOF v3")
    assert [(r.version, r.achievement_percent, r.reason) for r in (v1, v2, v3)] == [
        (1, Decimal(80), None),
        (2, Decimal(86), "late data"),
        (3, Decimal(84), "late data"),
    ]
    assert v3.terms_version == 1 and v3.history_revision == contract.history_revision


def test_a_second_first_result_points_at_the_corrections_route() -> None:
    contract = gms(None)
    v1 = first(contract, "2027-Q1")
    with pytest.raises(WrongState, match="/kpi-results/2027-Q1/corrections"):
        record_kpi_result(
            contract,
            v1,
            quarter="2027-Q1",
            achievement_percent=Decimal(90),
            evidence="e",
            today=TODAY,
            recorded_at=NOW,
        )


def test_a_correction_needs_a_result_to_correct_and_a_difference() -> None:
    contract = gms(None)
    with pytest.raises(Unknown):
        correct(contract, None, "86")
    v1 = first(contract, "2027-Q1")
    with pytest.raises(WrongState, match="nothing to correct"):
        correct(contract, v1, "80", evidence="QOF")
    assert correct(contract, v1, "80", evidence="QOF, resubmitted").version == 2


def test_true_up_is_taken_only_by_an_upfront_schedule() -> None:
    check_payment(upfront("year_end"))
    check_payment(upfront("quarterly"))
    check_payment(upfront(None))
    monthly = PaymentTerms(
        basis="block", schedule="monthly", annual_value_pence=1, true_up="year_end"
    )
    assert field_broken(lambda: check_payment(monthly)) == "payment.true_up"
    arrears = PaymentTerms(
        basis="per_head", schedule="quarterly_arrears", per_head_pence=1, true_up="quarterly"
    )
    assert field_broken(lambda: check_payment(arrears, "changes.payment")) == (
        "changes.payment.true_up"
    )


def test_a_year_end_contract_takes_its_result_for_the_quarter_ending_31_march_only() -> None:
    contract = gms("year_end")
    assert first(contract, "2027-Q1").quarter == "2027-Q1"
    for quarter in ("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q2"):
        assert field_broken(lambda q=quarter: first(contract, q)) == "quarter"
    quarterly = gms("quarterly")
    assert [first(quarterly, q).quarter for q in ("2026-Q2", "2026-Q3")] == ["2026-Q2", "2026-Q3"]


def test_a_year_end_contract_ended_in_december_is_still_trued_up_for_its_year() -> None:
    contract = gms("year_end")
    contract.terminate(effective_on=date(2027, 1, 1), reason="recommissioned")
    assert first(contract, "2027-Q1").terms_version == 1
    # A quarterly true-up ended in December has no result for January to March.
    quarterly = gms("quarterly")
    quarterly.terminate(effective_on=date(2027, 1, 1), reason="recommissioned")
    assert field_broken(lambda: first(quarterly, "2027-Q1")) == "quarter"


@given(
    st.integers(min_value=2025, max_value=2028),
    st.integers(min_value=1, max_value=4),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 9, 30)),
)
def test_a_year_end_result_is_accepted_exactly_for_q1_of_a_year_the_contract_ran_in(
    year: int, number: int, start: date
) -> None:
    contract = gms("year_end", start=start)
    quarter = f"{year}-Q{number}"
    closes = date(year, 3, 31)
    ran = start <= closes and number == 1  # open-ended: in force from its start on
    try:
        result = first(contract, quarter)
    except RuleBroken as refused:
        assert refused.field == "quarter" and not ran
    else:
        assert ran and result.quarter == quarter
