from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.terms_out_fields_set_item import TermsOutFieldsSetItem

if TYPE_CHECKING:
    from ..models.distribution_rule import DistributionRule
    from ..models.payment_terms import PaymentTerms


T = TypeVar("T", bound="TermsOut")


@_attrs_define
class TermsOut:
    """
    Attributes:
        distribution (DistributionRule | None):
        effective_from (datetime.date):
        end_date (datetime.date | None):
        fields_set (list[TermsOutFieldsSetItem]): The fields this version sets itself; the others carry over from the
            version before (the first sets them all)
        payment (PaymentTerms):
        reason (None | str):
        version (int): Its place in the history, oldest first
    """

    distribution: DistributionRule | None
    effective_from: datetime.date
    end_date: datetime.date | None
    fields_set: list[TermsOutFieldsSetItem]
    payment: PaymentTerms
    reason: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.distribution_rule import DistributionRule

        distribution: dict[str, Any] | None
        if isinstance(self.distribution, DistributionRule):
            distribution = self.distribution.to_dict()
        else:
            distribution = self.distribution

        effective_from = self.effective_from.isoformat()

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        fields_set = []
        for fields_set_item_data in self.fields_set:
            fields_set_item = fields_set_item_data.value
            fields_set.append(fields_set_item)

        payment = self.payment.to_dict()

        reason: None | str
        reason = self.reason

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "distribution": distribution,
                "effective_from": effective_from,
                "end_date": end_date,
                "fields_set": fields_set,
                "payment": payment,
                "reason": reason,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_rule import DistributionRule
        from ..models.payment_terms import PaymentTerms

        d = dict(src_dict)

        def _parse_distribution(data: object) -> DistributionRule | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                distribution_type_0 = DistributionRule.from_dict(data)

                return distribution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DistributionRule | None, data)

        distribution = _parse_distribution(d.pop("distribution"))

        effective_from = datetime.date.fromisoformat(d.pop("effective_from"))

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        fields_set = []
        _fields_set = d.pop("fields_set")
        for fields_set_item_data in _fields_set:
            fields_set_item = TermsOutFieldsSetItem(fields_set_item_data)

            fields_set.append(fields_set_item)

        payment = PaymentTerms.from_dict(d.pop("payment"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        version = d.pop("version")

        terms_out = cls(
            distribution=distribution,
            effective_from=effective_from,
            end_date=end_date,
            fields_set=fields_set,
            payment=payment,
            reason=reason,
            version=version,
        )

        terms_out.additional_properties = d
        return terms_out

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
