from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gift_status import GiftStatus

T = TypeVar("T", bound="GiftDecisionOut")


@_attrs_define
class GiftDecisionOut:
    """
    Attributes:
        decided_by (str):
        decided_on (datetime.date):
        decision_reason (str):
        id (str):
        person_id (str):
        status (GiftStatus): Where a gift stands: one over an approval threshold waits for a governance decision.
    """

    decided_by: str
    decided_on: datetime.date
    decision_reason: str
    id: str
    person_id: str
    status: GiftStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided_by = self.decided_by

        decided_on = self.decided_on.isoformat()

        decision_reason = self.decision_reason

        id = self.id

        person_id = self.person_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided_by": decided_by,
                "decided_on": decided_on,
                "decision_reason": decision_reason,
                "id": id,
                "person_id": person_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decided_by = d.pop("decided_by")

        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        decision_reason = d.pop("decision_reason")

        id = d.pop("id")

        person_id = d.pop("person_id")

        status = GiftStatus(d.pop("status"))

        gift_decision_out = cls(
            decided_by=decided_by,
            decided_on=decided_on,
            decision_reason=decision_reason,
            id=id,
            person_id=person_id,
            status=status,
        )

        gift_decision_out.additional_properties = d
        return gift_decision_out

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
