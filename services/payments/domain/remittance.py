"""A hub's money for one month, shared out: income follows the activity it pays for.

A hub's income for a month is every payment that pays for that month, whenever it arrived: the
month's own instalment or tariff, and its part of a quarter's arrears or true-up, or of a
restatement of any of them (an item's payments are shared over the months it covers by their
weights, with ``shared.money.allocate``). Each month is distributed by its own closed counts under
its own rule (Practice finances survey, Case study 1), even after the hub has ended, so nothing is
shared by the wrong month's consultations nor left in the hub pot because the hub ended.

A month is distributed once its counts are closed and something is paid for it, and again (a
new revision, posting each practice's difference) whenever its income, counts or rule change;
never while an item paying for it is owed a restatement, so a restated month moves once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.payments.domain.bases import Netted, net_against_owed
from services.payments.domain.distribution import (
    AdminPracticeUnknown,
    Distribution,
    distribute,
)
from services.payments.domain.due import Due, ItemKey, due_in, periods_booked
from services.payments.domain.facts import Activity, Facts
from services.payments.domain.ledger import Posting, Transaction, account_code
from services.payments.domain.settlement import Paid
from services.payments.domain.terms import Contract
from shared.money import allocate

NOT_IN_FORCE = "the contract was not in force in the period: nothing is shared"
NOTHING_PAID_YET = "nothing is paid for the period now: what was shared is taken back until it is"


def attribute(amount_pence: int, covers: Iterable[tuple[str, int]], booked: str) -> dict[str, int]:
    """An item's payments shared over the months it pays for, by weight, to the penny."""
    months = list(covers)
    weights: dict[str, int] = {}
    for month, weight in months:
        weights[month] = weights.get(month, 0) + weight
    if sum(weights.values()) <= 0:
        return {months[-1][0] if months else booked: amount_pence}
    return allocate(amount_pence, weights)


@dataclass(frozen=True)
class MonthIncome:
    income_pence: int
    #: An item due for the month now has been paid (a zero too: a month with nothing to pay).
    received: bool
    #: Every item paying for the month is paid what it is due now (none awaits a restatement).
    settled: bool


def month_income(
    month: str, dues: Mapping[ItemKey, Due], paid: Mapping[ItemKey, Paid]
) -> MonthIncome:
    """What one hub has been paid for ``month``, from its items (``dues``: what they are due
    now; ``paid``: what they were paid; both of this hub only) booked to the periods that may
    pay for the month."""
    booked = set(periods_booked(month))
    income, received, settled = 0, False, True
    for key, before in paid.items():
        if key[1] not in booked:
            continue
        due = dues.get(key)
        shares = attribute(before.amount_pence, due.covers if due else (), key[1])
        if month not in shares:
            continue
        income += shares[month]
        received = received or due is not None
        if (due.amount_pence if due else 0) != before.amount_pence:
            settled = False
    return MonthIncome(income, received, settled)


@dataclass(frozen=True)
class Distributed:
    """A stored revision of a month's distribution."""

    revision: int
    result: Distribution


def next_distribution(
    hub: Contract,
    month: str,
    activity: Activity | None,
    admin_ods: str | None,
    income: MonthIncome,
    latest: Distributed | None,
) -> Distribution | None:
    """The month's distribution to post now: the first, or a restatement of the latest; None
    when it waits (counts not closed, nothing paid for it, a restatement owed first, no admin
    practice known) or nothing changed."""
    if activity is None or not income.settled:
        return None
    version = hub.terms_for(month)
    if not income.received or version is None or version.rule is None:
        if latest is None:
            return None  # nothing paid for the month yet
        # Nothing is due for the month now (the contract no longer in force in it), or its
        # income has moved to a later period (arrears): what was shared is taken back.
        note = NOT_IN_FORCE if version is None else NOTHING_PAID_YET
        result = Distribution(income.income_pence, 0, income.income_pence, 0, (), note)
    else:
        try:
            result = distribute(
                income.income_pence,
                version.rule,
                patients=activity.patients,
                admin_ods=admin_ods,
                work=list(activity.work),
            )
        except AdminPracticeUnknown:
            return None  # pending until a subcontract names the admin practice
    if latest is not None and latest.result == result:
        return None
    return result


def changes(result: Distribution, previous: Mapping[str, int]) -> dict[str, int]:
    """Each practice's change: its total, or for a restatement its difference from before."""
    totals = {line.practice_ods: line.total_pence for line in result.lines}
    return {ods: totals.get(ods, 0) - previous.get(ods, 0) for ods in sorted({*totals, *previous})}


def net(changed: Mapping[str, int], owes: dict[str, int]) -> dict[str, Netted]:
    """Each practice's change netted against what it owes its federation (``owes``, by
    practice, updated in place: a negative share is carried as owed, a positive one pays off
    the sum owed first)."""
    netting = {}
    for ods, change in changed.items():
        netted = net_against_owed(change, owes.get(ods, 0))
        owes[ods] = owes.get(ods, 0) - netted.netted_pence + netted.carried_pence
        netting[ods] = netted
    return netting


def fan_out(
    federation_ods: str, result: Distribution, netting: Mapping[str, Netted]
) -> Transaction | None:
    """Hub pot -> practices: what each is paid, what is netted against the sum it owed (its
    ``owed`` account goes back up) and a negative share carried as owed (the account goes down)."""
    consultations = {line.practice_ods: line.consultations for line in result.lines}
    legs = []
    for ods, n in netting.items():
        if n.paid_pence:
            provider = account_code("provider", ods)
            legs.append(Posting(provider, n.paid_pence, consultations.get(ods, 0), "hub share"))
        if n.netted_pence:
            owed = account_code("owed", ods)
            legs.append(Posting(owed, n.netted_pence, None, "netted against sum owed"))
        if n.carried_pence:
            owed = account_code("owed", ods)
            legs.append(Posting(owed, -n.carried_pence, None, "negative share carried"))
    if not legs:
        return None
    out = -sum(leg.amount_pence for leg in legs)
    pot = Posting(account_code("federation", federation_ods), out, None, "hub fan-out")
    return Transaction((pot, *legs))


@dataclass(frozen=True)
class HubMonth:
    """What one hub month's distribution is decided from (its income aside)."""

    hub: Contract
    month: str
    activity: Activity | None
    admin_ods: str | None
    latest: Distributed | None


@dataclass(frozen=True)
class ToDistribute:
    at: HubMonth
    result: Distribution
    revision: int
    #: Each practice's change (its total, or its difference from the latest revision), netted.
    netting: dict[str, Netted]
    transaction: Transaction | None

    @property
    def restates(self) -> bool:
        return self.at.latest is not None


def hub_income(
    hub: Contract, month: str, facts: Facts, paid: Mapping[ItemKey, Paid]
) -> MonthIncome:
    """:func:`month_income`, with what the items paid for the month are due now (``paid``:
    this hub's items)."""
    dues: dict[ItemKey, Due] = {}
    for period in {key[1] for key in paid} & set(periods_booked(month)):
        found, _ = due_in(hub, period, facts)
        dues.update((d.key, d) for d in found)
    return month_income(month, dues, paid)


def decide_distributions(
    months: Iterable[HubMonth],
    facts: Mapping[str, Facts],
    paid: Mapping[ItemKey, Paid],
    owes: Mapping[tuple[str, str], int],
) -> list[ToDistribute]:
    """Every hub month to distribute now, in the order given (a practice's sum owed is netted
    by the first distribution of its federation to pay it), each netted against what its
    practices owe the federation (``owes`` by (federation, practice))."""
    paid_of: dict[str, dict[ItemKey, Paid]] = {}
    for key, item in paid.items():
        paid_of.setdefault(key[0], {})[key] = item
    owing: dict[str, dict[str, int]] = {}
    for (federation, ods), owed in owes.items():
        owing.setdefault(federation, {})[ods] = owed
    decided = []
    for at in months:
        hub = at.hub
        hub_facts, hub_paid = facts.get(hub.contract_id, Facts()), paid_of.get(hub.contract_id, {})
        income = hub_income(hub, at.month, hub_facts, hub_paid)
        result = next_distribution(hub, at.month, at.activity, at.admin_ods, income, at.latest)
        if result is None:
            continue
        lines = at.latest.result.lines if at.latest else ()
        previous = {line.practice_ods: line.total_pence for line in lines}
        netting = net(changes(result, previous), owing.setdefault(hub.provider_ods, {}))
        revision = at.latest.revision + 1 if at.latest else 1
        transaction = fan_out(hub.provider_ods, result, netting)
        decided.append(ToDistribute(at, result, revision, netting, transaction))
    return decided
