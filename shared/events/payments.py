"""Events published by the payments service on ``gpfed.payments.v1``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.events.bounds import Count, NonNegativePence, Pence, PositivePence, Revision


class PaymentPosted(Event):
    ce_type = "gpfed.payment.posted"
    producer = "payments"
    subject_field = "contract_id"

    transaction_id: str
    contract_id: str
    period: str
    payer_ods: str
    payee_ods: str
    amount_pence: PositivePence
    basis: str
    #: Other contracts paying the same provider for the same service in the same period: a
    #: possible double funding (Co-commissioning evaluation 3.4.2.2), flagged for the commissioner,
    #: not refused.
    double_funding_contract_ids: list[str] = []
    #: True for a recovery (a true-up below what was paid up front): the provider pays the
    #: commissioner back, so ``payer_ods`` is the provider and ``amount_pence`` is positive.
    recovery: bool = False


class DistributionLine(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    practice_ods: str
    consultations: Count
    share_pence: Pence
    admin_pence: NonNegativePence
    premises_pence: NonNegativePence
    clinician_fees_pence: NonNegativePence
    total_pence: Pence
    #: Of this line's change, the part kept back against what the practice owed the federation
    #: (an explicit netting line), and a negative share carried as a sum owed.
    netted_pence: NonNegativePence = 0
    carried_pence: NonNegativePence = 0


class DistributionCompleted(Event):
    ce_type = "gpfed.distribution.completed"
    producer = "payments"
    subject_field = "contract_id"

    contract_id: str
    federation_ods: str
    period: str
    transaction_id: str
    income_pence: Pence
    costs_pence: NonNegativePence
    retained_pence: Pence
    remainder_pence: Pence
    lines: list[DistributionLine]
    note: str | None = None
    #: The activity revision distributed; above 1, the transaction posts only the difference
    #: from the earlier distribution (a restated period).
    revision: Revision = 1


class GainShareTier(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    #: above_average | average_to_benchmark | below_benchmark
    tier: str
    saving_pence: NonNegativePence
    share_percent: int
    earned_pence: NonNegativePence


class GainSharePractice(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    practice_ods: str
    #: The practice's weight: its list size in force on the financial year's last day.
    weight: Count
    share_pence: NonNegativePence


class GainShareAlliance(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    federation_ods: str
    weighted_population: Count
    saving_pence: NonNegativePence
    earned_pence: NonNegativePence
    tiers: list[GainShareTier]
    practices: list[GainSharePractice] = []
    #: The ledger transactions paying the federation and sharing it out; None for nothing earned.
    payment_transaction_id: str | None = None
    distribution_transaction_id: str | None = None


class GainSharePaid(Event):
    """A commissioner's gain share year (issue 20): what each alliance saved and earned, tier by
    tier, paid to its federation and shared among its member practices."""

    ce_type = "gpfed.gain_share.paid"
    producer = "payments"
    subject_field = "gain_share_id"

    gain_share_id: str
    commissioner_ods: str
    service: str
    #: The NHS financial year, e.g. ``2025/26``.
    year: str
    alliances: list[GainShareAlliance]
