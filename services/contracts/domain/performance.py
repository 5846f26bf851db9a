"""Achievement against KPIs: the true-up of an upfront schedule (Practice finances survey,
"Knowledge of NHS finance"; Commissioning and funding general practice, "Risk-sharing and
accountability for outcomes") and the KPI-based payments of LES/LIS (Co-commissioning evaluation
3.4.2.2).

A result is recorded for a calendar quarter ``YYYY-Qn`` (Q1 is January to March) against the
terms in force at the quarter's end (or on the contract's last day, if it ended sooner); those
terms also say what kind of result it is. Once recorded, a result is corrected, never
overwritten: each correction is a new version (2, 3, ...) with its reason, the latest version is
the quarter's result, and every version is kept.

Year-end true-up (``payment.true_up == "year_end"``; Practice finances survey: "a quarter or
year-end adjustment"): the NHS financial year runs 1 April to 31 March, so the year's result is the
one recorded for the quarter ending 31 March, ``YYYY-Q1``, which closes the financial year that
began on 1 April of YYYY-1 ("2027-Q1" closes 2026/27); its achievement is the whole year's. Such a
contract takes no result for Q2, Q3 or Q4, and its Q1 result may be recorded whenever it was in
force at some time in the financial year (a contract ended in December is still trued up for the
months it ran).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from services.contracts.domain.contract import EVER_IN_FORCE, KPI_KINDS, Contract, TermsVersion
from services.contracts.domain.rules import RuleBroken, Unknown, WrongState
from shared.calendar import (
    QUARTER_PATTERN,
    financial_year_end,
    financial_year_start,
    quarter_first_day,
    quarter_last_day,
)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        if re.fullmatch(QUARTER_PATTERN, text) is None:
            raise RuleBroken("quarter", "a quarter is YYYY-Qn (2000 to 2099), e.g. 2026-Q1")
        year, number = text.split("-Q")
        return cls(int(year), int(number))

    @property
    def first_day(self) -> date:
        return quarter_first_day(str(self))

    @property
    def last_day(self) -> date:
        return quarter_last_day(str(self))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


@dataclass(frozen=True)
class KpiResult:
    """One version of a quarter's result."""

    quarter: str
    version: int
    achievement_percent: Decimal
    evidence: str
    #: Why it was corrected; None for the first version.
    reason: str | None
    #: The version of the terms it was measured against, in the history of ``history_revision``.
    terms_version: int
    history_revision: int | None
    recorded_at: datetime


@dataclass(frozen=True)
class Recorded:
    """A result just recorded, and the terms it was measured against (for its event)."""

    result: KpiResult
    terms: TermsVersion


def is_year_end(terms: TermsVersion) -> bool:
    payment = terms.payment
    return payment.schedule == "monthly_upfront_true_up" and payment.true_up == "year_end"


def record_kpi_result(
    contract: Contract,
    previous: KpiResult | None,
    *,
    quarter: str,
    achievement_percent: Decimal,
    evidence: str,
    today: date,
    recorded_at: datetime,
) -> Recorded:
    """The first result for a quarter; ``previous`` is the quarter's latest result, if any (a
    second first result is refused: it is corrected instead)."""
    q = Quarter.parse(quarter)
    terms = _measured_against(contract, q, achievement_percent, today)
    if previous is not None:
        raise WrongState(
            f"contract {contract.id} already has a result for {q} (version {previous.version}); "
            f"correct it with POST /contracts/{contract.id}/kpi-results/{q}/corrections"
        )
    result = KpiResult(
        str(q),
        1,
        achievement_percent,
        evidence,
        None,
        terms.version,
        contract.history_revision,
        recorded_at,
    )
    return Recorded(result, terms)


def correct_kpi_result(
    contract: Contract,
    previous: KpiResult | None,
    *,
    quarter: str,
    achievement_percent: Decimal,
    evidence: str,
    reason: str,
    today: date,
    recorded_at: datetime,
) -> Recorded:
    """A new version of a quarter's result, superseding ``previous`` (its latest)."""
    q = Quarter.parse(quarter)
    terms = _measured_against(contract, q, achievement_percent, today)
    if previous is None:
        raise Unknown(
            f"contract {contract.id} has no result for {q} to correct; record it with "
            f"POST /contracts/{contract.id}/kpi-results"
        )
    if (previous.achievement_percent, previous.evidence) == (achievement_percent, evidence):
        raise WrongState(
            f"version {previous.version} of {q} already records {achievement_percent}% with "
            "this evidence: there is nothing to correct"
        )
    result = KpiResult(
        str(q),
        previous.version + 1,
        achievement_percent,
        evidence,
        reason,
        terms.version,
        contract.history_revision,
        recorded_at,
    )
    return Recorded(result, terms)


def _measured_against(
    contract: Contract, q: Quarter, achievement_percent: Decimal, today: date
) -> TermsVersion:
    """The terms a result for ``q`` is measured against, or the rule it breaks."""
    if contract.status not in EVER_IN_FORCE:
        raise WrongState(f"contract {contract.id} is {contract.status}; it was never in force")
    if not Decimal(0) <= achievement_percent <= Decimal(100):
        raise RuleBroken("achievement_percent", "must be between 0 and 100")
    if q.first_day > today:
        raise RuleBroken("quarter", f"{q} has not started yet")
    last = contract.last_day
    at = q.last_day if last is None else min(q.last_day, last)
    terms = contract.terms_on(at) if at >= contract.start_date else None
    year_end = terms is not None and is_year_end(terms)
    # A year-end result covers the financial year the quarter closes, not just the quarter.
    first = financial_year_start(q.last_day) if year_end else q.first_day
    if terms is None or (last is not None and first > last):
        raise RuleBroken("quarter", f"the contract was not in force in {q}")
    if contract.kind not in KPI_KINDS and terms.payment.schedule != "monthly_upfront_true_up":
        raise WrongState(
            "KPI results are recorded for LES/LIS contracts and upfront schedules with a "
            f"true-up; contract {contract.id} is a {contract.kind} paid "
            f"{terms.payment.schedule}",
        )
    if year_end and q.number != 1:
        closes = financial_year_end(q.last_day)
        raise RuleBroken(
            "quarter",
            f"contract {contract.id} is trued up once a year, at the financial year's end "
            f"(31 March): record the year's result for the quarter ending {closes}, "
            f"{closes.year}-Q1, not {q}",
        )
    return terms
