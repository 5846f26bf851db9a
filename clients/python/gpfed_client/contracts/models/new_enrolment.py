from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewEnrolment")


@_attrs_define
class NewEnrolment:
    """
    Attributes:
        practice_ods (str):
        network (None | str | Unset):
    """

    practice_ods: str
    network: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        practice_ods = self.practice_ods

        network: None | str | Unset
        if isinstance(self.network, Unset):
            network = UNSET
        else:
            network = self.network

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "practice_ods": practice_ods,
            }
        )
        if network is not UNSET:
            field_dict["network"] = network

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        practice_ods = d.pop("practice_ods")

        def _parse_network(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        network = _parse_network(d.pop("network", UNSET))

        new_enrolment = cls(
            practice_ods=practice_ods,
            network=network,
        )

        return new_enrolment
