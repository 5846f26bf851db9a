from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PostingOut")


@_attrs_define
class PostingOut:
    """
    Attributes:
        account (str):
        amount_pence (int):
        basis (str):
        consultations (int | None):
        contract_id (str):
        id (int):
        kind (str):
        memo (str):
        period (str):
        posted_at (str):
        transaction_id (str):
        restates (None | str | Unset):
        revision (int | None | Unset):
    """

    account: str
    amount_pence: int
    basis: str
    consultations: int | None
    contract_id: str
    id: int
    kind: str
    memo: str
    period: str
    posted_at: str
    transaction_id: str
    restates: None | str | Unset = UNSET
    revision: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        amount_pence = self.amount_pence

        basis = self.basis

        consultations: int | None
        consultations = self.consultations

        contract_id = self.contract_id

        id = self.id

        kind = self.kind

        memo = self.memo

        period = self.period

        posted_at = self.posted_at

        transaction_id = self.transaction_id

        restates: None | str | Unset
        if isinstance(self.restates, Unset):
            restates = UNSET
        else:
            restates = self.restates

        revision: int | None | Unset
        if isinstance(self.revision, Unset):
            revision = UNSET
        else:
            revision = self.revision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "amount_pence": amount_pence,
                "basis": basis,
                "consultations": consultations,
                "contract_id": contract_id,
                "id": id,
                "kind": kind,
                "memo": memo,
                "period": period,
                "posted_at": posted_at,
                "transaction_id": transaction_id,
            }
        )
        if restates is not UNSET:
            field_dict["restates"] = restates
        if revision is not UNSET:
            field_dict["revision"] = revision

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account = d.pop("account")

        amount_pence = d.pop("amount_pence")

        basis = d.pop("basis")

        def _parse_consultations(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        consultations = _parse_consultations(d.pop("consultations"))

        contract_id = d.pop("contract_id")

        id = d.pop("id")

        kind = d.pop("kind")

        memo = d.pop("memo")

        period = d.pop("period")

        posted_at = d.pop("posted_at")

        transaction_id = d.pop("transaction_id")

        def _parse_restates(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        restates = _parse_restates(d.pop("restates", UNSET))

        def _parse_revision(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        revision = _parse_revision(d.pop("revision", UNSET))

        posting_out = cls(
            account=account,
            amount_pence=amount_pence,
            basis=basis,
            consultations=consultations,
            contract_id=contract_id,
            id=id,
            kind=kind,
            memo=memo,
            period=period,
            posted_at=posted_at,
            transaction_id=transaction_id,
            restates=restates,
            revision=revision,
        )

        posting_out.additional_properties = d
        return posting_out

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
