from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentPosted")


@_attrs_define
class PaymentPosted:
    """
    Attributes:
        amount_pence (int):
        basis (str):
        contract_id (str):
        payee_ods (str):
        payer_ods (str):
        period (str):
        transaction_id (str):
        double_funding_contract_ids (list[str] | Unset):
        recovery (bool | Unset):  Default: False.
    """

    amount_pence: int
    basis: str
    contract_id: str
    payee_ods: str
    payer_ods: str
    period: str
    transaction_id: str
    double_funding_contract_ids: list[str] | Unset = UNSET
    recovery: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_pence = self.amount_pence

        basis = self.basis

        contract_id = self.contract_id

        payee_ods = self.payee_ods

        payer_ods = self.payer_ods

        period = self.period

        transaction_id = self.transaction_id

        double_funding_contract_ids: list[str] | Unset = UNSET
        if not isinstance(self.double_funding_contract_ids, Unset):
            double_funding_contract_ids = self.double_funding_contract_ids

        recovery = self.recovery

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_pence": amount_pence,
                "basis": basis,
                "contract_id": contract_id,
                "payee_ods": payee_ods,
                "payer_ods": payer_ods,
                "period": period,
                "transaction_id": transaction_id,
            }
        )
        if double_funding_contract_ids is not UNSET:
            field_dict["double_funding_contract_ids"] = double_funding_contract_ids
        if recovery is not UNSET:
            field_dict["recovery"] = recovery

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_pence = d.pop("amount_pence")

        basis = d.pop("basis")

        contract_id = d.pop("contract_id")

        payee_ods = d.pop("payee_ods")

        payer_ods = d.pop("payer_ods")

        period = d.pop("period")

        transaction_id = d.pop("transaction_id")

        double_funding_contract_ids = cast(
            list[str], d.pop("double_funding_contract_ids", UNSET)
        )

        recovery = d.pop("recovery", UNSET)

        payment_posted = cls(
            amount_pence=amount_pence,
            basis=basis,
            contract_id=contract_id,
            payee_ods=payee_ods,
            payer_ods=payer_ods,
            period=period,
            transaction_id=transaction_id,
            double_funding_contract_ids=double_funding_contract_ids,
            recovery=recovery,
        )

        payment_posted.additional_properties = d
        return payment_posted

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
