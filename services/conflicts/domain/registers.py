"""People, their affiliations and their declared interests (Co-commissioning evaluation 3.4.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from services.conflicts.domain.committees import ConflictKind


class Relationship(StrEnum):
    PARTNER = "partner"
    SALARIED_GP = "salaried_gp"
    EMPLOYEE = "employee"
    DIRECTOR = "director"
    SHAREHOLDER = "shareholder"


class Category(StrEnum):
    FINANCIAL = "financial"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional"
    NON_FINANCIAL_PERSONAL = "non_financial_personal"
    INDIRECT = "indirect"


class HeldBy(StrEnum):
    SELF = "self"
    FAMILY = "family"
    CLOSE_ASSOCIATE = "close_associate"


# Partners share the practice's profit (Commissioning and funding general practice, "1 The GP
# contract"); directors and shareholders own a share of the company: all of them stand to gain
# financially.
_FINANCIAL_RELATIONSHIPS = frozenset(
    {Relationship.PARTNER, Relationship.DIRECTOR, Relationship.SHAREHOLDER}
)


@dataclass(frozen=True)
class Affiliation:
    organisation_ods: str
    relationship: Relationship
    # Optional: an affiliation recorded without dates (the original POST /people body) holds
    # from always until it is ended.
    start_date: date | None = None
    end_date: date | None = None

    def active_on(self, on: date) -> bool:
        """Only an affiliation held on the decision date conflicts a member on it."""
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or on <= self.end_date)

    @property
    def kind(self) -> ConflictKind:
        if self.relationship in _FINANCIAL_RELATIONSHIPS:
            return ConflictKind.FINANCIAL
        return ConflictKind.PROFESSIONAL

    @property
    def category(self) -> Category:
        """The register category the affiliation amounts to, as if it had been declared."""
        if self.kind is ConflictKind.FINANCIAL:
            return Category.FINANCIAL
        return Category.NON_FINANCIAL_PROFESSIONAL


@dataclass(frozen=True)
class Declaration:
    category: Category
    description: str
    organisation_ods: str | None
    held_by: HeldBy
    start_date: date
    end_date: date | None = None
    # The register entry's id, so a decision can point at the entry it was screened against.
    id: str | None = None

    def active_on(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)

    @property
    def kind(self) -> ConflictKind:
        if self.held_by is not HeldBy.SELF or self.category is Category.INDIRECT:
            return ConflictKind.INDIRECT
        return {
            Category.FINANCIAL: ConflictKind.FINANCIAL,
            Category.NON_FINANCIAL_PROFESSIONAL: ConflictKind.PROFESSIONAL,
            Category.NON_FINANCIAL_PERSONAL: ConflictKind.PERSONAL,
        }[self.category]


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    affiliations: tuple[Affiliation, ...] = ()
    declarations: tuple[Declaration, ...] = ()


# Guidance: declare within 28 days of appointment or a change; confirm at least annually;
# published entries stay for 6 months after the interest ends.
DECLARE_WITHIN = timedelta(days=28)
CONFIRM_EVERY = timedelta(days=365)
PUBLISHED_AFTER_END = timedelta(days=183)


def overdue_reasons(appointed_on: date, declared_on: list[date], today: date) -> list[str]:
    """Why a person's register entry is overdue: none when it is up to date."""
    reasons: list[str] = []
    first_due = appointed_on + DECLARE_WITHIN
    if today > first_due and not any(d <= first_due for d in declared_on):
        reasons.append(f"no declaration within 28 days of appointment (due {first_due})")
    latest = max(declared_on, default=None)
    if today - (latest or appointed_on) > CONFIRM_EVERY:
        reasons.append("no confirmation in the last year")
    return reasons


def still_published(end_date: date | None, today: date) -> bool:
    return end_date is None or today <= end_date + PUBLISHED_AFTER_END
