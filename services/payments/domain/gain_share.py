"""Gain share (issue 20): what an alliance keeps of what it saved against its indicative budget.

*Practice finances survey*, "Case study 2: Incentive scheme used by NHS Vale of York CCG":
indicative budgets are set at alliance level on weighted populations, with "two trigger points
... the average spend per weighted head across the CCG and the benchmark, which was based on the
lowest alliance's average spend. Alliances would retain 25% of savings above the CCG average, 50%
between the average and the benchmark, and 75% below the benchmark."

Per weighted head, with ``b`` an alliance's baseline and ``a`` its actual spend, ``A`` the CCG's
total baseline over its total weighted population and ``B`` the lowest alliance's baseline: the
saving ``b - a`` is the interval from ``a`` to ``b``; the part of it above ``A``, the part between
``B`` and ``A`` and the part below ``B``, each times the weighted population, earn 25%, 50% and
75%. Everything is exact (``Fraction``) until a figure becomes pence:

- a tier's ``saving_pence`` is the alliance's saving (a whole number of pence) shared over the
  three exact tier savings by largest remainder (``shared.money.allocate``), so the tiers always
  add up to the saving;
- a tier's ``earned_pence`` is its exact saving times its share, rounded half-even, as the issue
  says; the alliance's ``earned_pence`` is the sum of its tiers'. So earnings are at most 75% of
  the saving plus the three roundings (under 1.5p).

An overspend (``a >= b``) saves and earns nothing: the scheme has no penalty.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Literal

from shared.money import allocate, format_pence
from shared.rules import RuleBroken

TierName = Literal["above_average", "average_to_benchmark", "below_benchmark"]

#: Each tier and the percent of its saving the alliance keeps, highest spend first.
SHARES: tuple[tuple[TierName, int], ...] = (
    ("above_average", 25),
    ("average_to_benchmark", 50),
    ("below_benchmark", 75),
)

_DESCRIBED: dict[TierName, str] = {
    "above_average": "above the CCG average",
    "average_to_benchmark": "between the CCG average and the benchmark",
    "below_benchmark": "below the benchmark",
}

_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def financial_year_end(year: str) -> date:
    """31 March ending an NHS financial year written ``2025/26`` (April 2025 to March 2026)."""
    found = _YEAR.match(year)
    if found is None or (int(found[1]) + 1) % 100 != int(found[2]):
        raise RuleBroken("year", f"{year!r} is not a financial year such as 2025/26")
    return date(int(found[1]) + 1, 3, 31)


@dataclass(frozen=True)
class Alliance:
    federation_ods: str
    weighted_population: int
    baseline_spend_pence: int
    actual_spend_pence: int

    @property
    def baseline_per_head(self) -> Fraction:
        return Fraction(self.baseline_spend_pence, self.weighted_population)

    @property
    def actual_per_head(self) -> Fraction:
        return Fraction(self.actual_spend_pence, self.weighted_population)


@dataclass(frozen=True)
class Tier:
    tier: TierName
    saving_pence: int
    share_percent: int
    earned_pence: int


@dataclass(frozen=True)
class AllianceGain:
    federation_ods: str
    weighted_population: int
    saving_pence: int
    earned_pence: int
    tiers: tuple[Tier, ...]


@dataclass(frozen=True)
class GainShare:
    #: The trigger points, per weighted head in pence (exact).
    average_per_head: Fraction
    benchmark_per_head: Fraction
    alliances: tuple[AllianceGain, ...]


def tier_savings(
    actual: Fraction, baseline: Fraction, average: Fraction, benchmark: Fraction
) -> dict[TierName, Fraction]:
    """The parts of the interval from ``actual`` to ``baseline`` (per head) above ``average``,
    between ``benchmark`` and ``average``, and below ``benchmark``; nothing when ``actual`` is
    not below ``baseline``."""
    zero = Fraction(0)
    if actual >= baseline:
        return dict.fromkeys(("above_average", "average_to_benchmark", "below_benchmark"), zero)
    return {
        "above_average": max(zero, baseline - max(actual, average)),
        "average_to_benchmark": max(zero, min(baseline, average) - max(actual, benchmark)),
        "below_benchmark": max(zero, min(baseline, benchmark) - actual),
    }


def exact_earnings(alliance: Alliance, average: Fraction, benchmark: Fraction) -> Fraction:
    """What the alliance earns before any rounding, in pence."""
    parts = tier_savings(alliance.actual_per_head, alliance.baseline_per_head, average, benchmark)
    shares = dict(SHARES)
    return sum(
        (part * alliance.weighted_population * Fraction(shares[name], 100))
        for name, part in parts.items()
    ) + Fraction(0)


def _validate(alliances: Sequence[Alliance]) -> None:
    if not alliances:
        raise RuleBroken("alliances", "at least one alliance is needed")
    seen: set[str] = set()
    for i, alliance in enumerate(alliances):
        if alliance.federation_ods in seen:
            raise RuleBroken(
                ["alliances", i, "federation_ods"], f"{alliance.federation_ods} is named twice"
            )
        seen.add(alliance.federation_ods)
        if alliance.weighted_population <= 0:
            raise RuleBroken(["alliances", i, "weighted_population"], "must be above zero")
        for name in ("baseline_spend_pence", "actual_spend_pence"):
            if getattr(alliance, name) < 0:
                raise RuleBroken(["alliances", i, name], "must not be negative")


def _in_pence(saving_pence: int, exact: Mapping[TierName, Fraction]) -> dict[TierName, int]:
    """The saving shared over the tiers' exact savings by largest remainder (they are exactly
    proportional to them, so each tier is within a penny of its exact saving)."""
    if saving_pence <= 0:
        return dict.fromkeys(exact, 0)
    scale = math.lcm(*(part.denominator for part in exact.values()))
    weights: dict[str, int] = {name: int(part * scale) for name, part in exact.items()}
    shared = allocate(saving_pence, weights)
    return {name: shared[name] for name in exact}


def alliance_gain(alliance: Alliance, average: Fraction, benchmark: Fraction) -> AllianceGain:
    per_head = tier_savings(
        alliance.actual_per_head, alliance.baseline_per_head, average, benchmark
    )
    exact = {name: part * alliance.weighted_population for name, part in per_head.items()}
    saving = max(0, alliance.baseline_spend_pence - alliance.actual_spend_pence)
    in_pence = _in_pence(saving, exact)
    tiers = tuple(
        Tier(
            tier=name,
            saving_pence=in_pence[name],
            share_percent=percent,
            # Fraction rounds half to even.
            earned_pence=round(exact[name] * Fraction(percent, 100)),
        )
        for name, percent in SHARES
    )
    return AllianceGain(
        federation_ods=alliance.federation_ods,
        weighted_population=alliance.weighted_population,
        saving_pence=saving,
        earned_pence=sum(t.earned_pence for t in tiers),
        tiers=tiers,
    )


def gain_share(alliances: Sequence[Alliance]) -> GainShare:
    """Each alliance's saving and earnings, tier by tier, against the CCG's trigger points."""
    _validate(alliances)
    population = sum(a.weighted_population for a in alliances)
    average = Fraction(sum(a.baseline_spend_pence for a in alliances), population)
    benchmark = min(a.baseline_per_head for a in alliances)
    return GainShare(
        average_per_head=average,
        benchmark_per_head=benchmark,
        alliances=tuple(alliance_gain(a, average, benchmark) for a in alliances),
    )


def practice_shares(earned_pence: int, weights: Mapping[str, int]) -> dict[str, int]:
    """The federation's earnings shared over its member practices by weight (largest
    remainder: the shares add up to the earnings exactly)."""
    if earned_pence == 0:
        return dict.fromkeys(sorted(weights), 0)
    return allocate(earned_pence, weights)


def calculation(year: str, service: str, gain: AllianceGain) -> str:
    """The statement line: the calculation tier by tier."""
    parts = [
        f"{format_pence(t.saving_pence)} saved {_DESCRIBED[t.tier]} at {t.share_percent}%"
        f" = {format_pence(t.earned_pence)}"
        for t in gain.tiers
        if t.saving_pence or t.earned_pence
    ]
    shown = "; ".join(parts) or "nothing saved"
    return f"gain share {year} {service}: {shown}; earned {format_pence(gain.earned_pence)}"
