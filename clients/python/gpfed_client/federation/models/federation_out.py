from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hub_out import HubOut


T = TypeVar("T", bound="FederationOut")


@_attrs_define
class FederationOut:
    """
    Attributes:
        hubs (list[HubOut]):
        legal_form (None | str):
        name (None | str):
        ods_code (str):
    """

    hubs: list[HubOut]
    legal_form: None | str
    name: None | str
    ods_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hubs = []
        for hubs_item_data in self.hubs:
            hubs_item = hubs_item_data.to_dict()
            hubs.append(hubs_item)

        legal_form: None | str
        legal_form = self.legal_form

        name: None | str
        name = self.name

        ods_code = self.ods_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hubs": hubs,
                "legal_form": legal_form,
                "name": name,
                "ods_code": ods_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.hub_out import HubOut

        d = dict(src_dict)
        hubs = []
        _hubs = d.pop("hubs")
        for hubs_item_data in _hubs:
            hubs_item = HubOut.from_dict(hubs_item_data)

            hubs.append(hubs_item)

        def _parse_legal_form(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_form = _parse_legal_form(d.pop("legal_form"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        ods_code = d.pop("ods_code")

        federation_out = cls(
            hubs=hubs,
            legal_form=legal_form,
            name=name,
            ods_code=ods_code,
        )

        federation_out.additional_properties = d
        return federation_out

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
