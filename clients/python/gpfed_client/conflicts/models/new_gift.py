from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.gift_kind import GiftKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewGift")


@_attrs_define
class NewGift:
    """
    Attributes:
        accepted (bool):
        kind (GiftKind):
        received_on (datetime.date):
        source (str):
        source_is_supplier (bool):
        value_pence (int):
        publish (bool | Unset):  Default: True.
    """

    accepted: bool
    kind: GiftKind
    received_on: datetime.date
    source: str
    source_is_supplier: bool
    value_pence: int
    publish: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        kind = self.kind.value

        received_on = self.received_on.isoformat()

        source = self.source

        source_is_supplier = self.source_is_supplier

        value_pence = self.value_pence

        publish = self.publish

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted": accepted,
                "kind": kind,
                "received_on": received_on,
                "source": source,
                "source_is_supplier": source_is_supplier,
                "value_pence": value_pence,
            }
        )
        if publish is not UNSET:
            field_dict["publish"] = publish

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        accepted = d.pop("accepted")

        kind = GiftKind(d.pop("kind"))

        received_on = datetime.date.fromisoformat(d.pop("received_on"))

        source = d.pop("source")

        source_is_supplier = d.pop("source_is_supplier")

        value_pence = d.pop("value_pence")

        publish = d.pop("publish", UNSET)

        new_gift = cls(
            accepted=accepted,
            kind=kind,
            received_on=received_on,
            source=source,
            source_is_supplier=source_is_supplier,
            value_pence=value_pence,
            publish=publish,
        )

        return new_gift
