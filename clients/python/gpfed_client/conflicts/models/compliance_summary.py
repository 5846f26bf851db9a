from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.committee_compliance import CommitteeCompliance


T = TypeVar("T", bound="ComplianceSummary")


@_attrs_define
class ComplianceSummary:
    """
    Attributes:
        committees (list[CommitteeCompliance]):
        overdue (int):
        people (int):
    """

    committees: list[CommitteeCompliance]
    overdue: int
    people: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        committees = []
        for committees_item_data in self.committees:
            committees_item = committees_item_data.to_dict()
            committees.append(committees_item)

        overdue = self.overdue

        people = self.people

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "committees": committees,
                "overdue": overdue,
                "people": people,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.committee_compliance import CommitteeCompliance

        d = dict(src_dict)
        committees = []
        _committees = d.pop("committees")
        for committees_item_data in _committees:
            committees_item = CommitteeCompliance.from_dict(committees_item_data)

            committees.append(committees_item)

        overdue = d.pop("overdue")

        people = d.pop("people")

        compliance_summary = cls(
            committees=committees,
            overdue=overdue,
            people=people,
        )

        compliance_summary.additional_properties = d
        return compliance_summary

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
