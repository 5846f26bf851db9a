from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_out_action import ChangeOutAction

if TYPE_CHECKING:
    from ..models.change_out_after_type_0 import ChangeOutAfterType0
    from ..models.change_out_before import ChangeOutBefore


T = TypeVar("T", bound="ChangeOut")


@_attrs_define
class ChangeOut:
    """
    Attributes:
        action (ChangeOutAction):
        after (ChangeOutAfterType0 | None): The same after a correction; none for a void
        before (ChangeOutBefore): kind, site_ods, patient_ref and occurred_at before
        by_org (str):
        by_role (str):
        changed_at (datetime.datetime):
        reason (str):
    """

    action: ChangeOutAction
    after: ChangeOutAfterType0 | None
    before: ChangeOutBefore
    by_org: str
    by_role: str
    changed_at: datetime.datetime
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.change_out_after_type_0 import ChangeOutAfterType0

        action = self.action.value

        after: dict[str, Any] | None
        if isinstance(self.after, ChangeOutAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        before = self.before.to_dict()

        by_org = self.by_org

        by_role = self.by_role

        changed_at = self.changed_at.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "after": after,
                "before": before,
                "by_org": by_org,
                "by_role": by_role,
                "changed_at": changed_at,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_out_after_type_0 import ChangeOutAfterType0
        from ..models.change_out_before import ChangeOutBefore

        d = dict(src_dict)
        action = ChangeOutAction(d.pop("action"))

        def _parse_after(data: object) -> ChangeOutAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = ChangeOutAfterType0.from_dict(data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChangeOutAfterType0 | None, data)

        after = _parse_after(d.pop("after"))

        before = ChangeOutBefore.from_dict(d.pop("before"))

        by_org = d.pop("by_org")

        by_role = d.pop("by_role")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        reason = d.pop("reason")

        change_out = cls(
            action=action,
            after=after,
            before=before,
            by_org=by_org,
            by_role=by_role,
            changed_at=changed_at,
            reason=reason,
        )

        change_out.additional_properties = d
        return change_out

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
