from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.affiliation_out import AffiliationOut


T = TypeVar("T", bound="PersonOut")


@_attrs_define
class PersonOut:
    """
    Attributes:
        affiliations (list[AffiliationOut]):
        appointed_on (datetime.date):
        decision_making (bool):
        id (str):
        name (str):
        roles (list[str]):
        roles_changed_on (datetime.date | None):
    """

    affiliations: list[AffiliationOut]
    appointed_on: datetime.date
    decision_making: bool
    id: str
    name: str
    roles: list[str]
    roles_changed_on: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        affiliations = []
        for affiliations_item_data in self.affiliations:
            affiliations_item = affiliations_item_data.to_dict()
            affiliations.append(affiliations_item)

        appointed_on = self.appointed_on.isoformat()

        decision_making = self.decision_making

        id = self.id

        name = self.name

        roles = self.roles

        roles_changed_on: None | str
        if isinstance(self.roles_changed_on, datetime.date):
            roles_changed_on = self.roles_changed_on.isoformat()
        else:
            roles_changed_on = self.roles_changed_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "affiliations": affiliations,
                "appointed_on": appointed_on,
                "decision_making": decision_making,
                "id": id,
                "name": name,
                "roles": roles,
                "roles_changed_on": roles_changed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.affiliation_out import AffiliationOut

        d = dict(src_dict)
        affiliations = []
        _affiliations = d.pop("affiliations")
        for affiliations_item_data in _affiliations:
            affiliations_item = AffiliationOut.from_dict(affiliations_item_data)

            affiliations.append(affiliations_item)

        appointed_on = datetime.date.fromisoformat(d.pop("appointed_on"))

        decision_making = d.pop("decision_making")

        id = d.pop("id")

        name = d.pop("name")

        roles = cast(list[str], d.pop("roles"))

        def _parse_roles_changed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                roles_changed_on_type_0 = datetime.date.fromisoformat(data)

                return roles_changed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        roles_changed_on = _parse_roles_changed_on(d.pop("roles_changed_on"))

        person_out = cls(
            affiliations=affiliations,
            appointed_on=appointed_on,
            decision_making=decision_making,
            id=id,
            name=name,
            roles=roles,
            roles_changed_on=roles_changed_on,
        )

        person_out.additional_properties = d
        return person_out

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
