from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.period_status import PeriodStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_out import DistributionOut
    from ..models.practice_out import PracticeOut


T = TypeVar("T", bound="PeriodOut")


@_attrs_define
class PeriodOut:
    """
    Attributes:
        contract_id (str):
        counts (str): frozen (the closed revision) or live (still open)
        distributions (list[DistributionOut]): Every revision payments distributed, oldest first
        federation_ods (str):
        patients (int): Distinct patients across the contract in the period
        period (str):
        practices (list[PracticeOut]):
        revision (int): The latest frozen revision; 0 if never closed
        status (PeriodStatus):
        distribution_revision (int | None | Unset): The distribution revision the figures come from (the latest); none
            yet
    """

    contract_id: str
    counts: str
    distributions: list[DistributionOut]
    federation_ods: str
    patients: int
    period: str
    practices: list[PracticeOut]
    revision: int
    status: PeriodStatus
    distribution_revision: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        counts = self.counts

        distributions = []
        for distributions_item_data in self.distributions:
            distributions_item = distributions_item_data.to_dict()
            distributions.append(distributions_item)

        federation_ods = self.federation_ods

        patients = self.patients

        period = self.period

        practices = []
        for practices_item_data in self.practices:
            practices_item = practices_item_data.to_dict()
            practices.append(practices_item)

        revision = self.revision

        status = self.status.value

        distribution_revision: int | None | Unset
        if isinstance(self.distribution_revision, Unset):
            distribution_revision = UNSET
        else:
            distribution_revision = self.distribution_revision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "counts": counts,
                "distributions": distributions,
                "federation_ods": federation_ods,
                "patients": patients,
                "period": period,
                "practices": practices,
                "revision": revision,
                "status": status,
            }
        )
        if distribution_revision is not UNSET:
            field_dict["distribution_revision"] = distribution_revision

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_out import DistributionOut
        from ..models.practice_out import PracticeOut

        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        counts = d.pop("counts")

        distributions = []
        _distributions = d.pop("distributions")
        for distributions_item_data in _distributions:
            distributions_item = DistributionOut.from_dict(distributions_item_data)

            distributions.append(distributions_item)

        federation_ods = d.pop("federation_ods")

        patients = d.pop("patients")

        period = d.pop("period")

        practices = []
        _practices = d.pop("practices")
        for practices_item_data in _practices:
            practices_item = PracticeOut.from_dict(practices_item_data)

            practices.append(practices_item)

        revision = d.pop("revision")

        status = PeriodStatus(d.pop("status"))

        def _parse_distribution_revision(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        distribution_revision = _parse_distribution_revision(
            d.pop("distribution_revision", UNSET)
        )

        period_out = cls(
            contract_id=contract_id,
            counts=counts,
            distributions=distributions,
            federation_ods=federation_ods,
            patients=patients,
            period=period,
            practices=practices,
            revision=revision,
            status=status,
            distribution_revision=distribution_revision,
        )

        period_out.additional_properties = d
        return period_out

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
