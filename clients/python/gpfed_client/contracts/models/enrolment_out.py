from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EnrolmentOut")


@_attrs_define
class EnrolmentOut:
    """
    Attributes:
        contract_id (str):
        contract_status (str):
        network (None | str):
        practice_ods (str):
        scheme_id (str):
    """

    contract_id: str
    contract_status: str
    network: None | str
    practice_ods: str
    scheme_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        contract_status = self.contract_status

        network: None | str
        network = self.network

        practice_ods = self.practice_ods

        scheme_id = self.scheme_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "contract_status": contract_status,
                "network": network,
                "practice_ods": practice_ods,
                "scheme_id": scheme_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        contract_status = d.pop("contract_status")

        def _parse_network(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        network = _parse_network(d.pop("network"))

        practice_ods = d.pop("practice_ods")

        scheme_id = d.pop("scheme_id")

        enrolment_out = cls(
            contract_id=contract_id,
            contract_status=contract_status,
            network=network,
            practice_ods=practice_ods,
            scheme_id=scheme_id,
        )

        enrolment_out.additional_properties = d
        return enrolment_out

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
