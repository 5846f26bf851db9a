from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hub_out_distribution_type_0 import HubOutDistributionType0
    from ..models.hub_out_payment import HubOutPayment


T = TypeVar("T", bound="HubOut")


@_attrs_define
class HubOut:
    """
    Attributes:
        commissioner_ods (str):
        contract_id (str):
        distribution (HubOutDistributionType0 | None):
        effective_from (datetime.date): When the terms shown took effect
        end_date (datetime.date | None):
        payment (HubOutPayment):
        service (str):
        start_date (datetime.date):
        status (str):
    """

    commissioner_ods: str
    contract_id: str
    distribution: HubOutDistributionType0 | None
    effective_from: datetime.date
    end_date: datetime.date | None
    payment: HubOutPayment
    service: str
    start_date: datetime.date
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hub_out_distribution_type_0 import HubOutDistributionType0

        commissioner_ods = self.commissioner_ods

        contract_id = self.contract_id

        distribution: dict[str, Any] | None
        if isinstance(self.distribution, HubOutDistributionType0):
            distribution = self.distribution.to_dict()
        else:
            distribution = self.distribution

        effective_from = self.effective_from.isoformat()

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        payment = self.payment.to_dict()

        service = self.service

        start_date = self.start_date.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "contract_id": contract_id,
                "distribution": distribution,
                "effective_from": effective_from,
                "end_date": end_date,
                "payment": payment,
                "service": service,
                "start_date": start_date,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hub_out_distribution_type_0 import HubOutDistributionType0
        from ..models.hub_out_payment import HubOutPayment

        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        contract_id = d.pop("contract_id")

        def _parse_distribution(data: object) -> HubOutDistributionType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                distribution_type_0 = HubOutDistributionType0.from_dict(data)

                return distribution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HubOutDistributionType0 | None, data)

        distribution = _parse_distribution(d.pop("distribution"))

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

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

        payment = HubOutPayment.from_dict(d.pop("payment"))

        service = d.pop("service")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        status = d.pop("status")

        hub_out = cls(
            commissioner_ods=commissioner_ods,
            contract_id=contract_id,
            distribution=distribution,
            effective_from=effective_from,
            end_date=end_date,
            payment=payment,
            service=service,
            start_date=start_date,
            status=status,
        )

        hub_out.additional_properties = d
        return hub_out

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
