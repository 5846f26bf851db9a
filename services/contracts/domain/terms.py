"""A contract's terms over time, and how a variation (backdated or not) rewrites them.

The history is a list of versions in date order, the first from the start date; each is in force
from its ``effective_from`` until the day before the next one's. A version *sets* some of the
fields (payment, distribution, end_date) itself and carries the others over from the version
before it; the first version sets them all.

A variation names a date and some fields with their new values:

- on the date of an existing version it merges into that version (the fields it names are set
  there, replacing what that version set for them); on another date it adds a version there,
  starting from the terms in force that day;
- each field it names takes its new value in that version and in every later version, up to (not
  including) the first later version that sets that field itself: a change agreed for a later
  date stands, and so does everything that version carries on to the versions after it.

Equivalently: a field's value on a day is the one set by the latest version on or before that
day that sets it, and on one date the variation recorded last wins (:func:`field_on`, which the
tests use as the independent statement of the rule).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from services.contracts.domain.payment import DistributionRule, PaymentTerms

FieldName = Literal["payment", "distribution", "end_date"]
#: The fields of the terms a variation may change, in the order they are shown.
FIELDS: tuple[FieldName, ...] = ("payment", "distribution", "end_date")
ALL_FIELDS: frozenset[FieldName] = frozenset(FIELDS)


@dataclass(frozen=True)
class TermsVersion:
    """The terms in force from ``effective_from`` until the next version's date. ``version``
    is its place in the history (1 for the first); a backdated variation renumbers the versions
    after it, so a number belongs to a ``history_revision``."""

    version: int
    effective_from: date
    payment: PaymentTerms
    distribution: DistributionRule | None
    end_date: date | None
    #: Why the latest variation on this date was made (None for the proposed terms).
    reason: str | None = None
    #: The fields this version sets itself; the others carry over from the version before.
    fields_set: frozenset[FieldName] = ALL_FIELDS

    def value(self, name: FieldName) -> object:
        return getattr(self, name)

    def with_fields(self, change: TermsChange, names: Collection[FieldName]) -> TermsVersion:
        """This version with the fields ``names`` (some of those ``change`` names) taken from
        ``change``."""
        return replace(
            self,
            payment=change.payment if "payment" in names and change.payment else self.payment,
            distribution=change.distribution if "distribution" in names else self.distribution,
            end_date=change.end_date if "end_date" in names else self.end_date,
        )


@dataclass(frozen=True)
class TermsChange:
    """What a variation replaces; ``end_date_changed`` tells "set to None" from "unchanged"."""

    payment: PaymentTerms | None = None
    distribution: DistributionRule | None = None
    end_date: date | None = None
    end_date_changed: bool = False

    @property
    def fields(self) -> frozenset[FieldName]:
        """The fields named (a named ``end_date`` may be None: open-ended)."""
        named: set[FieldName] = set()
        if self.payment is not None:
            named.add("payment")
        if self.distribution is not None:
            named.add("distribution")
        if self.end_date_changed:
            named.add("end_date")
        return frozenset(named)

    def value(self, name: FieldName) -> object:
        return getattr(self, name)

    @property
    def is_empty(self) -> bool:
        return not self.fields


@dataclass(frozen=True)
class Variation:
    """The record of one variation, as it was asked for: kept beside the history it made."""

    number: int
    effective_from: date
    change: TermsChange
    reason: str
    recorded_at: datetime
    #: The contract's ``history_revision`` once this variation was applied.
    history_revision: int


def vary_history(
    versions: Sequence[TermsVersion], effective_from: date, change: TermsChange, reason: str
) -> list[TermsVersion]:
    """The history with ``change`` applied from ``effective_from`` (see the module's rule).
    ``versions`` is in date order and ``effective_from`` is on or after the first one's date;
    whether the result makes sense as a contract is :func:`first_gap`'s and the caller's."""
    named = change.fields
    before = [v for v in versions if v.effective_from < effective_from]
    on_date = [v for v in versions if v.effective_from == effective_from]
    after = [v for v in versions if v.effective_from > effective_from]
    if on_date:
        [existing] = on_date
        varied = replace(
            existing.with_fields(change, named),
            reason=reason,
            fields_set=existing.fields_set | named,
        )
    else:
        varied = replace(
            before[-1].with_fields(change, named),
            effective_from=effective_from,
            reason=reason,
            fields_set=named,
        )
    carried = named
    later = []
    for v in after:
        # A later version that sets a field itself stops the change of that field there.
        carried = carried - v.fields_set
        later.append(v.with_fields(change, carried))
    return [replace(v, version=n) for n, v in enumerate([*before, varied, *later], start=1)]


def first_gap(versions: Sequence[TermsVersion]) -> tuple[int, date] | None:
    """The place of the first version whose end date leaves a day on which no terms would be in
    force (before the next version, or before its own start for the last), with the earliest
    end date it could have; None when every day from the start to the end date is under a
    version that has not ended."""
    for i, v in enumerate(versions):
        if i + 1 < len(versions):
            earliest = versions[i + 1].effective_from - timedelta(days=1)
        else:
            earliest = v.effective_from
        if v.end_date is not None and v.end_date < earliest:
            return i, earliest
    return None


def field_on(
    start: TermsVersion, variations: Sequence[tuple[date, TermsChange]], name: FieldName, on: date
) -> object:
    """The value of ``name`` on ``on`` by the rule stated directly: the latest (by date, then by
    the order recorded) of the first terms and the variations naming it, on or before ``on``."""
    value: object = start.value(name)
    latest = start.effective_from
    for when, change in variations:
        if name in change.fields and latest <= when <= on:
            value, latest = change.value(name), when
    return value
