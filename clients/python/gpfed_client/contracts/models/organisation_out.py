from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.organisation_kind import OrganisationKind

if TYPE_CHECKING:
    from ..models.list_size_out import ListSizeOut


T = TypeVar("T", bound="OrganisationOut")


@_attrs_define
class OrganisationOut:
    """
    Attributes:
        kind (OrganisationKind):
        legal_form (None | str):
        list_size (int | None): The list size in force today
        list_sizes (list[ListSizeOut]): Every list size, by effective date
        name (str):
        ods_code (str):
        parent_ods (None | str):
    """

    kind: OrganisationKind
    legal_form: None | str
    list_size: int | None
    list_sizes: list[ListSizeOut]
    name: str
    ods_code: str
    parent_ods: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        legal_form: None | str
        legal_form = self.legal_form

        list_size: int | None
        list_size = self.list_size

        list_sizes = []
        for list_sizes_item_data in self.list_sizes:
            list_sizes_item = list_sizes_item_data.to_dict()
            list_sizes.append(list_sizes_item)

        name = self.name

        ods_code = self.ods_code

        parent_ods: None | str
        parent_ods = self.parent_ods

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "legal_form": legal_form,
                "list_size": list_size,
                "list_sizes": list_sizes,
                "name": name,
                "ods_code": ods_code,
                "parent_ods": parent_ods,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_size_out import ListSizeOut

        d = dict(src_dict)
        kind = OrganisationKind(d.pop("kind"))

        def _parse_legal_form(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_form = _parse_legal_form(d.pop("legal_form"))

        def _parse_list_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        list_size = _parse_list_size(d.pop("list_size"))

        list_sizes = []
        _list_sizes = d.pop("list_sizes")
        for list_sizes_item_data in _list_sizes:
            list_sizes_item = ListSizeOut.from_dict(list_sizes_item_data)

            list_sizes.append(list_sizes_item)

        name = d.pop("name")

        ods_code = d.pop("ods_code")

        def _parse_parent_ods(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_ods = _parse_parent_ods(d.pop("parent_ods"))

        organisation_out = cls(
            kind=kind,
            legal_form=legal_form,
            list_size=list_size,
            list_sizes=list_sizes,
            name=name,
            ods_code=ods_code,
            parent_ods=parent_ods,
        )

        organisation_out.additional_properties = d
        return organisation_out

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
