from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExpectedOut")


@_attrs_define
class ExpectedOut:
    """A payment expected by the organisation (services/payments/README.md, "Expected payments
    and when they are due").

        Attributes:
            amount_pence (int | None):
            basis (str):
            commissioner_ods (str):
            contract_id (str):
            contract_kind (str):
            due_on (datetime.date):
            estimated (bool):
            payer_ods (None | str):
            period (str):
            status (Status):
            paid_on (datetime.date | None | Unset):
            payment_id (None | str | Unset):
            waiting_for (None | str | Unset):
    """

    amount_pence: int | None
    basis: str
    commissioner_ods: str
    contract_id: str
    contract_kind: str
    due_on: datetime.date
    estimated: bool
    payer_ods: None | str
    period: str
    status: Status
    paid_on: datetime.date | None | Unset = UNSET
    payment_id: None | str | Unset = UNSET
    waiting_for: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_pence: int | None
        amount_pence = self.amount_pence

        basis = self.basis

        commissioner_ods = self.commissioner_ods

        contract_id = self.contract_id

        contract_kind = self.contract_kind

        due_on = self.due_on.isoformat()

        estimated = self.estimated

        payer_ods: None | str
        payer_ods = self.payer_ods

        period = self.period

        status = self.status.value

        paid_on: None | str | Unset
        if isinstance(self.paid_on, Unset):
            paid_on = UNSET
        elif isinstance(self.paid_on, datetime.date):
            paid_on = self.paid_on.isoformat()
        else:
            paid_on = self.paid_on

        payment_id: None | str | Unset
        if isinstance(self.payment_id, Unset):
            payment_id = UNSET
        else:
            payment_id = self.payment_id

        waiting_for: None | str | Unset
        if isinstance(self.waiting_for, Unset):
            waiting_for = UNSET
        else:
            waiting_for = self.waiting_for

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_pence": amount_pence,
                "basis": basis,
                "commissioner_ods": commissioner_ods,
                "contract_id": contract_id,
                "contract_kind": contract_kind,
                "due_on": due_on,
                "estimated": estimated,
                "payer_ods": payer_ods,
                "period": period,
                "status": status,
            }
        )
        if paid_on is not UNSET:
            field_dict["paid_on"] = paid_on
        if payment_id is not UNSET:
            field_dict["payment_id"] = payment_id
        if waiting_for is not UNSET:
            field_dict["waiting_for"] = waiting_for

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_amount_pence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        amount_pence = _parse_amount_pence(d.pop("amount_pence"))

        basis = d.pop("basis")

        commissioner_ods = d.pop("commissioner_ods")

        contract_id = d.pop("contract_id")

        contract_kind = d.pop("contract_kind")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        estimated = d.pop("estimated")

        def _parse_payer_ods(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payer_ods = _parse_payer_ods(d.pop("payer_ods"))

        period = d.pop("period")

        status = Status(d.pop("status"))

        def _parse_paid_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_on_type_0 = datetime.date.fromisoformat(data)

                return paid_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        paid_on = _parse_paid_on(d.pop("paid_on", UNSET))

        def _parse_payment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_id = _parse_payment_id(d.pop("payment_id", UNSET))

        def _parse_waiting_for(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        waiting_for = _parse_waiting_for(d.pop("waiting_for", UNSET))

        expected_out = cls(
            amount_pence=amount_pence,
            basis=basis,
            commissioner_ods=commissioner_ods,
            contract_id=contract_id,
            contract_kind=contract_kind,
            due_on=due_on,
            estimated=estimated,
            payer_ods=payer_ods,
            period=period,
            status=status,
            paid_on=paid_on,
            payment_id=payment_id,
            waiting_for=waiting_for,
        )

        expected_out.additional_properties = d
        return expected_out

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
