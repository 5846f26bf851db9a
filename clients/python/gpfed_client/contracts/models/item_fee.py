from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ItemFee")


@_attrs_define
class ItemFee:
    """The fee for one item of service, by the service code activity is reported under.

    Attributes:
        fee_pence (int):
        service_code (str):
    """

    fee_pence: int
    service_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fee_pence = self.fee_pence

        service_code = self.service_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fee_pence": fee_pence,
                "service_code": service_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        fee_pence = d.pop("fee_pence")

        service_code = d.pop("service_code")

        item_fee = cls(
            fee_pence=fee_pence,
            service_code=service_code,
        )

        item_fee.additional_properties = d
        return item_fee

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
