"""Quarterly achievement against KPIs: the true-up of an upfront schedule (000:591-593,
001:1111-1121) and the KPI-based payments of LES/LIS (004:2319-2429)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from services.contracts.domain.contract import EVER_IN_FORCE, KPI_KINDS, Contract, TermsVersion
from services.contracts.domain.rules import RuleBroken, WrongState

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        match = _QUARTER.fullmatch(text)
        if match is None:
            raise RuleBroken("quarter", "a quarter is YYYY-Qn, e.g. 2026-Q1")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


@dataclass(frozen=True)
class KpiResult:
    quarter: str
    achievement_percent: Decimal
    evidence: str
    terms: TermsVersion


def record_kpi_result(
    contract: Contract, *, quarter: str, achievement_percent: Decimal, evidence: str, today: date
) -> KpiResult:
    """The achievement for one quarter, against the terms in force at the quarter's end."""
    q = Quarter.parse(quarter)
    if contract.status not in EVER_IN_FORCE:
        raise WrongState(f"contract {contract.id} is {contract.status}; it was never in force")
    if not Decimal(0) <= achievement_percent <= Decimal(100):
        raise RuleBroken("achievement_percent", "must be between 0 and 100")
    if q.first_day > today:
        raise RuleBroken("quarter", f"{q} has not started yet")
    last_days = [contract.end_date]
    if contract.terminated_on is not None:
        last_days.append(contract.terminated_on - timedelta(days=1))
    ends = min((d for d in last_days if d is not None), default=None)
    if q.last_day < contract.start_date or (ends is not None and q.first_day > ends):
        raise RuleBroken("quarter", f"the contract was not in force in {q}")
    terms = contract.terms_on(min(q.last_day, ends) if ends else q.last_day) or contract.versions[0]
    if contract.kind not in KPI_KINDS and terms.payment.schedule != "monthly_upfront_true_up":
        raise WrongState(
            "KPI results are recorded for LES/LIS contracts and upfront schedules with a "
            f"true-up; contract {contract.id} is a {contract.kind} paid "
            f"{terms.payment.schedule}",
        )
    if str(q) in contract.kpi_quarters:
        raise WrongState(f"contract {contract.id} already has a result for {q}")
    contract.kpi_quarters.add(str(q))
    return KpiResult(str(q), achievement_percent, evidence, terms)
