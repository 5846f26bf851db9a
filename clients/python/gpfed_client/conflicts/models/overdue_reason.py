from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger import Trigger

T = TypeVar("T", bound="OverdueReason")


@_attrs_define
class OverdueReason:
    """
    Attributes:
        due_date (datetime.date):
        reason (str):
        trigger (Trigger):
    """

    due_date: datetime.date
    reason: str
    trigger: Trigger
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_date = self.due_date.isoformat()

        reason = self.reason

        trigger = self.trigger.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_date": due_date,
                "reason": reason,
                "trigger": trigger,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        reason = d.pop("reason")

        trigger = Trigger(d.pop("trigger"))

        overdue_reason = cls(
            due_date=due_date,
            reason=reason,
            trigger=trigger,
        )

        overdue_reason.additional_properties = d
        return overdue_reason

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
