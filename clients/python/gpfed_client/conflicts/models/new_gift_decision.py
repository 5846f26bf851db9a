from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.gift_decision import GiftDecision

T = TypeVar("T", bound="NewGiftDecision")


@_attrs_define
class NewGiftDecision:
    """
    Attributes:
        decision (GiftDecision):
        reason (str):
    """

    decision: GiftDecision
    reason: str

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decision = GiftDecision(d.pop("decision"))

        reason = d.pop("reason")

        new_gift_decision = cls(
            decision=decision,
            reason=reason,
        )

        return new_gift_decision
