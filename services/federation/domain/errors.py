"""Rules the back office can break; ``api.py`` turns each into a problem response."""


class FederationRuleBroken(Exception):
    """A request breaks a rule of the federation domain."""


class MembershipOverlaps(FederationRuleBroken):
    """Joining would overlap a membership of the same federation (history is never merged)."""


class NotAMember(FederationRuleBroken):
    """The practice is not a member over the dates the request needs."""


class InvalidDates(FederationRuleBroken):
    """An end date before its start date."""


class PeriodAlreadyClosed(FederationRuleBroken):
    """The period is closed; reopen it first."""


class PeriodNotClosed(FederationRuleBroken):
    """Only a closed period can be reopened."""


class OutsideContract(FederationRuleBroken):
    """Dates outside the hub contract's term."""
