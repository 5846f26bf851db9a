from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EndAffiliation")


@_attrs_define
class EndAffiliation:
    """
    Attributes:
        end_date (datetime.date):
    """

    end_date: datetime.date

    def to_dict(self) -> dict[str, Any]:
        end_date = self.end_date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end_date": end_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        end_date = datetime.date.fromisoformat(d.pop("end_date"))

        end_affiliation = cls(
            end_date=end_date,
        )

        return end_affiliation
