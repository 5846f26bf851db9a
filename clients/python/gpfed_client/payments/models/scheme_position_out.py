from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.position_out import PositionOut


T = TypeVar("T", bound="SchemePositionOut")


@_attrs_define
class SchemePositionOut:
    """
    Attributes:
        balancing (str):
        commissioner_ods (str):
        name (str):
        practices (list[PositionOut]):
        release (str):
        scheme_id (str):
        year (str):
    """

    balancing: str
    commissioner_ods: str
    name: str
    practices: list[PositionOut]
    release: str
    scheme_id: str
    year: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balancing = self.balancing

        commissioner_ods = self.commissioner_ods

        name = self.name

        practices = []
        for practices_item_data in self.practices:
            practices_item = practices_item_data.to_dict()
            practices.append(practices_item)

        release = self.release

        scheme_id = self.scheme_id

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balancing": balancing,
                "commissioner_ods": commissioner_ods,
                "name": name,
                "practices": practices,
                "release": release,
                "scheme_id": scheme_id,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.position_out import PositionOut

        d = dict(src_dict)
        balancing = d.pop("balancing")

        commissioner_ods = d.pop("commissioner_ods")

        name = d.pop("name")

        practices = []
        _practices = d.pop("practices")
        for practices_item_data in _practices:
            practices_item = PositionOut.from_dict(practices_item_data)

            practices.append(practices_item)

        release = d.pop("release")

        scheme_id = d.pop("scheme_id")

        year = d.pop("year")

        scheme_position_out = cls(
            balancing=balancing,
            commissioner_ods=commissioner_ods,
            name=name,
            practices=practices,
            release=release,
            scheme_id=scheme_id,
            year=year,
        )

        scheme_position_out.additional_properties = d
        return scheme_position_out

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
