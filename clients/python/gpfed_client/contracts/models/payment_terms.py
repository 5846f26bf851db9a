from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_terms_basis import PaymentTermsBasis
from ..models.payment_terms_schedule import PaymentTermsSchedule
from ..models.payment_terms_true_up_type_0 import PaymentTermsTrueUpType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.item_fee import ItemFee
    from ..models.tariff import Tariff


T = TypeVar("T", bound="PaymentTerms")


@_attrs_define
class PaymentTerms:
    """
    Attributes:
        basis (PaymentTermsBasis):
        schedule (PaymentTermsSchedule):
        annual_value_pence (int | None | Unset):
        fees (list[ItemFee] | None | Unset):
        per_head_pence (int | None | Unset):
        tariff (None | Tariff | Unset):
        true_up (None | PaymentTermsTrueUpType0 | Unset):
        upfront_percent (None | str | Unset):
    """

    basis: PaymentTermsBasis
    schedule: PaymentTermsSchedule
    annual_value_pence: int | None | Unset = UNSET
    fees: list[ItemFee] | None | Unset = UNSET
    per_head_pence: int | None | Unset = UNSET
    tariff: None | Tariff | Unset = UNSET
    true_up: None | PaymentTermsTrueUpType0 | Unset = UNSET
    upfront_percent: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tariff import Tariff

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
        elif isinstance(self.tariff, Tariff):
            tariff = self.tariff.to_dict()
        else:
            tariff = self.tariff

        true_up: None | str | Unset
        if isinstance(self.true_up, Unset):
            true_up = UNSET
        elif isinstance(self.true_up, PaymentTermsTrueUpType0):
            true_up = self.true_up.value
        else:
            true_up = self.true_up

        upfront_percent: None | str | Unset
        if isinstance(self.upfront_percent, Unset):
            upfront_percent = UNSET
        else:
            upfront_percent = self.upfront_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
        from ..models.item_fee import ItemFee
        from ..models.tariff import Tariff

        d = dict(src_dict)
        basis = PaymentTermsBasis(d.pop("basis"))

        schedule = PaymentTermsSchedule(d.pop("schedule"))

        def _parse_annual_value_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        annual_value_pence = _parse_annual_value_pence(
            d.pop("annual_value_pence", UNSET)
        )

        def _parse_fees(data: object) -> list[ItemFee] | None | Unset:
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
                    fees_type_0_item = ItemFee.from_dict(fees_type_0_item_data)

                    fees_type_0.append(fees_type_0_item)

                return fees_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ItemFee] | None | Unset, data)

        fees = _parse_fees(d.pop("fees", UNSET))

        def _parse_per_head_pence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        per_head_pence = _parse_per_head_pence(d.pop("per_head_pence", UNSET))

        def _parse_tariff(data: object) -> None | Tariff | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tariff_type_0 = Tariff.from_dict(data)

                return tariff_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tariff | Unset, data)

        tariff = _parse_tariff(d.pop("tariff", UNSET))

        def _parse_true_up(data: object) -> None | PaymentTermsTrueUpType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                true_up_type_0 = PaymentTermsTrueUpType0(data)

                return true_up_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentTermsTrueUpType0 | Unset, data)

        true_up = _parse_true_up(d.pop("true_up", UNSET))

        def _parse_upfront_percent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        upfront_percent = _parse_upfront_percent(d.pop("upfront_percent", UNSET))

        payment_terms = cls(
            basis=basis,
            schedule=schedule,
            annual_value_pence=annual_value_pence,
            fees=fees,
            per_head_pence=per_head_pence,
            tariff=tariff,
            true_up=true_up,
            upfront_percent=upfront_percent,
        )

        payment_terms.additional_properties = d
        return payment_terms

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
