from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GainShareTier")


@_attrs_define
class GainShareTier:
    """
    Attributes:
        earned_pence (int):
        saving_pence (int):
        share_percent (int):
        tier (str):
    """

    earned_pence: int
    saving_pence: int
    share_percent: int
    tier: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        earned_pence = self.earned_pence

        saving_pence = self.saving_pence

        share_percent = self.share_percent

        tier = self.tier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "earned_pence": earned_pence,
                "saving_pence": saving_pence,
                "share_percent": share_percent,
                "tier": tier,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        earned_pence = d.pop("earned_pence")

        saving_pence = d.pop("saving_pence")

        share_percent = d.pop("share_percent")

        tier = d.pop("tier")

        gain_share_tier = cls(
            earned_pence=earned_pence,
            saving_pence=saving_pence,
            share_percent=share_percent,
            tier=tier,
        )

        gain_share_tier.additional_properties = d
        return gain_share_tier

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
