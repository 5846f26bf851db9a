"""What a commissioner proposes, and the rules that tell the kinds of contract apart
(docs/domain.md, "Contracts")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.contracts.domain.contract import (
    OFFERED_FIRST_KINDS,
    Contract,
    TermsVersion,
    check_end_date,
)
from services.contracts.domain.organisation import Organisation
from services.contracts.domain.payment import (
    DistributionRule,
    PaymentTerms,
    check_distribution,
    check_payment,
)
from services.contracts.domain.rules import RuleBroken
from shared.events.contracts import ContractKindName
from shared.ods import OrganisationKind


@dataclass(frozen=True)
class Proposal:
    kind: ContractKindName
    commissioner_ods: str
    provider_ods: str
    service: str
    start_date: date
    payment: PaymentTerms
    end_date: date | None = None
    distribution: DistributionRule | None = None
    decision_committee_id: str | None = None
    parent_contract_id: str | None = None
    offered_to_core_holders_first: bool | None = None


def propose(
    contract_id: str,
    proposal: Proposal,
    *,
    commissioner: Organisation | None,
    provider: Organisation | None,
    parent: Contract | None,
) -> Contract:
    """A new contract in status ``proposed``, or RuleBroken naming the first field at fault.
    ``commissioner``, ``provider`` and ``parent`` are what the register holds for the codes
    and id the proposal names (None where nothing is registered)."""
    p = proposal
    if commissioner is None:
        raise RuleBroken("commissioner_ods", f"no organisation {p.commissioner_ods} is registered")
    if not commissioner.commissions:
        raise RuleBroken(
            "commissioner_ods",
            f"{p.commissioner_ods} is a {commissioner.kind}; only a ccg or nhse commissions",
        )
    if provider is None:
        raise RuleBroken("provider_ods", f"no organisation {p.provider_ods} is registered")
    if p.provider_ods == p.commissioner_ods:
        raise RuleBroken("provider_ods", "a commissioner cannot contract with itself")
    if p.kind == "HUB" and provider.kind is not OrganisationKind.FEDERATION:
        # Practice finances survey, Case study 1: the hub contract is held by the federation,
        # delivered by its members.
        raise RuleBroken(
            "provider_ods",
            f"a HUB contract must be held by a federation; {p.provider_ods} is a {provider.kind}",
        )
    check_end_date(p.kind, p.start_date, p.end_date)
    if p.kind == "HUB":
        if p.distribution is None:
            raise RuleBroken("distribution", "a HUB contract carries its distribution rule")
        check_distribution(p.distribution)
    elif p.distribution is not None:
        raise RuleBroken("distribution", "only a HUB contract has a distribution rule")
    if p.kind in OFFERED_FIRST_KINDS:
        if p.offered_to_core_holders_first is None:
            raise RuleBroken(
                "offered_to_core_holders_first",
                f"a {p.kind} must record whether it was first offered to the GMS/PMS holders",
            )
    elif p.offered_to_core_holders_first is not None:
        raise RuleBroken("offered_to_core_holders_first", "only DES and LES record this")
    check_payment(p.payment, kind=p.kind)
    if p.parent_contract_id is not None:
        check_parent(p, parent)
    return Contract(
        id=contract_id,
        kind=p.kind,
        commissioner_ods=p.commissioner_ods,
        provider_ods=p.provider_ods,
        service=p.service,
        start_date=p.start_date,
        versions=[
            TermsVersion(
                version=1,
                effective_from=p.start_date,
                payment=p.payment,
                distribution=p.distribution,
                end_date=p.end_date,
            )
        ],
        decision_committee_id=p.decision_committee_id,
        parent_contract_id=p.parent_contract_id,
        offered_to_core_holders_first=p.offered_to_core_holders_first,
    )


def check_parent(p: Proposal, parent: Contract | None) -> None:
    """A subcontract points at the PRIME contract it serves, within that contract's reach and
    dates, so the chain stays visible (Practice finances survey, Case study 1; Commissioning and
    funding general practice, "Additional and tendered services")."""
    where = "parent_contract_id"
    if parent is None:
        raise RuleBroken(where, f"no contract {p.parent_contract_id} exists")
    if parent.kind != "PRIME":
        raise RuleBroken(where, f"the parent must be a PRIME contract, not {parent.kind}")
    if parent.status in {"rejected", "terminated", "expired"}:
        raise RuleBroken(where, f"the parent contract is {parent.status}")
    if parent.commissioner_ods != p.commissioner_ods:
        raise RuleBroken(where, f"the parent is commissioned by {parent.commissioner_ods}")
    if parent.provider_ods == p.provider_ods:
        raise RuleBroken("provider_ods", "a prime provider cannot subcontract to itself")
    if p.start_date < parent.start_date:
        raise RuleBroken("start_date", f"the parent contract starts on {parent.start_date}")
    if parent.end_date is not None and (p.end_date is None or p.end_date > parent.end_date):
        raise RuleBroken("end_date", f"must end by the parent's end date {parent.end_date}")
