"""A contract as payments knows it: its parties, dates and every version of its terms.

Variations may be backdated (a fee renegotiated from the 1st, an uplift from 1 April), so a
contract carries its whole terms history, and each period is paid on the version in force on its
first day (a contract starting within the month: its first version). A termination, backdated
or not, ends the months from ``terminated_on``: a month is in force if any day of it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.payments.domain.distribution import Rule
from services.payments.domain.periods import period_end, period_start


@dataclass(frozen=True)
class Tariff:
    first_pence: int
    follow_up_pence: int


@dataclass(frozen=True)
class PaymentTerms:
    basis: str  # block | tariff | per_head | item_of_service
    schedule: str  # monthly | monthly_upfront_true_up | quarterly_arrears
    annual_value_pence: int | None = None
    tariff: Tariff | None = None
    per_head_pence: int | None = None
    upfront_percent: Decimal | None = None
    #: monthly_upfront_true_up: "quarterly" (also None) or "year_end" (Practice finances survey,
    #: "Knowledge of NHS finance").
    true_up: str | None = None
    #: item_of_service: (service code, fee per item), one per code.
    fees: tuple[tuple[str, int], ...] | None = None

    @property
    def trued_up_at_year_end(self) -> bool:
        return self.schedule == "monthly_upfront_true_up" and self.true_up == "year_end"


@dataclass(frozen=True)
class TermsVersion:
    """One version of the terms, in force from ``effective_from`` until the next one."""

    effective_from: date
    payment: PaymentTerms
    rule: Rule | None = None


@dataclass(frozen=True)
class Contract:
    contract_id: str
    kind: str
    commissioner_ods: str
    provider_ods: str
    service: str
    start_date: date
    history: tuple[TermsVersion, ...]  # by effective_from
    end_date: date | None = None
    terminated_on: date | None = None
    #: A subcontract of a PRIME contract: paid from the prime's account, not the commissioner's.
    parent_contract_id: str | None = None

    @property
    def is_hub(self) -> bool:
        """A contract with a distribution rule: paid to the federation's hub pot and shared."""
        return any(version.rule is not None for version in self.history)

    def in_force(self, period: str) -> bool:
        first, last = period_start(period), period_end(period)
        return (
            self.start_date <= last
            and (self.end_date is None or self.end_date >= first)
            and (self.terminated_on is None or self.terminated_on > first)
        )

    def terms_for(self, period: str) -> TermsVersion | None:
        """The version a period is paid on, or None when the contract is not in force in it."""
        if not self.in_force(period):
            return None
        first, last = period_start(period), period_end(period)
        on_first_day = [v for v in self.history if v.effective_from <= first]
        if on_first_day:
            return on_first_day[-1]
        starting = [v for v in self.history if v.effective_from <= last]
        return starting[0] if starting else None

    def month_of_year(self, period: str) -> int:
        """0-11: contract years run from the start month."""
        first = period_start(period)
        months = (first.year - self.start_date.year) * 12 + first.month - self.start_date.month
        return months % 12

    def same_month(self, other: Contract, period: str) -> bool:
        """Whether ``period`` is paid the same under ``other`` (another state of this contract):
        in force alike, on equal terms, in the same month of the contract year."""
        mine, theirs = self.terms_for(period), other.terms_for(period)
        if mine is None or theirs is None:
            return mine is theirs
        return (
            mine.payment == theirs.payment
            and mine.rule == theirs.rule
            and self.month_of_year(period) == other.month_of_year(period)
        )
