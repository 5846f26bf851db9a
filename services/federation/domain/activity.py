"""Consultations reported by practice clinical systems, screened record by record.

A batch is screened in memory against what was loaded for it once (hubs, memberships,
subcontracts, closed periods, records already held), so ingest stays set-based: one read per
kind of fact, one bulk insert. A record is accepted, a duplicate (its practice already reported
a consultation with its id: resending is harmless), or rejected with a stable reason code
clients can switch on.

A consultation is known by its practice and its id together (:data:`ConsultationKey`): each
practice's clinical system numbers its own, so two practices may well use the same id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from services.federation.domain.hub import HubTerms, current_terms, terms_on
from services.federation.domain.membership import Membership
from services.federation.domain.period import UK, local_day, period_of
from services.federation.domain.subcontract import Subcontract, SubcontractRole

PRACTICE_ODS = r"^[A-Z][0-9]{5}$"
#: The codes an item-of-service contract's fees name (contracts' rule too).
SERVICE_CODE = r"^[a-z0-9][a-z0-9-]{0,39}$"
#: Stands in for the contract of a record that does not name one, until it is found (an
#: item-of-service claim's, from the practice's contracts; an Encounter's, from subcontracts).
UNRESOLVED = "?"
#: (practice_ods, id): how a consultation is told apart from every other.
ConsultationKey = tuple[str, str]
#: Moments outside these are not consultations a hub pays for but keying errors, and years
#: at the edge of the calendar cannot even be converted to UK time.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


class Rejection(StrEnum):
    UNKNOWN_CONTRACT = "unknown_contract"
    NOT_AUTHORISED = "not_authorised"
    OUTSIDE_CONTRACT_DATES = "outside_contract_dates"
    PERIOD_CLOSED = "period_closed"
    NOT_A_MEMBER = "not_a_member"
    NOT_SUBCONTRACTED_FOR_DELIVERY = "not_subcontracted_for_delivery"
    SITE_NOT_PREMISES = "site_not_premises"
    MALFORMED = "malformed"
    #: Only where the contract is found rather than named (FHIR): more than one could apply.
    AMBIGUOUS_CONTRACT = "ambiguous_contract"
    #: An item-of-service claim no contract of its practice pays on that day.
    UNKNOWN_SERVICE = "unknown_service"

    @property
    def text(self) -> str:
        return REJECTION_TEXT[self]


REJECTION_TEXT = {
    Rejection.UNKNOWN_CONTRACT: "no hub contract with this id is known to the federation",
    Rejection.NOT_AUTHORISED: "the caller may not report consultations for this practice",
    Rejection.OUTSIDE_CONTRACT_DATES: "the consultation is outside the contract's dates",
    Rejection.PERIOD_CLOSED: "the contract's period for this date is closed",
    Rejection.NOT_A_MEMBER: "the practice was not a member of the federation on that day",
    Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY: (
        "the practice had no delivery subcontract under this contract on that day"
    ),
    Rejection.SITE_NOT_PREMISES: "the site had no premises subcontract on that day",
    Rejection.MALFORMED: "the record is not a valid consultation",
    Rejection.AMBIGUOUS_CONTRACT: (
        "more than one contract could apply on that day: name one with Encounter.account "
        "(contract_id in a batch)"
    ),
    Rejection.UNKNOWN_SERVICE: (
        "no item-of-service contract of the practice pays a fee for this service code that day"
    ),
}


class Consultation(BaseModel):
    """One consultation as a clinical system reports it: a hub consultation (``contract_id``
    and ``kind``), or an item-of-service claim (``service_code``; its contract found from the
    practice's unless ``contract_id`` names it). :func:`incomplete` says what a record of either
    lacks."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=64)
    contract_id: str = Field(default=UNRESOLVED, min_length=1, max_length=64)
    practice_ods: str = Field(pattern=PRACTICE_ODS)
    site_ods: str | None = Field(default=None, pattern=PRACTICE_ODS)
    patient_ref: str = Field(min_length=1, max_length=64)
    kind: Literal["first", "follow_up"] | None = None
    occurred_at: datetime
    service_code: str | None = Field(default=None, pattern=SERVICE_CODE)

    @field_validator("occurred_at")
    @classmethod
    def _uk_local_when_no_zone(cls, value: datetime) -> datetime:
        if value.tzinfo is not None and EARLIEST.year < value.year < LATEST.year - 1:
            # Inside the bounds whatever its offset (under a day): comparing aware moments
            # cost a third of validating a batch (make bench, consultation ingest).
            return value
        # Clinical systems in England report local time; stored with its zone, it stays exact.
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UK)
        try:
            within = EARLIEST <= moment < LATEST
        except OverflowError:  # a zone offset that pushes the moment off the calendar
            within = False
        if not within:
            raise ValueError(f"must be from {EARLIEST.date()} and before {LATEST.date()}")
        return moment

    @property
    def day(self) -> date:
        return local_day(self.occurred_at)

    @property
    def key(self) -> ConsultationKey:
        return (self.practice_ods, self.id)


@dataclass(frozen=True)
class Rejected:
    id: str | None
    reason: Rejection
    detail: str
    #: Known for a record that was valid but refused (a malformed one may have none).
    practice_ods: str | None = None


#: What became of one record of a batch.
Outcome = Literal["accepted", "duplicate"] | Rejected


@dataclass
class Screening:
    accepted: list[Consultation] = field(default_factory=list)
    #: The period of each accepted record, in the same order (computed once, while screening).
    periods: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    #: Each record's outcome, in the batch's order.
    outcomes: list[Outcome] = field(default_factory=list)
    #: How many were accepted per (contract_id, period).
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)


def incomplete(record: Consultation) -> list[str]:
    """The fields a record lacks: a hub consultation needs its contract and kind (an
    item-of-service claim neither: its contract is found, and it is counted by service)."""
    if record.service_code is not None:
        return []
    missing = ["contract_id"] if record.contract_id == UNRESOLVED else []
    return missing + (["kind"] if record.kind is None else [])


def complete(record: Consultation) -> Consultation | Rejected:
    """The record, or ``malformed`` naming what it lacks."""
    missing = incomplete(record)
    if not missing:
        return record
    detail = f"{Rejection.MALFORMED.text}: {', '.join(missing)}"
    return Rejected(record.id, Rejection.MALFORMED, detail)


def complete_all(records: Iterable[Consultation]) -> list[Consultation | Rejected]:
    """``complete`` of each record, in order; one that has a kind and names its contract
    (the usual hub consultation) is complete without a call of its own."""
    return [complete(r) if r.kind is None or r.contract_id == UNRESOLVED else r for r in records]


def parse(raw: Any) -> Consultation | Rejected:
    """A record, or a ``malformed`` rejection naming the fields at fault."""
    try:
        return complete(Consultation.model_validate(raw))
    except ValidationError as exc:
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        at_fault = {".".join(str(p) for p in e["loc"]) or "record" for e in exc.errors()}
        if isinstance(raw, dict) and raw.get("service_code") is None:
            at_fault |= {name for name in ("contract_id", "kind") if name not in raw}
        fields = ", ".join(sorted(at_fault))
        return Rejected(
            raw_id if isinstance(raw_id, str) else None,
            Rejection.MALFORMED,
            f"{Rejection.MALFORMED.text}: {fields}",
        )


_BATCH = TypeAdapter(list[Consultation])


def parse_all(raws: Sequence[Any]) -> list[Consultation | Rejected]:
    """``parse`` of each record, in order. A batch of valid records (the usual case) is
    validated in one call, which costs a fraction of one call per record; any invalid
    record sends the whole batch through ``parse`` one by one, to reject just that one."""
    try:
        return complete_all(_BATCH.validate_python(raws))
    except ValidationError:
        return [parse(raw) for raw in raws]


#: The caller's scope: whether it may report this practice's consultations under this hub.
MayReport = Callable[[HubTerms, str], bool]


@dataclass
class ActivityContext:
    """Everything a batch is screened against, loaded once for the batch."""

    hubs: Mapping[str, HubTerms]
    memberships: Iterable[Membership]
    subcontracts: Iterable[Subcontract]
    closed_periods: set[tuple[str, str]]
    held: set[ConsultationKey]
    #: Item-of-service contracts' versions by contract id (their claims are screened on them).
    services: Mapping[str, Sequence[HubTerms]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._members: dict[tuple[str, str], list[Membership]] = defaultdict(list)
        for m in self.memberships:
            self._members[(m.federation_ods, m.practice_ods)].append(m)
        self._subs: dict[tuple[str, str], list[Subcontract]] = defaultdict(list)
        for s in self.subcontracts:
            self._subs[(s.contract_id, s.practice_ods)].append(s)

    def member_on(self, federation_ods: str, practice_ods: str, day: date) -> bool:
        return any(m.is_member_on(day) for m in self._members[(federation_ods, practice_ods)])

    def subcontracted_on(
        self, contract_id: str, practice_ods: str, role: SubcontractRole, day: date
    ) -> bool:
        return any(s.grants_on(role, day) for s in self._subs[(contract_id, practice_ods)])


def screen_one(
    record: Consultation,
    context: ActivityContext,
    may_report: MayReport,
    day: date | None = None,
    period: str | None = None,
) -> Rejection | None:
    """Why the record is refused, or None. ``may_report(hub, practice_ods)`` is the caller's
    scope.
    ``day`` and ``period`` may be passed in when the caller has computed them already."""
    if record.service_code is not None:
        return screen_claim(record, context, may_report, day, period)
    hub = context.hubs.get(record.contract_id)
    if hub is None:
        return Rejection.UNKNOWN_CONTRACT
    if not may_report(hub, record.practice_ods):
        return Rejection.NOT_AUTHORISED
    if day is None:
        day = record.day
    if not hub.in_force_on(day):
        return Rejection.OUTSIDE_CONTRACT_DATES
    if period is None:
        period = period_of(day)
    if (record.contract_id, period) in context.closed_periods:
        return Rejection.PERIOD_CLOSED
    if not context.member_on(hub.federation_ods, record.practice_ods, day):
        return Rejection.NOT_A_MEMBER
    delivery = SubcontractRole.DELIVERY
    if not context.subcontracted_on(record.contract_id, record.practice_ods, delivery, day):
        return Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY
    if record.site_ods is not None and not context.subcontracted_on(
        record.contract_id, record.site_ods, SubcontractRole.PREMISES, day
    ):
        return Rejection.SITE_NOT_PREMISES
    return None


def screen_claim(
    record: Consultation,
    context: ActivityContext,
    may_report: MayReport,
    day: date | None = None,
    period: str | None = None,
) -> Rejection | None:
    """Why an item-of-service claim is refused, or None: its contract must be in force that
    day, its month open, and its terms that day must pay the claim's practice (the provider)
    a fee for the service code. No membership or subcontract: the practice holds the contract."""
    versions = context.services.get(record.contract_id, ())
    contract = current_terms(versions)
    if contract is None:
        return Rejection.UNKNOWN_CONTRACT
    if not may_report(contract, record.practice_ods):
        return Rejection.NOT_AUTHORISED
    day = record.day if day is None else day
    if not contract.in_force_on(day):
        return Rejection.OUTSIDE_CONTRACT_DATES
    if (record.contract_id, period or period_of(day)) in context.closed_periods:
        return Rejection.PERIOD_CLOSED
    terms = terms_on(versions, day)
    if record.practice_ods != contract.provider_ods or terms is None:
        return Rejection.UNKNOWN_SERVICE
    return None if record.service_code in terms.fees else Rejection.UNKNOWN_SERVICE


#: What a record's verdict depends on: its contract, practice, site, UK day and service code.
_Facts = tuple[str, str, str | None, date, str | None]


def screen(
    records: Sequence[Consultation | Rejected], context: ActivityContext, may_report: MayReport
) -> Screening:
    """Accept, count as duplicate, or reject each parsed record, in the batch's order.

    A record's verdict depends only on its contract, practice, site and UK day, and a clinical
    system's batch repeats those a great deal (one practice, a few days), so each combination
    is screened once and its verdict reused."""
    result = Screening()
    seen: set[ConsultationKey] = set(context.held)
    verdicts: dict[_Facts, tuple[Rejection | None, str]] = {}
    accepted: dict[_Facts, int] = defaultdict(int)
    for record in records:
        if isinstance(record, Rejected):
            result.rejected.append(record)
            result.outcomes.append(record)
            continue
        key = record.key
        if key in seen:
            result.duplicates += 1
            result.outcomes.append("duplicate")
            continue
        # The UK day once per record: the zone conversion is the costly part.
        day = record.day
        facts = (record.contract_id, record.practice_ods, record.site_ods, day, record.service_code)
        verdict = verdicts.get(facts)
        if verdict is None:
            period = period_of(day)
            verdict = (screen_one(record, context, may_report, day, period), period)
            verdicts[facts] = verdict
        reason, period = verdict
        if reason is None:
            seen.add(key)
            accepted[facts] += 1
            result.accepted.append(record)
            result.periods.append(period)
            result.outcomes.append("accepted")
        else:
            rejected = Rejected(record.id, reason, reason.text, record.practice_ods)
            result.rejected.append(rejected)
            result.outcomes.append(rejected)
    # Counted by the few combinations screened, not record by record.
    for facts, count in accepted.items():
        result.counts[(facts[0], verdicts[facts][1])] += count
    return result
