from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.distribution_out_lines_item import DistributionOutLinesItem


T = TypeVar("T", bound="DistributionOut")


@_attrs_define
class DistributionOut:
    """
    Attributes:
        costs_pence (int):
        income_pence (int):
        latest (bool): Whether this revision is the one that stands
        lines (list[DistributionOutLinesItem]):
        note (None | str):
        remainder_pence (int):
        retained_pence (int):
        revision (int): The activity revision distributed (1 = the first close)
        transaction_id (None | str): The ledger transaction; none for a distribution with nothing to move
    """

    costs_pence: int
    income_pence: int
    latest: bool
    lines: list[DistributionOutLinesItem]
    note: None | str
    remainder_pence: int
    retained_pence: int
    revision: int
    transaction_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        costs_pence = self.costs_pence

        income_pence = self.income_pence

        latest = self.latest

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        note: None | str
        note = self.note

        remainder_pence = self.remainder_pence

        retained_pence = self.retained_pence

        revision = self.revision

        transaction_id: None | str
        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "costs_pence": costs_pence,
                "income_pence": income_pence,
                "latest": latest,
                "lines": lines,
                "note": note,
                "remainder_pence": remainder_pence,
                "retained_pence": retained_pence,
                "revision": revision,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_out_lines_item import DistributionOutLinesItem

        d = dict(src_dict)
        costs_pence = d.pop("costs_pence")

        income_pence = d.pop("income_pence")

        latest = d.pop("latest")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = DistributionOutLinesItem.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        remainder_pence = d.pop("remainder_pence")

        retained_pence = d.pop("retained_pence")

        revision = d.pop("revision")

        def _parse_transaction_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transaction_id = _parse_transaction_id(d.pop("transaction_id"))

        distribution_out = cls(
            costs_pence=costs_pence,
            income_pence=income_pence,
            latest=latest,
            lines=lines,
            note=note,
            remainder_pence=remainder_pence,
            retained_pence=retained_pence,
            revision=revision,
            transaction_id=transaction_id,
        )

        distribution_out.additional_properties = d
        return distribution_out

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
