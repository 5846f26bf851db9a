from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.subcontract_role import SubcontractRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="SubcontractOut")


@_attrs_define
class SubcontractOut:
    """
    Attributes:
        contract_id (str):
        end_date (datetime.date | None):
        federation_ods (str):
        id (str):
        practice_ods (str):
        roles (list[SubcontractRole]):
        start_date (datetime.date):
        status (str | Unset):  Default: 'issued'.
    """

    contract_id: str
    end_date: datetime.date | None
    federation_ods: str
    id: str
    practice_ods: str
    roles: list[SubcontractRole]
    start_date: datetime.date
    status: str | Unset = "issued"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        federation_ods = self.federation_ods

        id = self.id

        practice_ods = self.practice_ods

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        start_date = self.start_date.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "end_date": end_date,
                "federation_ods": federation_ods,
                "id": id,
                "practice_ods": practice_ods,
                "roles": roles,
                "start_date": start_date,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        federation_ods = d.pop("federation_ods")

        id = d.pop("id")

        practice_ods = d.pop("practice_ods")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = SubcontractRole(roles_item_data)

            roles.append(roles_item)

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        status = d.pop("status", UNSET)

        subcontract_out = cls(
            contract_id=contract_id,
            end_date=end_date,
            federation_ods=federation_ods,
            id=id,
            practice_ods=practice_ods,
            roles=roles,
            start_date=start_date,
            status=status,
        )

        subcontract_out.additional_properties = d
        return subcontract_out

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
