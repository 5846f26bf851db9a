"""What a contract is due, booked to which period, and why part of it waits.

Every amount is booked to one period under a basis: ``(contract, period, basis)`` is an *item*,
and each payment of an item is a revision of it (the unique key that pays it once). An item also
says which months it pays for (``covers``, each with its weight), so that a hub's income is
shared by the activity of those months, whenever it arrives:

- tariff, at any schedule (Practice finances survey, Case study 1): the closed month's counts,
  booked to that month;
- item of service (an enhanced service's fee per item, issue 19 point 2), at any schedule: each
  service code's fee x the closed month's count of it, booked to that month, as tariff is;
- monthly block or per head: the month's instalment (annual / 12, pennies in the contract
  year's last month), booked to the month;
- upfront with true-up (Practice finances survey, "Knowledge of NHS finance"): each month 1/12 of
  ``upfront_percent`` of the year's value (basis ``upfront``); the ``true_up`` item, booked to the
  quarter's last month (or, for a ``year_end`` true-up, to March for the financial year), is what
  the covered months earned at the recorded achievement less what they were paid up front; negative
  is a recovery;
- quarterly in arrears: the quarter's months, booked to the month after the quarter.

Each month is valued on the terms in force for it, so an item of a contract that ended part way
through its quarter or year covers the months it was in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from services.payments.domain.bases import MonthValue, annual_value, true_up, upfront_instalment
from services.payments.domain.distribution import tariff_income
from services.payments.domain.facts import Activity, Facts
from services.payments.domain.periods import (
    arrears_month,
    financial_year_end,
    financial_year_months,
    is_quarter_end,
    period_start,
    quarter_end,
    quarter_months,
    quarter_of,
    quarter_paid_in_arrears,
)
from services.payments.domain.schedule import block_instalment
from services.payments.domain.schemes import RECOVERY, RELEASE, SchemeRules, close, decide
from services.payments.domain.terms import Contract, PaymentTerms

UPFRONT, TRUE_UP = "upfront", "true_up"
TARIFF, ITEM_OF_SERVICE = "tariff", "item_of_service"
#: The bases paid month by month on the counts the federation closes.
PAID_ON_COUNTS = frozenset({TARIFF, ITEM_OF_SERVICE})
UPFRONT_SCHEDULE, ARREARS_SCHEDULE = "monthly_upfront_true_up", "quarterly_arrears"

ItemKey = tuple[str, str, str]  # (contract_id, period booked to, basis)


@dataclass(frozen=True)
class Due:
    """What an item is due in all, under the facts known now."""

    contract_id: str
    period: str
    basis: str
    amount_pence: int
    #: The months it pays for, each with its weight (the month's full value) for sharing it.
    covers: tuple[tuple[str, int], ...]
    #: What it is made of, for the statement (an item of service: each code's count x fee).
    detail: str = ""

    @property
    def key(self) -> ItemKey:
        return (self.contract_id, self.period, self.basis)


class WaitingReason(StrEnum):
    """Why something due in a period cannot be paid yet; a later run pays it."""

    PERIOD_NOT_CLOSED = "period_not_closed"
    ACHIEVEMENT_NOT_RECORDED = "achievement_not_recorded"
    LIST_SIZE_NOT_KNOWN = "list_size_not_known"
    PRIME_NOT_KNOWN = "prime_not_known"
    SCHEME_RESULTS_NOT_RECORDED = "scheme_results_not_recorded"


@dataclass(frozen=True)
class Waiting:
    contract_id: str
    period: str
    basis: str
    reason: WaitingReason
    detail: str

    @property
    def key(self) -> ItemKey:
        return (self.contract_id, self.period, self.basis)


def month_value(contract: Contract, month: str, facts: Facts) -> MonthValue | None:
    """A month's full value on the terms in force for it, and what is paid for it up front;
    None when it has none (not in force, or tariff) or it is not known yet (no list size)."""
    version = contract.terms_for(month)
    if version is None:
        return None
    terms = version.payment
    list_size = facts.list_sizes.on(period_start(month)) if terms.basis == "per_head" else None
    annual = annual_value(terms.basis, terms.annual_value_pence, terms.per_head_pence, list_size)
    if annual is None:
        return None
    month_of_year = contract.month_of_year(month)
    full = block_instalment(annual, month_of_year)
    if terms.schedule != UPFRONT_SCHEDULE or terms.upfront_percent is None:
        return MonthValue(full, full)
    return MonthValue(full, upfront_instalment(annual, terms.upfront_percent, month_of_year))


def due_in(contract: Contract, period: str, facts: Facts) -> tuple[list[Due], list[Waiting]]:
    """Every item of ``contract`` booked to ``period``, and what waits."""
    due: list[Due] = []
    waiting: list[Waiting] = []
    _this_month(contract, period, facts, due, waiting)
    if facts.scheme is not None:
        _scheme_close(contract, period, facts, facts.scheme, due, waiting)
    else:
        _true_up(contract, period, facts, due, waiting)
    _arrears(contract, period, facts, due, waiting)
    return merged(due), waiting


def merged(dues: Iterable[Due]) -> list[Due]:
    """One item per key: a month's instalment and a quarter's arrears under the same basis
    (a schedule varied at the quarter's turn) are one payment of their sum."""
    found: dict[ItemKey, Due] = {}
    for d in dues:
        if (before := found.get(d.key)) is not None:
            d = Due(*d.key, before.amount_pence + d.amount_pence, before.covers + d.covers)
        found[d.key] = d
    return list(found.values())


def _this_month(
    contract: Contract, period: str, facts: Facts, due: list[Due], waiting: list[Waiting]
) -> None:
    version = contract.terms_for(period)
    if version is None:
        return
    terms, cid = version.payment, contract.contract_id
    if terms.basis in PAID_ON_COUNTS:
        closed = facts.closed.get(period)
        if closed is None:  # paid on closed activity only
            detail = f"the federation has not closed {period} for this contract"
            reason = WaitingReason.PERIOD_NOT_CLOSED
            waiting.append(Waiting(cid, period, terms.basis, reason, detail))
            return
        income = counted_income(terms, closed)
        if income is not None:
            detail = items_paid(terms, closed)
            due.append(Due(cid, period, terms.basis, income, ((period, income),), detail))
        return
    if terms.schedule == ARREARS_SCHEDULE:
        return
    basis = UPFRONT if terms.schedule == UPFRONT_SCHEDULE else terms.basis
    value = month_value(contract, period, facts)
    if value is None:
        waiting.append(_no_list_size(contract, period, basis))
        return
    amount = value.upfront_pence if basis == UPFRONT else value.full_pence
    due.append(Due(cid, period, basis, amount, ((period, value.full_pence),)))


def counted_income(terms: PaymentTerms, closed: Activity) -> int | None:
    """What a closed month earns at tariff (first and follow-up counts x the tariff) or per
    item (each service code's count x its fee; a code with no fee earns nothing)."""
    if terms.basis == ITEM_OF_SERVICE:
        fees = dict(terms.fees or ())
        return sum(fees.get(code, 0) * count for code, count in closed.services)
    if terms.tariff is None:
        return None
    return tariff_income(terms.tariff.first_pence, terms.tariff.follow_up_pence, closed.work)


def items_paid(terms: PaymentTerms, closed: Activity) -> str:
    """An item-of-service month as its statement line reads: each code's count x fee."""
    if terms.basis != ITEM_OF_SERVICE:
        return ""
    fees = dict(terms.fees or ())
    return ", ".join(f"{code} {count} x {fees.get(code, 0)}p" for code, count in closed.services)


def true_up_months(contract: Contract, period: str) -> list[str]:
    """The months whose true-up is booked to ``period``: at a quarter's end, the quarter's
    months trued up quarterly; in March also the financial year's months trued up at year end."""
    if not is_quarter_end(period):
        return []
    quarter = quarter_months(quarter_of(period))
    year_end = financial_year_end(period) == period
    months = []
    for month in financial_year_months(period) if year_end else quarter:
        version = contract.terms_for(month)
        if version is None or version.payment.schedule != UPFRONT_SCHEDULE:
            continue
        if (year_end and version.payment.trued_up_at_year_end) or (
            month in quarter and not version.payment.trued_up_at_year_end
        ):
            months.append(month)
    return months


def _true_up(
    contract: Contract, period: str, facts: Facts, due: list[Due], waiting: list[Waiting]
) -> None:
    months = true_up_months(contract, period)
    if not months:
        return
    cid, quarter = contract.contract_id, quarter_of(period)
    recorded = facts.achievements.get(quarter)
    if recorded is None:
        detail = f"no KPI achievement is recorded for {quarter}: no true-up yet"
        reason = WaitingReason.ACHIEVEMENT_NOT_RECORDED
        waiting.append(Waiting(cid, period, TRUE_UP, reason, detail))
        return
    values = [month_value(contract, month, facts) for month in months]
    known = [v for v in values if v is not None]
    if len(known) != len(values):
        waiting.append(_no_list_size(contract, period, TRUE_UP))
        return
    amount = true_up(known, recorded.percent)
    covers = tuple((m, v.full_pence) for m, v in zip(months, known, strict=True))
    due.append(Due(cid, period, TRUE_UP, amount, covers))


def _scheme_close(
    contract: Contract,
    period: str,
    facts: Facts,
    rules: SchemeRules,
    due: list[Due],
    waiting: list[Waiting],
) -> None:
    """An incentive scheme's year close, booked to March instead of a true-up (issue 20): the
    held-back share released or not, and upfront money recovered, by the scheme's rules."""
    months = true_up_months(contract, period)
    if not months:
        return
    cid, practice = contract.contract_id, contract.provider_ods
    decision = decide(rules, practice)
    if decision is None:
        missing = ", ".join(rules.waiting_for(practice))
        detail = f"no results of {missing} are recorded for scheme {rules.scheme_id}"
        reason = WaitingReason.SCHEME_RESULTS_NOT_RECORDED
        waiting += [Waiting(cid, period, basis, reason, detail) for basis in (RELEASE, RECOVERY)]
        return
    values = [month_value(contract, month, facts) for month in months]
    known = [v for v in values if v is not None]
    if len(known) != len(values):
        waiting += [_no_list_size(contract, period, basis) for basis in (RELEASE, RECOVERY)]
        return
    upfront = sum(v.upfront_pence for v in known)
    closed = close(upfront, sum(v.full_pence for v in known) - upfront, decision, rules)
    covers = tuple((m, v.full_pence) for m, v in zip(months, known, strict=True))
    due.append(Due(cid, period, RELEASE, closed.released_pence, covers, decision.release_why))
    recovered = -closed.recovered_pence
    due.append(Due(cid, period, RECOVERY, recovered, covers, decision.recovery_why))


def _arrears(
    contract: Contract, period: str, facts: Facts, due: list[Due], waiting: list[Waiting]
) -> None:
    quarter = quarter_paid_in_arrears(period)
    if quarter is None:
        return
    by_basis: dict[str, list[tuple[str, int]]] = {}
    for month in quarter_months(quarter):
        version = contract.terms_for(month)
        if version is None or version.payment.schedule != ARREARS_SCHEDULE:
            continue
        if version.payment.basis in PAID_ON_COUNTS:
            continue  # paid month by month on the closed counts
        value = month_value(contract, month, facts)
        if value is None:
            waiting.append(_no_list_size(contract, period, version.payment.basis))
            return
        by_basis.setdefault(version.payment.basis, []).append((month, value.full_pence))
    for basis, covers in by_basis.items():
        amount = sum(weight for _, weight in covers)
        due.append(Due(contract.contract_id, period, basis, amount, tuple(covers)))


def _no_list_size(contract: Contract, period: str, basis: str) -> Waiting:
    detail = f"no list size of {contract.provider_ods} is known for {period}: per head waits"
    reason = WaitingReason.LIST_SIZE_NOT_KNOWN
    return Waiting(contract.contract_id, period, basis, reason, detail)


def periods_booked(month: str) -> list[str]:
    """Every period an item covering ``month`` may be booked to: the month itself, its quarter's
    end (true-up), the month after its quarter (arrears) and its financial year's March."""
    found = [month, quarter_end(month), arrears_month(month), financial_year_end(month)]
    return list(dict.fromkeys(found))


def months_paid_in(period: str) -> list[str]:
    """Every month an item booked to ``period`` may pay for (the inverse of
    :func:`periods_booked`): the month, its quarter, the quarter before it and, in March, the
    financial year."""
    months = [period]
    if is_quarter_end(period):
        months += quarter_months(quarter_of(period))
    if (arrears := quarter_paid_in_arrears(period)) is not None:
        months += quarter_months(arrears)
    if financial_year_end(period) == period:
        months += financial_year_months(period)
    return sorted(set(months))
