from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bundle_type import BundleType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.entry import Entry


T = TypeVar("T", bound="Bundle")


@_attrs_define
class Bundle:
    """A Bundle of any entries: each is read on its own, so one bad Encounter is one entry.

    Attributes:
        resource_type (Literal['Bundle']):
        type_ (BundleType):
        entry (list[Entry] | Unset): UK Core Encounters, one per entry
    """

    resource_type: Literal["Bundle"]
    type_: BundleType
    entry: list[Entry] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        resource_type = self.resource_type

        type_ = self.type_.value

        entry: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.entry, Unset):
            entry = []
            for entry_item_data in self.entry:
                entry_item = entry_item_data.to_dict()
                entry.append(entry_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "resourceType": resource_type,
                "type": type_,
            }
        )
        if entry is not UNSET:
            field_dict["entry"] = entry

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.entry import Entry

        d = dict(src_dict)
        resource_type = cast(Literal["Bundle"], d.pop("resourceType"))
        if resource_type != "Bundle":
            raise ValueError(
                f"resourceType must match const 'Bundle', got '{resource_type}'"
            )

        type_ = BundleType(d.pop("type"))

        _entry = d.pop("entry", UNSET)
        entry: list[Entry] | Unset = UNSET
        if _entry is not UNSET:
            entry = []
            for entry_item_data in _entry:
                entry_item = Entry.from_dict(entry_item_data)

                entry.append(entry_item)

        bundle = cls(
            resource_type=resource_type,
            type_=type_,
            entry=entry,
        )

        bundle.additional_properties = d
        return bundle

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
