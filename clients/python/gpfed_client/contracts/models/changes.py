from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_in import DistributionIn
    from ..models.payment_in import PaymentIn


T = TypeVar("T", bound="Changes")


@_attrs_define
class Changes:
    """
    Attributes:
        distribution (DistributionIn | None | Unset):
        end_date (datetime.date | None | Unset):
        payment (None | PaymentIn | Unset):
    """

    distribution: DistributionIn | None | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    payment: None | PaymentIn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.distribution_in import DistributionIn
        from ..models.payment_in import PaymentIn

        distribution: dict[str, Any] | None | Unset
        if isinstance(self.distribution, Unset):
            distribution = UNSET
        elif isinstance(self.distribution, DistributionIn):
            distribution = self.distribution.to_dict()
        else:
            distribution = self.distribution

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        payment: dict[str, Any] | None | Unset
        if isinstance(self.payment, Unset):
            payment = UNSET
        elif isinstance(self.payment, PaymentIn):
            payment = self.payment.to_dict()
        else:
            payment = self.payment

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if distribution is not UNSET:
            field_dict["distribution"] = distribution
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if payment is not UNSET:
            field_dict["payment"] = payment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_in import DistributionIn
        from ..models.payment_in import PaymentIn

        d = dict(src_dict)

        def _parse_distribution(data: object) -> DistributionIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                distribution_type_0 = DistributionIn.from_dict(data)

                return distribution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DistributionIn | None | Unset, data)

        distribution = _parse_distribution(d.pop("distribution", UNSET))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        def _parse_payment(data: object) -> None | PaymentIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payment_type_0 = PaymentIn.from_dict(data)

                return payment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentIn | Unset, data)

        payment = _parse_payment(d.pop("payment", UNSET))

        changes = cls(
            distribution=distribution,
            end_date=end_date,
            payment=payment,
        )

        return changes
