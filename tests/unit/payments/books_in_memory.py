"""The payments pipeline on books kept in memory: the pure decisions of ``domain/`` (what is
due, settling, restating, distributing, netting) run as ``runs.py`` runs them, without a
database, so that property tests can try thousands of histories in seconds."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from services.payments.domain.due import ItemKey, periods_booked
from services.payments.domain.facts import Activity, Facts
from services.payments.domain.ledger import Transaction
from services.payments.domain.payment_run import Snapshot, decide_payments
from services.payments.domain.remittance import (
    Distributed,
    HubMonth,
    ToDistribute,
    decide_distributions,
)
from services.payments.domain.settlement import Paid, periods_to_restate, transaction_for
from services.payments.domain.terms import Contract


@dataclass
class Books:
    """One contract's books: the ledger, the payments per item, the distributions, and the
    notes a later run settles."""

    contract: Contract
    facts: Facts = field(default_factory=Facts)
    admin_ods: str | None = None
    transactions: list[Transaction] = field(default_factory=list)
    paid: dict[ItemKey, Paid] = field(default_factory=dict)
    distributed: dict[str, Distributed] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)
    runs: list[str] = field(default_factory=list)
    #: Every payment key and distribution key ever made: none may be made twice.
    keys: list[tuple[object, ...]] = field(default_factory=list)

    # --- events ------------------------------------------------------------------------

    def change_contract(self, after: Contract) -> None:
        settled = {*(key[1] for key in self.paid), *self.distributed, *self.runs}
        self.pending |= set(periods_to_restate(self.contract, after, settled))
        self.contract = after

    def close(self, month: str, activity: Activity) -> list[ToDistribute]:
        restated = month in self.facts.closed
        self.facts = replace(self.facts, closed={**self.facts.closed, month: activity})
        if restated:
            self.pending.add(month)
        return self.distribute({month})

    def record(self, facts: Facts, month: str) -> None:
        """New facts (an achievement, a list size) that change what ``month`` is due."""
        self.facts = facts
        self.pending.add(month)

    # --- a payment run -----------------------------------------------------------------

    def run(self, period: str) -> tuple[int, list[ToDistribute]]:
        """A run for ``period``: returns the money it moved (payments and recoveries, in
        absolute pence) and the distributions it made."""
        self.runs.append(period)
        pending = frozenset((self.contract.contract_id, p) for p in self.pending if p <= period)
        snapshot = Snapshot(
            period=period,
            contracts={self.contract.contract_id: self.contract},
            paid_by_run=(self.contract.contract_id,),
            facts={self.contract.contract_id: self.facts},
            paid=dict(self.paid),
            pending=pending,
        )
        decided = decide_payments(snapshot)
        moved = 0
        for tp in decided.to_pay:
            p = tp.payment
            self.keys.append(("payment", *p.key, p.revision))
            before = self.paid.get(p.key)
            self.paid[p.key] = Paid(
                (before.amount_pence if before else 0) + p.amount_pence, p.revision
            )
            if p.amount_pence:
                self.transactions.append(transaction_for(p, tp.payer, tp.payee)[2])
                moved += abs(p.amount_pence)
        for _, settled in decided.settles:
            self.pending.discard(settled)
        self.pending |= {w.period for w in decided.waiting}
        distributed = self.distribute(decided.hub_months.get(self.contract.contract_id, set()))
        return moved, distributed

    def distribute(self, months: set[str]) -> list[ToDistribute]:
        if not self.contract.is_hub:
            return []
        asked = sorted(m for m in months if m in self.facts.closed)
        at = [
            HubMonth(
                self.contract, m, self.facts.closed[m], self.admin_ods, self.distributed.get(m)
            )
            for m in asked
        ]
        booked = {p for m in asked for p in periods_booked(m)}
        paid = {k: v for k, v in self.paid.items() if k[1] in booked}
        owes = {
            (self.contract.provider_ods, ods): -balance
            for ods, balance in self.balances("owed").items()
        }
        decided = decide_distributions(at, {self.contract.contract_id: self.facts}, paid, owes)
        for d in decided:
            self.keys.append(("distribution", d.at.month, d.revision))
            self.distributed[d.at.month] = Distributed(d.revision, d.result)
            if d.transaction is not None:
                self.transactions.append(d.transaction)
        return decided

    # --- reading the books -------------------------------------------------------------

    def balances(self, kind: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for transaction in self.transactions:
            for posting in transaction.postings:
                account_kind, _, ods = posting.account.partition(":")
                if account_kind == kind:
                    found[ods] = found.get(ods, 0) + posting.amount_pence
        return found

    def total(self) -> int:
        return sum(p.amount_pence for t in self.transactions for p in t.postings)


def first_of(period: str) -> date:
    year, month = period.split("-")
    return date(int(year), int(month), 1)
