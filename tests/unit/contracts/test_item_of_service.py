"""Item-of-service payment terms (issue 19 point 2): a fee per service code, for enhanced
services only."""

from __future__ import annotations

import pytest

from services.contracts.domain.payment import ItemFee, PaymentTerms, check_payment
from services.contracts.domain.rules import RuleBroken


def ios(*fees: tuple[str, int], schedule: str = "monthly") -> PaymentTerms:
    return PaymentTerms(
        basis="item_of_service",
        schedule=schedule,  # type: ignore[arg-type]
        fees=[ItemFee(service_code=c, fee_pence=p) for c, p in fees],
    )


def field_broken(payment: PaymentTerms, kind: str | None = "LES") -> str:
    with pytest.raises(RuleBroken) as caught:
        check_payment(payment, kind=kind)
    return caught.value.field


@pytest.mark.parametrize("kind", ["DES", "LES", "LIS"])
def test_an_enhanced_service_may_be_paid_per_item(kind: str) -> None:
    check_payment(ios(("minor-surgery", 4500), ("vaccination", 1000)), kind=kind)


@pytest.mark.parametrize("kind", ["GMS", "PMS", "APMS", "HUB", "PRIME"])
def test_other_kinds_are_not_paid_per_item(kind: str) -> None:
    assert field_broken(ios(("minor-surgery", 4500)), kind) == "payment.basis"


@pytest.mark.parametrize(
    ("payment", "field"),
    [
        (PaymentTerms(basis="item_of_service", schedule="monthly"), "payment.fees"),
        (ios(), "payment.fees"),
        (ios(("vaccination", 1000), ("vaccination", 900)), "payment.fees.1.service_code"),
        (ios(("vaccination", 0)), "payment.fees.0.fee_pence"),
        (ios(("Minor Surgery", 4500)), "payment.fees.0.service_code"),
        (ios(("vaccination", 1000), schedule="monthly_upfront_true_up"), "payment.schedule"),
        (
            PaymentTerms(
                basis="tariff",
                schedule="monthly",
                per_head_pence=None,
                fees=[ItemFee(service_code="vaccination", fee_pence=1000)],
                tariff={"first_pence": 1, "follow_up_pence": 1},  # type: ignore[arg-type]
            ),
            "payment.fees",
        ),
    ],
)
def test_item_of_service_terms_name_the_field_at_fault(payment: PaymentTerms, field: str) -> None:
    assert field_broken(payment) == field


def test_too_many_service_codes_are_refused() -> None:
    fees = [(f"code-{n}", 100) for n in range(51)]
    assert field_broken(ios(*fees)) == "payment.fees"
