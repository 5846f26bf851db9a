from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.alliance_in import AllianceIn


T = TypeVar("T", bound="GainShareRequest")


@_attrs_define
class GainShareRequest:
    """
    Attributes:
        alliances (list[AllianceIn]):
        commissioner_ods (str):
        service (str):
        year (str):
    """

    alliances: list[AllianceIn]
    commissioner_ods: str
    service: str
    year: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alliances = []
        for alliances_item_data in self.alliances:
            alliances_item = alliances_item_data.to_dict()
            alliances.append(alliances_item)

        commissioner_ods = self.commissioner_ods

        service = self.service

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alliances": alliances,
                "commissioner_ods": commissioner_ods,
                "service": service,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.alliance_in import AllianceIn

        d = dict(src_dict)
        alliances = []
        _alliances = d.pop("alliances")
        for alliances_item_data in _alliances:
            alliances_item = AllianceIn.from_dict(alliances_item_data)

            alliances.append(alliances_item)

        commissioner_ods = d.pop("commissioner_ods")

        service = d.pop("service")

        year = d.pop("year")

        gain_share_request = cls(
            alliances=alliances,
            commissioner_ods=commissioner_ods,
            service=service,
            year=year,
        )

        gain_share_request.additional_properties = d
        return gain_share_request

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
