from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.affiliation_in import AffiliationIn


T = TypeVar("T", bound="NewPerson")


@_attrs_define
class NewPerson:
    """
    Attributes:
        decision_making (bool):
        name (str):
        affiliations (list[AffiliationIn] | Unset):
        appointed_on (datetime.date | None | Unset):
        roles (list[str] | Unset):
    """

    decision_making: bool
    name: str
    affiliations: list[AffiliationIn] | Unset = UNSET
    appointed_on: datetime.date | None | Unset = UNSET
    roles: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision_making = self.decision_making

        name = self.name

        affiliations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.affiliations, Unset):
            affiliations = []
            for affiliations_item_data in self.affiliations:
                affiliations_item = affiliations_item_data.to_dict()
                affiliations.append(affiliations_item)

        appointed_on: None | str | Unset
        if isinstance(self.appointed_on, Unset):
            appointed_on = UNSET
        elif isinstance(self.appointed_on, datetime.date):
            appointed_on = self.appointed_on.isoformat()
        else:
            appointed_on = self.appointed_on

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = self.roles

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision_making": decision_making,
                "name": name,
            }
        )
        if affiliations is not UNSET:
            field_dict["affiliations"] = affiliations
        if appointed_on is not UNSET:
            field_dict["appointed_on"] = appointed_on
        if roles is not UNSET:
            field_dict["roles"] = roles

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.affiliation_in import AffiliationIn

        d = dict(src_dict)
        decision_making = d.pop("decision_making")

        name = d.pop("name")

        _affiliations = d.pop("affiliations", UNSET)
        affiliations: list[AffiliationIn] | Unset = UNSET
        if _affiliations is not UNSET:
            affiliations = []
            for affiliations_item_data in _affiliations:
                affiliations_item = AffiliationIn.from_dict(affiliations_item_data)

                affiliations.append(affiliations_item)

        def _parse_appointed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                appointed_on_type_0 = datetime.date.fromisoformat(data)

                return appointed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        appointed_on = _parse_appointed_on(d.pop("appointed_on", UNSET))

        roles = cast(list[str], d.pop("roles", UNSET))

        new_person = cls(
            decision_making=decision_making,
            name=name,
            affiliations=affiliations,
            appointed_on=appointed_on,
            roles=roles,
        )

        return new_person
