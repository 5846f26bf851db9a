from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.outcome import Outcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.raised_conflict import RaisedConflict
    from ..models.vote_in import VoteIn


T = TypeVar("T", bound="NewDecision")


@_attrs_define
class NewDecision:
    """
    Attributes:
        outcome (Outcome):
        present (list[str]):
        clinical_advice_from (list[str] | Unset): conflicted clinicians present, not voting, whose clinical advice the
            committee took because no unconflicted clinician was in the room
        decided_on (datetime.date | None | Unset):
        declared_at_meeting (list[RaisedConflict] | Unset):
        votes (list[VoteIn] | Unset):
    """

    outcome: Outcome
    present: list[str]
    clinical_advice_from: list[str] | Unset = UNSET
    decided_on: datetime.date | None | Unset = UNSET
    declared_at_meeting: list[RaisedConflict] | Unset = UNSET
    votes: list[VoteIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        present = self.present

        clinical_advice_from: list[str] | Unset = UNSET
        if not isinstance(self.clinical_advice_from, Unset):
            clinical_advice_from = self.clinical_advice_from

        decided_on: None | str | Unset
        if isinstance(self.decided_on, Unset):
            decided_on = UNSET
        elif isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        declared_at_meeting: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.declared_at_meeting, Unset):
            declared_at_meeting = []
            for declared_at_meeting_item_data in self.declared_at_meeting:
                declared_at_meeting_item = declared_at_meeting_item_data.to_dict()
                declared_at_meeting.append(declared_at_meeting_item)

        votes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.votes, Unset):
            votes = []
            for votes_item_data in self.votes:
                votes_item = votes_item_data.to_dict()
                votes.append(votes_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
                "present": present,
            }
        )
        if clinical_advice_from is not UNSET:
            field_dict["clinical_advice_from"] = clinical_advice_from
        if decided_on is not UNSET:
            field_dict["decided_on"] = decided_on
        if declared_at_meeting is not UNSET:
            field_dict["declared_at_meeting"] = declared_at_meeting
        if votes is not UNSET:
            field_dict["votes"] = votes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.raised_conflict import RaisedConflict
        from ..models.vote_in import VoteIn

        d = dict(src_dict)
        outcome = Outcome(d.pop("outcome"))

        present = cast(list[str], d.pop("present"))

        clinical_advice_from = cast(list[str], d.pop("clinical_advice_from", UNSET))

        def _parse_decided_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        decided_on = _parse_decided_on(d.pop("decided_on", UNSET))

        _declared_at_meeting = d.pop("declared_at_meeting", UNSET)
        declared_at_meeting: list[RaisedConflict] | Unset = UNSET
        if _declared_at_meeting is not UNSET:
            declared_at_meeting = []
            for declared_at_meeting_item_data in _declared_at_meeting:
                declared_at_meeting_item = RaisedConflict.from_dict(
                    declared_at_meeting_item_data
                )

                declared_at_meeting.append(declared_at_meeting_item)

        _votes = d.pop("votes", UNSET)
        votes: list[VoteIn] | Unset = UNSET
        if _votes is not UNSET:
            votes = []
            for votes_item_data in _votes:
                votes_item = VoteIn.from_dict(votes_item_data)

                votes.append(votes_item)

        new_decision = cls(
            outcome=outcome,
            present=present,
            clinical_advice_from=clinical_advice_from,
            decided_on=decided_on,
            declared_at_meeting=declared_at_meeting,
            votes=votes,
        )

        return new_decision
