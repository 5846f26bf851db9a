from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.organisation_kind import OrganisationKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewOrganisation")


@_attrs_define
class NewOrganisation:
    """
    Attributes:
        kind (OrganisationKind):
        name (str):
        ods_code (str):
        legal_form (None | str | Unset):
        list_size (int | None | Unset):
        list_size_effective_from (datetime.date | None | Unset): When `list_size` applies from; today if omitted
        parent_ods (None | str | Unset):
    """

    kind: OrganisationKind
    name: str
    ods_code: str
    legal_form: None | str | Unset = UNSET
    list_size: int | None | Unset = UNSET
    list_size_effective_from: datetime.date | None | Unset = UNSET
    parent_ods: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        ods_code = self.ods_code

        legal_form: None | str | Unset
        if isinstance(self.legal_form, Unset):
            legal_form = UNSET
        else:
            legal_form = self.legal_form

        list_size: int | None | Unset
        if isinstance(self.list_size, Unset):
            list_size = UNSET
        else:
            list_size = self.list_size

        list_size_effective_from: None | str | Unset
        if isinstance(self.list_size_effective_from, Unset):
            list_size_effective_from = UNSET
        elif isinstance(self.list_size_effective_from, datetime.date):
            list_size_effective_from = self.list_size_effective_from.isoformat()
        else:
            list_size_effective_from = self.list_size_effective_from

        parent_ods: None | str | Unset
        if isinstance(self.parent_ods, Unset):
            parent_ods = UNSET
        else:
            parent_ods = self.parent_ods

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
                "ods_code": ods_code,
            }
        )
        if legal_form is not UNSET:
            field_dict["legal_form"] = legal_form
        if list_size is not UNSET:
            field_dict["list_size"] = list_size
        if list_size_effective_from is not UNSET:
            field_dict["list_size_effective_from"] = list_size_effective_from
        if parent_ods is not UNSET:
            field_dict["parent_ods"] = parent_ods

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = OrganisationKind(d.pop("kind"))

        name = d.pop("name")

        ods_code = d.pop("ods_code")

        def _parse_legal_form(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_form = _parse_legal_form(d.pop("legal_form", UNSET))

        def _parse_list_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        list_size = _parse_list_size(d.pop("list_size", UNSET))

        def _parse_list_size_effective_from(
            data: object,
        ) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                list_size_effective_from_type_0 = datetime.date.fromisoformat(data)

                return list_size_effective_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        list_size_effective_from = _parse_list_size_effective_from(
            d.pop("list_size_effective_from", UNSET)
        )

        def _parse_parent_ods(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_ods = _parse_parent_ods(d.pop("parent_ods", UNSET))

        new_organisation = cls(
            kind=kind,
            name=name,
            ods_code=ods_code,
            legal_form=legal_form,
            list_size=list_size,
            list_size_effective_from=list_size_effective_from,
            parent_ods=parent_ods,
        )

        return new_organisation
