from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DistributionRule")


@_attrs_define
class DistributionRule:
    """The hub rule of the Practice finances survey, Case study 1, carried by HUB contracts.

    Attributes:
        admin_charge_per_patient_pence (int):
        clinician_fee_per_consultation_pence (int):
        premises_per_consultation_pence (int):
        retained_percent (str):
    """

    admin_charge_per_patient_pence: int
    clinician_fee_per_consultation_pence: int
    premises_per_consultation_pence: int
    retained_percent: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admin_charge_per_patient_pence = self.admin_charge_per_patient_pence

        clinician_fee_per_consultation_pence = self.clinician_fee_per_consultation_pence

        premises_per_consultation_pence = self.premises_per_consultation_pence

        retained_percent = self.retained_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admin_charge_per_patient_pence": admin_charge_per_patient_pence,
                "clinician_fee_per_consultation_pence": clinician_fee_per_consultation_pence,
                "premises_per_consultation_pence": premises_per_consultation_pence,
                "retained_percent": retained_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        admin_charge_per_patient_pence = d.pop("admin_charge_per_patient_pence")

        clinician_fee_per_consultation_pence = d.pop(
            "clinician_fee_per_consultation_pence"
        )

        premises_per_consultation_pence = d.pop("premises_per_consultation_pence")

        retained_percent = d.pop("retained_percent")

        distribution_rule = cls(
            admin_charge_per_patient_pence=admin_charge_per_patient_pence,
            clinician_fee_per_consultation_pence=clinician_fee_per_consultation_pence,
            premises_per_consultation_pence=premises_per_consultation_pence,
            retained_percent=retained_percent,
        )

        distribution_rule.additional_properties = d
        return distribution_rule

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
