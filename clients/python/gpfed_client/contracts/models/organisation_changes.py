from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganisationChanges")


@_attrs_define
class OrganisationChanges:
    """
    Attributes:
        legal_form (None | str | Unset):
        name (None | str | Unset):
        parent_ods (None | str | Unset):
    """

    legal_form: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    parent_ods: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        legal_form: None | str | Unset
        if isinstance(self.legal_form, Unset):
            legal_form = UNSET
        else:
            legal_form = self.legal_form

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        parent_ods: None | str | Unset
        if isinstance(self.parent_ods, Unset):
            parent_ods = UNSET
        else:
            parent_ods = self.parent_ods

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if legal_form is not UNSET:
            field_dict["legal_form"] = legal_form
        if name is not UNSET:
            field_dict["name"] = name
        if parent_ods is not UNSET:
            field_dict["parent_ods"] = parent_ods

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_legal_form(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_form = _parse_legal_form(d.pop("legal_form", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_parent_ods(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_ods = _parse_parent_ods(d.pop("parent_ods", UNSET))

        organisation_changes = cls(
            legal_form=legal_form,
            name=name,
            parent_ods=parent_ods,
        )

        return organisation_changes
