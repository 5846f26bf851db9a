from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TariffIn")


@_attrs_define
class TariffIn:
    """
    Attributes:
        first_pence (int):
        follow_up_pence (int):
    """

    first_pence: int
    follow_up_pence: int

    def to_dict(self) -> dict[str, Any]:
        first_pence = self.first_pence

        follow_up_pence = self.follow_up_pence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "first_pence": first_pence,
                "follow_up_pence": follow_up_pence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        first_pence = d.pop("first_pence")

        follow_up_pence = d.pop("follow_up_pence")

        tariff_in = cls(
            first_pence=first_pence,
            follow_up_pence=follow_up_pence,
        )

        return tariff_in
