from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_out_subject import ItemOutSubject
from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemOut")


@_attrs_define
class ItemOut:
    """
    Attributes:
        commissioner_ods (str):
        committee_id (str):
        contract_id (str):
        contract_kind (str):
        id (str):
        provider_ods (str):
        service (str):
        status (str):
        change_id (None | str | Unset):
        change_reason (None | str | Unset):
        effective_from (datetime.date | None | Unset):
        subject (ItemOutSubject | Unset):  Default: ItemOutSubject.PROPOSAL.
    """

    commissioner_ods: str
    committee_id: str
    contract_id: str
    contract_kind: str
    id: str
    provider_ods: str
    service: str
    status: str
    change_id: None | str | Unset = UNSET
    change_reason: None | str | Unset = UNSET
    effective_from: datetime.date | None | Unset = UNSET
    subject: ItemOutSubject | Unset = ItemOutSubject.PROPOSAL
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commissioner_ods = self.commissioner_ods

        committee_id = self.committee_id

        contract_id = self.contract_id

        contract_kind = self.contract_kind

        id = self.id

        provider_ods = self.provider_ods

        service = self.service

        status = self.status

        change_id: None | str | Unset
        if isinstance(self.change_id, Unset):
            change_id = UNSET
        else:
            change_id = self.change_id

        change_reason: None | str | Unset
        if isinstance(self.change_reason, Unset):
            change_reason = UNSET
        else:
            change_reason = self.change_reason

        effective_from: None | str | Unset
        if isinstance(self.effective_from, Unset):
            effective_from = UNSET
        elif isinstance(self.effective_from, datetime.date):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        subject: str | Unset = UNSET
        if not isinstance(self.subject, Unset):
            subject = self.subject.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "committee_id": committee_id,
                "contract_id": contract_id,
                "contract_kind": contract_kind,
                "id": id,
                "provider_ods": provider_ods,
                "service": service,
                "status": status,
            }
        )
        if change_id is not UNSET:
            field_dict["change_id"] = change_id
        if change_reason is not UNSET:
            field_dict["change_reason"] = change_reason
        if effective_from is not UNSET:
            field_dict["effective_from"] = effective_from
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        committee_id = d.pop("committee_id")

        contract_id = d.pop("contract_id")

        contract_kind = d.pop("contract_kind")

        id = d.pop("id")

        provider_ods = d.pop("provider_ods")

        service = d.pop("service")

        status = d.pop("status")

        def _parse_change_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        change_id = _parse_change_id(d.pop("change_id", UNSET))

        def _parse_change_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        change_reason = _parse_change_reason(d.pop("change_reason", UNSET))

        def _parse_effective_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_from_type_0 = datetime.date.fromisoformat(data)

                return effective_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        effective_from = _parse_effective_from(d.pop("effective_from", UNSET))

        _subject = d.pop("subject", UNSET)
        subject: ItemOutSubject | Unset
        if isinstance(_subject, Unset):
            subject = UNSET
        else:
            subject = ItemOutSubject(_subject)

        item_out = cls(
            commissioner_ods=commissioner_ods,
            committee_id=committee_id,
            contract_id=contract_id,
            contract_kind=contract_kind,
            id=id,
            provider_ods=provider_ods,
            service=service,
            status=status,
            change_id=change_id,
            change_reason=change_reason,
            effective_from=effective_from,
            subject=subject,
        )

        item_out.additional_properties = d
        return item_out

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
