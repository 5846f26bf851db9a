from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Termination")


@_attrs_define
class Termination:
    """
    Attributes:
        effective_on (datetime.date): The first day the contract is no longer in force: from its start date to its end
            date, backdated included
        reason (str):
        decision_committee_id (None | str | Unset): Where the contract is gated and names no committee (made before the
            gate): the committee of its commissioner that must decide this change
    """

    effective_on: datetime.date
    reason: str
    decision_committee_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        effective_on = self.effective_on.isoformat()

        reason = self.reason

        decision_committee_id: None | str | Unset
        if isinstance(self.decision_committee_id, Unset):
            decision_committee_id = UNSET
        else:
            decision_committee_id = self.decision_committee_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "effective_on": effective_on,
                "reason": reason,
            }
        )
        if decision_committee_id is not UNSET:
            field_dict["decision_committee_id"] = decision_committee_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        effective_on = datetime.date.fromisoformat(d.pop("effective_on"))

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

        termination = cls(
            effective_on=effective_on,
            reason=reason,
            decision_committee_id=decision_committee_id,
        )

        return termination
