from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewKpiResult")


@_attrs_define
class NewKpiResult:
    """
    Attributes:
        achievement_percent (float | str):
        evidence (str):
        quarter (str): A calendar quarter (Q1 is January to March); for a year-end true-up, the quarter ending 31 March,
            which closes the financial year
    """

    achievement_percent: float | str
    evidence: str
    quarter: str

    def to_dict(self) -> dict[str, Any]:
        achievement_percent: float | str
        achievement_percent = self.achievement_percent

        evidence = self.evidence

        quarter = self.quarter

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "achievement_percent": achievement_percent,
                "evidence": evidence,
                "quarter": quarter,
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

        quarter = d.pop("quarter")

        new_kpi_result = cls(
            achievement_percent=achievement_percent,
            evidence=evidence,
            quarter=quarter,
        )

        return new_kpi_result
