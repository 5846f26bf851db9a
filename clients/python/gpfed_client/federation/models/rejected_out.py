from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rejection import Rejection
from ..types import UNSET, Unset

T = TypeVar("T", bound="RejectedOut")


@_attrs_define
class RejectedOut:
    """
    Attributes:
        detail (str):
        id (None | str):
        reason (Rejection):
        practice_ods (None | str | Unset): The record's practice, where the record was readable
    """

    detail: str
    id: None | str
    reason: Rejection
    practice_ods: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        id: None | str
        id = self.id

        reason = self.reason.value

        practice_ods: None | str | Unset
        if isinstance(self.practice_ods, Unset):
            practice_ods = UNSET
        else:
            practice_ods = self.practice_ods

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "id": id,
                "reason": reason,
            }
        )
        if practice_ods is not UNSET:
            field_dict["practice_ods"] = practice_ods

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        detail = d.pop("detail")

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        reason = Rejection(d.pop("reason"))

        def _parse_practice_ods(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        practice_ods = _parse_practice_ods(d.pop("practice_ods", UNSET))

        rejected_out = cls(
            detail=detail,
            id=id,
            reason=reason,
            practice_ods=practice_ods,
        )

        rejected_out.additional_properties = d
        return rejected_out

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
