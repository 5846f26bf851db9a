from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Leave")


@_attrs_define
class Leave:
    """
    Attributes:
        left_on (datetime.date): The last day of membership
    """

    left_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        left_on = self.left_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "left_on": left_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        left_on = datetime.date.fromisoformat(d.pop("left_on"))

        leave = cls(
            left_on=left_on,
        )

        return leave
