from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewKpiCorrection")


@_attrs_define
class NewKpiCorrection:
    """
    Attributes:
        achievement_percent (float | str):
        evidence (str):
        reason (str):
    """

    achievement_percent: float | str
    evidence: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        achievement_percent: float | str
        achievement_percent = self.achievement_percent

        evidence = self.evidence

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "achievement_percent": achievement_percent,
                "evidence": evidence,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_achievement_percent(data: object) -> float | str:
            return cast(float | str, data)

        achievement_percent = _parse_achievement_percent(d.pop("achievement_percent"))

        evidence = d.pop("evidence")

        reason = d.pop("reason")

        new_kpi_correction = cls(
            achievement_percent=achievement_percent,
            evidence=evidence,
            reason=reason,
        )

        return new_kpi_correction
