from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ItemFeeIn")


@_attrs_define
class ItemFeeIn:
    """
    Attributes:
        fee_pence (int):
        service_code (str): The code activity is reported under (Encounter.serviceType of system
            https://gpfed.nhs.example/CodeSystem/service, or a batch record's service_code)
    """

    fee_pence: int
    service_code: str

    def to_dict(self) -> dict[str, Any]:
        fee_pence = self.fee_pence

        service_code = self.service_code

        field_dict: dict[str, Any] = {}

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

        item_fee_in = cls(
            fee_pence=fee_pence,
            service_code=service_code,
        )

        return item_fee_in
