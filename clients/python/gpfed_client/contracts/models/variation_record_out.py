from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.variation_record_out_fields_item import VariationRecordOutFieldsItem

if TYPE_CHECKING:
    from ..models.changes_out import ChangesOut


T = TypeVar("T", bound="VariationRecordOut")


@_attrs_define
class VariationRecordOut:
    """A variation as it was asked for.

    Attributes:
        changes (ChangesOut):
        effective_from (datetime.date):
        fields (list[VariationRecordOutFieldsItem]): The fields it changed (`end_date` may be null)
        history_revision (int): The contract's history revision it made
        number (int): 1 for the first variation, in the order recorded
        reason (str):
        recorded_at (datetime.datetime):
    """

    changes: ChangesOut
    effective_from: datetime.date
    fields: list[VariationRecordOutFieldsItem]
    history_revision: int
    number: int
    reason: str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changes = self.changes.to_dict()

        effective_from = self.effective_from.isoformat()

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.value
            fields.append(fields_item)

        history_revision = self.history_revision

        number = self.number

        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "effective_from": effective_from,
                "fields": fields,
                "history_revision": history_revision,
                "number": number,
                "reason": reason,
                "recorded_at": recorded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.changes_out import ChangesOut

        d = dict(src_dict)
        changes = ChangesOut.from_dict(d.pop("changes"))

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = VariationRecordOutFieldsItem(fields_item_data)

            fields.append(fields_item)

        history_revision = d.pop("history_revision")

        number = d.pop("number")

        reason = d.pop("reason")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        variation_record_out = cls(
            changes=changes,
            effective_from=effective_from,
            fields=fields,
            history_revision=history_revision,
            number=number,
            reason=reason,
            recorded_at=recorded_at,
        )

        variation_record_out.additional_properties = d
        return variation_record_out

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
