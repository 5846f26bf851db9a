from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewEscalation")


@_attrs_define
class NewEscalation:
    """
    Attributes:
        committee_id (str):
        reason (str):
        on (datetime.date | None | Unset): the meeting's date (default today)
        present (list[str] | None | Unset): who would be in the room (default: the voting membership)
    """

    committee_id: str
    reason: str
    on: datetime.date | None | Unset = UNSET
    present: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        committee_id = self.committee_id

        reason = self.reason

        on: None | str | Unset
        if isinstance(self.on, Unset):
            on = UNSET
        elif isinstance(self.on, datetime.date):
            on = self.on.isoformat()
        else:
            on = self.on

        present: list[str] | None | Unset
        if isinstance(self.present, Unset):
            present = UNSET
        elif isinstance(self.present, list):
            present = self.present

        else:
            present = self.present

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "committee_id": committee_id,
                "reason": reason,
            }
        )
        if on is not UNSET:
            field_dict["on"] = on
        if present is not UNSET:
            field_dict["present"] = present

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        committee_id = d.pop("committee_id")

        reason = d.pop("reason")

        def _parse_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                on_type_0 = datetime.date.fromisoformat(data)

                return on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        on = _parse_on(d.pop("on", UNSET))

        def _parse_present(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                present_type_0 = cast(list[str], data)

                return present_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        present = _parse_present(d.pop("present", UNSET))

        new_escalation = cls(
            committee_id=committee_id,
            reason=reason,
            on=on,
            present=present,
        )

        return new_escalation
