from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.delivery_in import DeliveryIn


T = TypeVar("T", bound="NewResults")


@_attrs_define
class NewResults:
    """
    Attributes:
        practice_ods (str):
        standards (list[DeliveryIn]):
        reason (None | str | Unset): Required for a correction
    """

    practice_ods: str
    standards: list[DeliveryIn]
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        practice_ods = self.practice_ods

        standards = []
        for standards_item_data in self.standards:
            standards_item = standards_item_data.to_dict()
            standards.append(standards_item)

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "practice_ods": practice_ods,
                "standards": standards,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.delivery_in import DeliveryIn

        d = dict(src_dict)
        practice_ods = d.pop("practice_ods")

        standards = []
        _standards = d.pop("standards")
        for standards_item_data in _standards:
            standards_item = DeliveryIn.from_dict(standards_item_data)

            standards.append(standards_item)

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        new_results = cls(
            practice_ods=practice_ods,
            standards=standards,
            reason=reason,
        )

        return new_results
