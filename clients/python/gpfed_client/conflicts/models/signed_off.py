from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SignedOff")


@_attrs_define
class SignedOff:
    """
    Attributes:
        at (datetime.datetime):
        name (str):
        person_id (None | str):
        role (str):
        user (str): the token subject that signed it off
    """

    at: datetime.datetime
    name: str
    person_id: None | str
    role: str
    user: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        name = self.name

        person_id: None | str
        person_id = self.person_id

        role = self.role

        user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "name": name,
                "person_id": person_id,
                "role": role,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        name = d.pop("name")

        def _parse_person_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        person_id = _parse_person_id(d.pop("person_id"))

        role = d.pop("role")

        user = d.pop("user")

        signed_off = cls(
            at=at,
            name=name,
            person_id=person_id,
            role=role,
            user=user,
        )

        signed_off.additional_properties = d
        return signed_off

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
