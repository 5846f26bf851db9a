from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.new_contract_kind import NewContractKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_in import DistributionIn
    from ..models.payment_in import PaymentIn


T = TypeVar("T", bound="NewContract")


@_attrs_define
class NewContract:
    """
    Attributes:
        commissioner_ods (str):
        kind (NewContractKind):
        payment (PaymentIn):
        provider_ods (str):
        service (str):
        start_date (datetime.date):
        decision_committee_id (None | str | Unset):
        distribution (DistributionIn | None | Unset):
        end_date (datetime.date | None | Unset):
        offered_to_core_holders_first (bool | None | Unset): DES and LES: first offered to the GMS/PMS holders?
        parent_contract_id (None | str | Unset): For a subcontract of a PRIME
    """

    commissioner_ods: str
    kind: NewContractKind
    payment: PaymentIn
    provider_ods: str
    service: str
    start_date: datetime.date
    decision_committee_id: None | str | Unset = UNSET
    distribution: DistributionIn | None | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    offered_to_core_holders_first: bool | None | Unset = UNSET
    parent_contract_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.distribution_in import DistributionIn

        commissioner_ods = self.commissioner_ods

        kind = self.kind.value

        payment = self.payment.to_dict()

        provider_ods = self.provider_ods

        service = self.service

        start_date = self.start_date.isoformat()

        decision_committee_id: None | str | Unset
        if isinstance(self.decision_committee_id, Unset):
            decision_committee_id = UNSET
        else:
            decision_committee_id = self.decision_committee_id

        distribution: dict[str, Any] | None | Unset
        if isinstance(self.distribution, Unset):
            distribution = UNSET
        elif isinstance(self.distribution, DistributionIn):
            distribution = self.distribution.to_dict()
        else:
            distribution = self.distribution

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        offered_to_core_holders_first: bool | None | Unset
        if isinstance(self.offered_to_core_holders_first, Unset):
            offered_to_core_holders_first = UNSET
        else:
            offered_to_core_holders_first = self.offered_to_core_holders_first

        parent_contract_id: None | str | Unset
        if isinstance(self.parent_contract_id, Unset):
            parent_contract_id = UNSET
        else:
            parent_contract_id = self.parent_contract_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "kind": kind,
                "payment": payment,
                "provider_ods": provider_ods,
                "service": service,
                "start_date": start_date,
            }
        )
        if decision_committee_id is not UNSET:
            field_dict["decision_committee_id"] = decision_committee_id
        if distribution is not UNSET:
            field_dict["distribution"] = distribution
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if offered_to_core_holders_first is not UNSET:
            field_dict["offered_to_core_holders_first"] = offered_to_core_holders_first
        if parent_contract_id is not UNSET:
            field_dict["parent_contract_id"] = parent_contract_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_in import DistributionIn
        from ..models.payment_in import PaymentIn

        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        kind = NewContractKind(d.pop("kind"))

        payment = PaymentIn.from_dict(d.pop("payment"))

        provider_ods = d.pop("provider_ods")

        service = d.pop("service")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        def _parse_decision_committee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_committee_id = _parse_decision_committee_id(
            d.pop("decision_committee_id", UNSET)
        )

        def _parse_distribution(data: object) -> DistributionIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                distribution_type_0 = DistributionIn.from_dict(data)

                return distribution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DistributionIn | None | Unset, data)

        distribution = _parse_distribution(d.pop("distribution", UNSET))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        def _parse_offered_to_core_holders_first(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        offered_to_core_holders_first = _parse_offered_to_core_holders_first(
            d.pop("offered_to_core_holders_first", UNSET)
        )

        def _parse_parent_contract_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_contract_id = _parse_parent_contract_id(
            d.pop("parent_contract_id", UNSET)
        )

        new_contract = cls(
            commissioner_ods=commissioner_ods,
            kind=kind,
            payment=payment,
            provider_ods=provider_ods,
            service=service,
            start_date=start_date,
            decision_committee_id=decision_committee_id,
            distribution=distribution,
            end_date=end_date,
            offered_to_core_holders_first=offered_to_core_holders_first,
            parent_contract_id=parent_contract_id,
        )

        return new_contract
