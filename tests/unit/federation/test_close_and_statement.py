"""The close's state machine, merged counts and the loss-making flag, with no I/O."""

from __future__ import annotations

import pytest

from services.federation.domain.close import PeriodClose, PeriodStatus, PracticeCounts, merge_counts
from services.federation.domain.distribution import DistributionRevision
from services.federation.domain.errors import PeriodAlreadyClosed, PeriodNotClosed
from services.federation.domain.statement import statement


def test_each_close_after_a_reopen_is_a_new_revision() -> None:
    first = PeriodClose("c1", "2026-05").close()
    assert (first.status, first.revision) == (PeriodStatus.CLOSED, 1)
    with pytest.raises(PeriodAlreadyClosed):
        first.close()
    reopened = first.reopen()
    assert (reopened.status, reopened.revision) == (PeriodStatus.REOPENED, 1)
    with pytest.raises(PeriodNotClosed):
        reopened.reopen()
    assert reopened.close().revision == 2


def test_a_practice_that_only_hosted_appears_with_zero_consultations() -> None:
    counts = merge_counts([("B86002", 3, 1, 2)], [("B86001", 4), ("B86002", 1)])
    assert counts == [PracticeCounts("B86001", hosted=4), PracticeCounts("B86002", 3, 1, 2, 1)]
    assert counts[1].total == 4


def _revision(period: str, revision: int, income: int, costs: int) -> DistributionRevision:
    profit = income - costs
    retained = profit // 10
    return DistributionRevision(period, revision, income, costs, retained, profit - retained)


def test_a_hub_whose_costs_exceed_its_income_is_flagged_loss_making() -> None:
    result = statement(
        [_revision("2026-06", 1, 10_000, 13_000), _revision("2026-05", 1, 10_000, 8_000)]
    )
    assert [p.period for p in result.periods] == ["2026-05", "2026-06"]
    assert result.profit_pence == -1_000
    assert result.loss_making
    assert result.loss_making_periods == ["2026-06"]


def test_the_statement_counts_a_restated_period_once_as_its_latest_revision() -> None:
    # Revision 2 carries the period's full amounts after the restatement, not the change.
    result = statement(
        [
            _revision("2026-06", 2, 10_500, 13_000),
            _revision("2026-05", 1, 10_000, 8_000),
            _revision("2026-06", 1, 10_000, 13_000),
        ]
    )
    june = result.periods[1]
    assert (june.income_pence, june.costs_pence, june.revision, june.revisions) == (
        10_500,
        13_000,
        2,
        [1, 2],
    )
    assert (result.income_pence, result.costs_pence) == (20_500, 21_000)
    assert result.periods[0].revisions == [1]
