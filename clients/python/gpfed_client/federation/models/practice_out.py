from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PracticeOut")


@_attrs_define
class PracticeOut:
    """
    Attributes:
        first (int):
        follow_up (int):
        hosted (int): Consultations held at this practice's premises as a site
        patients (int): Distinct patients this practice saw
        practice_ods (str):
        total (int):
        paid_pence (int | None | Unset): What payments has paid it for the period, restatements included: its line in
            the latest distribution revision (each revision carries the full amounts)
    """

    first: int
    follow_up: int
    hosted: int
    patients: int
    practice_ods: str
    total: int
    paid_pence: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first = self.first

        follow_up = self.follow_up

        hosted = self.hosted

        patients = self.patients

        practice_ods = self.practice_ods

        total = self.total

        paid_pence: int | None | Unset
        if isinstance(self.paid_pence, Unset):
            paid_pence = UNSET
        else:
            paid_pence = self.paid_pence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first": first,
                "follow_up": follow_up,
                "hosted": hosted,
                "patients": patients,
                "practice_ods": practice_ods,
                "total": total,
            }
        )
        if paid_pence is not UNSET:
            field_dict["paid_pence"] = paid_pence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        first = d.pop("first")

        follow_up = d.pop("follow_up")

        hosted = d.pop("hosted")

        patients = d.pop("patients")

        practice_ods = d.pop("practice_ods")

        total = d.pop("total")

        def _parse_paid_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        paid_pence = _parse_paid_pence(d.pop("paid_pence", UNSET))

        practice_out = cls(
            first=first,
            follow_up=follow_up,
            hosted=hosted,
            patients=patients,
            practice_ods=practice_ods,
            total=total,
            paid_pence=paid_pence,
        )

        practice_out.additional_properties = d
        return practice_out

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
