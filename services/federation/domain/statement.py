"""A hub contract's statement: income against what was paid out, period by period.

Federations found it "too easy to take on loss-making services" (003:176-177): a hub whose
costs exceed its income loses money every month, and the federation and its practices carry
the loss. The statement says so plainly."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodResult:
    """What payments distributed for one period, adjustments included."""

    period: str
    income_pence: int
    costs_pence: int
    retained_pence: int
    distributed_pence: int

    @property
    def profit_pence(self) -> int:
        return self.income_pence - self.costs_pence

    @property
    def loss_making(self) -> bool:
        return self.profit_pence < 0


@dataclass(frozen=True)
class Statement:
    periods: list[PeriodResult]

    @property
    def income_pence(self) -> int:
        return sum(p.income_pence for p in self.periods)

    @property
    def costs_pence(self) -> int:
        return sum(p.costs_pence for p in self.periods)

    @property
    def profit_pence(self) -> int:
        return self.income_pence - self.costs_pence

    @property
    def loss_making(self) -> bool:
        return self.profit_pence < 0

    @property
    def loss_making_periods(self) -> list[str]:
        return [p.period for p in self.periods if p.loss_making]


def statement(periods: Iterable[PeriodResult]) -> Statement:
    """Periods in order; several distributions of one period (a restatement's adjustment)
    add up."""
    merged: dict[str, PeriodResult] = {}
    for p in periods:
        q = merged.get(p.period)
        merged[p.period] = (
            p
            if q is None
            else PeriodResult(
                p.period,
                q.income_pence + p.income_pence,
                q.costs_pence + p.costs_pence,
                q.retained_pence + p.retained_pence,
                q.distributed_pence + p.distributed_pence,
            )
        )
    return Statement([merged[k] for k in sorted(merged)])
