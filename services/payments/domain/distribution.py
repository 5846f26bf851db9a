"""The federation distribution rule: a hub's income for one contract and one period, shared out.

Practice finances survey, Case study 1 (docs/domain.md, "The hub and the money rule"): an
administration charge per patient to the practice that handles referrals, premises reimbursed per
consultation hosted, a fee per consultation to whoever delivered it; "10% of any profit or loss is
taken by the federation and the remainder is shared between those who delivered the work, in
proportion to their consultations."
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from shared.money import allocate, apply_percent


@dataclass(frozen=True)
class Rule:
    retained_percent: Decimal
    admin_charge_per_patient_pence: int
    premises_per_consultation_pence: int
    clinician_fee_per_consultation_pence: int


@dataclass(frozen=True)
class PracticeActivity:
    practice_ods: str
    first: int
    follow_up: int
    hosted: int

    @property
    def consultations(self) -> int:
        return self.first + self.follow_up


@dataclass(frozen=True)
class Line:
    practice_ods: str
    consultations: int
    share_pence: int
    admin_pence: int
    premises_pence: int
    clinician_fees_pence: int

    @property
    def total_pence(self) -> int:
        return self.share_pence + self.admin_pence + self.premises_pence + self.clinician_fees_pence


@dataclass(frozen=True)
class Distribution:
    income_pence: int
    costs_pence: int
    retained_pence: int
    remainder_pence: int
    lines: tuple[Line, ...]
    note: str | None = None

    @property
    def profit_pence(self) -> int:
        return self.income_pence - self.costs_pence

    @property
    def federation_keeps_pence(self) -> int:
        """What stays in the hub pot: the retained share, and any remainder nobody earned."""
        return self.income_pence - sum(line.total_pence for line in self.lines)


NO_CONSULTATIONS = "no consultations in the period: nothing is shared, the federation keeps it all"


class AdminPracticeUnknown(ValueError):
    """Patients were seen but no practice holds the administration role for the contract."""


def tariff_income(first_pence: int, follow_up_pence: int, work: Iterable[PracticeActivity]) -> int:
    # Case study 1: paid at tariff for the first appointment and for follow-ups.
    return sum(p.first * first_pence + p.follow_up * follow_up_pence for p in work)


def distribute(
    income_pence: int,
    rule: Rule,
    *,
    patients: int,
    admin_ods: str | None,
    work: list[PracticeActivity],
) -> Distribution:
    """Share ``income_pence`` (tariff income or a block instalment) by the hub's rule."""
    if patients and rule.admin_charge_per_patient_pence and admin_ods is None:
        raise AdminPracticeUnknown("patients were seen but no practice holds the admin role")
    admin = {admin_ods: patients * rule.admin_charge_per_patient_pence} if admin_ods else {}
    premises = {p.practice_ods: p.hosted * rule.premises_per_consultation_pence for p in work}
    fees = {
        p.practice_ods: p.consultations * rule.clinician_fee_per_consultation_pence for p in work
    }
    costs = sum(admin.values()) + sum(premises.values()) + sum(fees.values())
    profit = income_pence - costs  # negative is a loss, shared the same way
    consultations = {p.practice_ods: p.consultations for p in work}
    note = None
    if sum(consultations.values()) > 0:
        retained = apply_percent(profit, rule.retained_percent)  # round half even
        remainder = profit - retained
        shares = allocate(remainder, consultations)
    else:
        # Nobody delivered work to share it with: the federation keeps the whole profit, and
        # says so, rather than reporting a share nobody was paid.
        retained, remainder, shares = profit, 0, {}
        note = NO_CONSULTATIONS
    lines = tuple(
        Line(
            practice_ods=ods,
            consultations=consultations.get(ods, 0),
            share_pence=shares.get(ods, 0),
            admin_pence=admin.get(ods, 0),
            premises_pence=premises.get(ods, 0),
            clinician_fees_pence=fees.get(ods, 0),
        )
        for ods in sorted({*admin, *premises, *fees})
    )
    result = Distribution(income_pence, costs, retained, remainder, lines, note)
    if costs + retained + remainder != income_pence:  # Case study 1, the check to the penny
        raise AssertionError("distribution does not account for its income")
    return result
