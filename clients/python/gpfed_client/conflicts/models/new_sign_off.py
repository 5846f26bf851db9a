from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewSignOff")


@_attrs_define
class NewSignOff:
    """
    Attributes:
        quarter (str):
        role (str):
        signed_by_name (None | str | Unset):
        signed_by_person_id (None | str | Unset):
    """

    quarter: str
    role: str
    signed_by_name: None | str | Unset = UNSET
    signed_by_person_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        quarter = self.quarter

        role = self.role

        signed_by_name: None | str | Unset
        if isinstance(self.signed_by_name, Unset):
            signed_by_name = UNSET
        else:
            signed_by_name = self.signed_by_name

        signed_by_person_id: None | str | Unset
        if isinstance(self.signed_by_person_id, Unset):
            signed_by_person_id = UNSET
        else:
            signed_by_person_id = self.signed_by_person_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "quarter": quarter,
                "role": role,
            }
        )
        if signed_by_name is not UNSET:
            field_dict["signed_by_name"] = signed_by_name
        if signed_by_person_id is not UNSET:
            field_dict["signed_by_person_id"] = signed_by_person_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        quarter = d.pop("quarter")

        role = d.pop("role")

        def _parse_signed_by_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signed_by_name = _parse_signed_by_name(d.pop("signed_by_name", UNSET))

        def _parse_signed_by_person_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signed_by_person_id = _parse_signed_by_person_id(
            d.pop("signed_by_person_id", UNSET)
        )

        new_sign_off = cls(
            quarter=quarter,
            role=role,
            signed_by_name=signed_by_name,
            signed_by_person_id=signed_by_person_id,
        )

        return new_sign_off
