from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.committee_role import CommitteeRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberIn")


@_attrs_define
class MemberIn:
    """
    Attributes:
        person_id (str):
        role (CommitteeRole):
        voting (bool):
        deputy_for (None | str | Unset): The member this one deputises for: acts, votes and is counted (when the quorum
            counts deputies) only while that member is absent
    """

    person_id: str
    role: CommitteeRole
    voting: bool
    deputy_for: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        person_id = self.person_id

        role = self.role.value

        voting = self.voting

        deputy_for: None | str | Unset
        if isinstance(self.deputy_for, Unset):
            deputy_for = UNSET
        else:
            deputy_for = self.deputy_for

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "person_id": person_id,
                "role": role,
                "voting": voting,
            }
        )
        if deputy_for is not UNSET:
            field_dict["deputy_for"] = deputy_for

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        person_id = d.pop("person_id")

        role = CommitteeRole(d.pop("role"))

        voting = d.pop("voting")

        def _parse_deputy_for(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deputy_for = _parse_deputy_for(d.pop("deputy_for", UNSET))

        member_in = cls(
            person_id=person_id,
            role=role,
            voting=voting,
            deputy_for=deputy_for,
        )

        return member_in
