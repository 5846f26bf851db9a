from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.conflict_kind import ConflictKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="RaisedConflict")


@_attrs_define
class RaisedConflict:
    """A conflict declared at the meeting, or raised by another member (``raised_by``).

    Attributes:
        person_id (str):
        reason (str):
        kind (ConflictKind | Unset): What kind of interest conflicts a member; the policy maps each to an action.
        raised_by (None | str | Unset):
    """

    person_id: str
    reason: str
    kind: ConflictKind | Unset = UNSET
    raised_by: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        reason = self.reason

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        raised_by: None | str | Unset
        if isinstance(self.raised_by, Unset):
            raised_by = UNSET
        else:
            raised_by = self.raised_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "person_id": person_id,
                "reason": reason,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if raised_by is not UNSET:
            field_dict["raised_by"] = raised_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        person_id = d.pop("person_id")

        reason = d.pop("reason")

        _kind = d.pop("kind", UNSET)
        kind: ConflictKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ConflictKind(_kind)

        def _parse_raised_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        raised_by = _parse_raised_by(d.pop("raised_by", UNSET))

        raised_conflict = cls(
            person_id=person_id,
            reason=reason,
            kind=kind,
            raised_by=raised_by,
        )

        return raised_conflict
