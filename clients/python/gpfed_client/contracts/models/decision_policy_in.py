from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.decision_policy_in_gated_kinds_item import DecisionPolicyInGatedKindsItem

T = TypeVar("T", bound="DecisionPolicyIn")


@_attrs_define
class DecisionPolicyIn:
    """
    Attributes:
        gate_terminations (bool): Their terminations wait for a decision too
        gate_variations (bool): Their variations wait for a decision too
        gated_kinds (list[DecisionPolicyInGatedKindsItem]): Kinds of contract that only a quorate, screened decision of
            one of the commissioner's committees puts in force
    """

    gate_terminations: bool
    gate_variations: bool
    gated_kinds: list[DecisionPolicyInGatedKindsItem]

    def to_dict(self) -> dict[str, Any]:
        gate_terminations = self.gate_terminations

        gate_variations = self.gate_variations

        gated_kinds = []
        for gated_kinds_item_data in self.gated_kinds:
            gated_kinds_item = gated_kinds_item_data.value
            gated_kinds.append(gated_kinds_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "gate_terminations": gate_terminations,
                "gate_variations": gate_variations,
                "gated_kinds": gated_kinds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        gate_terminations = d.pop("gate_terminations")

        gate_variations = d.pop("gate_variations")

        gated_kinds = []
        _gated_kinds = d.pop("gated_kinds")
        for gated_kinds_item_data in _gated_kinds:
            gated_kinds_item = DecisionPolicyInGatedKindsItem(gated_kinds_item_data)

            gated_kinds.append(gated_kinds_item)

        decision_policy_in = cls(
            gate_terminations=gate_terminations,
            gate_variations=gate_variations,
            gated_kinds=gated_kinds,
        )

        return decision_policy_in
