from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DistributionLine")


@_attrs_define
class DistributionLine:
    """
    Attributes:
        admin_pence (int):
        clinician_fees_pence (int):
        consultations (int):
        practice_ods (str):
        premises_pence (int):
        share_pence (int):
        total_pence (int):
        carried_pence (int | Unset):  Default: 0.
        netted_pence (int | Unset):  Default: 0.
    """

    admin_pence: int
    clinician_fees_pence: int
    consultations: int
    practice_ods: str
    premises_pence: int
    share_pence: int
    total_pence: int
    carried_pence: int | Unset = 0
    netted_pence: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admin_pence = self.admin_pence

        clinician_fees_pence = self.clinician_fees_pence

        consultations = self.consultations

        practice_ods = self.practice_ods

        premises_pence = self.premises_pence

        share_pence = self.share_pence

        total_pence = self.total_pence

        carried_pence = self.carried_pence

        netted_pence = self.netted_pence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admin_pence": admin_pence,
                "clinician_fees_pence": clinician_fees_pence,
                "consultations": consultations,
                "practice_ods": practice_ods,
                "premises_pence": premises_pence,
                "share_pence": share_pence,
                "total_pence": total_pence,
            }
        )
        if carried_pence is not UNSET:
            field_dict["carried_pence"] = carried_pence
        if netted_pence is not UNSET:
            field_dict["netted_pence"] = netted_pence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        admin_pence = d.pop("admin_pence")

        clinician_fees_pence = d.pop("clinician_fees_pence")

        consultations = d.pop("consultations")

        practice_ods = d.pop("practice_ods")

        premises_pence = d.pop("premises_pence")

        share_pence = d.pop("share_pence")

        total_pence = d.pop("total_pence")

        carried_pence = d.pop("carried_pence", UNSET)

        netted_pence = d.pop("netted_pence", UNSET)

        distribution_line = cls(
            admin_pence=admin_pence,
            clinician_fees_pence=clinician_fees_pence,
            consultations=consultations,
            practice_ods=practice_ods,
            premises_pence=premises_pence,
            share_pence=share_pence,
            total_pence=total_pence,
            carried_pence=carried_pence,
            netted_pence=netted_pence,
        )

        distribution_line.additional_properties = d
        return distribution_line

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
