from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewBreach")


@_attrs_define
class NewBreach:
    """
    Attributes:
        action_taken (str):
        occurred_on (datetime.date):
        summary (str):
    """

    action_taken: str
    occurred_on: datetime.date
    summary: str

    def to_dict(self) -> dict[str, Any]:
        action_taken = self.action_taken

        occurred_on = self.occurred_on.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action_taken": action_taken,
                "occurred_on": occurred_on,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action_taken = d.pop("action_taken")

        occurred_on = datetime.date.fromisoformat(d.pop("occurred_on"))

        summary = d.pop("summary")

        new_breach = cls(
            action_taken=action_taken,
            occurred_on=occurred_on,
            summary=summary,
        )

        return new_breach
