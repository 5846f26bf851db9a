from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.subcontract_role import SubcontractRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewSubcontract")


@_attrs_define
class NewSubcontract:
    """
    Attributes:
        contract_id (str):
        practice_ods (str):
        roles (list[SubcontractRole]):
        start_date (datetime.date):
        end_date (datetime.date | None | Unset):
    """

    contract_id: str
    practice_ods: str
    roles: list[SubcontractRole]
    start_date: datetime.date
    end_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        practice_ods = self.practice_ods

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        start_date = self.start_date.isoformat()

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contract_id": contract_id,
                "practice_ods": practice_ods,
                "roles": roles,
                "start_date": start_date,
            }
        )
        if end_date is not UNSET:
            field_dict["end_date"] = end_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        practice_ods = d.pop("practice_ods")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = SubcontractRole(roles_item_data)

            roles.append(roles_item)

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        new_subcontract = cls(
            contract_id=contract_id,
            practice_ods=practice_ods,
            roles=roles,
            start_date=start_date,
            end_date=end_date,
        )

        return new_subcontract
