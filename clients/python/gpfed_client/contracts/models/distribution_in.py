from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DistributionIn")


@_attrs_define
class DistributionIn:
    """
    Attributes:
        admin_charge_per_patient_pence (int):
        clinician_fee_per_consultation_pence (int):
        premises_per_consultation_pence (int):
        retained_percent (float | str):
    """

    admin_charge_per_patient_pence: int
    clinician_fee_per_consultation_pence: int
    premises_per_consultation_pence: int
    retained_percent: float | str

    def to_dict(self) -> dict[str, Any]:
        admin_charge_per_patient_pence = self.admin_charge_per_patient_pence

        clinician_fee_per_consultation_pence = self.clinician_fee_per_consultation_pence

        premises_per_consultation_pence = self.premises_per_consultation_pence

        retained_percent: float | str
        retained_percent = self.retained_percent

        field_dict: dict[str, Any] = {}

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

        def _parse_retained_percent(data: object) -> float | str:
            return cast(float | str, data)

        retained_percent = _parse_retained_percent(d.pop("retained_percent"))

        distribution_in = cls(
            admin_charge_per_patient_pence=admin_charge_per_patient_pence,
            clinician_fee_per_consultation_pence=clinician_fee_per_consultation_pence,
            premises_per_consultation_pence=premises_per_consultation_pence,
            retained_percent=retained_percent,
        )

        return distribution_in
