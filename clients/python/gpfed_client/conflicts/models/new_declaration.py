from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.held_by import HeldBy
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewDeclaration")


@_attrs_define
class NewDeclaration:
    """An interest, or ``{"nil": true}`` to confirm there is nothing to declare.

    Attributes:
        category (Category | None | Unset):
        description (None | str | Unset):
        end_date (datetime.date | None | Unset):
        held_by (HeldBy | Unset):
        nil (bool | Unset):  Default: False.
        organisation_ods (None | str | Unset):
        publish (bool | Unset):  Default: True.
        start_date (datetime.date | None | Unset):
    """

    category: Category | None | Unset = UNSET
    description: None | str | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    held_by: HeldBy | Unset = UNSET
    nil: bool | Unset = False
    organisation_ods: None | str | Unset = UNSET
    publish: bool | Unset = True
    start_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, Category):
            category = self.category.value
        else:
            category = self.category

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        held_by: str | Unset = UNSET
        if not isinstance(self.held_by, Unset):
            held_by = self.held_by.value

        nil = self.nil

        organisation_ods: None | str | Unset
        if isinstance(self.organisation_ods, Unset):
            organisation_ods = UNSET
        else:
            organisation_ods = self.organisation_ods

        publish = self.publish

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if description is not UNSET:
            field_dict["description"] = description
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if held_by is not UNSET:
            field_dict["held_by"] = held_by
        if nil is not UNSET:
            field_dict["nil"] = nil
        if organisation_ods is not UNSET:
            field_dict["organisation_ods"] = organisation_ods
        if publish is not UNSET:
            field_dict["publish"] = publish
        if start_date is not UNSET:
            field_dict["start_date"] = start_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_category(data: object) -> Category | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = Category(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Category | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

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

        _held_by = d.pop("held_by", UNSET)
        held_by: HeldBy | Unset
        if isinstance(_held_by, Unset):
            held_by = UNSET
        else:
            held_by = HeldBy(_held_by)

        nil = d.pop("nil", UNSET)

        def _parse_organisation_ods(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation_ods = _parse_organisation_ods(d.pop("organisation_ods", UNSET))

        publish = d.pop("publish", UNSET)

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

        new_declaration = cls(
            category=category,
            description=description,
            end_date=end_date,
            held_by=held_by,
            nil=nil,
            organisation_ods=organisation_ods,
            publish=publish,
            start_date=start_date,
        )

        return new_declaration
