from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Join")


@_attrs_define
class Join:
    """
    Attributes:
        joined_on (datetime.date):
        practice_ods (str):
    """

    joined_on: datetime.date
    practice_ods: str

    def to_dict(self) -> dict[str, Any]:
        joined_on = self.joined_on.isoformat()

        practice_ods = self.practice_ods

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "joined_on": joined_on,
                "practice_ods": practice_ods,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        joined_on = datetime.date.fromisoformat(d.pop("joined_on"))

        practice_ods = d.pop("practice_ods")

        join = cls(
            joined_on=joined_on,
            practice_ods=practice_ods,
        )

        return join
