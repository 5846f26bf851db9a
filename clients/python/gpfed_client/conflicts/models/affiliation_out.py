from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.affiliation_out_status import AffiliationOutStatus
from ..models.relationship import Relationship

T = TypeVar("T", bound="AffiliationOut")


@_attrs_define
class AffiliationOut:
    """
    Attributes:
        end_date (datetime.date | None):
        id (str):
        organisation_ods (str):
        recorded_on (datetime.date | None):
        relationship (Relationship):
        start_date (datetime.date | None):
        status (AffiliationOutStatus):
    """

    end_date: datetime.date | None
    id: str
    organisation_ods: str
    recorded_on: datetime.date | None
    relationship: Relationship
    start_date: datetime.date | None
    status: AffiliationOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        id = self.id

        organisation_ods = self.organisation_ods

        recorded_on: None | str
        if isinstance(self.recorded_on, datetime.date):
            recorded_on = self.recorded_on.isoformat()
        else:
            recorded_on = self.recorded_on

        relationship = self.relationship.value

        start_date: None | str
        if isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_date": end_date,
                "id": id,
                "organisation_ods": organisation_ods,
                "recorded_on": recorded_on,
                "relationship": relationship,
                "start_date": start_date,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        id = d.pop("id")

        organisation_ods = d.pop("organisation_ods")

        def _parse_recorded_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recorded_on_type_0 = datetime.date.fromisoformat(data)

                return recorded_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        recorded_on = _parse_recorded_on(d.pop("recorded_on"))

        relationship = Relationship(d.pop("relationship"))

        def _parse_start_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        start_date = _parse_start_date(d.pop("start_date"))

        status = AffiliationOutStatus(d.pop("status"))

        affiliation_out = cls(
            end_date=end_date,
            id=id,
            organisation_ods=organisation_ods,
            recorded_on=recorded_on,
            relationship=relationship,
            start_date=start_date,
            status=status,
        )

        affiliation_out.additional_properties = d
        return affiliation_out

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
