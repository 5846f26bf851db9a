"""Settling items against what was paid: a payment is only ever the difference.

An item's first payment is revision 1; when the facts behind it change (a backdated variation or
termination, restated activity, a corrected achievement, a backdated list size) it is *restated*:
what it is due now, less everything paid for it so far, is paid (or recovered) as the next
revision. Settling again with nothing changed pays nothing, so a rerun, a redelivered event or a
second restatement of the same change moves no money; and two runs settling at once claim the
same next revision, which the database lets only one of them have.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.payments.domain.due import Due, ItemKey, Waiting
from services.payments.domain.ledger import Transaction, account_code
from services.payments.domain.periods import months_from, period_of
from services.payments.domain.terms import Contract


@dataclass(frozen=True)
class Paid:
    """An item's payments so far: their sum, and the latest revision."""

    amount_pence: int
    revision: int


@dataclass(frozen=True)
class Payment:
    """One revision of an item: the difference between what it is due and what was paid
    (zero only for a first look at an item due nothing, recorded so that it counts as settled)."""

    contract_id: str
    period: str
    basis: str
    revision: int
    amount_pence: int
    #: What the item is made of now (``Due.detail``), for the memo.
    detail: str = ""

    @property
    def key(self) -> ItemKey:
        return (self.contract_id, self.period, self.basis)

    @property
    def is_recovery(self) -> bool:
        return self.amount_pence < 0

    @property
    def restates(self) -> bool:
        return self.revision > 1


def settle(
    dues: Iterable[Due],
    waiting: Iterable[Waiting],
    paid: Mapping[ItemKey, Paid],
    periods: Iterable[tuple[str, str]],
) -> list[Payment]:
    """The payments that bring every item booked to ``periods`` ((contract, period) pairs) to
    what it is due: the items due, and any paid item no longer due at all (recovered in full). An
    item that waits (its facts are not all known) is left as it is."""
    due_now = {d.key: d for d in dues}
    held = {w.key for w in waiting}
    settling = set(periods)
    payments = []
    for key, d in due_now.items():
        before = paid.get(key)
        if before is None:
            payments.append(Payment(*key, 1, d.amount_pence, d.detail))
        elif d.amount_pence != before.amount_pence:
            difference = d.amount_pence - before.amount_pence
            payments.append(Payment(*key, before.revision + 1, difference, d.detail))
    for key, before in sorted(paid.items()):
        gone = key not in due_now and key not in held and key[:2] in settling
        if gone and before.amount_pence:
            payments.append(Payment(*key, before.revision + 1, -before.amount_pence))
    return payments


def first_restated(before: Contract, after: Contract, through: str) -> str | None:
    """The first month, up to ``through``, that a change of the contract from ``before`` to
    ``after`` pays differently (in force or not, other terms, another month of the contract
    year); None if none does."""
    first = period_of(min(before.start_date, after.start_date))
    for month in months_from(first, through):
        if not before.same_month(after, month):
            return month
    return None


def periods_to_restate(before: Contract, after: Contract, settled: Iterable[str]) -> list[str]:
    """Of the periods already settled for a contract (paid, or run for its commissioner),
    those a change of it restates: every one from the first month it pays differently. An item
    booked to a period covers only months up to it, so earlier periods are untouched; a period
    not run yet is paid on the new terms when it is."""
    done = sorted(set(settled))
    if not done:
        return []
    first = first_restated(before, after, done[-1])
    return [] if first is None else [period for period in done if period >= first]


def payee_account(contract: Contract) -> str:
    """A hub is paid into its federation's hub pot, anything else to its provider."""
    return account_code("federation" if contract.is_hub else "provider", contract.provider_ods)


def payer_account(contract: Contract, known: Mapping[str, Contract]) -> str | None:
    """The commissioner pays its contracts; a subcontract of a PRIME is paid by the prime out of
    what the prime was paid (Commissioning and funding general practice, "Additional and
    tendered services"). None while the prime is not known yet."""
    if contract.parent_contract_id is None:
        return account_code("commissioner", contract.commissioner_ods)
    parent = known.get(contract.parent_contract_id)
    return None if parent is None else payee_account(parent)


def transaction_for(payment: Payment, payer: str, payee: str) -> tuple[str, str, Transaction]:
    """(kind, memo, transaction) of a payment: payer to payee, or back for a negative one. A
    restatement is an adjustment, labelled with the period and revision it restates."""
    basis, period, revision = payment.basis, payment.period, payment.revision
    if payment.restates:
        kind, memo = "adjustment", f"{basis} adjustment restating {period} (revision {revision})"
    else:
        kind = "recovery" if payment.is_recovery else "payment"
        memo = f"{basis} {kind} {period} revision {revision}"
    if payment.detail:
        memo += f": {payment.detail}"
    amount = payment.amount_pence
    if amount < 0:
        return kind, memo, Transaction.payment(payee, payer, -amount, memo)
    return kind, memo, Transaction.payment(payer, payee, amount, memo)
