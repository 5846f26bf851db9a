"""Block instalments (docs/domain.md, "Payments"): an annual value paid a twelfth a month."""

from __future__ import annotations

from datetime import date

from services.payments.domain.periods import months_between


def block_instalment(annual_value_pence: int, month_of_year: int) -> int:
    """Month ``month_of_year`` (0-11) of a block contract: annual / 12, with the pennies the
    division leaves settled in the last month so the contract year sums exactly."""
    if not 0 <= month_of_year < 12:
        raise ValueError("month_of_year must be 0-11")
    monthly = annual_value_pence // 12
    if month_of_year == 11:
        return annual_value_pence - 11 * monthly
    return monthly


def block_instalment_due(annual_value_pence: int, start: date, period: str) -> int | None:
    """The instalment a block contract starting ``start`` pays for ``period`` (None before it
    starts). Contract years run from the start month."""
    months = months_between(start, period)
    if months < 0:
        return None
    return block_instalment(annual_value_pence, months % 12)
