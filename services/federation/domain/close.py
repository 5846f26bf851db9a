"""The monthly close: a contract's period is frozen with its counts per practice, which are what
payments turns into money (Practice finances survey, Case study 1). A reopen lets late or corrected
activity in; closing again publishes a new revision, a restatement that payments settles as an
adjustment. Earlier revisions are kept as they were: history is never rewritten."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from services.federation.domain.errors import PeriodAlreadyClosed, PeriodNotClosed


class PeriodStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    REOPENED = "reopened"


@dataclass(frozen=True)
class PracticeCounts:
    """One practice's frozen activity for a period: ``hosted`` counts consultations held at
    its premises as a site, whoever delivered them."""

    practice_ods: str
    first: int = 0
    follow_up: int = 0
    patients: int = 0
    hosted: int = 0

    @property
    def total(self) -> int:
        return self.first + self.follow_up


@dataclass(frozen=True)
class PeriodClose:
    contract_id: str
    period: str
    status: PeriodStatus = PeriodStatus.OPEN
    revision: int = 0

    def close(self) -> PeriodClose:
        if self.status is PeriodStatus.CLOSED:
            raise PeriodAlreadyClosed(
                f"{self.period} of {self.contract_id} is closed (revision {self.revision})"
            )
        return PeriodClose(self.contract_id, self.period, PeriodStatus.CLOSED, self.revision + 1)

    def reopen(self) -> PeriodClose:
        if self.status is not PeriodStatus.CLOSED:
            raise PeriodNotClosed(f"{self.period} of {self.contract_id} is not closed")
        return PeriodClose(self.contract_id, self.period, PeriodStatus.REOPENED, self.revision)


def merge_counts(
    delivered: Iterable[tuple[str, int, int, int]], hosted: Iterable[tuple[str, int]]
) -> list[PracticeCounts]:
    """Per-practice counts from (practice, first, follow_up, patients) and (site, hosted)
    rows; a practice that only hosted appears with zero consultations of its own."""
    by_practice: dict[str, PracticeCounts] = {}
    for ods, first, follow_up, patients in delivered:
        by_practice[ods] = PracticeCounts(ods, first, follow_up, patients)
    for ods, count in hosted:
        c = by_practice.get(ods, PracticeCounts(ods))
        by_practice[ods] = PracticeCounts(ods, c.first, c.follow_up, c.patients, count)
    return [by_practice[k] for k in sorted(by_practice)]
