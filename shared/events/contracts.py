"""Events published by the contracts service on ``gpfed.contracts.v1``."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.events.bounds import Count, NonNegativePence, Percent, Revision

OrganisationKindName = Literal["practice", "federation", "ccg", "nhse", "trust", "other"]
ContractKindName = Literal["GMS", "PMS", "SPMS", "APMS", "DES", "LES", "LIS", "HUB", "PRIME"]
ContractStatusName = Literal["proposed", "active", "rejected", "terminated", "expired"]
#: A change to a contract in force that a decision gate may hold for a committee's decision.
ChangeKindName = Literal["variation", "termination"]
#: ``item_of_service``: a fee per item of service (a procedure, a vaccination) for each service
#: code in ``fees``, paid on the month's closed count of each (DES, LES and LIS only).
PaymentBasisName = Literal["block", "tariff", "per_head", "item_of_service"]
ScheduleName = Literal["monthly", "monthly_upfront_true_up", "quarterly_arrears"]
#: When an upfront schedule is trued up to its KPI achievement (Practice finances survey,
#: "Knowledge of NHS finance": "a quarter or year-end adjustment"): at each quarter's end, or
#: once at the financial year's end (31 March).
TrueUpName = Literal["quarterly", "year_end"]


class _Terms(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Tariff(_Terms):
    first_pence: NonNegativePence
    follow_up_pence: NonNegativePence


class ItemFee(_Terms):
    """The fee for one item of service, by the service code activity is reported under."""

    service_code: str
    fee_pence: NonNegativePence


class PaymentTerms(_Terms):
    basis: PaymentBasisName
    schedule: ScheduleName
    annual_value_pence: NonNegativePence | None = None
    tariff: Tariff | None = None
    per_head_pence: NonNegativePence | None = None
    upfront_percent: Percent | None = None
    #: monthly_upfront_true_up only; None means quarterly (as before this field existed).
    true_up: TrueUpName | None = None
    #: item_of_service only: the fee per item, by service code (codes unique).
    fees: list[ItemFee] | None = None


class DistributionRule(_Terms):
    """The hub rule of the Practice finances survey, Case study 1, carried by HUB contracts."""

    retained_percent: Percent
    admin_charge_per_patient_pence: NonNegativePence
    premises_per_consultation_pence: NonNegativePence
    clinician_fee_per_consultation_pence: NonNegativePence


class OrganisationRegistered(Event):
    ce_type = "gpfed.organisation.registered"
    producer = "contracts"
    subject_field = "ods_code"

    ods_code: str
    kind: OrganisationKindName
    name: str
    legal_form: str | None = None
    parent_ods: str | None = None
    list_size: Count | None = None
    #: The date ``list_size`` takes effect. Always set by contracts when ``list_size`` is; an
    #: event without it (published before it existed) must not change a size already dated.
    list_size_effective_from: date | None = None


class OrganisationUpdated(OrganisationRegistered):
    ce_type = "gpfed.organisation.updated"


class TermsEntry(_Terms):
    """One version of a contract's terms: in force from ``effective_from`` until the next."""

    effective_from: date
    end_date: date | None = None
    payment: PaymentTerms
    distribution: DistributionRule | None = None


class _ContractEvent(Event):
    """Every contract event carries the full terms in force from ``effective_from`` and, since
    variations may be backdated, the contract's whole terms history (``history``): a consumer
    replaces what it holds with it whenever ``history_revision`` is newer than what it has,
    so a backdated change, and the later versions it restates, arrive as one fact in any order.
    """

    producer = "contracts"
    subject_field = "contract_id"

    contract_id: str
    kind: ContractKindName
    status: ContractStatusName
    commissioner_ods: str
    provider_ods: str
    service: str
    start_date: date
    end_date: date | None = None
    effective_from: date
    payment: PaymentTerms
    distribution: DistributionRule | None = None
    decision_committee_id: str | None = None
    parent_contract_id: str | None = None
    #: DES and LES only: whether the service was first offered to the GMS/PMS holders.
    offered_to_core_holders_first: bool | None = None
    #: The day a termination takes effect: the contract is not in force from that day on.
    terminated_on: date | None = None
    #: Every version of the terms, oldest first (optional: events published before it existed
    #: carry only the version above).
    history: list[TermsEntry] | None = None
    #: Counts the changes to ``history`` (and termination): the higher one is the newer.
    history_revision: Count | None = None


class ContractProposed(_ContractEvent):
    ce_type = "gpfed.contract.proposed"


class ContractActivated(_ContractEvent):
    ce_type = "gpfed.contract.activated"


class ContractVaried(_ContractEvent):
    ce_type = "gpfed.contract.varied"
    reason: str | None = None


class ContractTerminated(_ContractEvent):
    ce_type = "gpfed.contract.terminated"
    reason: str | None = None


class ContractExpired(_ContractEvent):
    ce_type = "gpfed.contract.expired"


class ContractRejected(_ContractEvent):
    ce_type = "gpfed.contract.rejected"
    reason: str | None = None


class ContractPerformanceRecorded(_ContractEvent):
    ce_type = "gpfed.contract.performance_recorded"
    quarter: str
    achievement_percent: Percent
    evidence: str | None = None
    #: A corrected result for the quarter has a higher version, and supersedes the earlier one
    #: whatever order they arrive in; None is version 1.
    version: Count | None = None


class DecisionPolicySet(Event):
    """A commissioner's decision policy: which kinds of contract only a committee's decision
    puts in force, and whether their variations and terminations wait for one too."""

    ce_type = "gpfed.decision_policy.set"
    producer = "contracts"
    subject_field = "commissioner_ods"

    commissioner_ods: str
    gated_kinds: list[ContractKindName]
    gate_variations: bool
    gate_terminations: bool


class ContractChangeProposed(Event):
    """A variation or termination of a gated contract, held until the committee decides the
    item ``item_id`` (``shared.events.conflicts.decision_item_id(change_id)``); the contract's
    terms do not change until then."""

    ce_type = "gpfed.contract.change_proposed"
    producer = "contracts"
    subject_field = "contract_id"

    contract_id: str
    change_id: str
    change_kind: ChangeKindName
    item_id: str
    committee_id: str
    commissioner_ods: str
    provider_ods: str
    kind: ContractKindName
    service: str
    #: The first day the change takes effect (a variation's effective_from, a termination's
    #: effective_on).
    effective_from: date
    reason: str


# --- incentive schemes (issue 20) -------------------------------------------------------------

SchemeKindName = Literal["LES", "LIS"]
#: ``network``: the held-back share is released to a network's practices only when every one of
#: them delivered every standard (Commissioning and funding general practice, "Risk-sharing and
#: accountability for outcomes"); ``practice``: to each practice on its own delivery.
SchemeReleaseName = Literal["network", "practice"]
#: ``all_or_nothing``: any standard missed recovers the practice's upfront share (Co-commissioning
#: evaluation, 3.4.2.2); ``proportional``: the share of standards missed.
SchemeBalancingName = Literal["all_or_nothing", "proportional"]


class SchemeStandard(_Terms):
    code: str
    title: str


class SchemeNetwork(_Terms):
    name: str
    practices: list[str]


class SchemeEnrolment(_Terms):
    """A practice in the scheme, under its LES/LIS contract, in its network (if any)."""

    practice_ods: str
    contract_id: str
    network: str | None = None


class StandardDelivery(_Terms):
    code: str
    delivered: bool


class SchemeResults(_Terms):
    """A practice's delivery of each standard for the year: the latest version recorded."""

    practice_ods: str
    version: Revision
    standards: list[StandardDelivery]
    reason: str | None = None


class SchemeEvent(Event):
    """An incentive scheme as it stands: its rules, enrolments and each practice's latest
    results, whole, so a consumer replaces what it holds whenever ``revision`` is newer."""

    producer = "contracts"
    subject_field = "scheme_id"

    scheme_id: str
    commissioner_ods: str
    kind: SchemeKindName
    name: str
    #: The NHS financial year, "2026/27": 1 April 2026 to 31 March 2027.
    year: str
    year_start: date
    year_end: date
    per_head_pence: NonNegativePence
    upfront_percent: Percent
    standards: list[SchemeStandard]
    release: SchemeReleaseName
    balancing: SchemeBalancingName
    networks: list[SchemeNetwork]
    enrolments: list[SchemeEnrolment]
    results: list[SchemeResults]
    revision: Revision


class SchemePublished(SchemeEvent):
    ce_type = "gpfed.scheme.published"


class SchemeEnrolled(SchemeEvent):
    ce_type = "gpfed.scheme.enrolled"


class SchemeResultsRecorded(SchemeEvent):
    ce_type = "gpfed.scheme.results_recorded"
