from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.committee_role import CommitteeRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoleClauseIn")


@_attrs_define
class RoleClauseIn:
    """
    Attributes:
        roles (list[CommitteeRole]):
        min_ (int | Unset):  Default: 1.
    """

    roles: list[CommitteeRole]
    min_: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        min_ = self.min_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "roles": roles,
            }
        )
        if min_ is not UNSET:
            field_dict["min"] = min_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = CommitteeRole(roles_item_data)

            roles.append(roles_item)

        min_ = d.pop("min", UNSET)

        role_clause_in = cls(
            roles=roles,
            min_=min_,
        )

        return role_clause_in
