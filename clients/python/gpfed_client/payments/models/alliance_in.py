from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AllianceIn")


@_attrs_define
class AllianceIn:
    """
    Attributes:
        actual_spend_pence (int):
        baseline_spend_pence (int):
        federation_ods (str):
        weighted_population (int):
    """

    actual_spend_pence: int
    baseline_spend_pence: int
    federation_ods: str
    weighted_population: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actual_spend_pence = self.actual_spend_pence

        baseline_spend_pence = self.baseline_spend_pence

        federation_ods = self.federation_ods

        weighted_population = self.weighted_population

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actual_spend_pence": actual_spend_pence,
                "baseline_spend_pence": baseline_spend_pence,
                "federation_ods": federation_ods,
                "weighted_population": weighted_population,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        actual_spend_pence = d.pop("actual_spend_pence")

        baseline_spend_pence = d.pop("baseline_spend_pence")

        federation_ods = d.pop("federation_ods")

        weighted_population = d.pop("weighted_population")

        alliance_in = cls(
            actual_spend_pence=actual_spend_pence,
            baseline_spend_pence=baseline_spend_pence,
            federation_ods=federation_ods,
            weighted_population=weighted_population,
        )

        alliance_in.additional_properties = d
        return alliance_in

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
