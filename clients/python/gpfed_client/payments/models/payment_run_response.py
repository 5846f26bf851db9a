from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.distribution_completed import DistributionCompleted
    from ..models.payment_posted import PaymentPosted
    from ..models.pending_out import PendingOut
    from ..models.waiting_out import WaitingOut


T = TypeVar("T", bound="PaymentRunResponse")


@_attrs_define
class PaymentRunResponse:
    """
    Attributes:
        distributions (list[DistributionCompleted]):
        payments (list[PaymentPosted]):
        period (str):
        run_id (str):
        waiting_for (list[WaitingOut]): Contracts with something due this period that cannot be paid yet (a tariff hub
            whose period the federation has not closed, a true-up whose KPI achievement is not recorded, a per-head list
            size not known); a later run pays it
        settled (list[PendingOut] | Unset): The restatements (and earlier waits) of periods up to this one that the run
            settled: their differences are among the payments and distributions
        status (Literal['completed'] | Unset):  Default: 'completed'.
    """

    distributions: list[DistributionCompleted]
    payments: list[PaymentPosted]
    period: str
    run_id: str
    waiting_for: list[WaitingOut]
    settled: list[PendingOut] | Unset = UNSET
    status: Literal["completed"] | Unset = "completed"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        distributions = []
        for distributions_item_data in self.distributions:
            distributions_item = distributions_item_data.to_dict()
            distributions.append(distributions_item)

        payments = []
        for payments_item_data in self.payments:
            payments_item = payments_item_data.to_dict()
            payments.append(payments_item)

        period = self.period

        run_id = self.run_id

        waiting_for = []
        for waiting_for_item_data in self.waiting_for:
            waiting_for_item = waiting_for_item_data.to_dict()
            waiting_for.append(waiting_for_item)

        settled: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.settled, Unset):
            settled = []
            for settled_item_data in self.settled:
                settled_item = settled_item_data.to_dict()
                settled.append(settled_item)

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "distributions": distributions,
                "payments": payments,
                "period": period,
                "run_id": run_id,
                "waiting_for": waiting_for,
            }
        )
        if settled is not UNSET:
            field_dict["settled"] = settled
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.distribution_completed import DistributionCompleted
        from ..models.payment_posted import PaymentPosted
        from ..models.pending_out import PendingOut
        from ..models.waiting_out import WaitingOut

        d = dict(src_dict)
        distributions = []
        _distributions = d.pop("distributions")
        for distributions_item_data in _distributions:
            distributions_item = DistributionCompleted.from_dict(
                distributions_item_data
            )

            distributions.append(distributions_item)

        payments = []
        _payments = d.pop("payments")
        for payments_item_data in _payments:
            payments_item = PaymentPosted.from_dict(payments_item_data)

            payments.append(payments_item)

        period = d.pop("period")

        run_id = d.pop("run_id")

        waiting_for = []
        _waiting_for = d.pop("waiting_for")
        for waiting_for_item_data in _waiting_for:
            waiting_for_item = WaitingOut.from_dict(waiting_for_item_data)

            waiting_for.append(waiting_for_item)

        _settled = d.pop("settled", UNSET)
        settled: list[PendingOut] | Unset = UNSET
        if _settled is not UNSET:
            settled = []
            for settled_item_data in _settled:
                settled_item = PendingOut.from_dict(settled_item_data)

                settled.append(settled_item)

        status = cast(Literal["completed"] | Unset, d.pop("status", UNSET))
        if status != "completed" and not isinstance(status, Unset):
            raise ValueError(f"status must match const 'completed', got '{status}'")

        payment_run_response = cls(
            distributions=distributions,
            payments=payments,
            period=period,
            run_id=run_id,
            waiting_for=waiting_for,
            settled=settled,
            status=status,
        )

        payment_run_response.additional_properties = d
        return payment_run_response

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
