from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.committee_kind import CommitteeKind

if TYPE_CHECKING:
    from ..models.committee_out_conflict_policy import CommitteeOutConflictPolicy
    from ..models.member_in import MemberIn
    from ..models.quorum_in import QuorumIn


T = TypeVar("T", bound="CommitteeOut")


@_attrs_define
class CommitteeOut:
    """
    Attributes:
        conflict_policy (CommitteeOutConflictPolicy):
        id (str):
        kind (CommitteeKind): A ``pccc`` is held to the PCCC make-up (:func:`check_makeup`); ``other`` is not.
        members (list[MemberIn]):
        name (str):
        quorum (QuorumIn):
    """

    conflict_policy: CommitteeOutConflictPolicy
    id: str
    kind: CommitteeKind
    members: list[MemberIn]
    name: str
    quorum: QuorumIn
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conflict_policy = self.conflict_policy.to_dict()

        id = self.id

        kind = self.kind.value

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        name = self.name

        quorum = self.quorum.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conflict_policy": conflict_policy,
                "id": id,
                "kind": kind,
                "members": members,
                "name": name,
                "quorum": quorum,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.committee_out_conflict_policy import CommitteeOutConflictPolicy
        from ..models.member_in import MemberIn
        from ..models.quorum_in import QuorumIn

        d = dict(src_dict)
        conflict_policy = CommitteeOutConflictPolicy.from_dict(d.pop("conflict_policy"))

        id = d.pop("id")

        kind = CommitteeKind(d.pop("kind"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberIn.from_dict(members_item_data)

            members.append(members_item)

        name = d.pop("name")

        quorum = QuorumIn.from_dict(d.pop("quorum"))

        committee_out = cls(
            conflict_policy=conflict_policy,
            id=id,
            kind=kind,
            members=members,
            name=name,
            quorum=quorum,
        )

        committee_out.additional_properties = d
        return committee_out

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
