"""A commissioner's decision policy: the kinds of contract that only a quorate, screened
decision of one of its committees puts in force, and whether their variations and terminations
wait for such a decision too (docs/domain.md, "Contracts", issue 17)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from services.contracts.domain.rules import RuleBroken
from shared.events.contracts import ChangeKindName, ContractKindName

ALL_KINDS: tuple[ContractKindName, ...] = get_args(ContractKindName)
#: What a commissioner that has set no policy gets: the contracts let outside the core GP
#: contracts (GMS, PMS, SPMS), where commissioning decisions are made.
GATED_BY_DEFAULT: frozenset[ContractKindName] = frozenset(
    {"HUB", "PRIME", "APMS", "LES", "LIS", "DES"}
)


@dataclass(frozen=True)
class DecisionPolicy:
    gated_kinds: frozenset[ContractKindName] = GATED_BY_DEFAULT
    gate_variations: bool = True
    gate_terminations: bool = True

    @property
    def kinds(self) -> list[ContractKindName]:
        """The gated kinds in the order the kinds are listed."""
        return [k for k in ALL_KINDS if k in self.gated_kinds]

    def is_gated(self, kind: str) -> bool:
        return kind in self.gated_kinds

    def gates(self, kind: str, change: ChangeKindName) -> bool:
        """Whether a change of this kind to a contract of ``kind`` waits for a decision."""
        flag = self.gate_variations if change == "variation" else self.gate_terminations
        return flag and self.is_gated(kind)

    def check_proposal(self, kind: str, committee_id: str | None) -> None:
        """A gated contract names the committee that must decide it."""
        if self.is_gated(kind) and committee_id is None:
            raise RuleBroken(
                "decision_committee_id",
                f"a {kind} contract is decided by a committee of its commissioner under the "
                "commissioner's decision policy: name the committee",
            )
