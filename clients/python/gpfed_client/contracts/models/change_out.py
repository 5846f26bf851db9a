from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_out_kind import ChangeOutKind
from ..models.change_out_status import ChangeOutStatus

if TYPE_CHECKING:
    from ..models.change_out_request import ChangeOutRequest


T = TypeVar("T", bound="ChangeOut")


@_attrs_define
class ChangeOut:
    """A variation or termination of a gated contract, held for its committee's decision.

    Attributes:
        change_id (str):
        committee_id (str):
        contract_id (str):
        decided_at (datetime.datetime | None):
        decision_item_id (str): The conflicts service's decision item
        effective_from (datetime.date):
        kind (ChangeOutKind):
        number (int): 1 for the contract's first held change
        outcome_reason (None | str): Why it was refused or failed
        reason (str):
        recorded_at (datetime.datetime):
        request (ChangeOutRequest): The variation or termination as asked for
        status (ChangeOutStatus): awaiting_decision until the item is decided: approved (then applied), rejected,
            refused (no item could open) or failed (approved, but it no longer applied)
    """

    change_id: str
    committee_id: str
    contract_id: str
    decided_at: datetime.datetime | None
    decision_item_id: str
    effective_from: datetime.date
    kind: ChangeOutKind
    number: int
    outcome_reason: None | str
    reason: str
    recorded_at: datetime.datetime
    request: ChangeOutRequest
    status: ChangeOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change_id = self.change_id

        committee_id = self.committee_id

        contract_id = self.contract_id

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_item_id = self.decision_item_id

        effective_from = self.effective_from.isoformat()

        kind = self.kind.value

        number = self.number

        outcome_reason: None | str
        outcome_reason = self.outcome_reason

        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        request = self.request.to_dict()

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change_id": change_id,
                "committee_id": committee_id,
                "contract_id": contract_id,
                "decided_at": decided_at,
                "decision_item_id": decision_item_id,
                "effective_from": effective_from,
                "kind": kind,
                "number": number,
                "outcome_reason": outcome_reason,
                "reason": reason,
                "recorded_at": recorded_at,
                "request": request,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_out_request import ChangeOutRequest

        d = dict(src_dict)
        change_id = d.pop("change_id")

        committee_id = d.pop("committee_id")

        contract_id = d.pop("contract_id")

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        decision_item_id = d.pop("decision_item_id")

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        kind = ChangeOutKind(d.pop("kind"))

        number = d.pop("number")

        def _parse_outcome_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome_reason = _parse_outcome_reason(d.pop("outcome_reason"))

        reason = d.pop("reason")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        request = ChangeOutRequest.from_dict(d.pop("request"))

        status = ChangeOutStatus(d.pop("status"))

        change_out = cls(
            change_id=change_id,
            committee_id=committee_id,
            contract_id=contract_id,
            decided_at=decided_at,
            decision_item_id=decision_item_id,
            effective_from=effective_from,
            kind=kind,
            number=number,
            outcome_reason=outcome_reason,
            reason=reason,
            recorded_at=recorded_at,
            request=request,
            status=status,
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
