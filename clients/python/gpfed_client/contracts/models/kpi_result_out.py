from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="KpiResultOut")


@_attrs_define
class KpiResultOut:
    """
    Attributes:
        achievement_percent (str):
        contract_id (str):
        evidence (str):
        history_revision (int | None):
        quarter (str):
        reason (None | str): Why it was corrected (None for the first)
        recorded_at (datetime.datetime):
        terms_version (int): The terms version it was measured against, in `history_revision`'s history
        version (int): 1 for the first result; each correction adds one
    """

    achievement_percent: str
    contract_id: str
    evidence: str
    history_revision: int | None
    quarter: str
    reason: None | str
    recorded_at: datetime.datetime
    terms_version: int
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        achievement_percent = self.achievement_percent

        contract_id = self.contract_id

        evidence = self.evidence

        history_revision: int | None
        history_revision = self.history_revision

        quarter = self.quarter

        reason: None | str
        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        terms_version = self.terms_version

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "achievement_percent": achievement_percent,
                "contract_id": contract_id,
                "evidence": evidence,
                "history_revision": history_revision,
                "quarter": quarter,
                "reason": reason,
                "recorded_at": recorded_at,
                "terms_version": terms_version,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        achievement_percent = d.pop("achievement_percent")

        contract_id = d.pop("contract_id")

        evidence = d.pop("evidence")

        def _parse_history_revision(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        history_revision = _parse_history_revision(d.pop("history_revision"))

        quarter = d.pop("quarter")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        terms_version = d.pop("terms_version")

        version = d.pop("version")

        kpi_result_out = cls(
            achievement_percent=achievement_percent,
            contract_id=contract_id,
            evidence=evidence,
            history_revision=history_revision,
            quarter=quarter,
            reason=reason,
            recorded_at=recorded_at,
            terms_version=terms_version,
            version=version,
        )

        kpi_result_out.additional_properties = d
        return kpi_result_out

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
