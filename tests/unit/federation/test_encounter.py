"""Reading a UK Core Encounter as a hub consultation, and finding its contract (pure)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fhir.resources.R4B.encounter import Encounter as R4BEncounter

from services.federation.domain.activity import Consultation, Rejection
from services.federation.domain.encounter import (
    ENCOUNTER,
    KIND_SYSTEM,
    NHS_NUMBER_SYSTEM,
    ODS_SYSTEM,
    EnteredInError,
    Refused,
    Reported,
    find_contract,
    nhs_number_valid,
    patient_ref,
    read_encounter,
)
from services.federation.domain.hub import HubTerms
from services.federation.domain.subcontract import Subcontract, SubcontractRole

KEY = b"k" * 32


def resource(**overrides: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "resourceType": "Encounter",
        "identifier": [{"system": "https://emis.example/c", "value": "e1"}],
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "type": [{"coding": [{"system": KIND_SYSTEM, "code": "follow-up"}]}],
        "subject": {"identifier": {"system": NHS_NUMBER_SYSTEM, "value": "943 476 5919"}},
        "period": {"start": "2026-05-04T10:30:00+01:00"},
        "location": [{"location": {"identifier": {"system": ODS_SYSTEM, "value": "B86002"}}}],
        "serviceProvider": {"identifier": {"system": ODS_SYSTEM, "value": "B86001"}},
    }
    found.update(overrides)
    R4BEncounter.model_validate(found)  # every fixture is valid R4B
    return found


def read(**overrides: Any) -> Any:
    return read_encounter(ENCOUNTER.validate_python(resource(**overrides)), KEY)


def test_the_nhs_number_check_digit_is_modulus_11() -> None:
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("943476591")


def test_a_finished_encounter_is_the_batch_record_with_a_pseudonymised_patient() -> None:
    reading = read()
    assert isinstance(reading, Reported)
    assert reading.record == Consultation(
        id="e1",
        contract_id="?",
        practice_ods="B86001",
        site_ods="B86002",
        patient_ref=patient_ref("9434765919", KEY),
        kind="follow_up",
        occurred_at="2026-05-04T10:30:00+01:00",  # type: ignore[arg-type]
    )
    assert "9434765919" not in reading.record.model_dump_json()
    assert patient_ref("9434765919", b"x" * 32) != reading.record.patient_ref


def test_each_missing_element_is_named() -> None:
    assert isinstance(read(identifier=[]), Refused)
    assert read(identifier=[]).element == "Encounter.identifier"
    assert read(serviceProvider={"display": "x"}).element == "Encounter.serviceProvider"
    bad = {"identifier": {"system": NHS_NUMBER_SYSTEM, "value": "9434765918"}}
    refused = read(subject=bad)
    assert refused.element == "Encounter.subject"
    assert "9434765918" not in refused.detail
    assert read(status="planned").element == "Encounter.status"
    assert read(type=[]).element == "Encounter.type"
    assert read(period={"end": "2026-05-04T10:30:00+01:00"}).element == "Encounter.period"


def test_entered_in_error_asks_for_a_void_and_account_names_the_contract() -> None:
    assert read(status="entered-in-error") == EnteredInError("B86001", "e1")
    named = read(account=[{"reference": "Account/c-hub-2"}])
    assert (named.account, named.record.contract_id) == ("c-hub-2", "c-hub-2")


def _hub(contract_id: str) -> HubTerms:
    return HubTerms(
        contract_id,
        "activated",
        date(2026, 4, 1),
        "Y02765",
        "02W",
        "hub",
        "active",
        date(2026, 4, 1),
        date(2027, 3, 31),
    )


def _sub(contract_id: str, start: date) -> Subcontract:
    roles = frozenset({SubcontractRole.DELIVERY})
    return Subcontract(f"s-{contract_id}", contract_id, "Y02765", "B86001", roles, start)


def test_the_one_hub_delivered_that_day_is_found_and_two_are_ambiguous() -> None:
    hubs = {"a": _hub("a"), "b": _hub("b")}
    subs = [_sub("a", date(2026, 4, 1)), _sub("b", date(2026, 6, 1))]
    anyone = lambda _hub, _practice: True  # noqa: E731
    assert find_contract("B86001", date(2026, 5, 4), hubs, subs, anyone) == "a"
    assert find_contract("B86001", date(2026, 6, 4), hubs, subs, anyone) == (
        Rejection.AMBIGUOUS_CONTRACT
    )
    assert find_contract("B86001", date(2026, 3, 4), hubs, subs, anyone) == (
        Rejection.NOT_SUBCONTRACTED_FOR_DELIVERY
    )
    assert find_contract("B86001", date(2026, 3, 4), hubs, subs[:1], anyone) == "a"
    assert find_contract("B86009", date(2026, 5, 4), hubs, subs, anyone) == (
        Rejection.UNKNOWN_CONTRACT
    )
    nobody = lambda _hub, _practice: False  # noqa: E731
    assert find_contract("B86001", date(2026, 5, 4), hubs, subs, nobody) == (
        Rejection.UNKNOWN_CONTRACT
    )
