from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scheme_out_balancing import SchemeOutBalancing
from ..models.scheme_out_kind import SchemeOutKind
from ..models.scheme_out_release import SchemeOutRelease
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scheme_enrolment import SchemeEnrolment
    from ..models.scheme_network import SchemeNetwork
    from ..models.scheme_results import SchemeResults
    from ..models.scheme_standard import SchemeStandard


T = TypeVar("T", bound="SchemeOut")


@_attrs_define
class SchemeOut:
    """
    Attributes:
        balancing (SchemeOutBalancing):
        commissioner_ods (str):
        enrolments (list[SchemeEnrolment]):
        kind (SchemeOutKind):
        name (str):
        networks (list[SchemeNetwork]):
        per_head_pence (int):
        release (SchemeOutRelease):
        result_versions (list[SchemeResults]):
        results (list[SchemeResults]):
        revision (int):
        scheme_id (str):
        standards (list[SchemeStandard]):
        upfront_percent (str):
        year (str):
        year_end (datetime.date):
        year_start (datetime.date):
        created_at (datetime.datetime | None | Unset):
        decision_committee_id (None | str | Unset):
    """

    balancing: SchemeOutBalancing
    commissioner_ods: str
    enrolments: list[SchemeEnrolment]
    kind: SchemeOutKind
    name: str
    networks: list[SchemeNetwork]
    per_head_pence: int
    release: SchemeOutRelease
    result_versions: list[SchemeResults]
    results: list[SchemeResults]
    revision: int
    scheme_id: str
    standards: list[SchemeStandard]
    upfront_percent: str
    year: str
    year_end: datetime.date
    year_start: datetime.date
    created_at: datetime.datetime | None | Unset = UNSET
    decision_committee_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balancing = self.balancing.value

        commissioner_ods = self.commissioner_ods

        enrolments = []
        for enrolments_item_data in self.enrolments:
            enrolments_item = enrolments_item_data.to_dict()
            enrolments.append(enrolments_item)

        kind = self.kind.value

        name = self.name

        networks = []
        for networks_item_data in self.networks:
            networks_item = networks_item_data.to_dict()
            networks.append(networks_item)

        per_head_pence = self.per_head_pence

        release = self.release.value

        result_versions = []
        for result_versions_item_data in self.result_versions:
            result_versions_item = result_versions_item_data.to_dict()
            result_versions.append(result_versions_item)

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        revision = self.revision

        scheme_id = self.scheme_id

        standards = []
        for standards_item_data in self.standards:
            standards_item = standards_item_data.to_dict()
            standards.append(standards_item)

        upfront_percent = self.upfront_percent

        year = self.year

        year_end = self.year_end.isoformat()

        year_start = self.year_start.isoformat()

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        decision_committee_id: None | str | Unset
        if isinstance(self.decision_committee_id, Unset):
            decision_committee_id = UNSET
        else:
            decision_committee_id = self.decision_committee_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "balancing": balancing,
                "commissioner_ods": commissioner_ods,
                "enrolments": enrolments,
                "kind": kind,
                "name": name,
                "networks": networks,
                "per_head_pence": per_head_pence,
                "release": release,
                "result_versions": result_versions,
                "results": results,
                "revision": revision,
                "scheme_id": scheme_id,
                "standards": standards,
                "upfront_percent": upfront_percent,
                "year": year,
                "year_end": year_end,
                "year_start": year_start,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if decision_committee_id is not UNSET:
            field_dict["decision_committee_id"] = decision_committee_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scheme_enrolment import SchemeEnrolment
        from ..models.scheme_network import SchemeNetwork
        from ..models.scheme_results import SchemeResults
        from ..models.scheme_standard import SchemeStandard

        d = dict(src_dict)
        balancing = SchemeOutBalancing(d.pop("balancing"))

        commissioner_ods = d.pop("commissioner_ods")

        enrolments = []
        _enrolments = d.pop("enrolments")
        for enrolments_item_data in _enrolments:
            enrolments_item = SchemeEnrolment.from_dict(enrolments_item_data)

            enrolments.append(enrolments_item)

        kind = SchemeOutKind(d.pop("kind"))

        name = d.pop("name")

        networks = []
        _networks = d.pop("networks")
        for networks_item_data in _networks:
            networks_item = SchemeNetwork.from_dict(networks_item_data)

            networks.append(networks_item)

        per_head_pence = d.pop("per_head_pence")

        release = SchemeOutRelease(d.pop("release"))

        result_versions = []
        _result_versions = d.pop("result_versions")
        for result_versions_item_data in _result_versions:
            result_versions_item = SchemeResults.from_dict(result_versions_item_data)

            result_versions.append(result_versions_item)

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = SchemeResults.from_dict(results_item_data)

            results.append(results_item)

        revision = d.pop("revision")

        scheme_id = d.pop("scheme_id")

        standards = []
        _standards = d.pop("standards")
        for standards_item_data in _standards:
            standards_item = SchemeStandard.from_dict(standards_item_data)

            standards.append(standards_item)

        upfront_percent = d.pop("upfront_percent")

        year = d.pop("year")

        year_end = datetime.date.fromisoformat(d.pop("year_end"))

        year_start = datetime.date.fromisoformat(d.pop("year_start"))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_decision_committee_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_committee_id = _parse_decision_committee_id(
            d.pop("decision_committee_id", UNSET)
        )

        scheme_out = cls(
            balancing=balancing,
            commissioner_ods=commissioner_ods,
            enrolments=enrolments,
            kind=kind,
            name=name,
            networks=networks,
            per_head_pence=per_head_pence,
            release=release,
            result_versions=result_versions,
            results=results,
            revision=revision,
            scheme_id=scheme_id,
            standards=standards,
            upfront_percent=upfront_percent,
            year=year,
            year_end=year_end,
            year_start=year_start,
            created_at=created_at,
            decision_committee_id=decision_committee_id,
        )

        scheme_out.additional_properties = d
        return scheme_out

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
