from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TrialBalance")


@_attrs_define
class TrialBalance:
    """
    Attributes:
        balanced (bool):
        credits_pence (int):
        debits_pence (int):
    """

    balanced: bool
    credits_pence: int
    debits_pence: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balanced = self.balanced

        credits_pence = self.credits_pence

        debits_pence = self.debits_pence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balanced": balanced,
                "credits_pence": credits_pence,
                "debits_pence": debits_pence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        balanced = d.pop("balanced")

        credits_pence = d.pop("credits_pence")

        debits_pence = d.pop("debits_pence")

        trial_balance = cls(
            balanced=balanced,
            credits_pence=credits_pence,
            debits_pence=debits_pence,
        )

        trial_balance.additional_properties = d
        return trial_balance

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
