"""A hub: a HUB contract held by the federation and delivered by its members (000:501-508).

Contracts publishes the full terms with every activation, variation and termination, each
from an effective date. Events arrive in any order, so the hub's terms are always rebuilt
from every version received: the one with the latest effective date wins, and on the same
day a termination outranks a variation, which outranks the activation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CHANGE_RANK = {"activated": 0, "varied": 1, "terminated": 2}


@dataclass(frozen=True)
class HubTerms:
    """One version of a hub contract's terms, in force from ``effective_from``."""

    contract_id: str
    change: str
    effective_from: date
    federation_ods: str
    commissioner_ods: str
    service: str
    status: str
    start_date: date
    end_date: date | None
    payment: dict[str, Any] = field(default_factory=dict)
    distribution: dict[str, Any] | None = None

    @property
    def last_day(self) -> date | None:
        """The last day in force: a termination ends the contract on its effective date."""
        if self.change == "terminated" and (
            self.end_date is None or self.effective_from < self.end_date
        ):
            return self.effective_from
        return self.end_date

    def in_force_on(self, day: date) -> bool:
        return self.start_date <= day and (self.last_day is None or day <= self.last_day)

    @property
    def order(self) -> tuple[date, int]:
        return (self.effective_from, CHANGE_RANK.get(self.change, 0))


def current_terms(versions: Iterable[HubTerms]) -> HubTerms | None:
    """The terms in force now, whatever order the versions arrived in."""
    return max(versions, key=lambda v: v.order, default=None)


def terms_on(versions: Iterable[HubTerms], day: date) -> HubTerms | None:
    """The version whose effective period contains ``day`` (variations apply from their date)."""
    return max(
        (v for v in versions if v.effective_from <= day), key=lambda v: v.order, default=None
    )
