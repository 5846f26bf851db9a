"""A UK Core ``Encounter`` read as a hub consultation or, with a ``serviceType`` of system
:data:`SERVICE_SYSTEM`, an item-of-service claim (issue 19): just the elements gpfed reads.

The model is narrow on purpose: every other element FHIR allows is ignored, and parsing stays
a small part of an ingest (a general FHIR object model costs many times more). An Encounter
is read into the JSON batch's own :class:`Consultation`, so that both go through one ingest;
its contract is found afterwards: a hub's from the practice's subcontracts
(:func:`find_contract`), a claim's from the practice's item-of-service contracts by the batch's
own ingest (``domain/claims.py``).

The NHS number is checked (Modulus 11) and replaced at once by a keyed hash
(:func:`patient_ref`): it is never kept, logged or echoed, not even in a refusal.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Required

from pydantic import TypeAdapter, ValidationError
from typing_extensions import TypedDict

from services.federation.domain.activity import (
    UNRESOLVED,
    Consultation,
    MayReport,
    Rejected,
    Rejection,
)
from services.federation.domain.hub import HubTerms
from services.federation.domain.subcontract import Subcontract, SubcontractRole

ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
KIND_SYSTEM = "https://gpfed.nhs.example/CodeSystem/consultation-kind"
SERVICE_SYSTEM = "https://gpfed.nhs.example/CodeSystem/service"
KINDS = {"first": "first", "follow-up": "follow_up"}


# The wire model is TypedDicts, not models: pydantic builds a dict for each element about twice
# as fast as a model instance, and an Encounter has some ten of them (make bench, FHIR ingest).
# Unknown keys are ignored; ``typing_extensions.TypedDict`` is what pydantic needs on 3.11.


class Identifier(TypedDict, total=False):
    system: str | None
    value: str | None


class Reference(TypedDict, total=False):
    reference: str | None
    identifier: Identifier | None


class Coding(TypedDict, total=False):
    system: str | None
    code: str | None


class CodeableConcept(TypedDict, total=False):
    coding: tuple[Coding, ...]


class Period(TypedDict, total=False):
    start: str | None


class EncounterLocation(TypedDict):
    location: Reference


class Encounter(TypedDict, total=False):
    """The elements of an Encounter gpfed reads; the rest are ignored."""

    resourceType: Required[str]
    status: str | None
    identifier: tuple[Identifier, ...]
    type: tuple[CodeableConcept, ...]
    serviceType: CodeableConcept | None
    subject: Reference | None
    period: Period | None
    location: tuple[EncounterLocation, ...]
    serviceProvider: Reference | None
    account: tuple[Reference, ...]


#: Reads one Encounter (``ENCOUNTER.validate_python``), refusing a malformed one.
ENCOUNTER: TypeAdapter[Encounter] = TypeAdapter(Encounter)


#: The element a refusal is about, by the field of the consultation or the screening's reason.
ELEMENT_OF_FIELD = {
    "id": "Encounter.identifier",
    "contract_id": "Encounter.account",
    "practice_ods": "Encounter.serviceProvider",
    "site_ods": "Encounter.location",
    "patient_ref": "Encounter.subject",
    "kind": "Encounter.type",
    "occurred_at": "Encounter.period",
    "service_code": "Encounter.serviceType",
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
    Rejection.UNKNOWN_SERVICE: "Encounter.serviceType",
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
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    d = [c - 48 for c in digits.encode()]
    # Written out: a generator over zip cost as much as the rest of reading the Encounter.
    total = 10 * d[0] + 9 * d[1] + 8 * d[2] + 7 * d[3] + 6 * d[4] + 5 * d[5] + 4 * d[6]
    total += 3 * d[7] + 2 * d[8]
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def patient_ref(nhs_number: str, key: bytes) -> str:
    """The pseudonym of a (normalised) NHS number: HMAC-SHA256 under the service's key, so
    the same patient has the same ``patient_ref`` and the number cannot be recovered."""
    keyed = _keyed(key).copy()  # the key's own setup once, not for every Encounter
    keyed.update(nhs_number.encode())
    return keyed.hexdigest()


@lru_cache(maxsize=4)
def _keyed(key: bytes) -> hmac.HMAC:
    return hmac.new(key, digestmod=hashlib.sha256)


def _ods(reference: Reference | None) -> str | None:
    found = reference.get("identifier") if reference else None
    if not found:
        return None
    return found.get("value") if found.get("system") == ODS_SYSTEM else None


def _code(concepts: Iterable[CodeableConcept | None], system: str) -> str | None:
    for concept in concepts:
        for coding in concept.get("coding", ()) if concept else ():
            if coding.get("system") == system and (code := coding.get("code")):
                return code
    return None


def _identifier(encounter: Encounter) -> str | None:
    for found in encounter.get("identifier", ()):
        if found.get("system") and (value := found.get("value")):
            return value
    return None


def _account(encounter: Encounter) -> str | None:
    for account in encounter.get("account", ()):
        reference = account.get("reference")
        if reference and reference.startswith("Account/"):
            return reference.removeprefix("Account/")
    return None


def read_encounter(encounter: Encounter, key: bytes) -> Reading:
    """The consultation an Encounter reports, the void it asks for, or why it is refused."""
    consultation_id = _identifier(encounter)
    practice = _ods(encounter.get("serviceProvider"))
    if encounter["resourceType"] != "Encounter":
        return Refused("Encounter", "the entry's resource is not an Encounter")
    if consultation_id is None:
        return Refused("Encounter.identifier", "an identifier with a system and a value is needed")
    if practice is None:
        return Refused(
            "Encounter.serviceProvider",
            f"the practice is needed as an identifier of system {ODS_SYSTEM}",
            consultation_id,
        )
    status = encounter.get("status")
    if status == "entered-in-error":
        return EnteredInError(practice, consultation_id)
    if status != "finished":
        return Refused(
            "Encounter.status",
            "must be finished (or entered-in-error, to void it)",
            consultation_id,
            practice,
        )
    subject = (encounter.get("subject") or {}).get("identifier") or {}
    digits = "".join((subject.get("value") or "").split())
    if subject.get("system") != NHS_NUMBER_SYSTEM or not nhs_number_valid(digits):
        # The number itself is never repeated: not here, nor anywhere it could be logged.
        return Refused(
            "Encounter.subject",
            f"an identifier of system {NHS_NUMBER_SYSTEM} with a valid NHS number is needed",
            consultation_id,
            practice,
        )
    kind = _code(encounter.get("type", ()), KIND_SYSTEM)
    service = _code((encounter.get("serviceType"),), SERVICE_SYSTEM)
    if kind is None and service is None:
        # A hub consultation's kind, unless it is an item of service (counted by its service).
        return Refused(
            "Encounter.type",
            f"Encounter.type: a coding of system {KIND_SYSTEM} is needed "
            f"(or Encounter.serviceType of system {SERVICE_SYSTEM} for an item of service)",
            consultation_id,
            practice,
        )
    site = next(
        (ods for place in encounter.get("location", ()) if (ods := _ods(place["location"]))), None
    )
    account = _account(encounter)
    fields: dict[str, Any] = {
        "id": consultation_id,
        "contract_id": account or UNRESOLVED,
        "practice_ods": practice,
        "site_ods": site,
        "patient_ref": patient_ref(digits, key),
        "kind": KINDS.get(kind or "", kind),
        "occurred_at": (encounter.get("period") or {}).get("start"),
        "service_code": service,
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
    # A practice's contract depends only on its day: found once per (practice, day).
    contracts: dict[tuple[str, date], str | Rejection] = {}
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
        elif found is None and record.service_code is not None:
            found = UNRESOLVED  # an item-of-service claim: the batch's ingest finds its contract
        elif found is None:
            practice, day = record.practice_ods, record.day
            found = contracts.get((practice, day))
            if found is None:
                found = contracts[(practice, day)] = find_contract(
                    practice, day, hubs, subcontracts(practice), may_report
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
