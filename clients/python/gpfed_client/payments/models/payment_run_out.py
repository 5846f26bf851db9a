from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PaymentRunOut")


@_attrs_define
class PaymentRunOut:
    """
    Attributes:
        commissioner_ods (None | str):
        created_at (datetime.datetime):
        paid_pence (int):
        payments (int):
        period (str):
        requested_by (str):
        run_id (str):
    """

    commissioner_ods: None | str
    created_at: datetime.datetime
    paid_pence: int
    payments: int
    period: str
    requested_by: str
    run_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commissioner_ods: None | str
        commissioner_ods = self.commissioner_ods

        created_at = self.created_at.isoformat()

        paid_pence = self.paid_pence

        payments = self.payments

        period = self.period

        requested_by = self.requested_by

        run_id = self.run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commissioner_ods": commissioner_ods,
                "created_at": created_at,
                "paid_pence": paid_pence,
                "payments": payments,
                "period": period,
                "requested_by": requested_by,
                "run_id": run_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_commissioner_ods(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        commissioner_ods = _parse_commissioner_ods(d.pop("commissioner_ods"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        paid_pence = d.pop("paid_pence")

        payments = d.pop("payments")

        period = d.pop("period")

        requested_by = d.pop("requested_by")

        run_id = d.pop("run_id")

        payment_run_out = cls(
            commissioner_ods=commissioner_ods,
            created_at=created_at,
            paid_pence=paid_pence,
            payments=payments,
            period=period,
            requested_by=requested_by,
            run_id=run_id,
        )

        payment_run_out.additional_properties = d
        return payment_run_out

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
