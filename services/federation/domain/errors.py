"""Rules the back office can break, as the kernel's refusals (``shared.rules``): the kernel
answers a broken rule with a 422 (naming the field where the route or the rule knows it) and
a state that does not allow the command with a 409, the same way in every service."""

from __future__ import annotations

from shared.rules import RuleBroken, WrongState


class FederationRuleBroken(RuleBroken):
    """A request breaks a rule of the federation domain; the route names the field (``at``)."""

    def __init__(self, message: str) -> None:
        super().__init__(None, message)


class NotAMember(FederationRuleBroken):
    """The practice is not a member over the dates the request needs."""


class InvalidDates(FederationRuleBroken):
    """An end date before its start date."""


class OutsideContract(FederationRuleBroken):
    """Dates outside the hub contract's term."""


class CorrectionRefused(RuleBroken):
    """A correction that cannot be made as asked; ``field`` names the one at fault, if one is."""


class MembershipOverlaps(WrongState):
    """Joining would overlap a membership of the same federation (history is never merged)."""


class PeriodAlreadyClosed(WrongState):
    """The period is closed; reopen it first."""


class PeriodNotClosed(WrongState):
    """Only a closed period can be reopened."""


class ConsultationVoided(WrongState):
    """The consultation was voided: nothing changes it any more."""
