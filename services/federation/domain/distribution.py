"""What payments distributed for a hub's period, revision by revision.

A period is distributed once per activity revision: the first close is revision 1, and each
restatement (reopen, correct, close again) is the next. Payments publishes each revision as
the whole distribution under that revision's counts: its income, costs, retained and lines are
the full amounts due for the period, not the change. The ledger posts only the difference from
the previous revision (an adjustment), so what a practice has been paid for the period, all
revisions together, is its line in the latest revision. Adding the revisions up would count
the period once per revision.

So every report shows a period once, as its latest revision, with the earlier ones beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DistributionRevision:
    """One revision of a period's distribution, as payments published it."""

    period: str
    revision: int
    income_pence: int
    costs_pence: int
    retained_pence: int
    remainder_pence: int
    #: Each practice's line: ``practice_ods``, ``total_pence`` and the parts of the total.
    lines: Sequence[Mapping[str, Any]] = field(default_factory=list)
    #: None for a distribution with nothing to move (payments then publishes an empty one).
    transaction_id: str | None = None
    note: str | None = None

    @property
    def paid_pence(self) -> dict[str, int]:
        """Each practice's total for the period under this revision."""
        return {str(line["practice_ods"]): int(line["total_pence"]) for line in self.lines}


def latest(revisions: Iterable[DistributionRevision]) -> DistributionRevision | None:
    """The revision that stands: the highest, whatever order they arrived in."""
    return max(revisions, key=lambda r: r.revision, default=None)


def paid_per_practice(revisions: Iterable[DistributionRevision]) -> dict[str, int]:
    """What each practice has been paid for the period, every revision together: its line in
    the latest revision (each revision carries the full amounts), never a sum of revisions."""
    found = latest(revisions)
    return {} if found is None else found.paid_pence


def by_period(
    revisions: Iterable[DistributionRevision],
) -> dict[str, list[DistributionRevision]]:
    """Each period's revisions, oldest first, periods in order."""
    found: dict[str, list[DistributionRevision]] = {}
    for r in sorted(revisions, key=lambda r: (r.period, r.revision)):
        found.setdefault(r.period, []).append(r)
    return found
