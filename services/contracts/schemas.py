"""Request and response bodies of the contracts API, with the examples /docs shows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from services.contracts.domain.change import ChangeStatusName, ContractChange
from services.contracts.domain.contract import Contract
from services.contracts.domain.organisation import Organisation
from services.contracts.domain.payment import DistributionRule, ItemFee, PaymentTerms, Tariff
from services.contracts.domain.performance import KpiResult
from services.contracts.domain.policy import DecisionPolicy
from services.contracts.domain.proposal import Proposal
from services.contracts.domain.terms import FIELDS, FieldName, TermsChange, TermsVersion, Variation
from shared.calendar import QUARTER_PATTERN
from shared.events.contracts import (
    ChangeKindName,
    ContractKindName,
    ContractStatusName,
    PaymentBasisName,
    ScheduleName,
    TrueUpName,
)
from shared.ods import OdsCode, OrganisationKind

#: Pence and counts are BIGINT (or JSON read back as int): a bound keeps them in range, and
#: keeps every product payments makes of them in range too.
MAX_PENCE = 10**13  # GBP 100bn: far above any GP contract
#: A rate per patient or per consultation: GBP 10,000, far above any. Times a list size or a
#: month's consultations (each below 10**9) it stays below 10**15, well inside BIGINT.
MAX_UNIT_PENCE = 10**6
MAX_LIST_SIZE = 10**8


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


# --- organisations ----------------------------------------------------------------------


class NewOrganisation(BaseModel):
    model_config = _examples(
        {
            "ods_code": "B86001",
            "kind": "practice",
            "name": "Leeds Road Surgery",
            "legal_form": "partnership",
            "parent_ods": "02W",
            "list_size": 8200,
            "list_size_effective_from": "2026-04-01",
        },
        {"ods_code": "02W", "kind": "ccg", "name": "NHS Bradford City CCG"},
    )

    # Checked against the kind's format by the domain, so the problem can say which format.
    ods_code: str = Field(min_length=1, max_length=10)
    kind: OrganisationKind
    name: str = Field(min_length=1, max_length=200)
    legal_form: str | None = Field(default=None, max_length=200)
    parent_ods: OdsCode | None = None
    list_size: int | None = Field(default=None, ge=0, le=MAX_LIST_SIZE)
    list_size_effective_from: date | None = Field(
        default=None, description="When `list_size` applies from; today if omitted"
    )


class OrganisationChanges(BaseModel):
    model_config = _examples({"name": "Leeds Road Medical Practice", "legal_form": "LLP"})

    name: str | None = Field(default=None, min_length=1, max_length=200)
    legal_form: str | None = Field(default=None, max_length=200)
    parent_ods: OdsCode | None = None


class NewListSize(BaseModel):
    model_config = _examples({"effective_from": "2026-07-01", "list_size": 8350})

    effective_from: date
    list_size: int = Field(ge=0, le=MAX_LIST_SIZE)


class ListSizeOut(BaseModel):
    effective_from: date
    list_size: int


class OrganisationOut(BaseModel):
    ods_code: str
    kind: OrganisationKind
    name: str
    legal_form: str | None
    parent_ods: str | None
    list_size: int | None = Field(description="The list size in force today")
    list_sizes: list[ListSizeOut] = Field(description="Every list size, by effective date")

    @classmethod
    def of(cls, org: Organisation, today: date) -> OrganisationOut:
        return cls(
            ods_code=org.ods_code,
            kind=org.kind,
            name=org.name,
            legal_form=org.legal_form,
            parent_ods=org.parent_ods,
            list_size=org.list_size_on(today),
            list_sizes=[ListSizeOut(**vars(s)) for s in org.list_sizes],
        )


# --- contract terms ---------------------------------------------------------------------


class TariffIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_pence: int = Field(ge=0, le=MAX_UNIT_PENCE)
    follow_up_pence: int = Field(ge=0, le=MAX_UNIT_PENCE)


class ItemFeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    service_code: str = Field(
        min_length=1,
        max_length=40,
        description="The code activity is reported under (Encounter.serviceType of system "
        "https://gpfed.nhs.example/CodeSystem/service, or a batch record's service_code)",
    )
    fee_pence: int = Field(ge=0, le=MAX_UNIT_PENCE)


class PaymentIn(BaseModel):
    model_config = _examples(
        {
            "basis": "tariff",
            "schedule": "monthly",
            "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
        },
        {
            "basis": "block",
            "schedule": "monthly_upfront_true_up",
            "annual_value_pence": 120000000,
            "upfront_percent": "75",
            "true_up": "year_end",
        },
        {
            "basis": "item_of_service",
            "schedule": "monthly",
            "fees": [
                {"service_code": "minor-surgery", "fee_pence": 4500},
                {"service_code": "vaccination", "fee_pence": 1000},
            ],
        },
    )

    basis: PaymentBasisName
    schedule: ScheduleName
    annual_value_pence: int | None = Field(default=None, ge=0, le=MAX_PENCE)
    tariff: TariffIn | None = None
    per_head_pence: int | None = Field(default=None, ge=0, le=MAX_UNIT_PENCE)
    upfront_percent: Decimal | None = Field(
        default=None, ge=0, le=100, max_digits=5, decimal_places=2
    )
    true_up: TrueUpName | None = Field(
        default=None,
        description="monthly_upfront_true_up only: adjust to the KPI achievement at each "
        "quarter's end (`quarterly`, the default) or once at the financial year's end, 31 March "
        "(`year_end`, on the result for the quarter ending 31 March)",
    )
    fees: list[ItemFeeIn] | None = Field(
        default=None,
        max_length=50,
        description="item_of_service only (DES, LES, LIS): the fee per item for each service code",
    )

    def terms(self) -> PaymentTerms:
        return PaymentTerms(
            basis=self.basis,
            schedule=self.schedule,
            annual_value_pence=self.annual_value_pence,
            tariff=Tariff(**self.tariff.model_dump()) if self.tariff else None,
            per_head_pence=self.per_head_pence,
            upfront_percent=self.upfront_percent,
            true_up=self.true_up,
            fees=[ItemFee(**f.model_dump()) for f in self.fees] if self.fees is not None else None,
        )


class DistributionIn(BaseModel):
    model_config = _examples(
        {
            "retained_percent": "10",
            "admin_charge_per_patient_pence": 6000,
            "premises_per_consultation_pence": 500,
            "clinician_fee_per_consultation_pence": 1500,
        }
    )

    retained_percent: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    admin_charge_per_patient_pence: int = Field(ge=0, le=MAX_UNIT_PENCE)
    premises_per_consultation_pence: int = Field(ge=0, le=MAX_UNIT_PENCE)
    clinician_fee_per_consultation_pence: int = Field(ge=0, le=MAX_UNIT_PENCE)

    def rule(self) -> DistributionRule:
        return DistributionRule(**self.model_dump())


HUB_EXAMPLE = {
    "kind": "HUB",
    "commissioner_ods": "02W",
    "provider_ods": "Y02765",
    "service": "extended access hub",
    "start_date": "2026-12-01",
    "end_date": "2027-11-30",
    "payment": {
        "basis": "tariff",
        "schedule": "monthly",
        "tariff": {"first_pence": 3500, "follow_up_pence": 2000},
    },
    "distribution": {
        "retained_percent": "10",
        "admin_charge_per_patient_pence": 6000,
        "premises_per_consultation_pence": 500,
        "clinician_fee_per_consultation_pence": 1500,
    },
    "decision_committee_id": "pccc-02w",
}


class NewContract(BaseModel):
    model_config = _examples(
        HUB_EXAMPLE,
        {
            "kind": "DES",
            "commissioner_ods": "X24",
            "provider_ods": "B86001",
            "service": "learning disability health checks",
            "start_date": "2026-04-01",
            "payment": {
                "basis": "per_head",
                "schedule": "quarterly_arrears",
                "per_head_pence": 500,
            },
            "offered_to_core_holders_first": True,
        },
    )

    kind: ContractKindName
    commissioner_ods: OdsCode
    provider_ods: OdsCode
    service: str = Field(min_length=1, max_length=200)
    start_date: date
    end_date: date | None = None
    payment: PaymentIn
    distribution: DistributionIn | None = None
    decision_committee_id: str | None = Field(default=None, min_length=1, max_length=64)
    parent_contract_id: str | None = Field(
        default=None, min_length=1, max_length=36, description="For a subcontract of a PRIME"
    )
    offered_to_core_holders_first: bool | None = Field(
        default=None, description="DES and LES: first offered to the GMS/PMS holders?"
    )

    def proposal(self) -> Proposal:
        return Proposal(
            kind=self.kind,
            commissioner_ods=self.commissioner_ods,
            provider_ods=self.provider_ods,
            service=self.service,
            start_date=self.start_date,
            end_date=self.end_date,
            payment=self.payment.terms(),
            distribution=self.distribution.rule() if self.distribution else None,
            decision_committee_id=self.decision_committee_id,
            parent_contract_id=self.parent_contract_id,
            offered_to_core_holders_first=self.offered_to_core_holders_first,
        )


class Changes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    payment: PaymentIn | None = None
    distribution: DistributionIn | None = None
    end_date: date | None = None

    def change(self) -> TermsChange:
        return TermsChange(
            payment=self.payment.terms() if self.payment else None,
            distribution=self.distribution.rule() if self.distribution else None,
            end_date=self.end_date,
            # An explicit null end date makes the contract open-ended; an absent one keeps it.
            end_date_changed="end_date" in self.model_fields_set,
        )


class NewVariation(BaseModel):
    model_config = _examples(
        {
            "effective_from": "2027-01-01",
            "changes": {
                "payment": {
                    "basis": "tariff",
                    "schedule": "monthly",
                    "tariff": {"first_pence": 3700, "follow_up_pence": 2100},
                }
            },
            "reason": "tariff uplift agreed at the January PCCC, backdated to 1 January",
        }
    )

    effective_from: date = Field(
        description="Any day the contract is (or was) in force, backdated included: from its "
        "start date to its end date, and before its termination date"
    )
    changes: Changes
    reason: str = Field(min_length=1, max_length=2000)
    decision_committee_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Where the contract is gated and names no committee (made before the "
        "gate): the committee of its commissioner that must decide this change",
    )


class Termination(BaseModel):
    model_config = _examples({"effective_on": "2027-03-01", "reason": "service recommissioned"})

    effective_on: date = Field(
        description="The first day the contract is no longer in force: from its start date to "
        "its end date, backdated included"
    )
    reason: str = Field(min_length=1, max_length=2000)
    decision_committee_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="Where the contract is gated and names no committee (made before the "
        "gate): the committee of its commissioner that must decide this change",
    )


class ExpiryRun(BaseModel):
    model_config = _examples({"on": "2027-12-01"})

    on: date = Field(description="Active contracts whose end date is before this date expire")


class ExpiryOut(BaseModel):
    expired: list[str]


class NewKpiResult(BaseModel):
    model_config = _examples(
        {"quarter": "2026-Q1", "achievement_percent": "82.5", "evidence": "QOF extract 2026-04-07"}
    )

    quarter: str = Field(
        pattern=QUARTER_PATTERN,
        description="A calendar quarter (Q1 is January to March); for a year-end true-up, the "
        "quarter ending 31 March, which closes the financial year",
    )
    achievement_percent: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    evidence: str = Field(min_length=1, max_length=4000)


class NewKpiCorrection(BaseModel):
    model_config = _examples(
        {
            "achievement_percent": "86",
            "evidence": "QOF extract 2026-05-02 (resubmitted)",
            "reason": "late data from the practice's clinical system",
        }
    )

    achievement_percent: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    evidence: str = Field(min_length=1, max_length=4000)
    reason: str = Field(min_length=1, max_length=2000)


class KpiResultOut(BaseModel):
    contract_id: str
    quarter: str
    version: int = Field(description="1 for the first result; each correction adds one")
    achievement_percent: Decimal
    evidence: str
    reason: str | None = Field(description="Why it was corrected (None for the first)")
    terms_version: int = Field(
        description="The terms version it was measured against, in `history_revision`'s history"
    )
    history_revision: int | None
    recorded_at: datetime

    @classmethod
    def of(cls, contract_id: str, r: KpiResult) -> KpiResultOut:
        return cls(contract_id=contract_id, **vars(r))


class Created(BaseModel):
    id: str
    status: ContractStatusName


class TermsOut(BaseModel):
    version: int = Field(description="Its place in the history, oldest first")
    effective_from: date
    payment: PaymentTerms
    distribution: DistributionRule | None
    end_date: date | None
    reason: str | None
    fields_set: list[FieldName] = Field(
        description="The fields this version sets itself; the others carry over from the "
        "version before (the first sets them all)"
    )

    @classmethod
    def of(cls, v: TermsVersion) -> TermsOut:
        return cls(**{**vars(v), "fields_set": [f for f in FIELDS if f in v.fields_set]})


class ChangesOut(BaseModel):
    payment: PaymentTerms | None = None
    distribution: DistributionRule | None = None
    end_date: date | None = None


class VariationRecordOut(BaseModel):
    """A variation as it was asked for."""

    number: int = Field(description="1 for the first variation, in the order recorded")
    effective_from: date
    fields: list[FieldName] = Field(description="The fields it changed (`end_date` may be null)")
    changes: ChangesOut
    reason: str
    recorded_at: datetime
    history_revision: int = Field(description="The contract's history revision it made")

    @classmethod
    def of(cls, v: Variation) -> VariationRecordOut:
        change = v.change
        return cls(
            number=v.number,
            effective_from=v.effective_from,
            fields=[f for f in FIELDS if f in change.fields],
            changes=ChangesOut(
                payment=change.payment,
                distribution=change.distribution,
                end_date=change.end_date if change.end_date_changed else None,
            ),
            reason=v.reason,
            recorded_at=v.recorded_at,
            history_revision=v.history_revision,
        )


class VariationOut(TermsOut):
    """The version in force from the variation's date, as the variation left it, and the
    whole history it made (later versions restated where the change carried into them)."""

    contract_id: str
    variation: VariationRecordOut
    history_revision: int
    history: list[TermsOut]

    @classmethod
    def made(cls, c: Contract, v: Variation) -> VariationOut:
        version = c.version_on(v.effective_from)
        assert version is not None
        return cls(
            **TermsOut.of(version).model_dump(),
            contract_id=c.id,
            variation=VariationRecordOut.of(v),
            history_revision=c.history_revision,
            history=[TermsOut.of(t) for t in c.versions],
        )


class ContractOut(BaseModel):
    id: str
    kind: ContractKindName
    status: ContractStatusName
    commissioner_ods: str
    provider_ods: str
    service: str
    start_date: date
    end_date: date | None
    decision_committee_id: str | None
    parent_contract_id: str | None
    offered_to_core_holders_first: bool | None
    terminated_on: date | None
    termination_reason: str | None
    rejection_reason: str | None = Field(
        default=None, description="Why a rejected contract was rejected"
    )
    on: date = Field(description="The date `terms` and `in_force` answer for")
    in_force: bool
    terms: TermsOut | None = Field(description="The terms in force on `on`")
    history: list[TermsOut] = Field(description="Every terms version, oldest first")
    history_revision: int = Field(
        description="1 for the proposed terms; each variation and the termination add one"
    )
    variations: list[VariationRecordOut] = Field(
        description="Every variation as it was asked for, in the order recorded"
    )
    kpi_results: list[KpiResultOut] = Field(
        default=[], description="Each quarter's result as it stands (its latest version)"
    )
    kpi_result_versions: list[KpiResultOut] = Field(
        default=[], description="Every version of every quarter's result, by quarter"
    )

    @classmethod
    def of(cls, c: Contract, on: date, kpi_results: list[KpiResult] | None = None) -> ContractOut:
        results = [KpiResultOut.of(c.id, r) for r in kpi_results or []]
        latest = {r.quarter: r for r in results}  # by quarter then version: the last wins
        terms = c.terms_on(on)
        return cls(
            id=c.id,
            kind=c.kind,
            status=c.status,
            commissioner_ods=c.commissioner_ods,
            provider_ods=c.provider_ods,
            service=c.service,
            start_date=c.start_date,
            end_date=c.end_date,
            decision_committee_id=c.decision_committee_id,
            parent_contract_id=c.parent_contract_id,
            offered_to_core_holders_first=c.offered_to_core_holders_first,
            terminated_on=c.terminated_on,
            termination_reason=c.termination_reason,
            rejection_reason=c.rejection_reason,
            on=on,
            in_force=c.in_force_on(on),
            terms=TermsOut.of(terms) if terms else None,
            history=[TermsOut.of(v) for v in c.versions],
            history_revision=c.history_revision,
            variations=[VariationRecordOut.of(v) for v in c.variations],
            kpi_results=list(latest.values()),
            kpi_result_versions=results,
        )


# --- decision policies and the changes they hold ----------------------------------------


class DecisionPolicyIn(BaseModel):
    model_config = _examples(
        {
            "gated_kinds": ["HUB", "PRIME", "APMS", "LES", "LIS", "DES"],
            "gate_variations": True,
            "gate_terminations": True,
        }
    )

    gated_kinds: list[ContractKindName] = Field(
        max_length=20,
        description="Kinds of contract that only a quorate, screened decision of one of the "
        "commissioner's committees puts in force",
    )
    gate_variations: bool = Field(description="Their variations wait for a decision too")
    gate_terminations: bool = Field(description="Their terminations wait for a decision too")

    def policy(self) -> DecisionPolicy:
        return DecisionPolicy(
            gated_kinds=frozenset(self.gated_kinds),
            gate_variations=self.gate_variations,
            gate_terminations=self.gate_terminations,
        )


class DecisionPolicyOut(BaseModel):
    commissioner_ods: str
    gated_kinds: list[ContractKindName]
    gate_variations: bool
    gate_terminations: bool

    @classmethod
    def of(cls, commissioner_ods: str, p: DecisionPolicy) -> DecisionPolicyOut:
        return cls(
            commissioner_ods=commissioner_ods,
            gated_kinds=p.kinds,
            gate_variations=p.gate_variations,
            gate_terminations=p.gate_terminations,
        )


class ChangeOut(BaseModel):
    """A variation or termination of a gated contract, held for its committee's decision."""

    change_id: str
    contract_id: str
    number: int = Field(description="1 for the contract's first held change")
    kind: ChangeKindName
    status: ChangeStatusName = Field(
        description="awaiting_decision until the item is decided: approved (then applied), "
        "rejected, refused (no item could open) or failed (approved, but it no longer applied)"
    )
    decision_item_id: str = Field(description="The conflicts service's decision item")
    committee_id: str
    effective_from: date
    reason: str
    request: dict[str, Any] = Field(description="The variation or termination as asked for")
    outcome_reason: str | None = Field(description="Why it was refused or failed")
    recorded_at: datetime
    decided_at: datetime | None

    @classmethod
    def of(cls, c: ContractChange) -> ChangeOut:
        return cls(
            change_id=c.id,
            contract_id=c.contract_id,
            number=c.number,
            kind=c.kind,
            status=c.status,
            decision_item_id=c.item_id,
            committee_id=c.committee_id,
            effective_from=c.effective_from,
            reason=c.reason,
            request=c.request,
            outcome_reason=c.outcome_reason,
            recorded_at=c.recorded_at,
            decided_at=c.decided_at,
        )
