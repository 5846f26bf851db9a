"""POST /fhir/Bundle on PostgreSQL: the JSON batch's ingest, reached through UK Core Encounters."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from sqlalchemy import MetaData, select

from services.federation.domain.encounter import (
    KIND_SYSTEM,
    NHS_NUMBER_SYSTEM,
    ODS_SYSTEM,
)
from tests.integration.federation.conftest import (
    FED,
    FED_TOKEN,
    HUB,
    OPS,
    Federation,
    auth,
    hub_activated,
)

pytestmark = pytest.mark.integration
NHS = "9434765919"  # a valid NHS number (Modulus 11)
FHIR = {"content-type": "application/fhir+json"}


def encounter(cid: str, **overrides: Any) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Encounter",
        "identifier": [{"system": "https://emis.example/consultation", "value": cid}],
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "type": [{"coding": [{"system": KIND_SYSTEM, "code": "first"}]}],
        "subject": {"identifier": {"system": NHS_NUMBER_SYSTEM, "value": NHS}},
        "period": {"start": "2026-05-04T10:30:00+01:00"},
        "serviceProvider": {"identifier": {"system": ODS_SYSTEM, "value": "B86001"}},
    }
    resource.update(overrides)
    return resource


def bundle(*resources: dict[str, Any], kind: str = "batch") -> dict[str, Any]:
    document = {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [{"resource": r} for r in resources],
    }
    Bundle.model_validate(document)  # every fixture is valid R4B
    return document


def provider(ods: str) -> dict[str, Any]:
    return {"identifier": {"system": ODS_SYSTEM, "value": ods}}


async def send(fed: Federation, document: Any, headers: dict[str, str] | None = None) -> Any:
    return await fed.client.post(
        "/fhir/Bundle", json=document, headers={**(headers or OPS), **FHIR}
    )


def statuses(response: Any) -> list[str]:
    body = response.json()
    Bundle.model_validate(body)
    assert body["type"] == "batch-response"
    return [e["response"]["status"] for e in body["entry"]]


def issue(response: Any, index: int) -> tuple[str, str]:
    found = response.json()["entry"][index]["response"]["outcome"]["issue"][0]
    return found["details"]["coding"][0]["code"], found["expression"][0]


async def test_accepted_then_duplicate_in_order_and_as_the_json_batch_holds_them(
    world: Federation,
) -> None:
    document = bundle(
        encounter("e1"),
        encounter("e2", type=[{"coding": [{"system": KIND_SYSTEM, "code": "follow-up"}]}]),
        encounter("e1"),
    )
    r = await send(world, document)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/fhir+json")
    assert statuses(r) == ["201 Created", "201 Created", "200 OK"]
    assert statuses(await send(world, document)) == ["200 OK", "200 OK", "200 OK"]
    held = (await world.get("/consultations/B86001/e2", OPS)).json()
    assert (held["contract_id"], held["kind"], len(held["patient_ref"])) == (HUB, "follow_up", 64)


async def test_every_rejection_reason_of_the_json_batch_comes_back_naming_the_element(
    world: Federation,
) -> None:
    await world.post(f"/federations/{FED}/contracts/{HUB}/periods/2026-04/close", None)
    account = [{"reference": f"Account/{HUB}"}]
    document = bundle(
        encounter("ok"),
        encounter("r-contract", account=[{"reference": "Account/c-unknown"}]),
        encounter("r-member", serviceProvider=provider("B86009"), account=account),
        encounter("r-delivery", serviceProvider=provider("B86003"), account=account),
        encounter("r-site", location=[{"location": provider("B86002")}]),
        encounter("r-dates", period={"start": "2027-04-01T09:00:00+01:00"}),
        encounter("r-closed", period={"start": "2026-04-20T09:00:00+01:00"}),
        encounter("r-kind", type=[]),
        encounter(
            "r-nhs", subject={"identifier": {"system": NHS_NUMBER_SYSTEM, "value": "9434765918"}}
        ),
        encounter("r-status", status="planned"),
        encounter("r-none", serviceProvider=provider("B86003")),
    )
    r = await send(world, document)
    assert statuses(r)[0] == "201 Created"
    assert [issue(r, i) for i in range(1, 11)] == [
        ("unknown_contract", "Encounter.account"),
        ("not_a_member", "Encounter.serviceProvider"),
        ("not_subcontracted_for_delivery", "Encounter.serviceProvider"),
        ("site_not_premises", "Encounter.location"),
        ("outside_contract_dates", "Encounter.period"),
        ("period_closed", "Encounter.period"),
        ("malformed", "Encounter.type"),
        ("malformed", "Encounter.subject"),
        ("malformed", "Encounter.status"),
        ("unknown_contract", "Encounter.serviceProvider"),
    ]
    assert statuses(r)[7:10] == ["400 Bad Request"] * 3
    assert statuses(r)[1] == "422 Unprocessable Entity"


async def test_the_contract_is_found_from_subcontracts_and_account_disambiguates(
    world: Federation,
) -> None:
    await world.deliver(hub_activated(contract_id="c-hub-2"))
    r = await world.post(
        f"/federations/{FED}/subcontracts",
        {
            "contract_id": "c-hub-2",
            "practice_ods": "B86001",
            "roles": ["delivery"],
            "start_date": "2026-05-01",
        },
    )
    assert r.status_code == 201, r.text
    named = encounter("named", account=[{"reference": "Account/c-hub-2"}])
    response = await send(
        world,
        bundle(
            encounter("april", period={"start": "2026-04-10T09:00:00+01:00"}),
            encounter("ambiguous"),
            named,
        ),
    )
    assert statuses(response)[0] == "201 Created"
    assert issue(response, 1) == ("ambiguous_contract", "Encounter.account")
    assert statuses(response)[2] == "201 Created"
    assert (await world.get("/consultations/B86001/named", OPS)).json()["contract_id"] == "c-hub-2"


async def test_entered_in_error_voids_the_consultation_through_the_void(world: Federation) -> None:
    assert statuses(await send(world, bundle(encounter("v1")))) == ["201 Created"]
    voiding = bundle(
        encounter("v1", status="entered-in-error"), encounter("v-none", status="entered-in-error")
    )
    r = await send(world, voiding)
    assert statuses(r)[0] == "200 OK"
    assert r.json()["entry"][1]["response"]["status"] == "404 Not Found"
    held = (await world.get("/consultations/B86001/v1", OPS)).json()
    assert held["status"] == "voided"
    assert held["changes"][0]["action"] == "void"
    assert statuses(await send(world, voiding))[0] == "200 OK"


async def test_a_bundle_that_is_not_a_batch_is_a_400_operation_outcome(world: Federation) -> None:
    for document in (
        {"resourceType": "Bundle", "type": "searchset"},
        {"resourceType": "Patient"},
        [1],
    ):
        r = await send(world, document)
        assert r.status_code == 400, r.text
        assert r.json()["resourceType"] == "OperationOutcome"
    r = await world.client.post("/fhir/Bundle", content=b"{not json", headers={**OPS, **FHIR})
    assert r.status_code == 400
    r = await world.client.post(
        "/fhir/Bundle", content=b"{}", headers={**OPS, "content-type": "text/plain"}
    )
    assert r.status_code == 415
    r = await send(
        world,
        {
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [{"resource": {"resourceType": "Encounter", "period": 7}}, {}],
        },
    )
    assert statuses(r) == ["400 Bad Request", "400 Bad Request"]


async def test_an_idempotency_key_replays_the_first_answer(world: Federation) -> None:
    headers = {**OPS, "idempotency-key": "fhir-1"}
    first = await send(world, bundle(encounter("i1")), headers)
    again = await send(world, bundle(encounter("i1")), headers)
    assert statuses(first) == statuses(again) == ["201 Created"]


async def test_the_batch_limit_applies_to_entries(world: Federation) -> None:
    world.app.state.settings.max_consultation_batch = 2
    r = await send(world, bundle(encounter("a"), encounter("b"), encounter("c")))
    assert r.status_code == 422
    assert r.json()["resourceType"] == "OperationOutcome"


async def test_access_is_the_batch_scope(world: Federation) -> None:
    own = await send(world, bundle(encounter("p1")), auth("practice", "B86001"))
    assert statuses(own) == ["201 Created"]
    other = await send(
        world,
        bundle(encounter("p2", serviceProvider=provider("B86002"))),
        auth("practice", "B86001"),
    )
    assert issue(other, 0) == ("not_authorised", "Encounter.serviceProvider")
    assert statuses(other) == ["403 Forbidden"]
    assert statuses(await send(world, bundle(encounter("f1")), FED_TOKEN)) == ["201 Created"]
    other_fed = await send(world, bundle(encounter("f2")), auth("federation", "Y09999"))
    assert other_fed.status_code == 403  # not a federation the register knows
    r = await world.client.post(
        "/fhir/Bundle", json=bundle(), headers=auth("commissioner", "02W") | FHIR
    )
    assert r.status_code == 403


async def test_metadata_is_an_r4_capability_statement(world: Federation) -> None:
    r = await world.client.get("/fhir/metadata")
    assert r.status_code == 200
    assert CapabilityStatement.model_validate(r.json()).fhirVersion == "4.0.1"


async def test_the_nhs_number_is_in_no_table_and_no_log_line(
    world: Federation, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    bad = "9434765918"  # fails Modulus 11
    await send(
        world,
        bundle(
            encounter("n1"),
            encounter("n2", subject={"identifier": {"system": NHS_NUMBER_SYSTEM, "value": bad}}),
            encounter(
                "n3", serviceProvider=provider("B86009"), account=[{"reference": f"Account/{HUB}"}]
            ),
            encounter("n4", status="planned"),
        ),
        {**OPS, "idempotency-key": "nhs-1"},
    )
    await send(world, bundle(encounter("n1", status="entered-in-error")))
    captured = capsys.readouterr()
    logs = captured.out + captured.err + caplog.text
    assert NHS not in logs and bad not in logs
    db = world.app.state.db
    async with db.sessions() as session:
        tables = MetaData()
        await session.run_sync(lambda s: tables.reflect(bind=s.connection()))
        for table in tables.sorted_tables:
            for row in (await session.execute(select(table))).all():
                text = " ".join(str(v) for v in row)
                assert NHS not in text and bad not in text, table.name
