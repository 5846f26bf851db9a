"""What a practice has been paid for a period: its line in the latest distribution revision."""

from __future__ import annotations

from services.federation.domain.distribution import (
    DistributionRevision,
    by_period,
    latest,
    paid_per_practice,
)


def _revision(revision: int, **totals: int) -> DistributionRevision:
    lines = [{"practice_ods": ods, "total_pence": pence} for ods, pence in totals.items()]
    return DistributionRevision("2026-05", revision, 13_000, 9_000, 400, 3_600, lines)


def test_each_practice_is_paid_its_line_in_the_latest_revision_not_the_sum_of_revisions() -> None:
    first = _revision(1, B86001=8_560, B86002=4_440)
    restated = _revision(2, B86001=9_800, B86002=4_200)  # full amounts after the restatement
    assert paid_per_practice([first, restated]) == {"B86001": 9_800, "B86002": 4_200}


def test_the_latest_revision_stands_whatever_order_the_revisions_arrived_in() -> None:
    revisions = [_revision(3, B86001=1), _revision(1, B86001=3), _revision(2, B86001=2)]
    found = latest(revisions)
    assert found is not None and found.revision == 3
    assert paid_per_practice(revisions) == {"B86001": 1}


def test_a_practice_dropped_by_a_restatement_is_no_longer_paid_anything() -> None:
    revisions = [_revision(1, B86001=100, B86002=50), _revision(2, B86001=150)]
    assert paid_per_practice(revisions) == {"B86001": 150}


def test_nothing_is_paid_before_any_distribution() -> None:
    assert latest([]) is None
    assert paid_per_practice([]) == {}


def test_revisions_are_grouped_by_period_oldest_first() -> None:
    june = DistributionRevision("2026-06", 1, 0, 0, 0, 0)
    may2, may1 = _revision(2), _revision(1)
    assert by_period([june, may2, may1]) == {"2026-05": [may1, may2], "2026-06": [june]}
