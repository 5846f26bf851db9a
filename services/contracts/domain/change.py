"""A variation or termination of a gated contract, held for its committee's decision.

awaiting_decision -> approved (applied to the contract) | rejected | refused (no item could
open: the committee is not the commissioner's) | failed (approved, but it no longer applies:
the contract was terminated or changed meanwhile, with the reason). Deciding a change that is
no longer awaiting changes nothing, so a redelivered decision is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from shared.events.contracts import ChangeKindName

ChangeStatusName = Literal["awaiting_decision", "approved", "rejected", "refused", "failed"]


@dataclass
class ContractChange:
    id: str
    contract_id: str
    #: Its place among the contract's changes: 1 for the first.
    number: int
    kind: ChangeKindName
    #: The request as it was made (a variation's or a termination's body).
    request: dict[str, Any]
    committee_id: str
    item_id: str
    effective_from: date
    reason: str
    recorded_at: datetime
    status: ChangeStatusName = "awaiting_decision"
    outcome_reason: str | None = None
    decided_at: datetime | None = None

    @property
    def awaiting(self) -> bool:
        return self.status == "awaiting_decision"

    def settle(self, status: ChangeStatusName, at: datetime, reason: str | None = None) -> bool:
        """Closes an awaiting change; False (and nothing changes) once it is closed."""
        if not self.awaiting:
            return False
        self.status, self.decided_at, self.outcome_reason = status, at, reason
        return True
