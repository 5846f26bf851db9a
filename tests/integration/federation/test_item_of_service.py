"""Item-of-service claims on PostgreSQL (issue 19 point 2): an enhanced service's activity
through the JSON batch and FHIR, its contract found from the practice's by service code, and
the month closed by the practice with its counts per service code."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from services.federation.domain.encounter import SERVICE_SYSTEM
from services.federation.store import metadata
from shared.events.contracts import ContractActivated
from tests.integration.federation.conftest import (
    CCG,
    Federation,
    auth,
    consultation,
)
from tests.integration.federation.test_fhir import bundle, encounter, send, statuses

pytestmark = pytest.mark.integration
BATCH = "/consultations/batch"
LES = "c-les-ios-1"
PRACTICE = auth("practice", "B86001")
CLOSE = f"/practices/B86001/contracts/{LES}/periods/2026-05"


def les(contract_id: str = LES, *codes: str, **overrides: Any) -> ContractActivated:
    fees = [
        {"service_code": c, "fee_pence": 1000} for c in codes or ("minor-surgery", "vaccination")
    ]
    terms: dict[str, Any] = {
        "contract_id": contract_id,
        "kind": "LES",
        "status": "active",
        "commissioner_ods": CCG,
        "provider_ods": "B86001",
        "service": "minor surgery and vaccinations",
        "start_date": date(2026, 4, 1),
        "effective_from": date(2026, 4, 1),
        "payment": {"basis": "item_of_service", "schedule": "monthly", "fees": fees},
        "offered_to_core_holders_first": True,
    }
    return ContractActivated(**{**terms, **overrides})


def claim(cid: str, code: str, **overrides: Any) -> dict[str, Any]:
    record = consultation(cid, service_code=code, **overrides)
    del record["contract_id"], record["kind"]
    return record


def served(cid: str, code: str, **overrides: Any) -> dict[str, Any]:
    service = {"coding": [{"system": SERVICE_SYSTEM, "code": code}]}
    resource = encounter(cid, serviceType=service, **overrides)
    del resource["type"]
    return resource


async def _outbox(fed: Federation, ce_type: str) -> list[dict[str, Any]]:
    outbox = metadata.tables["outbox"]
    async with fed.app.state.db.sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.ce_type == ce_type).order_by(outbox.c.id)
        )
        return [r.payload for r in rows]


async def test_claims_in_a_batch_find_the_practices_contract_by_service_code(
    world: Federation,
) -> None:
    await world.deliver(les())
    records = [
        claim("s1", "minor-surgery"),
        claim("s2", "vaccination"),
        claim("s3", "vaccination", patient_ref="pt-s1"),
        claim("s4", "smoking-cessation"),
        claim("s5", "vaccination", practice_ods="B86002"),
        claim("s6", "vaccination", occurred_at="2026-03-31T09:00:00+01:00"),
        consultation("hub-1"),  # a hub consultation in the same batch, unchanged
        {**claim("s7", "vaccination"), "contract_id": "c-hub-1"},
    ]
    r = await world.post(BATCH, {"consultations": records}, PRACTICE)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["accepted"] == 4
    assert {x["id"]: x["reason"] for x in body["rejected"]} == {
        "s4": "unknown_service",
        "s5": "not_authorised",
        "s6": "unknown_service",
        "s7": "unknown_contract",
    }
    recorded = {
        e["contract_id"]: e for e in await _outbox(world, "gpfed.activity.consultations_recorded")
    }
    assert recorded[LES]["accepted"] == 3 and recorded[LES]["federation_ods"] == "B86001"

    # A federation reports for its hubs, not for a practice's own contracts.
    r = await world.post(BATCH, {"consultations": [claim("s8", "vaccination")]})
    assert [x["reason"] for x in r.json()["rejected"]] == ["not_authorised"]


async def test_two_contracts_paying_one_code_are_ambiguous_unless_one_is_named(
    world: Federation,
) -> None:
    await world.deliver(les())
    await world.deliver(les("c-les-ios-2", "vaccination"))
    records = [claim("v1", "vaccination"), {**claim("v2", "vaccination"), "contract_id": LES}]
    body = (await world.post(BATCH, {"consultations": records}, PRACTICE)).json()
    assert body["accepted"] == 1
    assert [(x["id"], x["reason"]) for x in body["rejected"]] == [("v1", "ambiguous_contract")]


async def test_one_fhir_return_covers_hub_consultations_and_items_of_service(
    world: Federation,
) -> None:
    await world.deliver(les())
    document = bundle(
        served("e1", "minor-surgery"),
        served("e2", "vaccination"),
        encounter("e3"),  # a hub consultation
        served("e4", "flu-jab"),
        served("e5", "vaccination", account=[{"reference": "Account/c-unknown"}]),
    )
    r = await send(world, document, PRACTICE)
    assert statuses(r) == ["201 Created"] * 3 + ["422 Unprocessable Entity"] * 2
    found = r.json()["entry"][3]["response"]["outcome"]["issue"][0]
    assert (found["details"]["coding"][0]["code"], found["expression"]) == (
        "unknown_service",
        ["Encounter.serviceType"],
    )
    # Neither a kind nor a service: a hub consultation without its kind.
    no_kind = encounter("e6")
    del no_kind["type"]
    r = await send(world, bundle(no_kind), PRACTICE)
    assert statuses(r) == ["400 Bad Request"]


async def test_the_practice_closes_its_month_with_counts_per_service_code(
    world: Federation,
) -> None:
    await world.deliver(les())
    records = [claim("s1", "minor-surgery"), claim("s2", "vaccination"), claim("s3", "vaccination")]
    assert (await world.post(BATCH, {"consultations": records}, PRACTICE)).json()["accepted"] == 3
    live = (await world.get(CLOSE, PRACTICE)).json()
    assert live["counts"] == "live" and live["status"] == "open"

    assert (await world.post(CLOSE + "/close", None, auth("practice", "B86002"))).status_code == 403
    assert (
        await world.post(CLOSE + "/close", None, auth("federation", "Y02765"))
    ).status_code == 403
    r = await world.post(CLOSE + "/close", None, PRACTICE)
    assert r.status_code == 200, r.text
    assert r.json()["services"] == [
        {"service_code": "minor-surgery", "count": 1},
        {"service_code": "vaccination", "count": 2},
    ]
    late = await world.post(BATCH, {"consultations": [claim("s4", "vaccination")]}, PRACTICE)
    assert [x["reason"] for x in late.json()["rejected"]] == ["period_closed"]
    assert (await world.get(CLOSE, auth("commissioner", CCG))).json()["counts"] == "frozen"

    # Reopened, voided one, closed again: revision 2, a restatement.
    assert (await world.post(CLOSE + "/reopen", None, PRACTICE)).status_code == 200
    r = await world.post("/consultations/B86001/s3/void", {"reason": "sent twice"}, PRACTICE)
    assert r.status_code == 200, r.text
    r = await world.post(CLOSE + "/close", None, PRACTICE)
    assert r.json()["revision"] == 2
    closes = await _outbox(world, "gpfed.activity.period_closed")
    assert [(e["revision"], e["services"]) for e in closes] == [
        (
            1,
            [
                {"service_code": "minor-surgery", "count": 1},
                {"service_code": "vaccination", "count": 2},
            ],
        ),
        (
            2,
            [
                {"service_code": "minor-surgery", "count": 1},
                {"service_code": "vaccination", "count": 1},
            ],
        ),
    ]
    assert closes[0]["federation_ods"] == "B86001"
