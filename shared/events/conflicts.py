"""Events published by the conflicts service on ``gpfed.conflicts.v1``."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event

ConflictAction = Literal["leave_room", "stay_no_vote", "advice_only_when_asked", "none"]


class DecisionItemOpened(Event):
    ce_type = "gpfed.decision.item_opened"
    producer = "conflicts"
    subject_field = "item_id"

    item_id: str
    committee_id: str
    contract_id: str
    affected_ods: list[str]


class ConflictedMember(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    person_id: str
    reason: str
    action: ConflictAction


class DecisionRecorded(Event):
    ce_type = "gpfed.decision.recorded"
    producer = "conflicts"
    subject_field = "item_id"

    item_id: str
    committee_id: str
    contract_id: str
    outcome: Literal["approved", "rejected", "deferred"]
    quorate: bool
    decided_on: date
    conflicts: list[ConflictedMember]
