"""Recording a committee's decision on a screened item: conflicted members do not vote, a
meeting without quorum does not decide, and the lay chair breaks a tie with a second and
deciding vote (Co-commissioning evaluation 3.4.1). Without an unconflicted clinician in the room,
the committee may take clinical advice from conflicted clinicians present who do not vote
(3.4.3, the minor surgery meeting), and the decision names them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from services.conflicts.domain.committees import Committee
from services.conflicts.domain.screening import Screening, WarningCode
from shared.rules import RuleBroken


class Outcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    DEFERRED = "deferred"


class Vote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class DecisionRefused(RuleBroken):
    """A decision the rules do not allow; ``field`` names the part of the request at fault
    (answered 422 by the kernel, like every service's broken rule)."""

    field: list[str | int]


@dataclass(frozen=True)
class Tally:
    votes_for: int
    votes_against: int
    abstentions: int
    casting_vote_by: str | None
    result: Outcome


def tally(
    committee: Committee,
    screening: Screening,
    present: Iterable[str],
    votes: list[tuple[str, Vote]],
    outcome: Outcome,
) -> Tally:
    """Check the votes against the rules and count them; raise :class:`DecisionRefused`."""
    present = list(present)
    in_room = set(present)
    for i, person_id in enumerate(present):
        if committee.member(person_id) is None:
            raise DecisionRefused(["present", i], f"{person_id} is not a committee member")
    seen: set[str] = set()
    conflicts = {c.person_id: c for c in screening.conflicts}
    for i, (person_id, _) in enumerate(votes):
        where: list[str | int] = ["votes", i, "person_id"]
        member = committee.member(person_id)
        if member is None:
            raise DecisionRefused(where, f"{person_id} is not a committee member")
        if person_id in conflicts:
            c = conflicts[person_id]
            raise DecisionRefused(
                where, f"{person_id} is conflicted ({c.reason}) and must {c.action.value}"
            )
        if not member.voting:
            raise DecisionRefused(where, f"{person_id} ({member.role.value}) has no vote")
        if person_id not in in_room:
            raise DecisionRefused(where, f"{person_id} is not recorded as present")
        if member.deputy_for in in_room:
            raise DecisionRefused(
                where, f"{person_id} deputises for {member.deputy_for}, who is present"
            )
        if person_id in seen:
            raise DecisionRefused(where, f"{person_id} voted twice")
        seen.add(person_id)
    if not screening.quorate:
        raise DecisionRefused(
            ["present"], "not quorate after exclusions: " + "; ".join(screening.quorum_shortfalls)
        )

    cast = dict(votes)
    votes_for = sum(v is Vote.FOR for v in cast.values())
    against = sum(v is Vote.AGAINST for v in cast.values())
    casting_by: str | None = None
    if votes_for > against:
        result = Outcome.APPROVED
    elif against > votes_for:
        result = Outcome.REJECTED
    else:
        # The (acting) lay chair's own vote counts a second time to break the tie.
        chair = screening.acting_chair_id
        chair_vote = cast.get(chair) if chair else None
        if votes_for and chair_vote in (Vote.FOR, Vote.AGAINST):
            casting_by = chair
            result = Outcome.APPROVED if chair_vote is Vote.FOR else Outcome.REJECTED
        else:
            result = Outcome.DEFERRED
    if outcome is not Outcome.DEFERRED and result is not outcome:
        raise DecisionRefused(["outcome"], f"the votes give {result.value}, not {outcome.value}")
    return Tally(votes_for, against, len(cast) - votes_for - against, casting_by, outcome)


def check_clinical_advice(
    committee: Committee, screening: Screening, present: Iterable[str], advisers: list[str]
) -> None:
    """Clinical advice may be recorded as taken from conflicted clinicians only when no
    unconflicted clinician is in the room, and only from ones present who do not vote (the
    votes are checked by :func:`tally`: a conflicted member's vote is refused)."""
    if not advisers:
        return
    if not screening.warns(WarningCode.NO_CLINICIAN_IN_ROOM):
        raise DecisionRefused(
            ["clinical_advice_from"],
            "an unconflicted clinician is in the room: take clinical advice from them",
        )
    in_room = set(present)
    conflicted = screening.excluded
    for i, person_id in enumerate(advisers):
        member = committee.member(person_id)
        why = (
            "is not a committee member"
            if member is None
            else "is not a clinician"
            if not member.is_clinician
            else "is not recorded as present"
            if person_id not in in_room
            else "is not conflicted: an unconflicted clinician advises and votes as usual"
            if person_id not in conflicted
            else "is named twice"
            if person_id in advisers[:i]
            else None
        )
        if why is not None:
            raise DecisionRefused(["clinical_advice_from", i], f"{person_id} {why}")
