"""A payment run, decided: from one snapshot of a period, what to pay, what waits, which notes
it settles and which hub months it may change. No I/O: ``runs.py`` reads the snapshot once,
calls :func:`decide_payments`, and writes what it returns.

A run for a period settles every item booked to it, and every item a note asks a later run to
settle (a restatement, or something that waited) booked to that period or an earlier one, for
the contracts it pays (a commissioner's own, or every one for ops). A restatement is so settled
by the next run of its commissioner, whichever period that run is for; until then it is listed
as pending (``GET /payment-runs/pending``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from services.payments.domain.due import (
    Due,
    ItemKey,
    Waiting,
    WaitingReason,
    due_in,
    months_paid_in,
)
from services.payments.domain.facts import Facts
from services.payments.domain.settlement import (
    Paid,
    Payment,
    payee_account,
    payer_account,
    settle,
)
from services.payments.domain.terms import Contract


@dataclass(frozen=True)
class Snapshot:
    """What a run reads, once."""

    period: str
    #: Every contract read: those the run pays, and the primes up their chains.
    contracts: Mapping[str, Contract]
    #: The contracts the run pays, in id order (the order claims are made in, so that two
    #: concurrent runs wait for each other rather than deadlock).
    paid_by_run: tuple[str, ...]
    facts: Mapping[str, Facts]
    paid: Mapping[ItemKey, Paid]
    #: (contract, period) noted for a later run to settle, for periods up to the run's.
    pending: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class ToPay:
    contract: Contract
    payment: Payment
    payer: str  # account codes
    payee: str


@dataclass
class PaymentsDecided:
    to_pay: list[ToPay] = field(default_factory=list)
    dues: dict[ItemKey, Due] = field(default_factory=dict)
    waiting: list[Waiting] = field(default_factory=list)
    #: (contract, period) settled in full, if every payment claimed for the contract holds.
    settles: set[tuple[str, str]] = field(default_factory=set)
    #: Hub months whose distribution may change with these payments, by contract.
    hub_months: dict[str, set[str]] = field(default_factory=dict)


def decide_payments(snapshot: Snapshot) -> PaymentsDecided:
    decided = PaymentsDecided()
    paid_of: dict[str, dict[ItemKey, Paid]] = {}
    for key, paid in snapshot.paid.items():
        paid_of.setdefault(key[0], {})[key] = paid
    pending_of: dict[str, set[str]] = {}
    for contract_id, period in snapshot.pending:
        pending_of.setdefault(contract_id, set()).add(period)
    for contract_id in snapshot.paid_by_run:
        contract = snapshot.contracts[contract_id]
        periods = sorted({snapshot.period, *pending_of.get(contract_id, ())})
        facts = snapshot.facts.get(contract_id, Facts())
        dues: list[Due] = []
        waiting: list[Waiting] = []
        for period in periods:
            found, waits = due_in(contract, period, facts)
            dues += found
            waiting += waits
        payer = payer_account(contract, snapshot.contracts)
        if payer is None:
            waiting += [_prime_not_known(contract, d) for d in dues]
            dues = []
        booked = [(contract_id, period) for period in periods]
        for payment in settle(dues, waiting, paid_of.get(contract_id, {}), booked):
            assert payer is not None  # nothing is settled while the prime is not known
            decided.to_pay.append(ToPay(contract, payment, payer, payee_account(contract)))
        decided.dues.update((d.key, d) for d in dues)
        decided.waiting += waiting
        held = {w.period for w in waiting}
        decided.settles.update((contract_id, p) for p in periods if p not in held)
        if contract.is_hub:
            months = {month for period in periods for month in months_paid_in(period)}
            decided.hub_months[contract_id] = months
    return decided


def _prime_not_known(contract: Contract, due: Due) -> Waiting:
    detail = f"the PRIME contract {contract.parent_contract_id} that pays it is not known yet"
    return Waiting(due.contract_id, due.period, due.basis, WaitingReason.PRIME_NOT_KNOWN, detail)
