from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_line import DistributionLine


T = TypeVar("T", bound="DistributionCompleted")


@_attrs_define
class DistributionCompleted:
    """
    Attributes:
        contract_id (str):
        costs_pence (int):
        federation_ods (str):
        income_pence (int):
        lines (list[DistributionLine]):
        period (str):
        remainder_pence (int):
        retained_pence (int):
        transaction_id (str):
        note (None | str | Unset):
        revision (int | Unset):  Default: 1.
    """

    contract_id: str
    costs_pence: int
    federation_ods: str
    income_pence: int
    lines: list[DistributionLine]
    period: str
    remainder_pence: int
    retained_pence: int
    transaction_id: str
    note: None | str | Unset = UNSET
    revision: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        costs_pence = self.costs_pence

        federation_ods = self.federation_ods

        income_pence = self.income_pence

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        period = self.period

        remainder_pence = self.remainder_pence

        retained_pence = self.retained_pence

        transaction_id = self.transaction_id

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        revision = self.revision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "costs_pence": costs_pence,
                "federation_ods": federation_ods,
                "income_pence": income_pence,
                "lines": lines,
                "period": period,
                "remainder_pence": remainder_pence,
                "retained_pence": retained_pence,
                "transaction_id": transaction_id,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if revision is not UNSET:
            field_dict["revision"] = revision

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_line import DistributionLine

        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        costs_pence = d.pop("costs_pence")

        federation_ods = d.pop("federation_ods")

        income_pence = d.pop("income_pence")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = DistributionLine.from_dict(lines_item_data)

            lines.append(lines_item)

        period = d.pop("period")

        remainder_pence = d.pop("remainder_pence")

        retained_pence = d.pop("retained_pence")

        transaction_id = d.pop("transaction_id")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        revision = d.pop("revision", UNSET)

        distribution_completed = cls(
            contract_id=contract_id,
            costs_pence=costs_pence,
            federation_ods=federation_ods,
            income_pence=income_pence,
            lines=lines,
            period=period,
            remainder_pence=remainder_pence,
            retained_pence=retained_pence,
            transaction_id=transaction_id,
            note=note,
            revision=revision,
        )

        distribution_completed.additional_properties = d
        return distribution_completed

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
