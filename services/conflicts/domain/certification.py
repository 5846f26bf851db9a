"""The quarterly self-certification of conflicts of interest management (Co-commissioning evaluation
3.4.1, "Assurance").

"For delegated responsibility, CCGs will need to provide annual and quarterly self-certification
focusing on conflicts of interest [...] completed mandatory training for staff, and published any
breaches [...] CCGs will be rated as; compliant (100% criteria met), partially compliant, or not
compliant (if 0% criteria are met)." The return is signed off by a named person (the CCG's
Accountable Officer, in the same section).

Each criterion is checked row by row (a person, a breach, a decision, a contract), as at one day:
the quarter's last day, or today while the quarter is still running. A criterion is compliant
when every row passes (and when there is nothing to check, which it says), not compliant when
none does, partially compliant otherwise. The return is compliant only when every criterion
is, not compliant when none is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from services.conflicts.domain.compliance import Overdue
from services.conflicts.domain.registers import DECLARE_WITHIN
from services.conflicts.domain.training import VALID_FOR, trained_on
from shared import calendar
from shared.rules import RuleBroken

#: A contract ending within this long after the as-at day is nearing expiry: half a year, time
#: enough to re-procure, extend or let it end by a decision of the committee.
NEARING_EXPIRY = timedelta(days=183)


class Rating(StrEnum):
    COMPLIANT = "compliant"
    PARTIALLY_COMPLIANT = "partially_compliant"
    NOT_COMPLIANT = "not_compliant"


class Criterion(StrEnum):
    REGISTERS_CURRENT = "registers_current"
    NIL_DECLARATIONS = "nil_declarations"
    MANDATORY_TRAINING = "mandatory_training"
    BREACHES_PUBLISHED = "breaches_published"
    DECISIONS_SCREENED = "decisions_screened"
    EXPIRING_CONTRACTS = "expiring_contracts_scheduled"


#: How each criterion is computed, as the return states it.
RULES: dict[Criterion, str] = {
    Criterion.REGISTERS_CURRENT: (
        "Every person on the register appointed by the as-at day declared (nil included) within"
        " 28 days of appointment and of each change, and confirmed within 365 days"
    ),
    Criterion.NIL_DECLARATIONS: (
        "Every person with no interest on the register on the as-at day made a nil declaration"
        " in the 365 days to it (not due until 28 days after appointment)"
    ),
    Criterion.MANDATORY_TRAINING: (
        "Every decision-making person appointed by the as-at day completed the mandatory"
        " conflicts of interest training in the 365 days to it"
    ),
    Criterion.BREACHES_PUBLISHED: (
        "Every breach reported in the quarter is on the public breaches register, anonymised:"
        " its summary and action name nobody on the register"
    ),
    Criterion.DECISIONS_SCREENED: (
        "Every decision on the organisation's items in the quarter was screened and quorate,"
        " and no conflicted member voted; no gated contract reached its start without a"
        " decision"
    ),
    Criterion.EXPIRING_CONTRACTS: (
        "Every contract of the organisation in force on the as-at day and ending within 183"
        " days of it has a decision item about it opened by then"
    ),
}


class Held(Protocol):
    """An interest on the register: a declaration or an affiliation."""

    def active_on(self, on: date) -> bool: ...


@dataclass(frozen=True)
class Evidence:
    """One row a criterion was checked against."""

    subject_id: str
    subject: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Finding:
    criterion: Criterion
    rule: str
    rating: Rating
    evidence: tuple[Evidence, ...]
    note: str


@dataclass(frozen=True)
class Window:
    """The quarter a return is for, and the day it is computed as at."""

    quarter: str
    first_day: date
    last_day: date
    as_at: date
    ended: bool

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.as_at


def window(quarter: str, today: date) -> Window:
    """``quarter`` (already matching ``QUARTER_PATTERN``) as at its last day, or ``today`` while
    it runs; a quarter that has not begun has nothing to certify."""
    first, last = calendar.quarter_first_day(quarter), calendar.quarter_last_day(quarter)
    if first > today:
        raise RuleBroken("quarter", f"{quarter} has not begun (it starts on {first})")
    return Window(quarter, first, last, min(last, today), ended=today > last)


def check_sign_off(w: Window) -> None:
    """A quarter's return is signed off once the quarter is over, so that it covers all of it."""
    if not w.ended:
        raise RuleBroken(
            "quarter", f"{w.quarter} runs until {w.last_day}: sign it off once it has ended"
        )


def rate(evidence: Sequence[Evidence]) -> Rating:
    passed = sum(e.passed for e in evidence)
    if passed == len(evidence):
        return Rating.COMPLIANT
    return Rating.NOT_COMPLIANT if passed == 0 else Rating.PARTIALLY_COMPLIANT


def overall(findings: Sequence[Finding]) -> Rating:
    """Compliant only when 100% of the criteria are, not compliant at 0% (Co-commissioning
    evaluation 3.4.1, "Assurance")."""
    met = sum(f.rating is Rating.COMPLIANT for f in findings)
    if met == len(findings):
        return Rating.COMPLIANT
    return Rating.NOT_COMPLIANT if met == 0 else Rating.PARTIALLY_COMPLIANT


def finding(criterion: Criterion, evidence: Iterable[Evidence], nothing: str) -> Finding:
    rows = tuple(evidence)
    passed = sum(e.passed for e in rows)
    note = f"{passed} of {len(rows)} pass" if rows else f"compliant: {nothing}"
    return Finding(criterion, RULES[criterion], rate(rows), rows, note)


# --- the snapshot a return is computed from -------------------------------------------------


@dataclass(frozen=True)
class PersonOnRegister:
    """A person as the register stood on the as-at day: ``overdue`` as domain/compliance.py
    finds it then, ``interests`` and ``nil_declared_on`` recorded by then."""

    id: str
    name: str
    decision_making: bool
    appointed_on: date
    overdue: tuple[Overdue, ...] = ()
    interests: tuple[Held, ...] = ()
    nil_declared_on: tuple[date, ...] = ()
    trained: tuple[date, ...] = ()


@dataclass(frozen=True)
class BreachReport:
    id: str
    occurred_on: date
    reported_on: date
    published: bool
    text: str


@dataclass(frozen=True)
class RecordedDecision:
    id: str
    item_id: str
    contract_id: str
    outcome: str
    decided_on: date
    quorate: bool
    conflicted: frozenset[str]
    voted: frozenset[str]


@dataclass(frozen=True)
class UndecidedItem:
    """A decision item with no approval or rejection by the as-at day; ``starts_on`` is its
    contract's start date where the read model knows it."""

    id: str
    contract_id: str
    starts_on: date | None


@dataclass(frozen=True)
class ContractInForce:
    id: str
    label: str
    end_date: date | None
    #: When decision items about it (after its own approval) were opened.
    items_opened_on: tuple[date, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    people: tuple[PersonOnRegister, ...] = ()
    breaches: tuple[BreachReport, ...] = ()
    decisions: tuple[RecordedDecision, ...] = ()
    undecided: tuple[UndecidedItem, ...] = ()
    contracts: tuple[ContractInForce, ...] = ()


# --- the criteria ---------------------------------------------------------------------------


def _appointed(people: Iterable[PersonOnRegister], w: Window) -> list[PersonOnRegister]:
    return [p for p in people if p.appointed_on <= w.as_at]


def registers_current(people: Iterable[PersonOnRegister], w: Window) -> Finding:
    rows = (
        Evidence(
            p.id,
            p.name,
            not p.overdue,
            "; ".join(o.reason for o in p.overdue) or "declarations up to date",
        )
        for p in _appointed(people, w)
    )
    return finding(Criterion.REGISTERS_CURRENT, rows, "nobody on the register")


def _nil_evidence(p: PersonOnRegister, w: Window) -> Evidence:
    latest = max((d for d in p.nil_declared_on if w.as_at - VALID_FOR < d <= w.as_at), default=None)
    if latest is not None:
        return Evidence(p.id, p.name, True, f"nil declaration on {latest}")
    due = p.appointed_on + DECLARE_WITHIN
    if w.as_at <= due:
        return Evidence(p.id, p.name, True, f"appointed on {p.appointed_on}: not due until {due}")
    return Evidence(p.id, p.name, False, "no interest on the register and no nil declaration")


def nil_declarations(people: Iterable[PersonOnRegister], w: Window) -> Finding:
    undeclared = [
        p for p in _appointed(people, w) if not any(i.active_on(w.as_at) for i in p.interests)
    ]
    rows = (_nil_evidence(p, w) for p in undeclared)
    return finding(Criterion.NIL_DECLARATIONS, rows, "everyone has an interest on the register")


def mandatory_training(people: Iterable[PersonOnRegister], w: Window) -> Finding:
    rows = []
    for p in _appointed(people, w):
        if not p.decision_making:
            continue
        on = trained_on(p.trained, w.as_at)
        detail = f"completed on {on}" if on else "not completed in the 365 days to the as-at day"
        rows.append(Evidence(p.id, p.name, on is not None, detail))
    return finding(Criterion.MANDATORY_TRAINING, rows, "no decision-making people")


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """The names, of those given, that ``text`` mentions (whole words, any case)."""
    return sorted(
        {n for n in names if n.strip() and re.search(rf"\b{re.escape(n.strip())}\b", text, re.I)}
    )


def breaches_published(
    breaches: Iterable[BreachReport], people: Iterable[PersonOnRegister], w: Window
) -> Finding:
    names = [p.name for p in people]
    rows = []
    for b in sorted(breaches, key=lambda b: (b.reported_on, b.id)):
        if not w.holds(b.reported_on):
            continue
        named = names_in(b.text, names)
        if not b.published:
            detail, passed = "not on the public breaches register", False
        elif named:
            detail, passed = f"published but names {', '.join(named)}: not anonymised", False
        else:
            detail, passed = "on the public breaches register, anonymised", True
        label = f"breach of {b.occurred_on} reported on {b.reported_on}"
        rows.append(Evidence(b.id, label, passed, detail))
    return finding(Criterion.BREACHES_PUBLISHED, rows, "no breach reported in the quarter")


def _decision_evidence(d: RecordedDecision) -> Evidence:
    voted = sorted(d.conflicted & d.voted)
    label = f"{d.outcome} on {d.decided_on}, contract {d.contract_id}"
    if not d.quorate:
        return Evidence(d.id, label, False, "decided without a quorum")
    if voted:
        return Evidence(d.id, label, False, f"conflicted member(s) voted: {', '.join(voted)}")
    declared = len(d.conflicted)
    return Evidence(
        d.id, label, True, f"screened, quorate; {declared} conflicted member(s), none voted"
    )


def decisions_screened(
    decisions: Iterable[RecordedDecision], undecided: Iterable[UndecidedItem], w: Window
) -> Finding:
    rows = [
        _decision_evidence(d)
        for d in sorted(decisions, key=lambda d: (d.decided_on, d.id))
        if w.holds(d.decided_on)
    ]
    rows += [
        Evidence(
            i.id,
            f"item for contract {i.contract_id}",
            False,
            f"the contract started on {i.starts_on} without a decision",
        )
        for i in sorted(undecided, key=lambda i: i.id)
        if i.starts_on is not None and i.starts_on <= w.as_at
    ]
    return finding(Criterion.DECISIONS_SCREENED, rows, "no decision in the quarter")


def expiring_contracts(contracts: Iterable[ContractInForce], w: Window) -> Finding:
    rows = []
    for c in sorted(contracts, key=lambda c: (c.end_date or date.max, c.id)):
        if c.end_date is None or not w.as_at < c.end_date <= w.as_at + NEARING_EXPIRY:
            continue
        opened = [d for d in c.items_opened_on if d <= w.as_at]
        detail = (
            f"ends on {c.end_date}; decision item opened on {max(opened)}"
            if opened
            else f"ends on {c.end_date}; no decision scheduled"
        )
        rows.append(Evidence(c.id, c.label, bool(opened), detail))
    return finding(Criterion.EXPIRING_CONTRACTS, rows, "no contract in force ends within 183 days")


def certify(snapshot: Snapshot, w: Window) -> list[Finding]:
    """Every criterion of the return, in the order it is presented."""
    people = snapshot.people
    return [
        registers_current(people, w),
        nil_declarations(people, w),
        mandatory_training(people, w),
        breaches_published(snapshot.breaches, people, w),
        decisions_screened(snapshot.decisions, snapshot.undecided, w),
        expiring_contracts(snapshot.contracts, w),
    ]
