"""A UK Core ``Encounter`` read as a hub consultation (issue 19): just the elements gpfed reads.

The model is narrow on purpose: every other element FHIR allows is ignored, and parsing stays
a small part of an ingest (a general FHIR object model costs many times more). An Encounter
is read into the JSON batch's own :class:`Consultation`, so that both go through one ingest;
its contract is found afterwards (:func:`find_contract`), from the practice's subcontracts.

The NHS number is checked (Modulus 11) and replaced at once by a keyed hash
(:func:`patient_ref`): it is never kept, logged or echoed, not even in a refusal.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from services.federation.domain.activity import Consultation, MayReport, Rejected, Rejection
from services.federation.domain.hub import HubTerms
from services.federation.domain.subcontract import Subcontract, SubcontractRole

ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
KIND_SYSTEM = "https://gpfed.nhs.example/CodeSystem/consultation-kind"
SERVICE_SYSTEM = "https://gpfed.nhs.example/CodeSystem/service"
KINDS = {"first": "first", "follow-up": "follow_up"}
#: Stands in for the contract until :func:`find_contract` finds it.
UNRESOLVED = "?"


class _Element(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Identifier(_Element):
    system: str | None = None
    value: str | None = None


class Reference(_Element):
    reference: str | None = None
    identifier: Identifier | None = None


class Coding(_Element):
    system: str | None = None
    code: str | None = None


class CodeableConcept(_Element):
    coding: list[Coding] = []


class Period(_Element):
    start: str | None = None


class EncounterLocation(_Element):
    location: Reference


class Encounter(_Element):
    """The elements of an Encounter gpfed reads; the rest are ignored."""

    resourceType: str
    status: str | None = None
    identifier: list[Identifier] = []
    type: list[CodeableConcept] = []
    serviceType: CodeableConcept | None = None
    subject: Reference | None = None
    period: Period | None = None
    location: list[EncounterLocation] = []
    serviceProvider: Reference | None = None
    account: list[Reference] = []


#: The element a refusal is about, by the field of the consultation or the screening's reason.
ELEMENT_OF_FIELD = {
    "id": "Encounter.identifier",
    "contract_id": "Encounter.account",
    "practice_ods": "Encounter.serviceProvider",
    "site_ods": "Encounter.location",
    "patient_ref": "Encounter.subject",
    "kind": "Encounter.type",
    "occurred_at": "Encounter.period",
}
ELEMENT_OF_REASON = {
    Rejection.UNKNOWN_CONTRACT: "Encounter.serviceProvider",
    Rejection.NOT_AUTHORISED: "Encounter.serviceProvider",
    Rejection.OUTSIDE_CONTRACT_DATES: "Encounter.period",
    Rejection.PERIOD_CLOSED: "Encounter.period",
    Rejection.NOT_A_MEMBER: "Encounter.serviceProvider",
    Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY: "Encounter.serviceProvider",
    Rejection.SITE_NOT_PREMISES: "Encounter.location",
    Rejection.AMBIGUOUS_CONTRACT: "Encounter.account",
    Rejection.MALFORMED: "Encounter",
}


@dataclass(frozen=True)
class Refused:
    """An Encounter that cannot even be read as a consultation, and the element at fault."""

    element: str
    detail: str
    id: str | None = None
    practice_ods: str | None = None


@dataclass(frozen=True)
class Reported:
    """A finished Encounter: the consultation (its contract still :data:`UNRESOLVED` unless
    ``Encounter.account`` names it)."""

    record: Consultation
    account: str | None


@dataclass(frozen=True)
class EnteredInError:
    """An Encounter sent in error: the consultation of that practice and id is voided."""

    practice_ods: str
    id: str


Reading = Reported | EnteredInError | Refused


def nhs_number_valid(digits: str) -> bool:
    """Ten digits whose last is the Modulus 11 check digit of the other nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def patient_ref(nhs_number: str, key: bytes) -> str:
    """The pseudonym of a (normalised) NHS number: HMAC-SHA256 under the service's key, so
    the same patient has the same ``patient_ref`` and the number cannot be recovered."""
    return hmac.new(key, nhs_number.encode(), hashlib.sha256).hexdigest()


def _ods(reference: Reference | None) -> str | None:
    if reference is None or reference.identifier is None:
        return None
    found = reference.identifier
    return found.value if found.system == ODS_SYSTEM else None


def _code(concepts: Iterable[CodeableConcept], system: str) -> str | None:
    for concept in concepts:
        for coding in concept.coding:
            if coding.system == system and coding.code:
                return coding.code
    return None


def _identifier(encounter: Encounter) -> str | None:
    for found in encounter.identifier:
        if found.system and found.value:
            return found.value
    return None


def _account(encounter: Encounter) -> str | None:
    for account in encounter.account:
        if account.reference and account.reference.startswith("Account/"):
            return account.reference.removeprefix("Account/")
    return None


def read_encounter(encounter: Encounter, key: bytes) -> Reading:
    """The consultation an Encounter reports, the void it asks for, or why it is refused."""
    consultation_id = _identifier(encounter)
    practice = _ods(encounter.serviceProvider)
    if encounter.resourceType != "Encounter":
        return Refused("Encounter", "the entry's resource is not an Encounter")
    if consultation_id is None:
        return Refused("Encounter.identifier", "an identifier with a system and a value is needed")
    if practice is None:
        return Refused(
            "Encounter.serviceProvider",
            f"the practice is needed as an identifier of system {ODS_SYSTEM}",
            consultation_id,
        )
    if encounter.status == "entered-in-error":
        return EnteredInError(practice, consultation_id)
    if encounter.status != "finished":
        return Refused(
            "Encounter.status",
            "must be finished (or entered-in-error, to void it)",
            consultation_id,
            practice,
        )
    subject = encounter.subject.identifier if encounter.subject else None
    digits = "".join((subject.value or "").split()) if subject else ""
    if subject is None or subject.system != NHS_NUMBER_SYSTEM or not nhs_number_valid(digits):
        # The number itself is never repeated: not here, nor anywhere it could be logged.
        return Refused(
            "Encounter.subject",
            f"an identifier of system {NHS_NUMBER_SYSTEM} with a valid NHS number is needed",
            consultation_id,
            practice,
        )
    kind = _code(encounter.type, KIND_SYSTEM)
    site = next(
        (ods for place in encounter.location if (ods := _ods(place.location)) is not None), None
    )
    account = _account(encounter)
    fields: dict[str, Any] = {
        "id": consultation_id,
        "contract_id": account or UNRESOLVED,
        "practice_ods": practice,
        "site_ods": site,
        "patient_ref": patient_ref(digits, key),
        "kind": KINDS.get(kind or "", kind),
        "occurred_at": encounter.period.start if encounter.period else None,
    }
    try:
        record = Consultation.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        element = ELEMENT_OF_FIELD.get(str(error["loc"][0]) if error["loc"] else "", "Encounter")
        return Refused(element, f"{element}: {error['msg']}", consultation_id, practice)
    return Reported(record, account)


def find_contract(
    practice_ods: str,
    day: date,
    hubs: Mapping[str, HubTerms],
    subcontracts: Iterable[Subcontract],
    may_report: MayReport,
) -> str | Rejection:
    """The hub contract a practice's consultation on ``day`` counts under, when it is not
    named: the one hub under which the practice had a delivery subcontract that day, among
    those the caller reports for. Two or more are ambiguous. With none that day, the practice's
    only hub is taken, for the screening to say why it is refused there."""
    visible = {
        s.contract_id
        for s in subcontracts
        if s.practice_ods == practice_ods
        and s.contract_id in hubs
        and may_report(hubs[s.contract_id], practice_ods)
    }
    on_day = {
        s.contract_id
        for s in subcontracts
        if s.contract_id in visible
        and s.practice_ods == practice_ods
        and s.grants_on(SubcontractRole.DELIVERY, day)
        and hubs[s.contract_id].in_force_on(day)
    }
    if len(on_day) == 1:
        return on_day.pop()
    if on_day:
        return Rejection.AMBIGUOUS_CONTRACT
    if len(visible) == 1:
        return visible.pop()
    return Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY if visible else Rejection.UNKNOWN_CONTRACT


def resolve(
    readings: Iterable[Reading],
    hubs: Mapping[str, HubTerms],
    subcontracts: Callable[[str], Iterable[Subcontract]],
    may_report: MayReport,
    reports_for: Callable[[str], bool],
) -> list[Consultation | Rejected | EnteredInError]:
    """Each reading as the JSON batch's parsed record (its contract found, or why none could
    be), or the void it asks for, in order. ``reports_for(practice_ods)`` is False for a
    practice the caller may never report for, whose subcontracts are not the caller's to read."""
    out: list[Consultation | Rejected | EnteredInError] = []
    for reading in readings:
        if isinstance(reading, Refused):
            detail = f"{Rejection.MALFORMED.text}: {reading.detail}"
            out.append(Rejected(reading.id, Rejection.MALFORMED, detail, reading.practice_ods))
            continue
        if isinstance(reading, EnteredInError):
            out.append(reading)
            continue
        record = reading.record
        found: str | Rejection | None = reading.account
        if not reports_for(record.practice_ods):
            found = Rejection.NOT_AUTHORISED
        elif found is None:
            found = find_contract(
                record.practice_ods, record.day, hubs, subcontracts(record.practice_ods), may_report
            )
        if isinstance(found, Rejection):
            out.append(Rejected(record.id, found, found.text, record.practice_ods))
        elif found == record.contract_id:
            out.append(record)
        else:
            out.append(record.model_copy(update={"contract_id": found}))
    return out


def element_of(reading: Reading, outcome: Rejected) -> str:
    """The element a refused Encounter is at fault in."""
    if isinstance(reading, Refused):
        return reading.element
    if outcome.reason is Rejection.UNKNOWN_CONTRACT and isinstance(reading, Reported):
        return "Encounter.account" if reading.account else "Encounter.serviceProvider"
    return ELEMENT_OF_REASON[outcome.reason]
