from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.decision_policy_out_gated_kinds_item import (
    DecisionPolicyOutGatedKindsItem,
)

T = TypeVar("T", bound="DecisionPolicyOut")


@_attrs_define
class DecisionPolicyOut:
    """
    Attributes:
        commissioner_ods (str):
        gate_terminations (bool):
        gate_variations (bool):
        gated_kinds (list[DecisionPolicyOutGatedKindsItem]):
    """

    commissioner_ods: str
    gate_terminations: bool
    gate_variations: bool
    gated_kinds: list[DecisionPolicyOutGatedKindsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commissioner_ods = self.commissioner_ods

        gate_terminations = self.gate_terminations

        gate_variations = self.gate_variations

        gated_kinds = []
        for gated_kinds_item_data in self.gated_kinds:
            gated_kinds_item = gated_kinds_item_data.value
            gated_kinds.append(gated_kinds_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "gate_terminations": gate_terminations,
                "gate_variations": gate_variations,
                "gated_kinds": gated_kinds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        gate_terminations = d.pop("gate_terminations")

        gate_variations = d.pop("gate_variations")

        gated_kinds = []
        _gated_kinds = d.pop("gated_kinds")
        for gated_kinds_item_data in _gated_kinds:
            gated_kinds_item = DecisionPolicyOutGatedKindsItem(gated_kinds_item_data)

            gated_kinds.append(gated_kinds_item)

        decision_policy_out = cls(
            commissioner_ods=commissioner_ods,
            gate_terminations=gate_terminations,
            gate_variations=gate_variations,
            gated_kinds=gated_kinds,
        )

        decision_policy_out.additional_properties = d
        return decision_policy_out

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
