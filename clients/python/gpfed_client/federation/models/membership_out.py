from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MembershipOut")


@_attrs_define
class MembershipOut:
    """
    Attributes:
        federation_ods (str):
        id (int):
        joined_on (datetime.date):
        left_on (datetime.date | None):
        practice_ods (str):
        status (str): member while open-ended, left once a leaving date is set
    """

    federation_ods: str
    id: int
    joined_on: datetime.date
    left_on: datetime.date | None
    practice_ods: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        federation_ods = self.federation_ods

        id = self.id

        joined_on = self.joined_on.isoformat()

        left_on: None | str
        if isinstance(self.left_on, datetime.date):
            left_on = self.left_on.isoformat()
        else:
            left_on = self.left_on

        practice_ods = self.practice_ods

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "federation_ods": federation_ods,
                "id": id,
                "joined_on": joined_on,
                "left_on": left_on,
                "practice_ods": practice_ods,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        federation_ods = d.pop("federation_ods")

        id = d.pop("id")

        joined_on = datetime.date.fromisoformat(d.pop("joined_on"))

        def _parse_left_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                left_on_type_0 = datetime.date.fromisoformat(data)

                return left_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        left_on = _parse_left_on(d.pop("left_on"))

        practice_ods = d.pop("practice_ods")

        status = d.pop("status")

        membership_out = cls(
            federation_ods=federation_ods,
            id=id,
            joined_on=joined_on,
            left_on=left_on,
            practice_ods=practice_ods,
            status=status,
        )

        membership_out.additional_properties = d
        return membership_out

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
