"""A contract between a commissioner and a provider, its terms over time and its lifecycle.

proposed -> active (by a quorate approval, or by the commissioner where no committee is
named) -> varied any number of times -> terminated or expired; or proposed -> rejected (by the
committee, or because no item could open: the committee is not one of the commissioner's).
Terms are versions with an effective date (``terms.py``). A variation may take effect on any
day the contract was or will be in force, backdated included: it rewrites the history from that
day on, and ``history_revision`` counts every such rewrite and the termination, so that other
services can tell the newer history from the older whatever order the events arrive in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Literal, TypeVar

from services.contracts.domain.payment import check_distribution, check_payment
from services.contracts.domain.rules import RuleBroken, WrongState
from services.contracts.domain.terms import (
    TermsChange,
    TermsVersion,
    Variation,
    first_gap,
    vary_history,
)
from shared.events.contracts import (
    ContractKindName,
    ContractStatusName,
    TermsEntry,
    _ContractEvent,
)

__all__ = [
    "EVER_IN_FORCE",
    "KPI_KINDS",
    "OFFERED_FIRST_KINDS",
    "Contract",
    "DecisionEffect",
    "TermsChange",
    "TermsVersion",
    "Variation",
    "check_committee",
    "check_end_date",
    "contract_event",
]

E = TypeVar("E", bound=_ContractEvent)

#: Kinds that must first be offered to the GMS/PMS holders (docs/domain.md, "Contracts").
OFFERED_FIRST_KINDS = frozenset({"DES", "LES"})
#: Kinds whose payment depends on achievement (Commissioning and funding general practice,
#: "Enhanced services"; Co-commissioning evaluation 3.4.2.2).
KPI_KINDS = frozenset({"LES", "LIS"})
#: Statuses in which the contract has been (or still is) in force.
EVER_IN_FORCE = frozenset({"active", "terminated", "expired"})


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
    #: 1 for the proposed terms; each variation and the termination add one.
    history_revision: int = 1
    #: Every variation as it was asked for, in the order recorded.
    variations: list[Variation] = field(default_factory=list)

    @property
    def current(self) -> TermsVersion:
        """The latest version by date (the one that holds the contract's end date)."""
        return self.versions[-1]

    @property
    def end_date(self) -> date | None:
        return self.current.end_date

    @property
    def last_day(self) -> date | None:
        """The last day the contract is (or was) in force: the day before its termination, or
        its end date; None while it is open-ended."""
        days = [self.end_date]
        if self.terminated_on is not None:
            days.append(max(self.terminated_on, date.min + timedelta(days=1)) - timedelta(days=1))
        return min((d for d in days if d is not None), default=None)

    def version_on(self, on: date) -> TermsVersion | None:
        """The version whose date is exactly ``on``, if there is one."""
        return next((v for v in self.versions if v.effective_from == on), None)

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

    def activate(self, *, gated: bool = False) -> None:
        """The commissioner's own activation, for a contract no committee has to decide:
        it names none, and its kind is not ``gated`` by the commissioner's decision policy."""
        if self.status != "proposed":
            raise WrongState(f"contract {self.id} is {self.status}, not proposed")
        if self.decision_committee_id is not None:
            raise WrongState(
                f"contract {self.id} awaits the decision of committee "
                f"{self.decision_committee_id}; it is activated by that decision"
            )
        if gated:
            raise WrongState(
                f"contract {self.id} is a {self.kind}, which its commissioner's decision policy "
                "gates: only a quorate decision of a committee activates it"
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
        self, *, effective_from: date, change: TermsChange, reason: str, recorded_at: datetime
    ) -> Variation:
        """Changes the terms from ``effective_from`` on (``terms.py`` for how the history is
        rewritten). Any day the contract is or was in force will do, backdated included: from
        its start date to its end date and, once terminated, before the termination date. A
        contract no longer in force (terminated or expired) can still have its terms corrected
        for the days it was, but not its end date (its end is the termination or the expiry).
        """
        if self.status not in EVER_IN_FORCE:
            raise WrongState(
                f"only a contract that is or was in force can be varied; {self.id} is {self.status}"
            )
        if change.is_empty:
            raise RuleBroken("changes", "name at least one of payment, distribution, end_date")
        if effective_from < self.start_date:
            raise RuleBroken("effective_from", f"the contract starts on {self.start_date}")
        if self.end_date is not None and effective_from > self.end_date:
            raise RuleBroken(
                "effective_from",
                f"the contract ends on {self.end_date}; a variation cannot start after it "
                "(to extend the contract, vary its end_date from a day on or before it)",
            )
        if self.terminated_on is not None and effective_from >= self.terminated_on:
            raise RuleBroken(
                "effective_from",
                f"the contract was terminated from {self.terminated_on}; "
                "only the terms before then can be varied",
            )
        if change.payment is not None:
            check_payment(change.payment, "changes.payment", self.kind)
        if change.distribution is not None:
            if self.kind != "HUB":
                raise RuleBroken("changes.distribution", "only a HUB contract has a distribution")
            check_distribution(change.distribution, "changes.distribution")
        if change.end_date_changed:
            if self.status != "active":
                raise RuleBroken(
                    "changes.end_date",
                    f"the contract is {self.status}: its end is fixed; only its terms before "
                    "then can be varied",
                )
            check_end_date(self.kind, self.start_date, change.end_date, "changes.end_date")
            if change.end_date is not None and change.end_date < effective_from:
                raise RuleBroken("changes.end_date", "cannot end before the variation starts")
        versions = vary_history(self.versions, effective_from, change, reason)
        if (gap := first_gap(versions)) is not None:
            i, earliest = gap
            ends, stranded = versions[i].end_date, versions[min(i + 1, len(versions) - 1)]
            raise RuleBroken(
                "changes.end_date",
                f"would end the contract on {ends}, before its terms from "
                f"{stranded.effective_from} take effect (the new end date carries into every "
                f"later version that does not set its own): end it on or after {earliest}, or "
                "terminate the contract instead",
            )
        self.versions = versions
        self.history_revision += 1
        variation = Variation(
            number=len(self.variations) + 1,
            effective_from=effective_from,
            change=change,
            reason=reason,
            recorded_at=recorded_at,
            history_revision=self.history_revision,
        )
        self.variations.append(variation)
        return variation

    def terminate(self, *, effective_on: date, reason: str) -> None:
        """Ends an active contract from ``effective_on`` (the first day it is not in force),
        backdated or not: payments recovers what was paid for the days from then on."""
        if self.status != "active":
            raise WrongState(
                f"only an active contract can be terminated; {self.id} is {self.status}"
            )
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
        self.history_revision += 1

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
        # APMS contracts are time-limited (docs/domain.md, "Contracts").
        raise RuleBroken(where, "an APMS contract is time-limited and needs an end date")
    if end_date is not None and end_date < start_date:
        raise RuleBroken(where, f"cannot be before the start date {start_date}")


def check_committee(committee_id: str, commissioner_ods: str, owner: str | None) -> None:
    """A contract, or a change to one, is decided only by a committee of its own commissioner
    (docs/security.md). ``owner`` is the organisation the committee is known to belong to, None
    while it is not known here yet: the conflicts service then refuses to open an item."""
    if owner is not None and owner != commissioner_ods:
        raise RuleBroken(
            "decision_committee_id",
            f"committee {committee_id} is not a committee of the commissioner {commissioner_ods}",
        )


def contract_event(
    schema: type[E],
    contract: Contract,
    *,
    terms: TermsVersion | None = None,
    effective_from: date | None = None,
    **extra: object,
) -> E:
    """``schema`` for ``contract`` carrying the full terms (by default the latest version),
    and always the whole history with its revision: every contract event does."""
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
            "history": [
                TermsEntry(
                    effective_from=v.effective_from,
                    end_date=v.end_date,
                    payment=v.payment,
                    distribution=v.distribution,
                )
                for v in contract.versions
            ],
            "history_revision": contract.history_revision,
            **extra,
        }
    )
