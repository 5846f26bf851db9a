from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConsultationBatch")


@_attrs_define
class ConsultationBatch:
    """
    Attributes:
        consultations (list[Any]): Up to GPFED_MAX_CONSULTATION_BATCH records shaped like the examples: a hub
            consultation (contract_id, kind) or an item-of-service claim (service_code)
    """

    consultations: list[Any]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consultations = self.consultations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consultations": consultations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        consultations = cast(list[Any], d.pop("consultations"))

        consultation_batch = cls(
            consultations=consultations,
        )

        consultation_batch.additional_properties = d
        return consultation_batch

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
