"""Incentive schemes at the year's close (issue 20): release the held-back share, recover upfront
money, and say which practice or standard caused it.

A scheme practice's contract is per head, ``upfront_percent`` of each month's value paid up front
(``due.py``, basis ``upfront``) and the rest held back. At the financial year's close (the item
booked to March, like a year-end true-up) the scheme's rules decide instead of a KPI achievement:

- release (*Commissioning and funding general practice*, "Risk-sharing and accountability for
  outcomes": "All practices in the entire network must achieve the target for the payments to be
  released"): ``network`` releases the held-back share to a network's practices only when every
  one of them delivered every standard; ``practice``, to each practice that delivered every one;
- balancing (*Co-commissioning evaluation*, 3.4.2.2: the balancing payment "subject to delivery
  of ALL standards", with claw-back "to all areas not delivered"): ``all_or_nothing`` recovers the
  practice's whole upfront share when it missed any standard; ``proportional``, the share of its
  standards missed (half-even to the penny).

So for every practice: paid (up front + released - recovered) + still held back + recovered is
exactly the year's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

RELEASE, RECOVERY = "scheme_release", "scheme_recovery"


@dataclass(frozen=True)
class SchemeRules:
    """What payments knows of a scheme: its rules, each enrolled practice's network and each
    practice's latest results (standard code -> delivered)."""

    scheme_id: str
    release: str  # network | practice
    balancing: str  # all_or_nothing | proportional
    standards: tuple[str, ...]
    networks: Mapping[str, str | None]
    results: Mapping[str, Mapping[str, bool]]

    def missed(self, practice_ods: str) -> list[str]:
        mine = self.results.get(practice_ods, {})
        return [code for code in self.standards if not mine.get(code, False)]

    def waiting_for(self, practice_ods: str) -> list[str]:
        """The practices whose results the decision for ``practice_ods`` still needs."""
        return [p for p in self.decided_by(practice_ods) if p not in self.results]

    def decided_by(self, practice_ods: str) -> list[str]:
        network = self.networks.get(practice_ods)
        if self.release == "network" and network is not None:
            return sorted(p for p, n in self.networks.items() if n == network)
        return [practice_ods]


@dataclass(frozen=True)
class Decision:
    released: bool
    release_why: str
    #: The standards this practice missed, for the recovery.
    missed: tuple[str, ...]
    recovery_why: str


def decide(rules: SchemeRules, practice_ods: str) -> Decision | None:
    """Release and recovery for one practice; None while a result it depends on is missing."""
    if rules.waiting_for(practice_ods):
        return None
    network = rules.networks.get(practice_ods)
    where = f" in network {network}" if rules.release == "network" and network else ""
    if where:
        culprits = [
            f"{p} missed standard {code}{where}"
            for p in rules.decided_by(practice_ods)
            for code in rules.missed(p)
        ]
    else:
        culprits = [f"standard {code} missed" for code in rules.missed(practice_ods)]
    if culprits:
        release_why = "held back: " + "; ".join(culprits)
    elif where:
        release_why = f"released: every practice{where} delivered every standard"
    else:
        release_why = "released: every standard delivered"
    missed = tuple(rules.missed(practice_ods))
    if not missed:
        recovery_why = "nothing recovered: every standard delivered"
    elif rules.balancing == "all_or_nothing":
        recovery_why = f"recovered: standard {', '.join(missed)} missed (all or nothing)"
    else:
        share = f"{len(missed)} of {len(rules.standards)}"
        recovery_why = f"recovered: standard {', '.join(missed)} missed ({share}, proportional)"
    return Decision(not culprits, release_why, missed, recovery_why)


@dataclass(frozen=True)
class Close:
    """What the year's close pays (released) and takes back (recovered), both >= 0."""

    released_pence: int
    recovered_pence: int


def close(
    upfront_pence: int, held_back_pence: int, decision: Decision, rules: SchemeRules
) -> Close:
    """The held-back share released or not; the upfront share recovered by the balancing rule."""
    released = held_back_pence if decision.released else 0
    if not decision.missed:
        recovered = 0
    elif rules.balancing == "all_or_nothing":
        recovered = upfront_pence
    else:
        # Python rounds a Fraction half-even, as shared.money rounds percentages.
        recovered = round(Fraction(upfront_pence * len(decision.missed), len(rules.standards)))
    return Close(released, recovered)


@dataclass(frozen=True)
class Position:
    """One practice's position in a scheme: ``paid_up_front + held_back`` is the year's value
    so far; released and recovered are what the close moved (paid or due)."""

    practice_ods: str
    network: str | None
    contract_id: str
    paid_up_front_pence: int
    held_back_pence: int
    released_pence: int
    recovered_pence: int
    why: str

    @property
    def paid_pence(self) -> int:
        """Paid net: up front, plus released, less recovered."""
        return self.paid_up_front_pence + self.released_pence - self.recovered_pence

    @property
    def still_held_pence(self) -> int:
        return self.held_back_pence - self.released_pence
