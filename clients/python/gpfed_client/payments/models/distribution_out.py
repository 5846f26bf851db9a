from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.distribution_out_status import DistributionOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_line import DistributionLine
    from ..models.distribution_revision_out import DistributionRevisionOut


T = TypeVar("T", bound="DistributionOut")


@_attrs_define
class DistributionOut:
    """
    Attributes:
        contract_id (str):
        period (str):
        status (DistributionOutStatus):
        costs_pence (int | None | Unset):
        history (list[DistributionRevisionOut] | Unset): The earlier revisions of a restated period, newest first; the
            figures above are the latest, and what the period comes to
        income_pence (int | None | Unset):
        lines (list[DistributionLine] | Unset):
        note (None | str | Unset):
        remainder_pence (int | None | Unset):
        retained_pence (int | None | Unset):
        revision (int | None | Unset):
        transaction_id (None | str | Unset):
    """

    contract_id: str
    period: str
    status: DistributionOutStatus
    costs_pence: int | None | Unset = UNSET
    history: list[DistributionRevisionOut] | Unset = UNSET
    income_pence: int | None | Unset = UNSET
    lines: list[DistributionLine] | Unset = UNSET
    note: None | str | Unset = UNSET
    remainder_pence: int | None | Unset = UNSET
    retained_pence: int | None | Unset = UNSET
    revision: int | None | Unset = UNSET
    transaction_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        period = self.period

        status = self.status.value

        costs_pence: int | None | Unset
        if isinstance(self.costs_pence, Unset):
            costs_pence = UNSET
        else:
            costs_pence = self.costs_pence

        history: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.history, Unset):
            history = []
            for history_item_data in self.history:
                history_item = history_item_data.to_dict()
                history.append(history_item)

        income_pence: int | None | Unset
        if isinstance(self.income_pence, Unset):
            income_pence = UNSET
        else:
            income_pence = self.income_pence

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

        remainder_pence: int | None | Unset
        if isinstance(self.remainder_pence, Unset):
            remainder_pence = UNSET
        else:
            remainder_pence = self.remainder_pence

        retained_pence: int | None | Unset
        if isinstance(self.retained_pence, Unset):
            retained_pence = UNSET
        else:
            retained_pence = self.retained_pence

        revision: int | None | Unset
        if isinstance(self.revision, Unset):
            revision = UNSET
        else:
            revision = self.revision

        transaction_id: None | str | Unset
        if isinstance(self.transaction_id, Unset):
            transaction_id = UNSET
        else:
            transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "period": period,
                "status": status,
            }
        )
        if costs_pence is not UNSET:
            field_dict["costs_pence"] = costs_pence
        if history is not UNSET:
            field_dict["history"] = history
        if income_pence is not UNSET:
            field_dict["income_pence"] = income_pence
        if lines is not UNSET:
            field_dict["lines"] = lines
        if note is not UNSET:
            field_dict["note"] = note
        if remainder_pence is not UNSET:
            field_dict["remainder_pence"] = remainder_pence
        if retained_pence is not UNSET:
            field_dict["retained_pence"] = retained_pence
        if revision is not UNSET:
            field_dict["revision"] = revision
        if transaction_id is not UNSET:
            field_dict["transaction_id"] = transaction_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_line import DistributionLine
        from ..models.distribution_revision_out import DistributionRevisionOut

        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        period = d.pop("period")

        status = DistributionOutStatus(d.pop("status"))

        def _parse_costs_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        costs_pence = _parse_costs_pence(d.pop("costs_pence", UNSET))

        _history = d.pop("history", UNSET)
        history: list[DistributionRevisionOut] | Unset = UNSET
        if _history is not UNSET:
            history = []
            for history_item_data in _history:
                history_item = DistributionRevisionOut.from_dict(history_item_data)

                history.append(history_item)

        def _parse_income_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        income_pence = _parse_income_pence(d.pop("income_pence", UNSET))

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

        def _parse_remainder_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        remainder_pence = _parse_remainder_pence(d.pop("remainder_pence", UNSET))

        def _parse_retained_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        retained_pence = _parse_retained_pence(d.pop("retained_pence", UNSET))

        def _parse_revision(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        revision = _parse_revision(d.pop("revision", UNSET))

        def _parse_transaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transaction_id = _parse_transaction_id(d.pop("transaction_id", UNSET))

        distribution_out = cls(
            contract_id=contract_id,
            period=period,
            status=status,
            costs_pence=costs_pence,
            history=history,
            income_pence=income_pence,
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
