from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.statement_line import StatementLine


T = TypeVar("T", bound="StatementOut")


@_attrs_define
class StatementOut:
    """
    Attributes:
        commissioner_ods (str):
        contract_id (str):
        costs_pence (int):
        federation_ods (str):
        income_pence (int):
        items (list[StatementLine]):
        loss_making (bool): The hub has lost money over the periods paid so far
        loss_making_periods (list[str]):
        profit_pence (int):
        next_cursor (None | str | Unset):
    """

    commissioner_ods: str
    contract_id: str
    costs_pence: int
    federation_ods: str
    income_pence: int
    items: list[StatementLine]
    loss_making: bool
    loss_making_periods: list[str]
    profit_pence: int
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commissioner_ods = self.commissioner_ods

        contract_id = self.contract_id

        costs_pence = self.costs_pence

        federation_ods = self.federation_ods

        income_pence = self.income_pence

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        loss_making = self.loss_making

        loss_making_periods = self.loss_making_periods

        profit_pence = self.profit_pence

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "contract_id": contract_id,
                "costs_pence": costs_pence,
                "federation_ods": federation_ods,
                "income_pence": income_pence,
                "items": items,
                "loss_making": loss_making,
                "loss_making_periods": loss_making_periods,
                "profit_pence": profit_pence,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.statement_line import StatementLine

        d = dict(src_dict)
        commissioner_ods = d.pop("commissioner_ods")

        contract_id = d.pop("contract_id")

        costs_pence = d.pop("costs_pence")

        federation_ods = d.pop("federation_ods")

        income_pence = d.pop("income_pence")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = StatementLine.from_dict(items_item_data)

            items.append(items_item)

        loss_making = d.pop("loss_making")

        loss_making_periods = cast(list[str], d.pop("loss_making_periods"))

        profit_pence = d.pop("profit_pence")

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        statement_out = cls(
            commissioner_ods=commissioner_ods,
            contract_id=contract_id,
            costs_pence=costs_pence,
            federation_ods=federation_ods,
            income_pence=income_pence,
            items=items,
            loss_making=loss_making,
            loss_making_periods=loss_making_periods,
            profit_pence=profit_pence,
            next_cursor=next_cursor,
        )

        statement_out.additional_properties = d
        return statement_out

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
