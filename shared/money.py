"""Integer-pence money kernel for gpfed.

Every amount in the system is a whole number of pence (GBP only). Binary floats cannot
represent most decimal fractions of a pound, so sums drift by fractions of a penny and
two runs can disagree; integers are exact and compare reliably, which matters when
figures are reconciled against NHS payment schedules and practice bank statements.

When a federation-level sum is shared between member practices the pennies must add
up to the original total exactly. We use largest-remainder (Hamilton) apportionment:
every practice first receives the floor of its exact quota, and the few pennies left
over go to the largest fractional remainders. This keeps every share within a penny of
its fair quota, never creates or loses a penny, and -- with ties broken by ODS code --
gives the same answer on every run, so an allocation can be reproduced in an audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal, Inexact, InvalidOperation, localcontext
from typing import TypeAlias

__all__ = ["Pence", "allocate", "apply_percent", "format_pence"]

Pence: TypeAlias = int


def _require_int(value: object, name: str) -> int:
    # bool is a subclass of int, but True pence is always a bug, never an amount.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int number of pence, got {type(value).__name__}")
    return value


def allocate(total_pence: Pence, weights: Mapping[str, int]) -> dict[str, Pence]:
    """Share ``total_pence`` over ``weights`` (keyed by ODS code) by largest remainder.

    The shares sum to ``total_pence`` exactly and each is within 1p of its exact quota
    ``total_pence * weight / sum(weights)``. Equal remainders are settled by ascending
    key, and a negative total is the mirror image of the positive one, so a refund
    unwinds the original allocation penny for penny. Keys are returned in ascending
    order; zero-weight keys receive 0.
    """
    _require_int(total_pence, "total_pence")
    if not weights:
        raise ValueError("cannot allocate over no weights: at least one weight is required")
    for key, weight in weights.items():
        if not isinstance(key, str):
            raise TypeError(f"weight keys must be str ODS codes, got {type(key).__name__}")
        if isinstance(weight, bool) or not isinstance(weight, int):
            raise TypeError(f"weight for {key!r} must be an int, got {type(weight).__name__}")
        if weight < 0:
            raise ValueError(f"weight for {key!r} must be non-negative, got {weight}")
    weight_sum = sum(weights.values())
    if weight_sum <= 0:
        raise ValueError("cannot allocate: the weights sum to zero, so no share is defined")

    # Allocating the magnitude and negating keeps credits symmetric with debits; rounding
    # a negative quota directly would hand the odd pennies to different keys.
    if total_pence < 0:
        return {key: -share for key, share in allocate(-total_pence, weights).items()}

    keys = sorted(weights)
    shares: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for key in keys:
        # All remainders share the denominator weight_sum, so comparing the integer
        # numerators orders the fractional parts exactly, without floats or Fraction.
        shares[key], remainders[key] = divmod(total_pence * weights[key], weight_sum)

    leftover = total_pence - sum(shares.values())
    # sorted() is stable and keys are already ascending, so equal remainders keep
    # ascending key order: the smaller ODS code gets the spare penny first.
    for key in sorted(keys, key=lambda k: remainders[k], reverse=True)[:leftover]:
        shares[key] += 1
    return shares


def apply_percent(amount_pence: Pence, percent: Decimal | str | int) -> Pence:
    """Return ``amount_pence * percent / 100`` rounded half-even to whole pence.

    Half-even (banker's rounding) avoids the upward bias of half-up when many small
    percentages are summed, e.g. management fees across every practice in a federation.
    Floats are refused because a value such as 7.1 is already inexact before we see it;
    pass ``"7.1"`` or ``Decimal("7.1")`` instead.
    """
    _require_int(amount_pence, "amount_pence")
    if isinstance(percent, float):
        raise TypeError("percent must be a Decimal, str or int, not float (floats are inexact)")
    if isinstance(percent, bool) or not isinstance(percent, (Decimal, str, int)):
        raise TypeError(f"percent must be a Decimal, str or int, got {type(percent).__name__}")
    try:
        rate = Decimal(percent.strip() if isinstance(percent, str) else percent)
    except InvalidOperation:
        raise ValueError(f"percent is not a decimal number: {percent!r}") from None
    if not rate.is_finite():
        raise ValueError(f"percent must be a finite number, got {percent!r}")

    amount = Decimal(amount_pence)
    with localcontext() as ctx:
        # Enough digits for the exact product even when the percent has a positive
        # exponent (e.g. "1E+3"), and trap Inexact so that a precision mistake fails
        # loudly instead of silently rounding twice.
        exponent = rate.as_tuple().exponent
        assert isinstance(exponent, int)  # finite, checked above
        digits = len(amount.as_tuple().digits) + len(rate.as_tuple().digits)
        ctx.prec = digits + max(exponent, 0) + 4
        ctx.traps[Inexact] = True
        exact = (amount * rate).scaleb(-2)
        ctx.traps[Inexact] = False
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def format_pence(pence: Pence) -> str:
    """Format pence for people, e.g. ``123456 -> "£1,234.56"`` and ``-105 -> "-£1.05"``."""
    _require_int(pence, "pence")
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"
