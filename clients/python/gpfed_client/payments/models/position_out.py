from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PositionOut")


@_attrs_define
class PositionOut:
    """
    Attributes:
        contract_id (str):
        held_back_pence (int):
        network (None | str):
        paid_pence (int):
        paid_up_front_pence (int):
        practice_ods (str):
        recovered_pence (int):
        released_pence (int):
        why (str):
    """

    contract_id: str
    held_back_pence: int
    network: None | str
    paid_pence: int
    paid_up_front_pence: int
    practice_ods: str
    recovered_pence: int
    released_pence: int
    why: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        held_back_pence = self.held_back_pence

        network: None | str
        network = self.network

        paid_pence = self.paid_pence

        paid_up_front_pence = self.paid_up_front_pence

        practice_ods = self.practice_ods

        recovered_pence = self.recovered_pence

        released_pence = self.released_pence

        why = self.why

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "held_back_pence": held_back_pence,
                "network": network,
                "paid_pence": paid_pence,
                "paid_up_front_pence": paid_up_front_pence,
                "practice_ods": practice_ods,
                "recovered_pence": recovered_pence,
                "released_pence": released_pence,
                "why": why,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        held_back_pence = d.pop("held_back_pence")

        def _parse_network(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        network = _parse_network(d.pop("network"))

        paid_pence = d.pop("paid_pence")

        paid_up_front_pence = d.pop("paid_up_front_pence")

        practice_ods = d.pop("practice_ods")

        recovered_pence = d.pop("recovered_pence")

        released_pence = d.pop("released_pence")

        why = d.pop("why")

        position_out = cls(
            contract_id=contract_id,
            held_back_pence=held_back_pence,
            network=network,
            paid_pence=paid_pence,
            paid_up_front_pence=paid_up_front_pence,
            practice_ods=practice_ods,
            recovered_pence=recovered_pence,
            released_pence=released_pence,
            why=why,
        )

        position_out.additional_properties = d
        return position_out

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
