from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contract_out_kind import ContractOutKind
from ..models.contract_out_status import ContractOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kpi_result_out import KpiResultOut
    from ..models.terms_out import TermsOut
    from ..models.variation_record_out import VariationRecordOut


T = TypeVar("T", bound="ContractOut")


@_attrs_define
class ContractOut:
    """
    Attributes:
        commissioner_ods (str):
        decision_committee_id (None | str):
        end_date (datetime.date | None):
        history (list[TermsOut]): Every terms version, oldest first
        history_revision (int): 1 for the proposed terms; each variation and the termination add one
        id (str):
        in_force (bool):
        kind (ContractOutKind):
        offered_to_core_holders_first (bool | None):
        on (datetime.date): The date `terms` and `in_force` answer for
        parent_contract_id (None | str):
        provider_ods (str):
        service (str):
        start_date (datetime.date):
        status (ContractOutStatus):
        terminated_on (datetime.date | None):
        termination_reason (None | str):
        terms (None | TermsOut): The terms in force on `on`
        variations (list[VariationRecordOut]): Every variation as it was asked for, in the order recorded
        kpi_result_versions (list[KpiResultOut] | Unset): Every version of every quarter's result, by quarter
        kpi_results (list[KpiResultOut] | Unset): Each quarter's result as it stands (its latest version)
        rejection_reason (None | str | Unset): Why a rejected contract was rejected
    """

    commissioner_ods: str
    decision_committee_id: None | str
    end_date: datetime.date | None
    history: list[TermsOut]
    history_revision: int
    id: str
    in_force: bool
    kind: ContractOutKind
    offered_to_core_holders_first: bool | None
    on: datetime.date
    parent_contract_id: None | str
    provider_ods: str
    service: str
    start_date: datetime.date
    status: ContractOutStatus
    terminated_on: datetime.date | None
    termination_reason: None | str
    terms: None | TermsOut
    variations: list[VariationRecordOut]
    kpi_result_versions: list[KpiResultOut] | Unset = UNSET
    kpi_results: list[KpiResultOut] | Unset = UNSET
    rejection_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.terms_out import TermsOut

        commissioner_ods = self.commissioner_ods

        decision_committee_id: None | str
        decision_committee_id = self.decision_committee_id

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        history_revision = self.history_revision

        id = self.id

        in_force = self.in_force

        kind = self.kind.value

        offered_to_core_holders_first: bool | None
        offered_to_core_holders_first = self.offered_to_core_holders_first

        on = self.on.isoformat()

        parent_contract_id: None | str
        parent_contract_id = self.parent_contract_id

        provider_ods = self.provider_ods

        service = self.service

        start_date = self.start_date.isoformat()

        status = self.status.value

        terminated_on: None | str
        if isinstance(self.terminated_on, datetime.date):
            terminated_on = self.terminated_on.isoformat()
        else:
            terminated_on = self.terminated_on

        termination_reason: None | str
        termination_reason = self.termination_reason

        terms: dict[str, Any] | None
        if isinstance(self.terms, TermsOut):
            terms = self.terms.to_dict()
        else:
            terms = self.terms

        variations = []
        for variations_item_data in self.variations:
            variations_item = variations_item_data.to_dict()
            variations.append(variations_item)

        kpi_result_versions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.kpi_result_versions, Unset):
            kpi_result_versions = []
            for kpi_result_versions_item_data in self.kpi_result_versions:
                kpi_result_versions_item = kpi_result_versions_item_data.to_dict()
                kpi_result_versions.append(kpi_result_versions_item)

        kpi_results: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.kpi_results, Unset):
            kpi_results = []
            for kpi_results_item_data in self.kpi_results:
                kpi_results_item = kpi_results_item_data.to_dict()
                kpi_results.append(kpi_results_item)

        rejection_reason: None | str | Unset
        if isinstance(self.rejection_reason, Unset):
            rejection_reason = UNSET
        else:
            rejection_reason = self.rejection_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "decision_committee_id": decision_committee_id,
                "end_date": end_date,
                "history": history,
                "history_revision": history_revision,
                "id": id,
                "in_force": in_force,
                "kind": kind,
                "offered_to_core_holders_first": offered_to_core_holders_first,
                "on": on,
                "parent_contract_id": parent_contract_id,
                "provider_ods": provider_ods,
                "service": service,
                "start_date": start_date,
                "status": status,
                "terminated_on": terminated_on,
                "termination_reason": termination_reason,
                "terms": terms,
                "variations": variations,
            }
        )
        if kpi_result_versions is not UNSET:
            field_dict["kpi_result_versions"] = kpi_result_versions
        if kpi_results is not UNSET:
            field_dict["kpi_results"] = kpi_results
        if rejection_reason is not UNSET:
            field_dict["rejection_reason"] = rejection_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kpi_result_out import KpiResultOut
        from ..models.terms_out import TermsOut
        from ..models.variation_record_out import VariationRecordOut

        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        def _parse_decision_committee_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_committee_id = _parse_decision_committee_id(
            d.pop("decision_committee_id")
        )

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = TermsOut.from_dict(history_item_data)

            history.append(history_item)

        history_revision = d.pop("history_revision")

        id = d.pop("id")

        in_force = d.pop("in_force")

        kind = ContractOutKind(d.pop("kind"))

        def _parse_offered_to_core_holders_first(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        offered_to_core_holders_first = _parse_offered_to_core_holders_first(
            d.pop("offered_to_core_holders_first")
        )

        on = datetime.date.fromisoformat(d.pop("on"))

        def _parse_parent_contract_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_contract_id = _parse_parent_contract_id(d.pop("parent_contract_id"))

        provider_ods = d.pop("provider_ods")

        service = d.pop("service")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        status = ContractOutStatus(d.pop("status"))

        def _parse_terminated_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                terminated_on_type_0 = datetime.date.fromisoformat(data)

                return terminated_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        terminated_on = _parse_terminated_on(d.pop("terminated_on"))

        def _parse_termination_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        termination_reason = _parse_termination_reason(d.pop("termination_reason"))

        def _parse_terms(data: object) -> None | TermsOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                terms_type_0 = TermsOut.from_dict(data)

                return terms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TermsOut, data)

        terms = _parse_terms(d.pop("terms"))

        variations = []
        _variations = d.pop("variations")
        for variations_item_data in _variations:
            variations_item = VariationRecordOut.from_dict(variations_item_data)

            variations.append(variations_item)

        _kpi_result_versions = d.pop("kpi_result_versions", UNSET)
        kpi_result_versions: list[KpiResultOut] | Unset = UNSET
        if _kpi_result_versions is not UNSET:
            kpi_result_versions = []
            for kpi_result_versions_item_data in _kpi_result_versions:
                kpi_result_versions_item = KpiResultOut.from_dict(
                    kpi_result_versions_item_data
                )

                kpi_result_versions.append(kpi_result_versions_item)

        _kpi_results = d.pop("kpi_results", UNSET)
        kpi_results: list[KpiResultOut] | Unset = UNSET
        if _kpi_results is not UNSET:
            kpi_results = []
            for kpi_results_item_data in _kpi_results:
                kpi_results_item = KpiResultOut.from_dict(kpi_results_item_data)

                kpi_results.append(kpi_results_item)

        def _parse_rejection_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rejection_reason = _parse_rejection_reason(d.pop("rejection_reason", UNSET))

        contract_out = cls(
            commissioner_ods=commissioner_ods,
            decision_committee_id=decision_committee_id,
            end_date=end_date,
            history=history,
            history_revision=history_revision,
            id=id,
            in_force=in_force,
            kind=kind,
            offered_to_core_holders_first=offered_to_core_holders_first,
            on=on,
            parent_contract_id=parent_contract_id,
            provider_ods=provider_ods,
            service=service,
            start_date=start_date,
            status=status,
            terminated_on=terminated_on,
            termination_reason=termination_reason,
            terms=terms,
            variations=variations,
            kpi_result_versions=kpi_result_versions,
            kpi_results=kpi_results,
            rejection_reason=rejection_reason,
        )

        contract_out.additional_properties = d
        return contract_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
