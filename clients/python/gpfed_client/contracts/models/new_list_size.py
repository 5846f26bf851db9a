from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewListSize")


@_attrs_define
class NewListSize:
    """
    Attributes:
        effective_from (datetime.date):
        list_size (int):
    """

    effective_from: datetime.date
    list_size: int

    def to_dict(self) -> dict[str, Any]:
        effective_from = self.effective_from.isoformat()

        list_size = self.list_size

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "effective_from": effective_from,
                "list_size": list_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        list_size = d.pop("list_size")

        new_list_size = cls(
            effective_from=effective_from,
            list_size=list_size,
        )

        return new_list_size
