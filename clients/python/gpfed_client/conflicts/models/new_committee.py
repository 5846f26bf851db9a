from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.committee_kind import CommitteeKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.member_in import MemberIn
    from ..models.new_committee_conflict_policy import NewCommitteeConflictPolicy
    from ..models.quorum_in import QuorumIn


T = TypeVar("T", bound="NewCommittee")


@_attrs_define
class NewCommittee:
    """
    Attributes:
        members (list[MemberIn]):
        name (str):
        quorum (QuorumIn):
        conflict_policy (NewCommitteeConflictPolicy | Unset):
        kind (CommitteeKind | Unset): A ``pccc`` is held to the PCCC make-up (:func:`check_makeup`); ``other`` is not.
    """

    members: list[MemberIn]
    name: str
    quorum: QuorumIn
    conflict_policy: NewCommitteeConflictPolicy | Unset = UNSET
    kind: CommitteeKind | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        name = self.name

        quorum = self.quorum.to_dict()

        conflict_policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conflict_policy, Unset):
            conflict_policy = self.conflict_policy.to_dict()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "members": members,
                "name": name,
                "quorum": quorum,
            }
        )
        if conflict_policy is not UNSET:
            field_dict["conflict_policy"] = conflict_policy
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.member_in import MemberIn
        from ..models.new_committee_conflict_policy import NewCommitteeConflictPolicy
        from ..models.quorum_in import QuorumIn

        d = dict(src_dict)
        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberIn.from_dict(members_item_data)

            members.append(members_item)

        name = d.pop("name")

        quorum = QuorumIn.from_dict(d.pop("quorum"))

        _conflict_policy = d.pop("conflict_policy", UNSET)
        conflict_policy: NewCommitteeConflictPolicy | Unset
        if isinstance(_conflict_policy, Unset):
            conflict_policy = UNSET
        else:
            conflict_policy = NewCommitteeConflictPolicy.from_dict(_conflict_policy)

        _kind = d.pop("kind", UNSET)
        kind: CommitteeKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = CommitteeKind(_kind)

        new_committee = cls(
            members=members,
            name=name,
            quorum=quorum,
            conflict_policy=conflict_policy,
            kind=kind,
        )

        return new_committee
