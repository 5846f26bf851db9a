from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.gain_share_alliance import GainShareAlliance


T = TypeVar("T", bound="GainShareOut")


@_attrs_define
class GainShareOut:
    """
    Attributes:
        alliances (list[GainShareAlliance]):
        average_per_head_pence (str):
        benchmark_per_head_pence (str):
        commissioner_ods (str):
        created_at (datetime.datetime):
        gain_share_id (str):
        requested_by (str):
        service (str):
        year (str):
    """

    alliances: list[GainShareAlliance]
    average_per_head_pence: str
    benchmark_per_head_pence: str
    commissioner_ods: str
    created_at: datetime.datetime
    gain_share_id: str
    requested_by: str
    service: str
    year: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliances = []
        for alliances_item_data in self.alliances:
            alliances_item = alliances_item_data.to_dict()
            alliances.append(alliances_item)

        average_per_head_pence = self.average_per_head_pence

        benchmark_per_head_pence = self.benchmark_per_head_pence

        commissioner_ods = self.commissioner_ods

        created_at = self.created_at.isoformat()

        gain_share_id = self.gain_share_id

        requested_by = self.requested_by

        service = self.service

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliances": alliances,
                "average_per_head_pence": average_per_head_pence,
                "benchmark_per_head_pence": benchmark_per_head_pence,
                "commissioner_ods": commissioner_ods,
                "created_at": created_at,
                "gain_share_id": gain_share_id,
                "requested_by": requested_by,
                "service": service,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.gain_share_alliance import GainShareAlliance

        d = dict(src_dict)
        alliances = []
        _alliances = d.pop("alliances")
        for alliances_item_data in _alliances:
            alliances_item = GainShareAlliance.from_dict(alliances_item_data)

            alliances.append(alliances_item)

        average_per_head_pence = d.pop("average_per_head_pence")

        benchmark_per_head_pence = d.pop("benchmark_per_head_pence")

        commissioner_ods = d.pop("commissioner_ods")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        gain_share_id = d.pop("gain_share_id")

        requested_by = d.pop("requested_by")

        service = d.pop("service")

        year = d.pop("year")

        gain_share_out = cls(
            alliances=alliances,
            average_per_head_pence=average_per_head_pence,
            benchmark_per_head_pence=benchmark_per_head_pence,
            commissioner_ods=commissioner_ods,
            created_at=created_at,
            gain_share_id=gain_share_id,
            requested_by=requested_by,
            service=service,
            year=year,
        )

        gain_share_out.additional_properties = d
        return gain_share_out

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
