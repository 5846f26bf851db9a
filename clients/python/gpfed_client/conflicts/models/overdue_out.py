from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.overdue_reason import OverdueReason


T = TypeVar("T", bound="OverdueOut")


@_attrs_define
class OverdueOut:
    """
    Attributes:
        due_date (datetime.date): the earliest missed due date
        name (str):
        overdue (list[OverdueReason]):
        person_id (str):
        reasons (list[str]):
    """

    due_date: datetime.date
    name: str
    overdue: list[OverdueReason]
    person_id: str
    reasons: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_date = self.due_date.isoformat()

        name = self.name

        overdue = []
        for overdue_item_data in self.overdue:
            overdue_item = overdue_item_data.to_dict()
            overdue.append(overdue_item)

        person_id = self.person_id

        reasons = self.reasons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_date": due_date,
                "name": name,
                "overdue": overdue,
                "person_id": person_id,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.overdue_reason import OverdueReason

        d = dict(src_dict)
        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        name = d.pop("name")

        overdue = []
        _overdue = d.pop("overdue")
        for overdue_item_data in _overdue:
            overdue_item = OverdueReason.from_dict(overdue_item_data)

            overdue.append(overdue_item)

        person_id = d.pop("person_id")

        reasons = cast(list[str], d.pop("reasons"))

        overdue_out = cls(
            due_date=due_date,
            name=name,
            overdue=overdue,
            person_id=person_id,
            reasons=reasons,
        )

        overdue_out.additional_properties = d
        return overdue_out

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
