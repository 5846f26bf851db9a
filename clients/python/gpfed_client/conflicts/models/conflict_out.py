from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conflict_action import ConflictAction
from ..models.conflict_kind import ConflictKind

T = TypeVar("T", bound="ConflictOut")


@_attrs_define
class ConflictOut:
    """
    Attributes:
        action (ConflictAction): The actions seen at meetings (Co-commissioning evaluation 3.4.3, "Management of
            conflicts of
            interest"). Every one of them withholds the vote.
        kind (ConflictKind): What kind of interest conflicts a member; the policy maps each to an action.
        person_id (str):
        reason (str):
        role (str):
    """

    action: ConflictAction
    kind: ConflictKind
    person_id: str
    reason: str
    role: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        kind = self.kind.value

        person_id = self.person_id

        reason = self.reason

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "kind": kind,
                "person_id": person_id,
                "reason": reason,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = ConflictAction(d.pop("action"))

        kind = ConflictKind(d.pop("kind"))

        person_id = d.pop("person_id")

        reason = d.pop("reason")

        role = d.pop("role")

        conflict_out = cls(
            action=action,
            kind=kind,
            person_id=person_id,
            reason=reason,
            role=role,
        )

        conflict_out.additional_properties = d
        return conflict_out

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
