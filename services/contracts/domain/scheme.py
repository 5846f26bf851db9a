"""Incentive schemes (issue 20): a commissioner's LES or LIS paid per head, part up front and
the rest held back until the year's results are in.

- *Commissioning and funding general practice*, "Risk-sharing and accountability for outcomes":
  70% (later 60%) paid up front to invest, the rest held back and released only if every
  practice in the network reaches the target (``release: network``).
- *Co-commissioning evaluation*, 3.4.2.2 "'New' primary care initiatives": £10 a head (rising to
  £16) in instalments, a balancing payment due only if ALL standards are delivered, claw-back
  for any area not delivered (``balancing``), and only a provider holding a core contract (GMS,
  PMS or APMS) is eligible.

Each enrolment is a contract of the scheme's kind between the commissioner and the practice,
per head with an upfront share trued up at the year's end; the scheme names the committee that
decides those contracts, as any gated contract does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from services.contracts.domain.contract import Contract
from services.contracts.domain.payment import PaymentTerms
from services.contracts.domain.proposal import Proposal
from services.contracts.domain.rules import RuleBroken, WrongState
from shared.events.contracts import SchemeBalancingName, SchemeKindName, SchemeReleaseName

__all__ = [
    "CORE_KINDS",
    "Enrolment",
    "Results",
    "RuleBroken",
    "Scheme",
    "Standard",
    "check_core_contract",
    "define_scheme",
    "enrol",
    "enrolment_proposal",
    "record_results",
    "year_span",
]

#: The core GP contracts a scheme's practice must hold (Co-commissioning evaluation, 3.4.2.2).
CORE_KINDS = frozenset({"GMS", "PMS", "APMS"})
_YEAR = re.compile(r"^(20\d\d)/(\d\d)$")


def year_span(year: str) -> tuple[date, date]:
    """1 April to 31 March of an NHS financial year written "2026/27"."""
    found = _YEAR.match(year)
    if found is None or (int(found[1]) + 1) % 100 != int(found[2]):
        raise RuleBroken("year", f"{year!r} is not an NHS financial year such as 2026/27")
    first = int(found[1])
    return date(first, 4, 1), date(first + 1, 3, 31)


@dataclass(frozen=True)
class Standard:
    code: str
    title: str


@dataclass(frozen=True)
class Results:
    """One version of a practice's delivery of each standard; a later one supersedes it."""

    version: int
    delivered: tuple[tuple[str, bool], ...]
    reason: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class Enrolment:
    practice_ods: str
    contract_id: str
    network: str | None


@dataclass
class Scheme:
    id: str
    commissioner_ods: str
    kind: SchemeKindName
    name: str
    year: str
    per_head_pence: int
    upfront_percent: Decimal
    standards: tuple[Standard, ...]
    release: SchemeReleaseName
    balancing: SchemeBalancingName
    networks: tuple[tuple[str, tuple[str, ...]], ...]
    decision_committee_id: str | None = None
    revision: int = 1
    enrolments: list[Enrolment] = field(default_factory=list)
    #: Every version of each practice's results, oldest first.
    results: dict[str, list[Results]] = field(default_factory=dict)

    @property
    def span(self) -> tuple[date, date]:
        return year_span(self.year)

    def network_of(self, practice_ods: str) -> str | None:
        return next((name for name, members in self.networks if practice_ods in members), None)

    def enrolment(self, practice_ods: str) -> Enrolment | None:
        return next((e for e in self.enrolments if e.practice_ods == practice_ods), None)

    def latest(self, practice_ods: str) -> Results | None:
        versions = self.results.get(practice_ods)
        return versions[-1] if versions else None


def define_scheme(scheme: Scheme) -> Scheme:
    """The scheme as defined, or RuleBroken naming the field at fault."""
    year_span(scheme.year)
    if scheme.per_head_pence <= 0:
        raise RuleBroken("per_head_pence", "a scheme pays a positive amount a head")
    if not 0 < scheme.upfront_percent < 100:
        raise RuleBroken("upfront_percent", "part is paid up front and the rest held back")
    codes = [s.code for s in scheme.standards]
    if not codes:
        raise RuleBroken("standards", "a scheme names the standards practices must deliver")
    if len(set(codes)) != len(codes):
        raise RuleBroken("standards", "each standard's code is unique within the scheme")
    names = [name for name, _ in scheme.networks]
    if len(set(names)) != len(names):
        raise RuleBroken("networks", "each network's name is unique within the scheme")
    members = [p for _, practices in scheme.networks for p in practices]
    if len(set(members)) != len(members):
        raise RuleBroken("networks", "a practice belongs to one network of the scheme")
    if scheme.release == "network" and not scheme.networks:
        raise RuleBroken("networks", "a scheme released by network names its networks")
    return scheme


def check_core_contract(practice_ods: str, core: list[Contract], days: list[date]) -> None:
    """Only a provider holding a core contract (GMS, PMS or APMS) in force on one of ``days``
    is eligible (Co-commissioning evaluation, 3.4.2.2)."""
    for contract in core:
        if contract.kind in CORE_KINDS and any(contract.in_force_on(d) for d in days):
            return
    on = " or ".join(d.isoformat() for d in days)
    raise RuleBroken(
        "practice_ods",
        f"{practice_ods} holds no core contract (GMS, PMS or APMS) in force on {on}: only a "
        "core contract holder is eligible for the scheme",
    )


def enrol(scheme: Scheme, practice_ods: str, network: str | None, contract_id: str) -> Enrolment:
    """The practice's place in the scheme, under the contract ``contract_id``."""
    if scheme.enrolment(practice_ods) is not None:
        raise WrongState(f"{practice_ods} is already enrolled in scheme {scheme.id}")
    listed = scheme.network_of(practice_ods)
    if network is not None and network not in {name for name, _ in scheme.networks}:
        raise RuleBroken("network", f"scheme {scheme.id} has no network {network!r}")
    if network is not None and listed is not None and network != listed:
        raise RuleBroken("network", f"{practice_ods} is in network {listed!r} of the scheme")
    found = network or listed
    if scheme.release == "network" and found is None:
        raise RuleBroken("network", f"{practice_ods} is in no network of the scheme: name one")
    enrolment = Enrolment(practice_ods, contract_id, found)
    if found is not None and listed is None:
        scheme.networks = tuple(
            (name, (*members, practice_ods) if name == found else members)
            for name, members in scheme.networks
        )
    scheme.enrolments.append(enrolment)
    scheme.revision += 1
    return enrolment


def enrolment_proposal(scheme: Scheme, practice_ods: str) -> Proposal:
    """The practice's contract under the scheme: per head, the scheme's upfront share paid
    monthly and the rest settled once at the year's end."""
    start, end = scheme.span
    return Proposal(
        kind=scheme.kind,
        commissioner_ods=scheme.commissioner_ods,
        provider_ods=practice_ods,
        service=f"scheme {scheme.id}: {scheme.name}",
        start_date=start,
        end_date=end,
        payment=PaymentTerms(
            basis="per_head",
            schedule="monthly_upfront_true_up",
            per_head_pence=scheme.per_head_pence,
            upfront_percent=scheme.upfront_percent,
            true_up="year_end",
        ),
        decision_committee_id=scheme.decision_committee_id,
        # Offered to core contract holders only, by the eligibility rule itself.
        offered_to_core_holders_first=True if scheme.kind == "LES" else None,
    )


def record_results(
    scheme: Scheme,
    practice_ods: str,
    delivered: list[tuple[str, bool]],
    reason: str | None,
    at: datetime,
) -> Results:
    """A practice's delivery of every standard; a later record supersedes the last (versioned,
    with its reason), as a KPI correction does."""
    if scheme.enrolment(practice_ods) is None:
        raise RuleBroken("practice_ods", f"{practice_ods} is not enrolled in scheme {scheme.id}")
    codes = [code for code, _ in delivered]
    expected = {s.code for s in scheme.standards}
    if len(set(codes)) != len(codes) or set(codes) != expected:
        raise RuleBroken(
            "standards", f"give each of the scheme's standards once: {', '.join(sorted(expected))}"
        )
    before = scheme.latest(practice_ods)
    ordered = tuple(sorted(delivered))
    if before is not None:
        if not reason:
            raise RuleBroken("reason", "a correction of recorded results gives its reason")
        if before.delivered == ordered:
            raise WrongState(f"{practice_ods}'s results are already recorded as given")
    results = Results(before.version + 1 if before else 1, ordered, reason, at)
    scheme.results.setdefault(practice_ods, []).append(results)
    scheme.revision += 1
    return results
