"""The payment bases and schedules other than plain monthly block (docs/domain.md, "Payments").

- Upfront with true-up (Practice finances survey, "Knowledge of NHS finance"): each month 1/12 of
  ``upfront_percent`` of the annual value; at a calendar quarter's end the quarter is trued up to
  the recorded KPI achievement, and an over-payment becomes a recovery (a negative true-up).
- Quarterly in arrears: the quarter's value, paid in the month after the quarter.
- Per head: list size in force x rate a year, paid like a block value.

Which months each of these is booked to is ``due.py``; the calendar is ``periods.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from services.payments.domain.schedule import block_instalment
from shared.money import apply_percent


def annual_value(
    basis: str,
    annual_value_pence: int | None,
    per_head_pence: int | None,
    list_size: int | None,
) -> int | None:
    """A year's value: the block value, or list size x rate per head; None if not known yet."""
    if basis == "block":
        return annual_value_pence
    if basis == "per_head" and per_head_pence is not None and list_size is not None:
        return list_size * per_head_pence
    return None


def upfront_instalment(annual_pence: int, upfront_percent: Decimal, month_of_year: int) -> int:
    """1/12 of ``upfront_percent`` of the annual value; the rounding pennies settled in the
    contract year's last month, so that a year of instalments is exactly the upfront share."""
    return block_instalment(apply_percent(annual_pence, upfront_percent), month_of_year)


@dataclass(frozen=True)
class MonthValue:
    """One month of a quarter: its full value and what was paid for it up front."""

    full_pence: int
    upfront_pence: int


def true_up(months: Sequence[MonthValue], achievement_percent: Decimal) -> int:
    """What the quarter earned (its full value x achievement, half-even) less what was paid up
    front. Negative is an over-payment: a recovery from the provider to the commissioner."""
    if achievement_percent < 0:
        raise ValueError("achievement_percent must not be negative")
    earned = apply_percent(sum(m.full_pence for m in months), achievement_percent)
    return earned - sum(m.upfront_pence for m in months)


@dataclass(frozen=True)
class Netted:
    """One practice's change in a distribution, after netting what it owes the federation."""

    paid_pence: int  # to the practice's account
    netted_pence: int  # kept back against the sum it owed
    carried_pence: int  # a negative share, added to the sum it owes


def net_against_owed(amount_pence: int, owed_pence: int) -> Netted:
    """A negative share is not taken from the practice's account: it is carried as a sum owed
    (docs/domain.md, "The hub and the money rule": netted against the practice's next positive
    line); a positive one first pays off what is owed.
    Always ``paid + netted - carried == amount``."""
    if owed_pence < 0:
        raise ValueError("owed_pence must not be negative")
    if amount_pence < 0:
        return Netted(0, 0, -amount_pence)
    netted = min(amount_pence, owed_pence)
    return Netted(amount_pence - netted, netted, 0)
