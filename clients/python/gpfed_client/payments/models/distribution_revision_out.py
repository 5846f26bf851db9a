from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_line import DistributionLine


T = TypeVar("T", bound="DistributionRevisionOut")


@_attrs_define
class DistributionRevisionOut:
    """
    Attributes:
        costs_pence (int):
        created_at (datetime.datetime):
        income_pence (int):
        remainder_pence (int):
        retained_pence (int):
        revision (int):
        lines (list[DistributionLine] | Unset):
        note (None | str | Unset):
        transaction_id (None | str | Unset):
    """

    costs_pence: int
    created_at: datetime.datetime
    income_pence: int
    remainder_pence: int
    retained_pence: int
    revision: int
    lines: list[DistributionLine] | Unset = UNSET
    note: None | str | Unset = UNSET
    transaction_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        costs_pence = self.costs_pence

        created_at = self.created_at.isoformat()

        income_pence = self.income_pence

        remainder_pence = self.remainder_pence

        retained_pence = self.retained_pence

        revision = self.revision

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        transaction_id: None | str | Unset
        if isinstance(self.transaction_id, Unset):
            transaction_id = UNSET
        else:
            transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "costs_pence": costs_pence,
                "created_at": created_at,
                "income_pence": income_pence,
                "remainder_pence": remainder_pence,
                "retained_pence": retained_pence,
                "revision": revision,
            }
        )
        if lines is not UNSET:
            field_dict["lines"] = lines
        if note is not UNSET:
            field_dict["note"] = note
        if transaction_id is not UNSET:
            field_dict["transaction_id"] = transaction_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_line import DistributionLine

        d = dict(src_dict)
        costs_pence = d.pop("costs_pence")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        income_pence = d.pop("income_pence")

        remainder_pence = d.pop("remainder_pence")

        retained_pence = d.pop("retained_pence")

        revision = d.pop("revision")

        _lines = d.pop("lines", UNSET)
        lines: list[DistributionLine] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = DistributionLine.from_dict(lines_item_data)

                lines.append(lines_item)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_transaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transaction_id = _parse_transaction_id(d.pop("transaction_id", UNSET))

        distribution_revision_out = cls(
            costs_pence=costs_pence,
            created_at=created_at,
            income_pence=income_pence,
            remainder_pence=remainder_pence,
            retained_pence=retained_pence,
            revision=revision,
            lines=lines,
            note=note,
            transaction_id=transaction_id,
        )

        distribution_revision_out.additional_properties = d
        return distribution_revision_out

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
