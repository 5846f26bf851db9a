"""Organisations by ODS code, and the registered list size over time.

Per-head payments (docs/domain.md, "Payments"; Co-commissioning evaluation 3.4.2.2) are paid on the
list size in force on a date, so sizes are kept as effective-dated entries rather than overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from services.contracts.domain.rules import RuleBroken, WrongState
from shared import ods
from shared.ods import OrganisationKind

#: Who may hold the commissioner's side of a contract (docs/domain.md, "Organisations").
COMMISSIONING_KINDS = frozenset({OrganisationKind.CCG, OrganisationKind.NHSE})


def validate_code(code: str, kind: OrganisationKind | str, field_name: str = "ods_code") -> str:
    """The normalised code, or RuleBroken naming the field and the format the kind requires."""
    try:
        return ods.validate(code, kind)
    except ods.InvalidOdsCode as exc:
        raise RuleBroken(field_name, str(exc)) from None


@dataclass(frozen=True)
class ListSize:
    effective_from: date
    list_size: int


@dataclass
class Organisation:
    ods_code: str
    kind: OrganisationKind
    name: str
    legal_form: str | None = None
    parent_ods: str | None = None
    list_sizes: list[ListSize] = field(default_factory=list)

    @property
    def commissions(self) -> bool:
        return self.kind in COMMISSIONING_KINDS

    def list_size_on(self, on: date) -> int | None:
        """The registered list size in force on ``on`` (None before the first entry)."""
        entry = self.list_size_entry_on(on)
        return entry.list_size if entry else None

    def list_size_entry_on(self, on: date) -> ListSize | None:
        """The list size entry in force on ``on``, with its date (None before the first)."""
        in_force = [s for s in self.list_sizes if s.effective_from <= on]
        return max(in_force, key=lambda s: s.effective_from) if in_force else None

    def record_list_size(self, effective_from: date, list_size: int) -> ListSize:
        """Adds an entry; an entry for a date already recorded is a conflict, not an edit,
        because payments may already have been made on it."""
        if list_size < 0:
            raise RuleBroken("list_size", "a list size cannot be negative")
        if any(s.effective_from == effective_from for s in self.list_sizes):
            raise WrongState(
                f"{self.ods_code} already has a list size effective from {effective_from}"
            )
        entry = ListSize(effective_from, list_size)
        self.list_sizes = sorted([*self.list_sizes, entry], key=lambda s: s.effective_from)
        return entry


def check_parent(parent: Organisation | None, parent_ods: str) -> None:
    """A parent is the commissioning body an organisation sits under (a practice's CCG)."""
    if parent is None:
        raise RuleBroken("parent_ods", f"no organisation {parent_ods} is registered")
    if not parent.commissions:
        raise RuleBroken(
            "parent_ods", f"{parent_ods} is a {parent.kind}; a parent must be a ccg or nhse"
        )
