from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EvidenceOut")


@_attrs_define
class EvidenceOut:
    """
    Attributes:
        detail (str):
        passed (bool):
        subject (str):
        subject_id (str):
    """

    detail: str
    passed: bool
    subject: str
    subject_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        passed = self.passed

        subject = self.subject

        subject_id = self.subject_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "passed": passed,
                "subject": subject,
                "subject_id": subject_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        detail = d.pop("detail")

        passed = d.pop("passed")

        subject = d.pop("subject")

        subject_id = d.pop("subject_id")

        evidence_out = cls(
            detail=detail,
            passed=passed,
            subject=subject,
            subject_id=subject_id,
        )

        evidence_out.additional_properties = d
        return evidence_out

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
