from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.period_status import PeriodStatus

if TYPE_CHECKING:
    from ..models.service_count_out import ServiceCountOut


T = TypeVar("T", bound="ServicePeriodOut")


@_attrs_define
class ServicePeriodOut:
    """
    Attributes:
        contract_id (str):
        counts (str): frozen (the closed revision) or live (still open)
        period (str):
        practice_ods (str):
        revision (int): The latest frozen revision; 0 if never closed
        services (list[ServiceCountOut]):
        status (PeriodStatus):
    """

    contract_id: str
    counts: str
    period: str
    practice_ods: str
    revision: int
    services: list[ServiceCountOut]
    status: PeriodStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        counts = self.counts

        period = self.period

        practice_ods = self.practice_ods

        revision = self.revision

        services = []
        for services_item_data in self.services:
            services_item = services_item_data.to_dict()
            services.append(services_item)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "counts": counts,
                "period": period,
                "practice_ods": practice_ods,
                "revision": revision,
                "services": services,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.service_count_out import ServiceCountOut

        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        counts = d.pop("counts")

        period = d.pop("period")

        practice_ods = d.pop("practice_ods")

        revision = d.pop("revision")

        services = []
        _services = d.pop("services")
        for services_item_data in _services:
            services_item = ServiceCountOut.from_dict(services_item_data)

            services.append(services_item)

        status = PeriodStatus(d.pop("status"))

        service_period_out = cls(
            contract_id=contract_id,
            counts=counts,
            period=period,
            practice_ods=practice_ods,
            revision=revision,
            services=services,
            status=status,
        )

        service_period_out.additional_properties = d
        return service_period_out

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
