from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GainSharePractice")


@_attrs_define
class GainSharePractice:
    """
    Attributes:
        practice_ods (str):
        share_pence (int):
        weight (int):
    """

    practice_ods: str
    share_pence: int
    weight: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        practice_ods = self.practice_ods

        share_pence = self.share_pence

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "practice_ods": practice_ods,
                "share_pence": share_pence,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        practice_ods = d.pop("practice_ods")

        share_pence = d.pop("share_pence")

        weight = d.pop("weight")

        gain_share_practice = cls(
            practice_ods=practice_ods,
            share_pence=share_pence,
            weight=weight,
        )

        gain_share_practice.additional_properties = d
        return gain_share_practice

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
