"""An item-of-service LES paid end to end (issue 19 point 2): the four services as processes on
PostgreSQL, every message across the broker.

After the hub saga, the CCG commissions an LES from a hub practice paid per item (minor surgery
and vaccinations), decided by its committee. The practice sends one FHIR return for November
covering the LES's items and a hub consultation, closes the LES's month, and the commissioner's
payment run pays it exactly fee x count per service code; a backdated fee variation (decided
by the committee too) is then restated by exactly the difference.
"""

from __future__ import annotations

from typing import Any

import pytest

from gpfed.demo import CCG, Api, wait_for
from shared.events.conflicts import decision_item_id
from tests.e2e.harness import Suite
from tests.e2e.scenario import TIMEOUT, api, suite

pytestmark = pytest.mark.e2e
__all__ = ["api", "suite"]  # fixtures

COMM, GOV = ("commissioner", CCG), ("governance", CCG)
PRACTICE = "B86002"  # delivers for the hub too
WHO = ("practice", PRACTICE)
MONTH = "2026-11"
FEES = {"minor-surgery": 4500, "vaccination": 1000}
RAISED = {**FEES, "vaccination": 1250}
COUNTS = {"minor-surgery": 3, "vaccination": 5}
ODS = "https://fhir.nhs.uk/Id/ods-organization-code"
#: Valid NHS numbers (Modulus 11), one per Encounter.
NHS_NUMBERS = ["9434765919", "9434765870", "9434765838", "9434765846", "9434765854"] * 2


def payment(fees: dict[str, int]) -> dict[str, Any]:
    return {
        "basis": "item_of_service",
        "schedule": "monthly",
        "fees": [{"service_code": c, "fee_pence": p} for c, p in fees.items()],
    }


def encounter(n: int, service: str | None, hub: str | None = None) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Encounter",
        "status": "finished",
        "identifier": [{"system": "https://emis.example/consultation", "value": f"ios-{n}"}],
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
        "subject": {
            "identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": NHS_NUMBERS[n]}
        },
        "period": {"start": f"2026-11-{3 + n:02d}T10:30:00Z"},
        "serviceProvider": {"identifier": {"system": ODS, "value": PRACTICE}},
    }
    if service is not None:
        resource["serviceType"] = {
            "coding": [{"system": "https://gpfed.nhs.example/CodeSystem/service", "code": service}]
        }
    else:
        resource["type"] = [
            {
                "coding": [
                    {
                        "system": "https://gpfed.nhs.example/CodeSystem/consultation-kind",
                        "code": "first",
                    }
                ]
            }
        ]
        resource["account"] = [{"reference": f"Account/{hub}"}]
    return resource


def decided(api: Api, values: dict[str, Any], item_id: str) -> None:
    """The CCG's committee approves the item once conflicts has opened it."""
    committee = values["committee_id"]
    wait_for(
        f"the decision item {item_id}",
        lambda: any(
            i["id"] == item_id
            for i in api.call("conflicts", "GET", f"/committees/{committee}/items", who=GOV).json()[
                "items"
            ]
        ),
        TIMEOUT,
    )
    api.call("conflicts", "POST", f"/items/{item_id}/decision", json=values["approval"], who=GOV)


def paid_to_practice(api: Api, contract_id: str) -> int:
    """Everything the practice's statements show for the LES's November, adjustments included."""
    total = 0
    for statement in (MONTH, "2026-12"):
        page = api.call(
            "payments", "GET", f"/statements/{PRACTICE}/{statement}", params={"limit": 500}, who=WHO
        ).json()
        total += sum(
            line["amount_pence"]
            for line in page["lines"]
            if line["contract_id"] == contract_id
            and (line.get("restates") or line["period"]) == MONTH
        )
    return total


def run(api: Api) -> dict[str, Any]:
    found: dict[str, Any] = api.call(
        "payments", "POST", "/payment-runs", json={"period": MONTH}, who=COMM
    ).json()
    return found


def test_an_item_of_service_les_from_a_fhir_return_is_paid_fee_times_count_and_restated(
    suite: tuple[Suite, dict[str, Any]], api: Api
) -> None:
    values = suite[1]
    hub = values["contract_id"]
    proposed = api.call(
        "contracts",
        "POST",
        "/contracts",
        json={
            "kind": "LES",
            "commissioner_ods": CCG,
            "provider_ods": PRACTICE,
            "service": "minor surgery and vaccinations",
            "start_date": "2026-10-01",
            "end_date": "2027-09-30",
            "payment": payment(FEES),
            "offered_to_core_holders_first": True,
            "decision_committee_id": values["committee_id"],
        },
        who=COMM,
    ).json()
    les = proposed["id"]
    decided(api, values, decision_item_id(les))
    period = f"/practices/{PRACTICE}/contracts/{les}/periods/{MONTH}"
    wait_for(
        "the federation to hold the LES",
        lambda: api.call("federation", "GET", period, who=WHO, ok=(200, 404)).status_code == 200,
        TIMEOUT,
    )

    # One return: the LES's items of both services and a hub consultation.
    services = ["minor-surgery"] * COUNTS["minor-surgery"] + ["vaccination"] * COUNTS["vaccination"]
    entries = [encounter(n, s) for n, s in enumerate(services)] + [encounter(8, None, hub)]
    response = api.call(
        "federation",
        "POST",
        "/fhir/Bundle",
        json={
            "resourceType": "Bundle",
            "type": "batch",
            "entry": [{"resource": r} for r in entries],
        },
        who=WHO,
        ok=(200,),
    ).json()
    assert [e["response"]["status"] for e in response["entry"]] == ["201 Created"] * 9, response

    closed = api.call("federation", "POST", f"{period}/close", who=WHO).json()
    assert {s["service_code"]: s["count"] for s in closed["services"]} == COUNTS
    due = sum(FEES[c] * n for c, n in COUNTS.items())
    wait_for(
        "the payment run to pay the LES's November",
        lambda: (run(api), paid_to_practice(api, les))[1] == due,
        TIMEOUT,
        interval=1,
    )
    assert [p for p in run(api)["payments"] if p["contract_id"] == les] == []  # paid once

    # The vaccination fee raised from 1 November, backdated: restated by the difference.
    varied = api.call(
        "contracts",
        "POST",
        f"/contracts/{les}/variations",
        json={
            "effective_from": "2026-11-01",
            "changes": {"payment": payment(RAISED)},
            "reason": "vaccination fee uplift from 1 November",
        },
        who=COMM,
        ok=(201, 202),
    )
    if varied.status_code == 202:  # the CCG's policy gates LES variations: its committee decides
        decided(api, values, varied.json()["decision_item_id"])
    restated = sum(RAISED[c] * n for c, n in COUNTS.items())
    wait_for(
        "the next run to restate November",
        lambda: (run(api), paid_to_practice(api, les))[1] == restated,
        TIMEOUT,
        interval=1,
    )
    run(api)
    assert paid_to_practice(api, les) == restated
