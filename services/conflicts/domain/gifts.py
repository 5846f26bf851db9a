"""Gifts and hospitality judged against the thresholds of the statutory guidance (docs/domain.md,
"Gifts and hospitality"; NHS England 2017)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.rules import WrongState


class GiftKind(StrEnum):
    GIFT = "gift"
    HOSPITALITY = "hospitality"


# Pence. The guidance's "common industry standard" for promotional aids from suppliers.
SUPPLIER_GIFT_LIMIT = 600
GIFT_DECLARE_FROM = 5000
HOSPITALITY_DECLARE_FROM = 2500
HOSPITALITY_APPROVAL_ABOVE = 7500


@dataclass(frozen=True)
class GiftVerdict:
    declarable: bool
    acceptable: bool
    needs_approval: bool
    reason: str


def judge(kind: GiftKind, value_pence: int, *, source_is_supplier: bool) -> GiftVerdict:
    """The verdict on one gift or hospitality offer."""
    if value_pence < 0:
        raise ValueError("value_pence must not be negative")
    if kind is GiftKind.HOSPITALITY:
        if value_pence < HOSPITALITY_DECLARE_FROM:
            return GiftVerdict(False, True, False, "hospitality under £25: need not be declared")
        if value_pence <= HOSPITALITY_APPROVAL_ABOVE:
            return GiftVerdict(True, True, False, "hospitality £25-£75: accept and declare")
        return GiftVerdict(
            True, False, True, "hospitality over £75: refuse unless senior approval is given"
        )
    if source_is_supplier:
        if value_pence <= SUPPLIER_GIFT_LIMIT:
            return GiftVerdict(False, True, False, "supplier gift up to £6: may be accepted")
        return GiftVerdict(True, False, False, "supplier gift over £6: decline and declare")
    if value_pence < GIFT_DECLARE_FROM:
        return GiftVerdict(False, True, False, "gift under £50: accept without declaring")
    return GiftVerdict(
        True, True, False, "gift of £50 or more: accept only on behalf of the organisation"
    )


class GiftStatus(StrEnum):
    """Where a gift stands: one over an approval threshold waits for a governance decision."""

    NOT_NEEDED = "not_needed"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    DECLINED = "declined"


class GiftDecision(StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"


def initial_status(verdict: GiftVerdict) -> GiftStatus:
    return GiftStatus.AWAITING_APPROVAL if verdict.needs_approval else GiftStatus.NOT_NEEDED


def decide(status: GiftStatus, decision: GiftDecision) -> GiftStatus:
    """The status a decision leaves the gift in; only a gift awaiting approval can be decided,
    and only once."""
    if status is not GiftStatus.AWAITING_APPROVAL:
        what = "needs no approval" if status is GiftStatus.NOT_NEEDED else f"is already {status}"
        raise WrongState(f"the gift {what}")
    return GiftStatus.APPROVED if decision is GiftDecision.APPROVE else GiftStatus.DECLINED
