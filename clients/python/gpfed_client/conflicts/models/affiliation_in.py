from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.relationship import Relationship
from ..types import UNSET, Unset

T = TypeVar("T", bound="AffiliationIn")


@_attrs_define
class AffiliationIn:
    """An affiliation; without dates it holds from always until ended.

    Attributes:
        organisation_ods (str):
        relationship (Relationship):
        end_date (datetime.date | None | Unset):
        start_date (datetime.date | None | Unset):
    """

    organisation_ods: str
    relationship: Relationship
    end_date: datetime.date | None | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        organisation_ods = self.organisation_ods

        relationship = self.relationship.value

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organisation_ods": organisation_ods,
                "relationship": relationship,
            }
        )
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if start_date is not UNSET:
            field_dict["start_date"] = start_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        organisation_ods = d.pop("organisation_ods")

        relationship = Relationship(d.pop("relationship"))

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

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        affiliation_in = cls(
            organisation_ods=organisation_ods,
            relationship=relationship,
            end_date=end_date,
            start_date=start_date,
        )

        return affiliation_in
