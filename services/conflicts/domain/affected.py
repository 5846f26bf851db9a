"""Which organisations a decision item touches, and why: whoever works for one of them is
conflicted (docs/architecture.md, "The hub saga", step 5).

The provider; a federation's members (and theirs, for a federation of federations); the
subcontractors under the contract (a PRIME's, Commissioning and funding general practice,
"Additional and tendered services"); the parent alliances, which are the federations the provider
belongs to, and the ones those belong to; and everyone who holds or stands to gain from a contract
of the same kind and service with the same commissioner, since awarding one sets the terms for all.
That last is the minor surgery case: every GP on the committee provided minor surgery, so all were
conflicted (Co-commissioning evaluation 3.4.3).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.conflicts.domain.membership import MembershipChange, alliances, within


class Ground(StrEnum):
    """Why an organisation is affected, from the closest tie to the loosest."""

    PROVIDER = "provider"
    FEDERATION_MEMBER = "federation_member"
    SUBCONTRACTOR = "subcontractor"
    PARENT_ALLIANCE = "parent_alliance"
    SAME_SERVICE = "same_service"


@dataclass(frozen=True)
class Affected:
    """An affected organisation; ``why`` follows its code in a reason ("partner of B86002" +
    ", which holds a LES minor surgery contract with 00T")."""

    ods: str
    ground: Ground
    why: str = ""


@dataclass(frozen=True)
class ContractView:
    """A contract as the conflicts service keeps it from contract events."""

    id: str
    commissioner_ods: str
    provider_ods: str
    kind: str
    service: str
    status: str
    start_date: date
    end_date: date | None = None
    terminated_on: date | None = None
    parent_contract_id: str | None = None

    def counts_on(self, on: date) -> bool:
        """Held on ``on`` (in force, even if later ended), or proposed and not over by then:
        a proposal not yet decided is a gain its provider stands to make."""
        if self.status == "rejected" or (self.end_date is not None and self.end_date < on):
            return False
        if self.status == "proposed":
            return True
        return self.start_date <= on and (self.terminated_on is None or on < self.terminated_on)

    def same_service_as(self, other: ItemContract) -> bool:
        return (
            self.commissioner_ods == other.commissioner_ods
            and self.kind == other.kind
            and _service(self.service) == _service(other.service)
        )

    def describe(self) -> str:
        verb = "stands to gain from a proposed" if self.status == "proposed" else "holds a"
        return f"{verb} {self.kind} {self.service.strip()} contract with {self.commissioner_ods}"


@dataclass(frozen=True)
class ItemContract:
    """The contract a decision item is about."""

    contract_id: str
    kind: str
    commissioner_ods: str
    provider_ods: str
    service: str


def _service(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


def affected_by(
    item: ItemContract,
    changes: Iterable[MembershipChange],
    contracts: Sequence[ContractView],
    on: date,
) -> list[Affected]:
    """Every organisation the item touches on ``on``, each once, under its closest ground."""
    changes = list(changes)
    found: dict[str, Affected] = {}

    def add(ods: str, ground: Ground, why: str) -> None:
        found.setdefault(ods, Affected(ods, ground, why))

    provider = item.provider_ods
    add(provider, Ground.PROVIDER, ", the provider")
    for member, federation in within(provider, changes, on):
        add(member, Ground.FEDERATION_MEMBER, f", a member of {federation}")
    live = [c for c in contracts if c.counts_on(on) and c.id != item.contract_id]
    for c in live:
        if c.parent_contract_id == item.contract_id:
            add(
                c.provider_ods,
                Ground.SUBCONTRACTOR,
                f", a subcontractor under this contract ({c.id})",
            )
    for federation, member in alliances(provider, changes, on):
        add(federation, Ground.PARENT_ALLIANCE, f", an alliance {member} belongs to")
    rivals = [c for c in live if c.same_service_as(item)]
    rival_ids = {c.id for c in rivals}
    for c in rivals:
        add(c.provider_ods, Ground.SAME_SERVICE, f", which {c.describe()}")
        for member, federation in within(c.provider_ods, changes, on):
            add(member, Ground.SAME_SERVICE, f", a member of {federation}, which {c.describe()}")
    for sub in live:
        if sub.parent_contract_id in rival_ids:
            parent = next(c for c in rivals if c.id == sub.parent_contract_id)
            add(
                sub.provider_ods,
                Ground.SAME_SERVICE,
                f", a subcontractor under {parent.id}, whose provider {parent.describe()}",
            )
    return list(found.values())
