from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatementLine")


@_attrs_define
class StatementLine:
    """
    Attributes:
        costs_pence (int):
        distributed_pence (int): The remainder shared among the practices
        income_pence (int):
        loss_making (bool):
        period (str):
        profit_pence (int): income - costs; negative is a loss
        retained_pence (int):
        revision (int): The distribution revision the figures come from
        revisions (list[int]): Every revision distributed for the period; only the latest counts
    """

    costs_pence: int
    distributed_pence: int
    income_pence: int
    loss_making: bool
    period: str
    profit_pence: int
    retained_pence: int
    revision: int
    revisions: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        costs_pence = self.costs_pence

        distributed_pence = self.distributed_pence

        income_pence = self.income_pence

        loss_making = self.loss_making

        period = self.period

        profit_pence = self.profit_pence

        retained_pence = self.retained_pence

        revision = self.revision

        revisions = self.revisions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "costs_pence": costs_pence,
                "distributed_pence": distributed_pence,
                "income_pence": income_pence,
                "loss_making": loss_making,
                "period": period,
                "profit_pence": profit_pence,
                "retained_pence": retained_pence,
                "revision": revision,
                "revisions": revisions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        costs_pence = d.pop("costs_pence")

        distributed_pence = d.pop("distributed_pence")

        income_pence = d.pop("income_pence")

        loss_making = d.pop("loss_making")

        period = d.pop("period")

        profit_pence = d.pop("profit_pence")

        retained_pence = d.pop("retained_pence")

        revision = d.pop("revision")

        revisions = cast(list[int], d.pop("revisions"))

        statement_line = cls(
            costs_pence=costs_pence,
            distributed_pence=distributed_pence,
            income_pence=income_pence,
            loss_making=loss_making,
            period=period,
            profit_pence=profit_pence,
            retained_pence=retained_pence,
            revision=revision,
            revisions=revisions,
        )

        statement_line.additional_properties = d
        return statement_line

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
