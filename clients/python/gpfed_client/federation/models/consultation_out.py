from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.consultation_out_status import ConsultationOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_out import ChangeOut


T = TypeVar("T", bound="ConsultationOut")


@_attrs_define
class ConsultationOut:
    """
    Attributes:
        changes (list[ChangeOut]): Every void and correction, oldest first
        contract_id (str):
        id (str):
        kind (None | str): first or follow_up; none for an item of service
        occurred_at (datetime.datetime):
        patient_ref (str):
        period (str):
        practice_ods (str):
        site_ods (None | str):
        status (ConsultationOutStatus): voided: held (its id taken) but counted nowhere
        service_code (None | str | Unset): An item-of-service claim's service code
    """

    changes: list[ChangeOut]
    contract_id: str
    id: str
    kind: None | str
    occurred_at: datetime.datetime
    patient_ref: str
    period: str
    practice_ods: str
    site_ods: None | str
    status: ConsultationOutStatus
    service_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        contract_id = self.contract_id

        id = self.id

        kind: None | str
        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        patient_ref = self.patient_ref

        period = self.period

        practice_ods = self.practice_ods

        site_ods: None | str
        site_ods = self.site_ods

        status = self.status.value

        service_code: None | str | Unset
        if isinstance(self.service_code, Unset):
            service_code = UNSET
        else:
            service_code = self.service_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "contract_id": contract_id,
                "id": id,
                "kind": kind,
                "occurred_at": occurred_at,
                "patient_ref": patient_ref,
                "period": period,
                "practice_ods": practice_ods,
                "site_ods": site_ods,
                "status": status,
            }
        )
        if service_code is not UNSET:
            field_dict["service_code"] = service_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.change_out import ChangeOut

        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ChangeOut.from_dict(changes_item_data)

            changes.append(changes_item)

        contract_id = d.pop("contract_id")

        id = d.pop("id")

        def _parse_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        kind = _parse_kind(d.pop("kind"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        patient_ref = d.pop("patient_ref")

        period = d.pop("period")

        practice_ods = d.pop("practice_ods")

        def _parse_site_ods(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        site_ods = _parse_site_ods(d.pop("site_ods"))

        status = ConsultationOutStatus(d.pop("status"))

        def _parse_service_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        service_code = _parse_service_code(d.pop("service_code", UNSET))

        consultation_out = cls(
            changes=changes,
            contract_id=contract_id,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            patient_ref=patient_ref,
            period=period,
            practice_ods=practice_ods,
            site_ods=site_ods,
            status=status,
            service_code=service_code,
        )

        consultation_out.additional_properties = d
        return consultation_out

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
