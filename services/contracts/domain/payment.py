"""Payment terms and the hub distribution rule: which combinations make sense.

Bases and schedules are those seen in the reports (docs/domain.md, "Payments"): a block value
in monthly instalments; 1/12 of 75% of the value monthly "with a quarter or year-end
adjustment" (Practice finances survey, "Knowledge of NHS finance": ``true_up`` quarterly, the
default, or year_end, at 31 March); tariff per first appointment and follow-up (Case study 1);
per head (Co-commissioning evaluation 3.4.2.2). The value
objects are the event schemas', so what is checked here is exactly what other services receive.
"""

from __future__ import annotations

import re
from decimal import Decimal

from services.contracts.domain.rules import RuleBroken
from shared.events.contracts import DistributionRule, ItemFee, PaymentTerms, Tariff

__all__ = [
    "DistributionRule",
    "ItemFee",
    "PaymentTerms",
    "Tariff",
    "check_distribution",
    "check_payment",
]

_AMOUNT_FOR_BASIS = {
    "block": "annual_value_pence",
    "tariff": "tariff",
    "per_head": "per_head_pence",
    "item_of_service": "fees",
}
#: Enhanced services are the ones paid per item of service (docs/domain.md, "Item of service").
ITEM_OF_SERVICE_KINDS = frozenset({"DES", "LES", "LIS"})
MAX_FEES = 50
SERVICE_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def check_payment(payment: PaymentTerms, where: str = "payment", kind: str | None = None) -> None:
    """Raises RuleBroken naming the first field that is missing or does not fit the basis
    and schedule (and, given the contract's ``kind``, the kind)."""
    needed = _AMOUNT_FOR_BASIS[payment.basis]
    if getattr(payment, needed) is None:
        raise RuleBroken(f"{where}.{needed}", f"a {payment.basis} payment needs {needed}")
    # One amount per basis: a second one would leave payments guessing which applies.
    for other in _AMOUNT_FOR_BASIS.values():
        if other != needed and getattr(payment, other) is not None:
            raise RuleBroken(f"{where}.{other}", f"a {payment.basis} payment does not take {other}")
    for name in ("annual_value_pence", "per_head_pence"):
        value = getattr(payment, name)
        if value is not None and value <= 0:
            raise RuleBroken(f"{where}.{name}", "must be a positive number of pence")
    if payment.fees is not None:
        check_fees(payment.fees, f"{where}.fees")
    if (
        payment.basis == "item_of_service"
        and kind is not None
        and kind not in ITEM_OF_SERVICE_KINDS
    ):
        raise RuleBroken(f"{where}.basis", f"only DES, LES and LIS are paid per item, not {kind}")
    if payment.tariff is not None and (
        payment.tariff.first_pence < 0 or payment.tariff.follow_up_pence < 0
    ):
        raise RuleBroken(f"{where}.tariff", "tariff amounts cannot be negative")
    if payment.schedule == "monthly_upfront_true_up":
        if payment.basis in ("tariff", "item_of_service"):
            # Income per item is only known once activity is counted: nothing to pay upfront.
            raise RuleBroken(
                f"{where}.schedule",
                f"a {payment.basis} payment cannot be paid upfront with a true-up",
            )
        percent = payment.upfront_percent
        if percent is None:
            raise RuleBroken(
                f"{where}.upfront_percent", "monthly_upfront_true_up needs upfront_percent"
            )
        if not Decimal(0) < percent <= Decimal(100):
            raise RuleBroken(f"{where}.upfront_percent", "must be more than 0 and at most 100")
    else:
        if payment.upfront_percent is not None:
            raise RuleBroken(
                f"{where}.upfront_percent", "only a monthly_upfront_true_up schedule takes one"
            )
        if payment.true_up is not None:
            raise RuleBroken(
                f"{where}.true_up",
                "only a monthly_upfront_true_up schedule is trued up (quarterly or year_end)",
            )


def check_fees(fees: list[ItemFee], where: str) -> None:
    """One fee for each service code, each a positive amount: the codes are what activity is
    reported under (``Encounter.serviceType``), so two fees for one would leave it ambiguous."""
    if not fees:
        raise RuleBroken(where, "needs a fee for at least one service code")
    if len(fees) > MAX_FEES:
        raise RuleBroken(where, f"at most {MAX_FEES} service codes")
    seen: set[str] = set()
    for n, fee in enumerate(fees):
        if not SERVICE_CODE.match(fee.service_code):
            raise RuleBroken(
                f"{where}.{n}.service_code",
                "a service code is 1-40 lower-case letters, digits or hyphens",
            )
        if fee.service_code in seen:
            raise RuleBroken(f"{where}.{n}.service_code", f"{fee.service_code} has a fee already")
        seen.add(fee.service_code)
        if fee.fee_pence <= 0:
            raise RuleBroken(f"{where}.{n}.fee_pence", "must be a positive number of pence")


def check_distribution(rule: DistributionRule, where: str = "distribution") -> None:
    """The hub rule of Case study 1 (Practice finances survey): a retained share of profit or loss
    and three cost rates."""
    if not Decimal(0) <= rule.retained_percent <= Decimal(100):
        raise RuleBroken(f"{where}.retained_percent", "must be between 0 and 100")
    for name in (
        "admin_charge_per_patient_pence",
        "premises_per_consultation_pence",
        "clinician_fee_per_consultation_pence",
    ):
        if getattr(rule, name) < 0:
            raise RuleBroken(f"{where}.{name}", "cannot be negative")
