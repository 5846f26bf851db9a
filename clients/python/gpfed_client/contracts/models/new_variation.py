from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.changes import Changes


T = TypeVar("T", bound="NewVariation")


@_attrs_define
class NewVariation:
    """
    Attributes:
        changes (Changes):
        effective_from (datetime.date): Any day the contract is (or was) in force, backdated included: from its start
            date to its end date, and before its termination date
        reason (str):
        decision_committee_id (None | str | Unset): Where the contract is gated and names no committee (made before the
            gate): the committee of its commissioner that must decide this change
    """

    changes: Changes
    effective_from: datetime.date
    reason: str
    decision_committee_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        changes = self.changes.to_dict()

        effective_from = self.effective_from.isoformat()

        reason = self.reason

        decision_committee_id: None | str | Unset
        if isinstance(self.decision_committee_id, Unset):
            decision_committee_id = UNSET
        else:
            decision_committee_id = self.decision_committee_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "changes": changes,
                "effective_from": effective_from,
                "reason": reason,
            }
        )
        if decision_committee_id is not UNSET:
            field_dict["decision_committee_id"] = decision_committee_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.changes import Changes

        d = dict(src_dict)
        changes = Changes.from_dict(d.pop("changes"))

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        reason = d.pop("reason")

        def _parse_decision_committee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_committee_id = _parse_decision_committee_id(
            d.pop("decision_committee_id", UNSET)
        )

        new_variation = cls(
            changes=changes,
            effective_from=effective_from,
            reason=reason,
            decision_committee_id=decision_committee_id,
        )

        return new_variation
