from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.affected_out import AffectedOut
    from ..models.conflict_out import ConflictOut
    from ..models.warning_out import WarningOut


T = TypeVar("T", bound="ScreeningOut")


@_attrs_define
class ScreeningOut:
    """
    Attributes:
        acting_chair_id (None | str):
        affected (list[AffectedOut]):
        affected_ods (list[str]):
        chair_must_hand_over (bool):
        clinician_remains (bool):
        committee_id (str):
        conflicts (list[ConflictOut]):
        item_id (str):
        on (datetime.date):
        present (list[str]): who the screening takes to be in the room
        quorate (bool):
        quorum_shortfalls (list[str]):
        warnings (list[WarningOut]):
    """

    acting_chair_id: None | str
    affected: list[AffectedOut]
    affected_ods: list[str]
    chair_must_hand_over: bool
    clinician_remains: bool
    committee_id: str
    conflicts: list[ConflictOut]
    item_id: str
    on: datetime.date
    present: list[str]
    quorate: bool
    quorum_shortfalls: list[str]
    warnings: list[WarningOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acting_chair_id: None | str
        acting_chair_id = self.acting_chair_id

        affected = []
        for affected_item_data in self.affected:
            affected_item = affected_item_data.to_dict()
            affected.append(affected_item)

        affected_ods = self.affected_ods

        chair_must_hand_over = self.chair_must_hand_over

        clinician_remains = self.clinician_remains

        committee_id = self.committee_id

        conflicts = []
        for conflicts_item_data in self.conflicts:
            conflicts_item = conflicts_item_data.to_dict()
            conflicts.append(conflicts_item)

        item_id = self.item_id

        on = self.on.isoformat()

        present = self.present

        quorate = self.quorate

        quorum_shortfalls = self.quorum_shortfalls

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acting_chair_id": acting_chair_id,
                "affected": affected,
                "affected_ods": affected_ods,
                "chair_must_hand_over": chair_must_hand_over,
                "clinician_remains": clinician_remains,
                "committee_id": committee_id,
                "conflicts": conflicts,
                "item_id": item_id,
                "on": on,
                "present": present,
                "quorate": quorate,
                "quorum_shortfalls": quorum_shortfalls,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.affected_out import AffectedOut
        from ..models.conflict_out import ConflictOut
        from ..models.warning_out import WarningOut

        d = dict(src_dict)

        def _parse_acting_chair_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        acting_chair_id = _parse_acting_chair_id(d.pop("acting_chair_id"))

        affected = []
        _affected = d.pop("affected")
        for affected_item_data in _affected:
            affected_item = AffectedOut.from_dict(affected_item_data)

            affected.append(affected_item)

        affected_ods = cast(list[str], d.pop("affected_ods"))

        chair_must_hand_over = d.pop("chair_must_hand_over")

        clinician_remains = d.pop("clinician_remains")

        committee_id = d.pop("committee_id")

        conflicts = []
        _conflicts = d.pop("conflicts")
        for conflicts_item_data in _conflicts:
            conflicts_item = ConflictOut.from_dict(conflicts_item_data)

            conflicts.append(conflicts_item)

        item_id = d.pop("item_id")

        on = datetime.date.fromisoformat(d.pop("on"))

        present = cast(list[str], d.pop("present"))

        quorate = d.pop("quorate")

        quorum_shortfalls = cast(list[str], d.pop("quorum_shortfalls"))

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = WarningOut.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        screening_out = cls(
            acting_chair_id=acting_chair_id,
            affected=affected,
            affected_ods=affected_ods,
            chair_must_hand_over=chair_must_hand_over,
            clinician_remains=clinician_remains,
            committee_id=committee_id,
            conflicts=conflicts,
            item_id=item_id,
            on=on,
            present=present,
            quorate=quorate,
            quorum_shortfalls=quorum_shortfalls,
            warnings=warnings,
        )

        screening_out.additional_properties = d
        return screening_out

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
