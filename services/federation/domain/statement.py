"""A hub contract's statement: income against what was paid out, period by period.

Federations found it "too easy to take on loss-making services" (Securing the future, slide
"Essential ingredients for success"): a hub whose costs exceed its income loses money every
month, and the federation and its practices carry the loss. The statement says so plainly.

A restated period counts once, as its latest distribution revision (each revision carries the
period's full amounts, see ``distribution.py``); the revisions it went through are listed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from services.federation.domain.distribution import DistributionRevision, by_period


@dataclass(frozen=True)
class PeriodResult:
    """What payments distributed for one period, as its latest revision stands."""

    period: str
    income_pence: int
    costs_pence: int
    retained_pence: int
    distributed_pence: int
    #: The revision the figures are from (the latest), and every revision distributed.
    revision: int = 1
    revisions: list[int] = field(default_factory=lambda: [1])

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


def statement(distributions: Iterable[DistributionRevision]) -> Statement:
    """Periods in order, each from its latest revision: a restatement replaces the figures of
    the revision before it, it does not add to them."""
    periods = []
    for period, revisions in by_period(distributions).items():
        last = revisions[-1]
        periods.append(
            PeriodResult(
                period,
                last.income_pence,
                last.costs_pence,
                last.retained_pence,
                last.remainder_pence,
                last.revision,
                [r.revision for r in revisions],
            )
        )
    return Statement(periods)
