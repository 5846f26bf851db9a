from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scheme_listed_kind import SchemeListedKind

T = TypeVar("T", bound="SchemeListed")


@_attrs_define
class SchemeListed:
    """A scheme in a list: enough to choose one; ``GET /schemes/{scheme_id}`` has the rest.

    Attributes:
        commissioner_ods (str):
        enrolled (int): How many practices the scheme enrols
        kind (SchemeListedKind):
        name (str):
        revision (int):
        scheme_id (str):
        year (str):
    """

    commissioner_ods: str
    enrolled: int
    kind: SchemeListedKind
    name: str
    revision: int
    scheme_id: str
    year: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commissioner_ods = self.commissioner_ods

        enrolled = self.enrolled

        kind = self.kind.value

        name = self.name

        revision = self.revision

        scheme_id = self.scheme_id

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "enrolled": enrolled,
                "kind": kind,
                "name": name,
                "revision": revision,
                "scheme_id": scheme_id,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        enrolled = d.pop("enrolled")

        kind = SchemeListedKind(d.pop("kind"))

        name = d.pop("name")

        revision = d.pop("revision")

        scheme_id = d.pop("scheme_id")

        year = d.pop("year")

        scheme_listed = cls(
            commissioner_ods=commissioner_ods,
            enrolled=enrolled,
            kind=kind,
            name=name,
            revision=revision,
            scheme_id=scheme_id,
            year=year,
        )

        scheme_listed.additional_properties = d
        return scheme_listed

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
