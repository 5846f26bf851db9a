from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rating import Rating
from ..models.self_certification_out_status import SelfCertificationOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.criterion_out import CriterionOut
    from ..models.signed_off import SignedOff


T = TypeVar("T", bound="SelfCertificationOut")


@_attrs_define
class SelfCertificationOut:
    """
    Attributes:
        as_at (datetime.date): the day the registers are read as at
        criteria (list[CriterionOut]):
        criteria_met (int):
        criteria_total (int):
        first_day (datetime.date):
        last_day (datetime.date):
        organisation_ods (str):
        quarter (str):
        rating (Rating):
        status (SelfCertificationOutStatus):
        signed_off (None | SignedOff | Unset):
    """

    as_at: datetime.date
    criteria: list[CriterionOut]
    criteria_met: int
    criteria_total: int
    first_day: datetime.date
    last_day: datetime.date
    organisation_ods: str
    quarter: str
    rating: Rating
    status: SelfCertificationOutStatus
    signed_off: None | SignedOff | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.signed_off import SignedOff

        as_at = self.as_at.isoformat()

        criteria = []
        for criteria_item_data in self.criteria:
            criteria_item = criteria_item_data.to_dict()
            criteria.append(criteria_item)

        criteria_met = self.criteria_met

        criteria_total = self.criteria_total

        first_day = self.first_day.isoformat()

        last_day = self.last_day.isoformat()

        organisation_ods = self.organisation_ods

        quarter = self.quarter

        rating = self.rating.value

        status = self.status.value

        signed_off: dict[str, Any] | None | Unset
        if isinstance(self.signed_off, Unset):
            signed_off = UNSET
        elif isinstance(self.signed_off, SignedOff):
            signed_off = self.signed_off.to_dict()
        else:
            signed_off = self.signed_off

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_at": as_at,
                "criteria": criteria,
                "criteria_met": criteria_met,
                "criteria_total": criteria_total,
                "first_day": first_day,
                "last_day": last_day,
                "organisation_ods": organisation_ods,
                "quarter": quarter,
                "rating": rating,
                "status": status,
            }
        )
        if signed_off is not UNSET:
            field_dict["signed_off"] = signed_off

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.criterion_out import CriterionOut
        from ..models.signed_off import SignedOff

        d = dict(src_dict)
        as_at = datetime.date.fromisoformat(d.pop("as_at"))

        criteria = []
        _criteria = d.pop("criteria")
        for criteria_item_data in _criteria:
            criteria_item = CriterionOut.from_dict(criteria_item_data)

            criteria.append(criteria_item)

        criteria_met = d.pop("criteria_met")

        criteria_total = d.pop("criteria_total")

        first_day = datetime.date.fromisoformat(d.pop("first_day"))

        last_day = datetime.date.fromisoformat(d.pop("last_day"))

        organisation_ods = d.pop("organisation_ods")

        quarter = d.pop("quarter")

        rating = Rating(d.pop("rating"))

        status = SelfCertificationOutStatus(d.pop("status"))

        def _parse_signed_off(data: object) -> None | SignedOff | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                signed_off_type_0 = SignedOff.from_dict(data)

                return signed_off_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SignedOff | Unset, data)

        signed_off = _parse_signed_off(d.pop("signed_off", UNSET))

        self_certification_out = cls(
            as_at=as_at,
            criteria=criteria,
            criteria_met=criteria_met,
            criteria_total=criteria_total,
            first_day=first_day,
            last_day=last_day,
            organisation_ods=organisation_ods,
            quarter=quarter,
            rating=rating,
            status=status,
            signed_off=signed_off,
        )

        self_certification_out.additional_properties = d
        return self_certification_out

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
