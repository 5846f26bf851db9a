from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.role_clause_in import RoleClauseIn


T = TypeVar("T", bound="QuorumIn")


@_attrs_define
class QuorumIn:
    """
    Attributes:
        min_voting (int):
        count_deputies (bool | Unset): a deputy standing in counts as the member would Default: False.
        count_non_voting (bool | Unset): eligible non-voting members count towards min_voting and the role clauses
            Default: False.
        lay_majority (bool | Unset):  Default: False.
        min_non_voting (int | Unset): eligible non-voting members needed as well Default: 0.
        required (list[RoleClauseIn] | Unset):
    """

    min_voting: int
    count_deputies: bool | Unset = False
    count_non_voting: bool | Unset = False
    lay_majority: bool | Unset = False
    min_non_voting: int | Unset = 0
    required: list[RoleClauseIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        min_voting = self.min_voting

        count_deputies = self.count_deputies

        count_non_voting = self.count_non_voting

        lay_majority = self.lay_majority

        min_non_voting = self.min_non_voting

        required: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.required, Unset):
            required = []
            for required_item_data in self.required:
                required_item = required_item_data.to_dict()
                required.append(required_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "min_voting": min_voting,
            }
        )
        if count_deputies is not UNSET:
            field_dict["count_deputies"] = count_deputies
        if count_non_voting is not UNSET:
            field_dict["count_non_voting"] = count_non_voting
        if lay_majority is not UNSET:
            field_dict["lay_majority"] = lay_majority
        if min_non_voting is not UNSET:
            field_dict["min_non_voting"] = min_non_voting
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.role_clause_in import RoleClauseIn

        d = dict(src_dict)
        min_voting = d.pop("min_voting")

        count_deputies = d.pop("count_deputies", UNSET)

        count_non_voting = d.pop("count_non_voting", UNSET)

        lay_majority = d.pop("lay_majority", UNSET)

        min_non_voting = d.pop("min_non_voting", UNSET)

        _required = d.pop("required", UNSET)
        required: list[RoleClauseIn] | Unset = UNSET
        if _required is not UNSET:
            required = []
            for required_item_data in _required:
                required_item = RoleClauseIn.from_dict(required_item_data)

                required.append(required_item)

        quorum_in = cls(
            min_voting=min_voting,
            count_deputies=count_deputies,
            count_non_voting=count_non_voting,
            lay_majority=lay_majority,
            min_non_voting=min_non_voting,
            required=required,
        )

        return quorum_in
