from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ParentContract")


@_attrs_define
class ParentContract:
    """
    Attributes:
        commissioner_ods (str): Who commissions it and pays the federation
        contract_id (str):
        end_date (datetime.date | None):
        federation_ods (str): The provider holding the hub contract
        service (str):
        start_date (datetime.date):
        status (str):
        kind (str | Unset):  Default: 'HUB'.
    """

    commissioner_ods: str
    contract_id: str
    end_date: datetime.date | None
    federation_ods: str
    service: str
    start_date: datetime.date
    status: str
    kind: str | Unset = "HUB"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commissioner_ods = self.commissioner_ods

        contract_id = self.contract_id

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        federation_ods = self.federation_ods

        service = self.service

        start_date = self.start_date.isoformat()

        status = self.status

        kind = self.kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "contract_id": contract_id,
                "end_date": end_date,
                "federation_ods": federation_ods,
                "service": service,
                "start_date": start_date,
                "status": status,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

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

        service = d.pop("service")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        status = d.pop("status")

        kind = d.pop("kind", UNSET)

        parent_contract = cls(
            commissioner_ods=commissioner_ods,
            contract_id=contract_id,
            end_date=end_date,
            federation_ods=federation_ods,
            service=service,
            start_date=start_date,
            status=status,
            kind=kind,
        )

        parent_contract.additional_properties = d
        return parent_contract

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
