"""A contract between a commissioner and a provider, its terms over time and its lifecycle.

proposed -> active (by a quorate approval, or by the commissioner where no committee is
named) -> varied any number of times -> terminated or expired; or proposed -> rejected (by the
committee, or because no item could open: the committee is not one of the commissioner's).
Terms are versions with an effective date: a variation adds a version from a date on and
never rewrites what was in force before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal, TypeVar

from services.contracts.domain.payment import (
    DistributionRule,
    PaymentTerms,
    check_distribution,
    check_payment,
)
from services.contracts.domain.rules import RuleBroken, WrongState
from shared.events.contracts import ContractKindName, ContractStatusName, _ContractEvent

E = TypeVar("E", bound=_ContractEvent)

#: Kinds that must first be offered to the GMS/PMS holders (DOMAIN.md "Contracts").
OFFERED_FIRST_KINDS = frozenset({"DES", "LES"})
#: Kinds whose payment depends on achievement (001:927-946, 004:2319-2429).
KPI_KINDS = frozenset({"LES", "LIS"})
#: Statuses in which the contract has been (or still is) in force.
EVER_IN_FORCE = frozenset({"active", "terminated", "expired"})


@dataclass(frozen=True)
class TermsVersion:
    """The terms in force from ``effective_from`` until the next version's date."""

    version: int
    effective_from: date
    payment: PaymentTerms
    distribution: DistributionRule | None
    end_date: date | None
    reason: str | None = None


@dataclass(frozen=True)
class TermsChange:
    """What a variation replaces; ``end_date_changed`` tells "set to None" from "unchanged"."""

    payment: PaymentTerms | None = None
    distribution: DistributionRule | None = None
    end_date: date | None = None
    end_date_changed: bool = False

    @property
    def is_empty(self) -> bool:
        return self.payment is None and self.distribution is None and not self.end_date_changed


class DecisionEffect(StrEnum):
    ACTIVATED = "activated"
    REJECTED = "rejected"
    NONE = "none"


@dataclass
class Contract:
    id: str
    kind: ContractKindName
    commissioner_ods: str
    provider_ods: str
    service: str
    start_date: date
    versions: list[TermsVersion]
    status: ContractStatusName = "proposed"
    decision_committee_id: str | None = None
    parent_contract_id: str | None = None
    offered_to_core_holders_first: bool | None = None
    terminated_on: date | None = None
    termination_reason: str | None = None
    decided_by_item_id: str | None = None
    rejection_reason: str | None = None
    kpi_quarters: set[str] = field(default_factory=set)

    @property
    def current(self) -> TermsVersion:
        return self.versions[-1]

    @property
    def end_date(self) -> date | None:
        return self.current.end_date

    def terms_on(self, on: date) -> TermsVersion | None:
        """The version in force on ``on``; None before the contract starts."""
        in_force = [v for v in self.versions if v.effective_from <= on]
        return in_force[-1] if in_force else None

    def in_force_on(self, on: date) -> bool:
        return (
            self.status in EVER_IN_FORCE
            and self.start_date <= on
            and (self.end_date is None or on <= self.end_date)
            and (self.terminated_on is None or on < self.terminated_on)
        )

    # --- lifecycle ----------------------------------------------------------------------

    def activate(self) -> None:
        """The commissioner's own activation, for a contract no committee has to decide."""
        if self.status != "proposed":
            raise WrongState(f"contract {self.id} is {self.status}, not proposed")
        if self.decision_committee_id is not None:
            raise WrongState(
                f"contract {self.id} awaits the decision of committee "
                f"{self.decision_committee_id}; it is activated by that decision"
            )
        self.status = "active"

    def apply_decision(
        self,
        *,
        committee_id: str,
        item_id: str,
        outcome: Literal["approved", "rejected", "deferred"],
        quorate: bool,
    ) -> DecisionEffect:
        """A committee's decision. Applying the same decision again changes nothing, since
        a contract decided once is no longer proposed."""
        if self.status != "proposed" or self.decision_committee_id != committee_id:
            return DecisionEffect.NONE
        if outcome == "approved" and quorate:
            self.status, self.decided_by_item_id = "active", item_id
            return DecisionEffect.ACTIVATED
        if outcome == "rejected":
            self.status, self.decided_by_item_id = "rejected", item_id
            self.rejection_reason = f"rejected by decision item {item_id}"
            return DecisionEffect.REJECTED
        # Deferred, or an approval without quorum: nothing was decided.
        return DecisionEffect.NONE

    def refuse_item(self, *, committee_id: str, reason: str) -> bool:
        """The committee the contract names could not take it (unknown, or another
        organisation's): nobody can decide it, so the proposal is rejected. True if it was;
        a refusal naming another committee, or for a contract no longer proposed, changes
        nothing."""
        if self.status != "proposed" or self.decision_committee_id != committee_id:
            return False
        self.status, self.rejection_reason = "rejected", reason
        return True

    def vary(
        self, *, effective_from: date, change: TermsChange, reason: str, today: date
    ) -> TermsVersion:
        if self.status != "active":
            raise WrongState(f"only an active contract can be varied; {self.id} is {self.status}")
        if change.is_empty:
            raise RuleBroken("changes", "name at least one of payment, distribution, end_date")
        if effective_from < today:
            raise RuleBroken(
                "effective_from", "a variation cannot take effect in the past; vary from today on"
            )
        if effective_from <= self.current.effective_from:
            raise RuleBroken(
                "effective_from",
                f"must be after {self.current.effective_from}, when the latest terms took effect",
            )
        if self.end_date is not None and effective_from > self.end_date:
            raise RuleBroken("effective_from", f"the contract ends on {self.end_date}")
        if change.payment is not None:
            check_payment(change.payment, "changes.payment")
        if change.distribution is not None:
            if self.kind != "HUB":
                raise RuleBroken("changes.distribution", "only a HUB contract has a distribution")
            check_distribution(change.distribution, "changes.distribution")
        end_date = change.end_date if change.end_date_changed else self.end_date
        if change.end_date_changed:
            check_end_date(self.kind, self.start_date, end_date, "changes.end_date")
            if end_date is not None and end_date < effective_from:
                raise RuleBroken("changes.end_date", "cannot end before the variation starts")
        version = TermsVersion(
            version=self.current.version + 1,
            effective_from=effective_from,
            payment=change.payment or self.current.payment,
            distribution=change.distribution or self.current.distribution,
            end_date=end_date,
            reason=reason,
        )
        self.versions.append(version)
        return version

    def terminate(self, *, effective_on: date, reason: str, today: date) -> None:
        if self.status != "active":
            raise WrongState(
                f"only an active contract can be terminated; {self.id} is {self.status}"
            )
        if effective_on < today:
            raise RuleBroken("effective_on", "a termination cannot take effect in the past")
        if effective_on < self.start_date:
            raise RuleBroken("effective_on", f"the contract starts on {self.start_date}")
        if self.end_date is not None and effective_on > self.end_date:
            raise RuleBroken(
                "effective_on", f"the contract already ends on {self.end_date}; it expires then"
            )
        self.status, self.terminated_on, self.termination_reason = (
            "terminated",
            effective_on,
            reason,
        )

    def expire(self, on: date) -> bool:
        """Marks an active contract expired once its end date has passed; True if it did."""
        if self.status == "active" and self.end_date is not None and self.end_date < on:
            self.status = "expired"
            return True
        return False


def check_end_date(
    kind: str, start_date: date, end_date: date | None, where: str = "end_date"
) -> None:
    if kind == "APMS" and end_date is None:
        # APMS contracts are time-limited (DOMAIN.md "Contracts", 001:371-470).
        raise RuleBroken(where, "an APMS contract is time-limited and needs an end date")
    if end_date is not None and end_date < start_date:
        raise RuleBroken(where, f"cannot be before the start date {start_date}")


def check_decision_committee(contract: Contract, committee_owner: str | None) -> None:
    """A contract is decided only by a committee of its own commissioner (docs/security.md).
    ``committee_owner`` is the organisation the named committee is known to belong to, None
    while it is not known here yet: the conflicts service then refuses to open an item."""
    committee_id = contract.decision_committee_id
    if committee_id is None or committee_owner is None:
        return
    if committee_owner != contract.commissioner_ods:
        raise RuleBroken(
            "decision_committee_id",
            f"committee {committee_id} is not a committee of the commissioner "
            f"{contract.commissioner_ods}",
        )


def contract_event(
    schema: type[E],
    contract: Contract,
    *,
    terms: TermsVersion | None = None,
    effective_from: date | None = None,
    **extra: object,
) -> E:
    """``schema`` for ``contract`` carrying the full terms (by default the latest version)."""
    terms = terms or contract.current
    return schema.model_validate(
        {
            "contract_id": contract.id,
            "kind": contract.kind,
            "status": contract.status,
            "commissioner_ods": contract.commissioner_ods,
            "provider_ods": contract.provider_ods,
            "service": contract.service,
            "start_date": contract.start_date,
            "end_date": terms.end_date,
            "effective_from": effective_from or terms.effective_from,
            "payment": terms.payment,
            "distribution": terms.distribution,
            "decision_committee_id": contract.decision_committee_id,
            "parent_contract_id": contract.parent_contract_id,
            "offered_to_core_holders_first": contract.offered_to_core_holders_first,
            "terminated_on": contract.terminated_on,
            **extra,
        }
    )
