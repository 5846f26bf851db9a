from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gain_share_practice import GainSharePractice
    from ..models.gain_share_tier import GainShareTier


T = TypeVar("T", bound="GainShareAlliance")


@_attrs_define
class GainShareAlliance:
    """
    Attributes:
        earned_pence (int):
        federation_ods (str):
        saving_pence (int):
        tiers (list[GainShareTier]):
        weighted_population (int):
        distribution_transaction_id (None | str | Unset):
        payment_transaction_id (None | str | Unset):
        practices (list[GainSharePractice] | Unset):
    """

    earned_pence: int
    federation_ods: str
    saving_pence: int
    tiers: list[GainShareTier]
    weighted_population: int
    distribution_transaction_id: None | str | Unset = UNSET
    payment_transaction_id: None | str | Unset = UNSET
    practices: list[GainSharePractice] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        earned_pence = self.earned_pence

        federation_ods = self.federation_ods

        saving_pence = self.saving_pence

        tiers = []
        for tiers_item_data in self.tiers:
            tiers_item = tiers_item_data.to_dict()
            tiers.append(tiers_item)

        weighted_population = self.weighted_population

        distribution_transaction_id: None | str | Unset
        if isinstance(self.distribution_transaction_id, Unset):
            distribution_transaction_id = UNSET
        else:
            distribution_transaction_id = self.distribution_transaction_id

        payment_transaction_id: None | str | Unset
        if isinstance(self.payment_transaction_id, Unset):
            payment_transaction_id = UNSET
        else:
            payment_transaction_id = self.payment_transaction_id

        practices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.practices, Unset):
            practices = []
            for practices_item_data in self.practices:
                practices_item = practices_item_data.to_dict()
                practices.append(practices_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "earned_pence": earned_pence,
                "federation_ods": federation_ods,
                "saving_pence": saving_pence,
                "tiers": tiers,
                "weighted_population": weighted_population,
            }
        )
        if distribution_transaction_id is not UNSET:
            field_dict["distribution_transaction_id"] = distribution_transaction_id
        if payment_transaction_id is not UNSET:
            field_dict["payment_transaction_id"] = payment_transaction_id
        if practices is not UNSET:
            field_dict["practices"] = practices

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.gain_share_practice import GainSharePractice
        from ..models.gain_share_tier import GainShareTier

        d = dict(src_dict)
        earned_pence = d.pop("earned_pence")

        federation_ods = d.pop("federation_ods")

        saving_pence = d.pop("saving_pence")

        tiers = []
        _tiers = d.pop("tiers")
        for tiers_item_data in _tiers:
            tiers_item = GainShareTier.from_dict(tiers_item_data)

            tiers.append(tiers_item)

        weighted_population = d.pop("weighted_population")

        def _parse_distribution_transaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        distribution_transaction_id = _parse_distribution_transaction_id(
            d.pop("distribution_transaction_id", UNSET)
        )

        def _parse_payment_transaction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_transaction_id = _parse_payment_transaction_id(
            d.pop("payment_transaction_id", UNSET)
        )

        _practices = d.pop("practices", UNSET)
        practices: list[GainSharePractice] | Unset = UNSET
        if _practices is not UNSET:
            practices = []
            for practices_item_data in _practices:
                practices_item = GainSharePractice.from_dict(practices_item_data)

                practices.append(practices_item)

        gain_share_alliance = cls(
            earned_pence=earned_pence,
            federation_ods=federation_ods,
            saving_pence=saving_pence,
            tiers=tiers,
            weighted_population=weighted_population,
            distribution_transaction_id=distribution_transaction_id,
            payment_transaction_id=payment_transaction_id,
            practices=practices,
        )

        gain_share_alliance.additional_properties = d
        return gain_share_alliance

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
