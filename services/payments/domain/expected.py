"""Expected payments: every payment due to an organisation over a span of months, with the day
it is due, its amount (or an estimate), and whether it is paid, due, waiting for a named fact,
or late. No I/O: ``expectations.py`` reads an :class:`Outlook` once and calls
:func:`expected_payments`.

What is due and why it waits is the payment run's own decision (:func:`decide_payments`, one
period at a time), so the forecast cannot disagree with what a run would pay. When it is due
follows from when a run can pay it (README, "Expected payments and when they are due"): an
item booked to a period is paid by that period's run, or, when it is decided on a fact known
only after the period ends (tariff's closed counts, a true-up's KPI result), by the next
month's; a hub month is distributed once the federation closes it, in the month after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.payments.domain.due import (
    PAID_ON_COUNTS,
    TRUE_UP,
    ItemKey,
    Waiting,
    WaitingReason,
    due_in,
    periods_booked,
)
from services.payments.domain.facts import Achievement, Facts
from services.payments.domain.payment_run import Snapshot, decide_payments
from services.payments.domain.periods import (
    add_months,
    period_end,
    period_start,
    quarter_of,
)
from services.payments.domain.schemes import RECOVERY, RELEASE
from services.payments.domain.settlement import Paid, payer_account
from services.payments.domain.terms import Contract

DISTRIBUTION = "distribution"
#: The bases decided on a fact that comes only after the period they are booked to ends.
DECIDED_AFTER_THE_PERIOD = PAID_ON_COUNTS | {TRUE_UP, RELEASE, RECOVERY}
#: A true-up waiting for its KPI result is estimated as if every target were met.
ASSUMED_ACHIEVEMENT = Decimal(100)


class Status(StrEnum):
    PAID = "paid"
    DUE = "due"
    WAITING = "waiting"
    LATE = "late"


def due_on(basis: str, period: str) -> date:
    """The day an item booked to ``period`` is due: the period's last day (its own run pays
    it), or the next month's last day for tariff and true-ups (decided on closed counts or a
    KPI result, known only once the period has ended)."""
    lag = 1 if basis in DECIDED_AFTER_THE_PERIOD else 0
    return period_end(add_months(period, lag))


def distribution_due_on(month: str) -> date:
    """A hub month is shared once the federation has closed it: by the next month's end."""
    return period_end(add_months(month, 1))


def status_of(due: date, today: date, *, paid: bool, waits: bool) -> Status:
    """Paid once a payment (or distribution line) exists; otherwise late after its due day,
    and until then waiting when a named fact is missing, else due."""
    if paid:
        return Status.PAID
    if due < today:
        return Status.LATE
    return Status.WAITING if waits else Status.DUE


@dataclass(frozen=True)
class Made:
    """When an item's money first moved, and the payment (or distribution) that moved it."""

    paid_on: date
    payment_id: str


@dataclass(frozen=True)
class Share:
    """A practice's part of a distributed hub month: its line's total in the latest revision
    (None: it has no line), and when a line of its was first distributed."""

    total_pence: int | None
    made: Made | None


@dataclass(frozen=True)
class HubMonthOf:
    """A hub month a practice is subcontracted for, as far as it has got."""

    hub: Contract
    month: str
    closed: bool
    #: Something due for the month has been paid to the hub (its income has begun to arrive).
    income_paid: bool
    #: The distribution, once there is one.
    share: Share | None


@dataclass(frozen=True)
class Outlook:
    """What the forecast reads, once: the organisation's contracts (and the primes that pay
    any of them), their facts and what was paid, for the periods asked; its hub months."""

    periods: tuple[str, ...]
    today: date
    contracts: Mapping[str, Contract]
    #: The contracts paying the organisation, in id order.
    paying: tuple[str, ...]
    facts: Mapping[str, Facts]
    paid: Mapping[ItemKey, Paid]
    made: Mapping[ItemKey, Made]
    hub_months: tuple[HubMonthOf, ...] = ()


@dataclass(frozen=True)
class Expected:
    contract_id: str
    contract_kind: str
    commissioner_ods: str
    payer_ods: str | None
    period: str
    basis: str
    due_on: date
    amount_pence: int | None
    estimated: bool
    status: Status
    waiting_for: str | None
    paid_on: date | None
    payment_id: str | None

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.due_on.isoformat(), self.contract_id, self.period, self.basis)


def expected_payments(outlook: Outlook) -> list[Expected]:
    """Every payment expected, by due day then contract (then period and basis). An item that
    comes to nothing (a month with no consultations, a payment recovered in full) is left out."""
    found = [e for period in outlook.periods for e in _items_booked_to(outlook, period)]
    found += [e for h in outlook.hub_months if (e := _hub_share(h, outlook.today)) is not None]
    return sorted(found, key=lambda e: e.sort_key)


def _items_booked_to(outlook: Outlook, period: str) -> list[Expected]:
    snapshot = Snapshot(period, outlook.contracts, outlook.paying, outlook.facts, outlook.paid)
    decided = decide_payments(snapshot)
    waits = {w.key: w for w in decided.waiting}
    keys = set(decided.dues) | set(waits)
    keys |= {k for k in outlook.paid if k[1] == period and k[0] in outlook.paying}
    found = []
    for key in sorted(keys):
        contract = outlook.contracts[key[0]]
        paid = outlook.paid.get(key)
        is_paid = paid is not None and paid.amount_pence != 0
        waiting = None
        if paid is not None and is_paid:
            amount: int | None = paid.amount_pence
            estimated = False
        elif (due := decided.dues.get(key)) is not None:
            amount, estimated = due.amount_pence, period_start(period) > outlook.today
        elif key in waits:
            waiting = waits[key]
            amount = _estimate(contract, waiting, outlook.facts.get(key[0], Facts()))
            estimated = True
        else:
            continue  # paid, then recovered in full: nothing is due
        if amount == 0:
            continue
        when = due_on(key[2], period)
        made = outlook.made.get(key) if is_paid else None
        found.append(
            Expected(
                contract_id=contract.contract_id,
                contract_kind=contract.kind,
                commissioner_ods=contract.commissioner_ods,
                payer_ods=_ods(payer_account(contract, outlook.contracts)),
                period=period,
                basis=key[2],
                due_on=when,
                amount_pence=amount,
                estimated=estimated,
                status=status_of(when, outlook.today, paid=is_paid, waits=waiting is not None),
                waiting_for=waiting.detail if waiting else None,
                paid_on=made.paid_on if made else None,
                payment_id=made.payment_id if made else None,
            )
        )
    return found


def _estimate(contract: Contract, waiting: Waiting, facts: Facts) -> int | None:
    """What a waiting item would come to: the amount itself where only its payer is unknown
    (a PRIME payments has not heard of); a true-up as if every target were met; else None."""
    if waiting.reason is WaitingReason.ACHIEVEMENT_NOT_RECORDED:
        quarter = quarter_of(waiting.period)
        assumed = {**facts.achievements, quarter: Achievement(ASSUMED_ACHIEVEMENT)}
        facts = replace(facts, achievements=assumed)
    elif waiting.reason is not WaitingReason.PRIME_NOT_KNOWN:
        return None
    dues, _ = due_in(contract, waiting.period, facts)
    return next((d.amount_pence for d in dues if d.key == waiting.key), None)


def _hub_share(h: HubMonthOf, today: date) -> Expected | None:
    """A practice's share of a hub month: paid once a line of its is distributed, nothing at
    all if the month was distributed without one; until then it waits for the close and the
    hub's income, and cannot be estimated (it depends on every practice's counts)."""
    share = h.share
    if share is not None and not share.total_pence:
        return None
    waiting = None
    if share is None and not h.closed:
        waiting = f"the federation has not closed {h.month} for this hub"
    elif share is None and not h.income_paid:
        waiting = f"the commissioner has not paid the hub for {h.month} yet"
    due = distribution_due_on(h.month)
    made = share.made if share else None
    return Expected(
        contract_id=h.hub.contract_id,
        contract_kind=h.hub.kind,
        commissioner_ods=h.hub.commissioner_ods,
        payer_ods=h.hub.provider_ods,
        period=h.month,
        basis=DISTRIBUTION,
        due_on=due,
        amount_pence=share.total_pence if share else None,
        estimated=share is None,
        status=status_of(due, today, paid=share is not None, waits=waiting is not None),
        waiting_for=waiting,
        paid_on=made.paid_on if made else None,
        payment_id=made.payment_id if made else None,
    )


def months_shared(
    hub: Contract, start: date, end: date | None, periods: Iterable[str]
) -> list[str]:
    """The months of ``periods`` a practice subcontracted on a hub from ``start`` to ``end``
    may have a share of: the hub and the subcontract both in force on some day of it."""
    return [
        m
        for m in periods
        if hub.in_force(m) and start <= period_end(m) and (end is None or end >= period_start(m))
    ]


def income_paid(hub_id: str, month: str, paid: Mapping[ItemKey, Paid]) -> bool:
    """Whether anything due for a hub month has been paid: an item of the hub booked to a
    period that can pay for the month (README, "Distribution")."""
    booked = set(periods_booked(month))
    return any(key[0] == hub_id and key[1] in booked for key in paid)


def _ods(account: str | None) -> str | None:
    return None if account is None else account.partition(":")[2]
