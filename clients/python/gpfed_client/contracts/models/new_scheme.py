from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.new_scheme_balancing import NewSchemeBalancing
from ..models.new_scheme_kind import NewSchemeKind
from ..models.new_scheme_release import NewSchemeRelease
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.network_in import NetworkIn
    from ..models.standard_in import StandardIn


T = TypeVar("T", bound="NewScheme")


@_attrs_define
class NewScheme:
    """
    Attributes:
        balancing (NewSchemeBalancing):
        commissioner_ods (str):
        kind (NewSchemeKind):
        name (str):
        per_head_pence (int):
        release (NewSchemeRelease):
        standards (list[StandardIn]):
        upfront_percent (float | str):
        year (str): An NHS financial year, April to March: 2026/27
        decision_committee_id (None | str | Unset): The committee that decides each enrolment's contract; required when
            the commissioner's decision policy gates the scheme's kind
        networks (list[NetworkIn] | Unset):
    """

    balancing: NewSchemeBalancing
    commissioner_ods: str
    kind: NewSchemeKind
    name: str
    per_head_pence: int
    release: NewSchemeRelease
    standards: list[StandardIn]
    upfront_percent: float | str
    year: str
    decision_committee_id: None | str | Unset = UNSET
    networks: list[NetworkIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        balancing = self.balancing.value

        commissioner_ods = self.commissioner_ods

        kind = self.kind.value

        name = self.name

        per_head_pence = self.per_head_pence

        release = self.release.value

        standards = []
        for standards_item_data in self.standards:
            standards_item = standards_item_data.to_dict()
            standards.append(standards_item)

        upfront_percent: float | str
        upfront_percent = self.upfront_percent

        year = self.year

        decision_committee_id: None | str | Unset
        if isinstance(self.decision_committee_id, Unset):
            decision_committee_id = UNSET
        else:
            decision_committee_id = self.decision_committee_id

        networks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.networks, Unset):
            networks = []
            for networks_item_data in self.networks:
                networks_item = networks_item_data.to_dict()
                networks.append(networks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "balancing": balancing,
                "commissioner_ods": commissioner_ods,
                "kind": kind,
                "name": name,
                "per_head_pence": per_head_pence,
                "release": release,
                "standards": standards,
                "upfront_percent": upfront_percent,
                "year": year,
            }
        )
        if decision_committee_id is not UNSET:
            field_dict["decision_committee_id"] = decision_committee_id
        if networks is not UNSET:
            field_dict["networks"] = networks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.network_in import NetworkIn
        from ..models.standard_in import StandardIn

        d = dict(src_dict)
        balancing = NewSchemeBalancing(d.pop("balancing"))

        commissioner_ods = d.pop("commissioner_ods")

        kind = NewSchemeKind(d.pop("kind"))

        name = d.pop("name")

        per_head_pence = d.pop("per_head_pence")

        release = NewSchemeRelease(d.pop("release"))

        standards = []
        _standards = d.pop("standards")
        for standards_item_data in _standards:
            standards_item = StandardIn.from_dict(standards_item_data)

            standards.append(standards_item)

        def _parse_upfront_percent(data: object) -> float | str:
            return cast(float | str, data)

        upfront_percent = _parse_upfront_percent(d.pop("upfront_percent"))

        year = d.pop("year")

        def _parse_decision_committee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_committee_id = _parse_decision_committee_id(
            d.pop("decision_committee_id", UNSET)
        )

        _networks = d.pop("networks", UNSET)
        networks: list[NetworkIn] | Unset = UNSET
        if _networks is not UNSET:
            networks = []
            for networks_item_data in _networks:
                networks_item = NetworkIn.from_dict(networks_item_data)

                networks.append(networks_item)

        new_scheme = cls(
            balancing=balancing,
            commissioner_ods=commissioner_ods,
            kind=kind,
            name=name,
            per_head_pence=per_head_pence,
            release=release,
            standards=standards,
            upfront_percent=upfront_percent,
            year=year,
            decision_committee_id=decision_committee_id,
            networks=networks,
        )

        return new_scheme
