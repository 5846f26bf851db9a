from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.outcome import Outcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conflict_out import ConflictOut


T = TypeVar("T", bound="DecisionOut")


@_attrs_define
class DecisionOut:
    """
    Attributes:
        abstentions (int):
        casting_vote_by (None | str):
        conflicts (list[ConflictOut]):
        id (str):
        item_id (str):
        outcome (Outcome):
        quorate (bool):
        votes_against (int):
        votes_for (int):
        clinical_advice_from (list[str] | Unset):
        escalated_from (None | str | Unset): the committee the item was escalated from, if it was
        status (Literal['recorded'] | Unset):  Default: 'recorded'.
    """

    abstentions: int
    casting_vote_by: None | str
    conflicts: list[ConflictOut]
    id: str
    item_id: str
    outcome: Outcome
    quorate: bool
    votes_against: int
    votes_for: int
    clinical_advice_from: list[str] | Unset = UNSET
    escalated_from: None | str | Unset = UNSET
    status: Literal["recorded"] | Unset = "recorded"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        abstentions = self.abstentions

        casting_vote_by: None | str
        casting_vote_by = self.casting_vote_by

        conflicts = []
        for conflicts_item_data in self.conflicts:
            conflicts_item = conflicts_item_data.to_dict()
            conflicts.append(conflicts_item)

        id = self.id

        item_id = self.item_id

        outcome = self.outcome.value

        quorate = self.quorate

        votes_against = self.votes_against

        votes_for = self.votes_for

        clinical_advice_from: list[str] | Unset = UNSET
        if not isinstance(self.clinical_advice_from, Unset):
            clinical_advice_from = self.clinical_advice_from

        escalated_from: None | str | Unset
        if isinstance(self.escalated_from, Unset):
            escalated_from = UNSET
        else:
            escalated_from = self.escalated_from

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "abstentions": abstentions,
                "casting_vote_by": casting_vote_by,
                "conflicts": conflicts,
                "id": id,
                "item_id": item_id,
                "outcome": outcome,
                "quorate": quorate,
                "votes_against": votes_against,
                "votes_for": votes_for,
            }
        )
        if clinical_advice_from is not UNSET:
            field_dict["clinical_advice_from"] = clinical_advice_from
        if escalated_from is not UNSET:
            field_dict["escalated_from"] = escalated_from
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conflict_out import ConflictOut

        d = dict(src_dict)
        abstentions = d.pop("abstentions")

        def _parse_casting_vote_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        casting_vote_by = _parse_casting_vote_by(d.pop("casting_vote_by"))

        conflicts = []
        _conflicts = d.pop("conflicts")
        for conflicts_item_data in _conflicts:
            conflicts_item = ConflictOut.from_dict(conflicts_item_data)

            conflicts.append(conflicts_item)

        id = d.pop("id")

        item_id = d.pop("item_id")

        outcome = Outcome(d.pop("outcome"))

        quorate = d.pop("quorate")

        votes_against = d.pop("votes_against")

        votes_for = d.pop("votes_for")

        clinical_advice_from = cast(list[str], d.pop("clinical_advice_from", UNSET))

        def _parse_escalated_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        escalated_from = _parse_escalated_from(d.pop("escalated_from", UNSET))

        status = cast(Literal["recorded"] | Unset, d.pop("status", UNSET))
        if status != "recorded" and not isinstance(status, Unset):
            raise ValueError(f"status must match const 'recorded', got '{status}'")

        decision_out = cls(
            abstentions=abstentions,
            casting_vote_by=casting_vote_by,
            conflicts=conflicts,
            id=id,
            item_id=item_id,
            outcome=outcome,
            quorate=quorate,
            votes_against=votes_against,
            votes_for=votes_for,
            clinical_advice_from=clinical_advice_from,
            escalated_from=escalated_from,
            status=status,
        )

        decision_out.additional_properties = d
        return decision_out

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
