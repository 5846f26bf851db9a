from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PendingOut")


@_attrs_define
class PendingOut:
    """Something a later payment run settles: a restatement of a period already paid (its
    facts changed since) or an item that waited.

        Attributes:
            contract_id (str):
            noted_at (datetime.datetime):
            period (str):
            reason (str):
    """

    contract_id: str
    noted_at: datetime.datetime
    period: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        noted_at = self.noted_at.isoformat()

        period = self.period

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "noted_at": noted_at,
                "period": period,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        noted_at = datetime.datetime.fromisoformat(d.pop("noted_at"))

        period = d.pop("period")

        reason = d.pop("reason")

        pending_out = cls(
            contract_id=contract_id,
            noted_at=noted_at,
            period=period,
            reason=reason,
        )

        pending_out.additional_properties = d
        return pending_out

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
