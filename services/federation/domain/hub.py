"""A hub: a HUB contract held by the federation and delivered by its members (Practice finances
survey, Case study 1).

Contracts publishes the full terms with every activation, variation and termination, each
from an effective date. Events arrive in any order, so the hub's terms are always rebuilt
from every version received: the one with the latest effective date wins, and on the same
day a termination outranks a variation, which outranks the activation.

Since variations may be backdated (a version inserted before others, later ones restated),
contracts' events also carry the whole history of the terms with a revision: the history
with the highest revision replaces every version held (:func:`versions_from_history`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

CHANGE_RANK = {"activated": 0, "varied": 1, "terminated": 2}
#: The kinds of contract that may be paid per item of service (contracts' rule too).
ITEM_OF_SERVICE_KINDS = frozenset({"DES", "LES", "LIS"})


@dataclass(frozen=True)
class HubTerms:
    """One version of a hub contract's terms, in force from ``effective_from``.

    An item-of-service contract (a DES, LES or LIS paid a fee per item, issue 19 point 2) is
    kept the same way, with its ``kind``; its ``federation_ods`` is then its provider, the
    practice (:attr:`provider_ods`)."""

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
    kind: str = "HUB"

    @property
    def provider_ods(self) -> str:
        return self.federation_ods

    @property
    def fees(self) -> dict[str, int]:
        """An item-of-service version's fee per service code (none for a hub)."""
        return {f["service_code"]: f["fee_pence"] for f in self.payment.get("fees") or ()}

    @property
    def last_day(self) -> date | None:
        """The last day in force. A termination takes effect on its effective date, the first
        day the contract is no longer in force (as contracts and payments read it), so the
        contract's last day is the day before."""
        if self.change == "terminated":
            before = self.effective_from - timedelta(days=1)
            if self.end_date is None or before < self.end_date:
                return before
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


@dataclass(frozen=True)
class TermsEntry:
    """One version of the terms in contracts' history of them."""

    effective_from: date
    end_date: date | None
    payment: dict[str, Any]
    distribution: dict[str, Any] | None = None


def versions_from_history(
    contract: HubTerms, history: Sequence[TermsEntry], terminated_on: date | None
) -> list[HubTerms]:
    """Every version of the hub's terms from contracts' whole history of them, oldest first.

    ``contract`` is the event's own version: it gives what belongs to the contract rather
    than to a version (parties, service, status, start). A termination is the version from
    ``terminated_on``, the first day no longer in force (the hub's last day is the day before),
    with the terms in force until then; versions that would have taken effect from that day on
    never do."""
    entries = sorted(history, key=lambda e: e.effective_from)
    if terminated_on is not None:
        entries = [e for e in entries if e.effective_from < terminated_on]
    if not entries:
        return [contract]
    status = "active" if terminated_on is not None else contract.status
    versions = [
        replace(
            contract,
            change="activated" if i == 0 else "varied",
            effective_from=e.effective_from,
            status=status,
            end_date=e.end_date,
            payment=e.payment,
            distribution=e.distribution,
        )
        for i, e in enumerate(entries)
    ]
    if terminated_on is not None:
        versions.append(
            replace(
                versions[-1], change="terminated", effective_from=terminated_on, status="terminated"
            )
        )
    return versions
