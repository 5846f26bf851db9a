from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.vote import Vote

T = TypeVar("T", bound="VoteIn")


@_attrs_define
class VoteIn:
    """
    Attributes:
        person_id (str):
        vote (Vote):
    """

    person_id: str
    vote: Vote

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        vote = self.vote.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "person_id": person_id,
                "vote": vote,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        person_id = d.pop("person_id")

        vote = Vote(d.pop("vote"))

        vote_in = cls(
            person_id=person_id,
            vote=vote,
        )

        return vote_in
