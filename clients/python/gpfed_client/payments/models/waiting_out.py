from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.waiting_reason import WaitingReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="WaitingOut")


@_attrs_define
class WaitingOut:
    """
    Attributes:
        contract_id (str):
        detail (str):
        reason (WaitingReason): Why something due in a period cannot be paid yet; a later run pays it.
        period (None | str | Unset):
    """

    contract_id: str
    detail: str
    reason: WaitingReason
    period: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        detail = self.detail

        reason = self.reason.value

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        else:
            period = self.period

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "detail": detail,
                "reason": reason,
            }
        )
        if period is not UNSET:
            field_dict["period"] = period

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        detail = d.pop("detail")

        reason = WaitingReason(d.pop("reason"))

        def _parse_period(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

        waiting_out = cls(
            contract_id=contract_id,
            detail=detail,
            reason=reason,
            period=period,
        )

        waiting_out.additional_properties = d
        return waiting_out

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
