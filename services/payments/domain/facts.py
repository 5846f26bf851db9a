"""What other services have told payments about a contract's periods, as the rules read it:
closed activity, KPI achievements and list sizes (docs/domain.md, "Payments")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.payments.domain.distribution import PracticeActivity
from services.payments.domain.schemes import SchemeRules


@dataclass(frozen=True)
class Activity:
    """A closed month's counts (its latest revision)."""

    revision: int
    patients: int
    work: tuple[PracticeActivity, ...]
    #: An item-of-service month's count per service code.
    services: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Achievement:
    """A quarter's KPI result; a corrected one has a higher version."""

    percent: Decimal
    version: int = 1


@dataclass(frozen=True)
class ListSizes:
    """An organisation's list sizes, each in force from its date (oldest first)."""

    sizes: tuple[tuple[date, int], ...] = ()

    def on(self, day: date) -> int | None:
        found = None
        for effective_from, size in self.sizes:
            if effective_from <= day:
                found = size
        return found


@dataclass(frozen=True)
class Facts:
    """One contract's facts: closed months by period, achievements by quarter, its
    provider's list sizes and, for a scheme practice, the scheme."""

    closed: Mapping[str, Activity] = field(default_factory=dict)
    achievements: Mapping[str, Achievement] = field(default_factory=dict)
    list_sizes: ListSizes = ListSizes()
    #: An incentive scheme's rules and results, for a contract enrolled in one (issue 20).
    scheme: SchemeRules | None = None
