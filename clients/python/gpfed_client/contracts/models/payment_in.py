from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payment_in_basis import PaymentInBasis
from ..models.payment_in_schedule import PaymentInSchedule
from ..models.payment_in_true_up_type_0 import PaymentInTrueUpType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_fee_in import ItemFeeIn
    from ..models.tariff_in import TariffIn


T = TypeVar("T", bound="PaymentIn")


@_attrs_define
class PaymentIn:
    """
    Attributes:
        basis (PaymentInBasis):
        schedule (PaymentInSchedule):
        annual_value_pence (int | None | Unset):
        fees (list[ItemFeeIn] | None | Unset): item_of_service only (DES, LES, LIS): the fee per item for each service
            code
        per_head_pence (int | None | Unset):
        tariff (None | TariffIn | Unset):
        true_up (None | PaymentInTrueUpType0 | Unset): monthly_upfront_true_up only: adjust to the KPI achievement at
            each quarter's end (`quarterly`, the default) or once at the financial year's end, 31 March (`year_end`, on the
            result for the quarter ending 31 March)
        upfront_percent (float | None | str | Unset):
    """

    basis: PaymentInBasis
    schedule: PaymentInSchedule
    annual_value_pence: int | None | Unset = UNSET
    fees: list[ItemFeeIn] | None | Unset = UNSET
    per_head_pence: int | None | Unset = UNSET
    tariff: None | TariffIn | Unset = UNSET
    true_up: None | PaymentInTrueUpType0 | Unset = UNSET
    upfront_percent: float | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tariff_in import TariffIn

        basis = self.basis.value

        schedule = self.schedule.value

        annual_value_pence: int | None | Unset
        if isinstance(self.annual_value_pence, Unset):
            annual_value_pence = UNSET
        else:
            annual_value_pence = self.annual_value_pence

        fees: list[dict[str, Any]] | None | Unset
        if isinstance(self.fees, Unset):
            fees = UNSET
        elif isinstance(self.fees, list):
            fees = []
            for fees_type_0_item_data in self.fees:
                fees_type_0_item = fees_type_0_item_data.to_dict()
                fees.append(fees_type_0_item)

        else:
            fees = self.fees

        per_head_pence: int | None | Unset
        if isinstance(self.per_head_pence, Unset):
            per_head_pence = UNSET
        else:
            per_head_pence = self.per_head_pence

        tariff: dict[str, Any] | None | Unset
        if isinstance(self.tariff, Unset):
            tariff = UNSET
        elif isinstance(self.tariff, TariffIn):
            tariff = self.tariff.to_dict()
        else:
            tariff = self.tariff

        true_up: None | str | Unset
        if isinstance(self.true_up, Unset):
            true_up = UNSET
        elif isinstance(self.true_up, PaymentInTrueUpType0):
            true_up = self.true_up.value
        else:
            true_up = self.true_up

        upfront_percent: float | None | str | Unset
        if isinstance(self.upfront_percent, Unset):
            upfront_percent = UNSET
        else:
            upfront_percent = self.upfront_percent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "basis": basis,
                "schedule": schedule,
            }
        )
        if annual_value_pence is not UNSET:
            field_dict["annual_value_pence"] = annual_value_pence
        if fees is not UNSET:
            field_dict["fees"] = fees
        if per_head_pence is not UNSET:
            field_dict["per_head_pence"] = per_head_pence
        if tariff is not UNSET:
            field_dict["tariff"] = tariff
        if true_up is not UNSET:
            field_dict["true_up"] = true_up
        if upfront_percent is not UNSET:
            field_dict["upfront_percent"] = upfront_percent

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.item_fee_in import ItemFeeIn
        from ..models.tariff_in import TariffIn

        d = dict(src_dict)
        basis = PaymentInBasis(d.pop("basis"))

        schedule = PaymentInSchedule(d.pop("schedule"))

        def _parse_annual_value_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        annual_value_pence = _parse_annual_value_pence(
            d.pop("annual_value_pence", UNSET)
        )

        def _parse_fees(data: object) -> list[ItemFeeIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                fees_type_0 = []
                _fees_type_0 = data
                for fees_type_0_item_data in _fees_type_0:
                    fees_type_0_item = ItemFeeIn.from_dict(fees_type_0_item_data)

                    fees_type_0.append(fees_type_0_item)

                return fees_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemFeeIn] | None | Unset, data)

        fees = _parse_fees(d.pop("fees", UNSET))

        def _parse_per_head_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        per_head_pence = _parse_per_head_pence(d.pop("per_head_pence", UNSET))

        def _parse_tariff(data: object) -> None | TariffIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tariff_type_0 = TariffIn.from_dict(data)

                return tariff_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TariffIn | Unset, data)

        tariff = _parse_tariff(d.pop("tariff", UNSET))

        def _parse_true_up(data: object) -> None | PaymentInTrueUpType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                true_up_type_0 = PaymentInTrueUpType0(data)

                return true_up_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentInTrueUpType0 | Unset, data)

        true_up = _parse_true_up(d.pop("true_up", UNSET))

        def _parse_upfront_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        upfront_percent = _parse_upfront_percent(d.pop("upfront_percent", UNSET))

        payment_in = cls(
            basis=basis,
            schedule=schedule,
            annual_value_pence=annual_value_pence,
            fees=fees,
            per_head_pence=per_head_pence,
            tariff=tariff,
            true_up=true_up,
            upfront_percent=upfront_percent,
        )

        return payment_in
