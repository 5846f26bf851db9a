from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.warning_code import WarningCode

T = TypeVar("T", bound="EscalationOut")


@_attrs_define
class EscalationOut:
    """
    Attributes:
        escalated_on (datetime.date):
        from_committee_id (str):
        id (str):
        item_id (str):
        reason (str):
        to_committee_id (str):
        warnings (list[WarningCode]):
    """

    escalated_on: datetime.date
    from_committee_id: str
    id: str
    item_id: str
    reason: str
    to_committee_id: str
    warnings: list[WarningCode]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        escalated_on = self.escalated_on.isoformat()

        from_committee_id = self.from_committee_id

        id = self.id

        item_id = self.item_id

        reason = self.reason

        to_committee_id = self.to_committee_id

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.value
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "escalated_on": escalated_on,
                "from_committee_id": from_committee_id,
                "id": id,
                "item_id": item_id,
                "reason": reason,
                "to_committee_id": to_committee_id,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        escalated_on = datetime.date.fromisoformat(d.pop("escalated_on"))

        from_committee_id = d.pop("from_committee_id")

        id = d.pop("id")

        item_id = d.pop("item_id")

        reason = d.pop("reason")

        to_committee_id = d.pop("to_committee_id")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = WarningCode(warnings_item_data)

            warnings.append(warnings_item)

        escalation_out = cls(
            escalated_on=escalated_on,
            from_committee_id=from_committee_id,
            id=id,
            item_id=item_id,
            reason=reason,
            to_committee_id=to_committee_id,
            warnings=warnings,
        )

        escalation_out.additional_properties = d
        return escalation_out

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
