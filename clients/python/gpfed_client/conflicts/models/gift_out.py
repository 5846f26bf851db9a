from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gift_status import GiftStatus

T = TypeVar("T", bound="GiftOut")


@_attrs_define
class GiftOut:
    """
    Attributes:
        acceptable (bool):
        declarable (bool):
        id (str):
        needs_approval (bool):
        reason (str):
        status (GiftStatus): Where a gift stands: one over an approval threshold waits for a governance decision.
    """

    acceptable: bool
    declarable: bool
    id: str
    needs_approval: bool
    reason: str
    status: GiftStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acceptable = self.acceptable

        declarable = self.declarable

        id = self.id

        needs_approval = self.needs_approval

        reason = self.reason

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acceptable": acceptable,
                "declarable": declarable,
                "id": id,
                "needs_approval": needs_approval,
                "reason": reason,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        acceptable = d.pop("acceptable")

        declarable = d.pop("declarable")

        id = d.pop("id")

        needs_approval = d.pop("needs_approval")

        reason = d.pop("reason")

        status = GiftStatus(d.pop("status"))

        gift_out = cls(
            acceptable=acceptable,
            declarable=declarable,
            id=id,
            needs_approval=needs_approval,
            reason=reason,
            status=status,
        )

        gift_out.additional_properties = d
        return gift_out

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
