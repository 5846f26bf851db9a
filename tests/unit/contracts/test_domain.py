"""The contracts domain without I/O: payment terms, kind rules, decisions, variations, KPIs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.contracts.domain.contract import Contract, DecisionEffect, TermsChange
from services.contracts.domain.organisation import Organisation, validate_code
from services.contracts.domain.payment import DistributionRule, PaymentTerms, Tariff, check_payment
from services.contracts.domain.performance import Quarter, record_kpi_result
from services.contracts.domain.proposal import Proposal, propose
from services.contracts.domain.rules import RuleBroken, WrongState
from shared.ods import OrganisationKind

CCG = Organisation("02W", OrganisationKind.CCG, "NHS Bradford City CCG")
PRACTICE = Organisation("B86001", OrganisationKind.PRACTICE, "Leeds Road")
FEDERATION = Organisation("Y02765", OrganisationKind.FEDERATION, "Bradford GP Federation")
TARIFF = PaymentTerms(
    basis="tariff", schedule="monthly", tariff=Tariff(first_pence=3500, follow_up_pence=2000)
)
BLOCK = PaymentTerms(basis="block", schedule="monthly", annual_value_pence=1_200_000)
RULE = DistributionRule(
    retained_percent=Decimal(10),
    admin_charge_per_patient_pence=6000,
    premises_per_consultation_pence=500,
    clinician_fee_per_consultation_pence=1500,
)
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def hub(**overrides: object) -> Proposal:
    fields: dict[str, object] = {
        "kind": "HUB",
        "commissioner_ods": "02W",
        "provider_ods": "Y02765",
        "service": "hub",
        "start_date": date(2026, 11, 1),
        "payment": TARIFF,
        "distribution": RULE,
        "decision_committee_id": "pccc",
    }
    fields.update(overrides)
    return Proposal(**fields)  # type: ignore[arg-type]


def proposed(proposal: Proposal | None = None, provider: Organisation = FEDERATION) -> Contract:
    return propose("c1", proposal or hub(), commissioner=CCG, provider=provider, parent=None)


def field_broken(call: object) -> str:
    with pytest.raises(RuleBroken) as caught:
        call()  # type: ignore[operator]
    return caught.value.field


def test_hub_held_by_a_practice_names_provider_ods() -> None:
    assert (
        field_broken(lambda: proposed(hub(provider_ods="B86001"), provider=PRACTICE))
        == "provider_ods"
    )


def test_apms_without_end_date_names_end_date() -> None:
    apms = hub(kind="APMS", provider_ods="B86001", distribution=None, payment=BLOCK)
    assert field_broken(lambda: proposed(apms, provider=PRACTICE)) == "end_date"


def test_commissioner_must_commission() -> None:
    def call():
        return propose(
            "c1",
            hub(commissioner_ods="B86001"),
            commissioner=PRACTICE,
            provider=FEDERATION,
            parent=None,
        )

    assert field_broken(call) == "commissioner_ods"


def test_practice_code_must_be_a_letter_and_five_digits() -> None:
    assert validate_code(" b86001 ", "practice") == "B86001"
    assert field_broken(lambda: validate_code("02W", "practice")) == "ods_code"


@pytest.mark.parametrize(
    ("payment", "field"),
    [
        (PaymentTerms(basis="per_head", schedule="monthly"), "payment.per_head_pence"),
        (
            PaymentTerms(basis="block", schedule="monthly_upfront_true_up", annual_value_pence=1),
            "payment.upfront_percent",
        ),
        (
            PaymentTerms(
                basis="block",
                schedule="quarterly_arrears",
                annual_value_pence=1,
                upfront_percent=Decimal(75),
            ),
            "payment.upfront_percent",
        ),
    ],
)
def test_inconsistent_payment_terms_name_their_field(payment: PaymentTerms, field: str) -> None:
    assert field_broken(lambda: check_payment(payment)) == field


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2))
def test_any_upfront_percent_in_the_half_open_range_is_accepted(percent: Decimal) -> None:
    check_payment(
        PaymentTerms(
            basis="block",
            schedule="monthly_upfront_true_up",
            annual_value_pence=1,
            upfront_percent=percent,
        )
    )


def test_approved_quorate_decision_activates_once() -> None:
    contract = proposed()

    def decide():
        return contract.apply_decision(
            committee_id="pccc", item_id="i1", outcome="approved", quorate=True
        )

    assert decide() is DecisionEffect.ACTIVATED
    assert decide() is DecisionEffect.NONE
    assert contract.status == "active"


@pytest.mark.parametrize(
    ("outcome", "quorate", "committee", "status"),
    [
        ("deferred", True, "pccc", "proposed"),
        ("approved", False, "pccc", "proposed"),
        ("approved", True, "other", "proposed"),
        ("rejected", True, "pccc", "rejected"),
    ],
)
def test_decision_outcomes(outcome: str, quorate: bool, committee: str, status: str) -> None:
    contract = proposed()
    contract.apply_decision(committee_id=committee, item_id="i", outcome=outcome, quorate=quorate)  # type: ignore[arg-type]
    assert contract.status == status


def test_commissioner_cannot_activate_what_a_committee_must_decide() -> None:
    with pytest.raises(WrongState):
        proposed().activate()
    contract = proposed(hub(decision_committee_id=None))
    contract.activate()
    assert contract.status == "active"


def test_variation_adds_a_version_and_keeps_the_terms_before_its_date() -> None:
    contract = proposed(hub(decision_committee_id=None))
    contract.activate()
    contract.vary(
        effective_from=date(2026, 12, 1),
        change=TermsChange(payment=BLOCK),
        reason="r",
        recorded_at=NOW,
    )
    assert contract.terms_on(date(2026, 11, 30)).payment == TARIFF  # type: ignore[union-attr]
    assert contract.terms_on(date(2026, 12, 1)).payment == BLOCK  # type: ignore[union-attr]
    assert contract.terms_on(date(2026, 12, 1)).distribution == RULE  # type: ignore[union-attr]
    assert contract.terms_on(date(2026, 10, 31)) is None

    def before_the_start():
        return contract.vary(
            effective_from=date(2026, 10, 31),
            change=TermsChange(payment=BLOCK),
            reason="r",
            recorded_at=NOW,
        )

    assert field_broken(before_the_start) == "effective_from"


def test_termination_and_expiry() -> None:
    contract = proposed(hub(decision_committee_id=None, end_date=date(2027, 10, 31)))
    contract.activate()
    assert not contract.expire(date(2027, 10, 31))
    assert contract.expire(date(2027, 11, 1)) and contract.status == "expired"
    other = proposed(hub(decision_committee_id=None))
    other.activate()
    other.terminate(effective_on=date(2027, 1, 1), reason="r")
    assert other.in_force_on(date(2026, 12, 31)) and not other.in_force_on(date(2027, 1, 1))


def test_quarters_parse_and_span_three_months() -> None:
    q = Quarter.parse("2026-Q4")
    assert (q.first_day, q.last_day) == (date(2026, 10, 1), date(2026, 12, 31))
    assert field_broken(lambda: Quarter.parse("2026-Q0")) == "quarter"


def test_kpi_result_only_for_kpi_contracts() -> None:
    contract = proposed(hub(decision_committee_id=None))
    contract.activate()
    with pytest.raises(WrongState):
        record_kpi_result(
            contract,
            None,
            quarter="2026-Q4",
            achievement_percent=Decimal(90),
            evidence="e",
            today=TODAY,
            recorded_at=NOW,
        )
