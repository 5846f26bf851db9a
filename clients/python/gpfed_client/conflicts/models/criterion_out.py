from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.criterion import Criterion
from ..models.rating import Rating

if TYPE_CHECKING:
    from ..models.evidence_out import EvidenceOut


T = TypeVar("T", bound="CriterionOut")


@_attrs_define
class CriterionOut:
    """
    Attributes:
        criterion (Criterion):
        evidence (list[EvidenceOut]):
        note (str):
        rating (Rating):
        rule (str): how the criterion is computed
    """

    criterion: Criterion
    evidence: list[EvidenceOut]
    note: str
    rating: Rating
    rule: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        criterion = self.criterion.value

        evidence = []
        for evidence_item_data in self.evidence:
            evidence_item = evidence_item_data.to_dict()
            evidence.append(evidence_item)

        note = self.note

        rating = self.rating.value

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "criterion": criterion,
                "evidence": evidence,
                "note": note,
                "rating": rating,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evidence_out import EvidenceOut

        d = dict(src_dict)
        criterion = Criterion(d.pop("criterion"))

        evidence = []
        _evidence = d.pop("evidence")
        for evidence_item_data in _evidence:
            evidence_item = EvidenceOut.from_dict(evidence_item_data)

            evidence.append(evidence_item)

        note = d.pop("note")

        rating = Rating(d.pop("rating"))

        rule = d.pop("rule")

        criterion_out = cls(
            criterion=criterion,
            evidence=evidence,
            note=note,
            rating=rating,
            rule=rule,
        )

        criterion_out.additional_properties = d
        return criterion_out

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
