from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.standard_delivery import StandardDelivery


T = TypeVar("T", bound="SchemeResults")


@_attrs_define
class SchemeResults:
    """A practice's delivery of each standard for the year: the latest version recorded.

    Attributes:
        practice_ods (str):
        standards (list[StandardDelivery]):
        version (int):
        reason (None | str | Unset):
    """

    practice_ods: str
    standards: list[StandardDelivery]
    version: int
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        practice_ods = self.practice_ods

        standards = []
        for standards_item_data in self.standards:
            standards_item = standards_item_data.to_dict()
            standards.append(standards_item)

        version = self.version

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "practice_ods": practice_ods,
                "standards": standards,
                "version": version,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.standard_delivery import StandardDelivery

        d = dict(src_dict)
        practice_ods = d.pop("practice_ods")

        standards = []
        _standards = d.pop("standards")
        for standards_item_data in _standards:
            standards_item = StandardDelivery.from_dict(standards_item_data)

            standards.append(standards_item)

        version = d.pop("version")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        scheme_results = cls(
            practice_ods=practice_ods,
            standards=standards,
            version=version,
            reason=reason,
        )

        scheme_results.additional_properties = d
        return scheme_results

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
