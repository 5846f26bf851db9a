from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CommitteeCompliance")


@_attrs_define
class CommitteeCompliance:
    """
    Attributes:
        committee_id (str):
        name (str):
        overdue (int):
        people (int):
    """

    committee_id: str
    name: str
    overdue: int
    people: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        committee_id = self.committee_id

        name = self.name

        overdue = self.overdue

        people = self.people

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "committee_id": committee_id,
                "name": name,
                "overdue": overdue,
                "people": people,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        committee_id = d.pop("committee_id")

        name = d.pop("name")

        overdue = d.pop("overdue")

        people = d.pop("people")

        committee_compliance = cls(
            committee_id=committee_id,
            name=name,
            overdue=overdue,
            people=people,
        )

        committee_compliance.additional_properties = d
        return committee_compliance

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
