from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_balance import AccountBalance
    from ..models.page_posting_out import PagePostingOut


T = TypeVar("T", bound="AccountsOut")


@_attrs_define
class AccountsOut:
    """
    Attributes:
        accounts (list[AccountBalance]):
        as_of (datetime.date | None):
        ods (str):
        postings (PagePostingOut):
    """

    accounts: list[AccountBalance]
    as_of: datetime.date | None
    ods: str
    postings: PagePostingOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        as_of: None | str
        if isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        ods = self.ods

        postings = self.postings.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts": accounts,
                "as_of": as_of,
                "ods": ods,
                "postings": postings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account_balance import AccountBalance
        from ..models.page_posting_out import PagePostingOut

        d = dict(src_dict)
        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = AccountBalance.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        def _parse_as_of(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        as_of = _parse_as_of(d.pop("as_of"))

        ods = d.pop("ods")

        postings = PagePostingOut.from_dict(d.pop("postings"))

        accounts_out = cls(
            accounts=accounts,
            as_of=as_of,
            ods=ods,
            postings=postings,
        )

        accounts_out.additional_properties = d
        return accounts_out

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
