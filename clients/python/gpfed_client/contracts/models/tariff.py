from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Tariff")


@_attrs_define
class Tariff:
    """
    Attributes:
        first_pence (int):
        follow_up_pence (int):
    """

    first_pence: int
    follow_up_pence: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_pence = self.first_pence

        follow_up_pence = self.follow_up_pence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first_pence": first_pence,
                "follow_up_pence": follow_up_pence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        first_pence = d.pop("first_pence")

        follow_up_pence = d.pop("follow_up_pence")

        tariff = cls(
            first_pence=first_pence,
            follow_up_pence=follow_up_pence,
        )

        tariff.additional_properties = d
        return tariff

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
