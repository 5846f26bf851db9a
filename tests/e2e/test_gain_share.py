"""A gain share year end to end (issue 20 point 3): the four services as processes on
PostgreSQL, every message across the broker.

After the hub saga, a second alliance (federation Y02800, practices B86051 and B86052 with list
sizes from April 2025) is registered, its members join and are subcontracted on a hub from April
2025, all through the services' APIs and events. The CCG then shares 2025/26's dermatology
savings: the alliance saved £6,000 against a £7.00-a-head baseline (£6.50 CCG average, £6.00
benchmark) and earns £1,250 + £500; its federation is paid and its practices receive their
shares by list size; the overspending alliance earns nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from gpfed.demo import CCG, FEDERATION, RULE, TARIFF, Api, wait_for
from shared.events.conflicts import decision_item_id
from tests.e2e.scenario import TIMEOUT, api, suite
from tests.e2e.test_item_of_service import decided

pytestmark = pytest.mark.e2e
__all__ = ["api", "suite"]  # fixtures

COMM = ("commissioner", CCG)
ALLIANCE, SIZES = "Y02800", {"B86051": 3000, "B86052": 1000}
FED = ("federation", ALLIANCE)
APRIL_2025 = "2025-04-01"


def _alliance(api: Api, values: dict[str, Any]) -> None:
    """The alliance's federation and practices, members and subcontracted from April 2025."""
    orgs: list[dict[str, Any]] = [
        {"ods_code": ALLIANCE, "kind": "federation", "name": "Alliance", "parent_ods": CCG}
    ]
    orgs += [
        {
            "ods_code": ods,
            "kind": "practice",
            "name": ods,
            "parent_ods": CCG,
            "list_size": size,
            "list_size_effective_from": APRIL_2025,
        }
        for ods, size in SIZES.items()
    ]
    for body in orgs:
        api.call("contracts", "POST", "/organisations", json=body, who=COMM)
    wait_for(
        "federation to know the alliance",
        lambda: (
            api.call(
                "federation", "GET", f"/federations/{ALLIANCE}", who=FED, ok=(200, 403, 404)
            ).status_code
            == 200
        ),
        TIMEOUT,
    )
    hub = api.call(
        "contracts",
        "POST",
        "/contracts",
        json={
            "kind": "HUB",
            "commissioner_ods": CCG,
            "provider_ods": ALLIANCE,
            "service": "dermatology referral support",
            "start_date": APRIL_2025,
            "end_date": "2027-03-31",
            "payment": {"basis": "tariff", "schedule": "monthly", "tariff": TARIFF},
            "distribution": RULE,
            "decision_committee_id": values["committee_id"],
        },
        who=COMM,
    ).json()["id"]
    decided(api, values, decision_item_id(hub))
    members = f"/federations/{ALLIANCE}/members"
    for ods in SIZES:
        member = {"practice_ods": ods, "joined_on": APRIL_2025}

        def joined(m: dict[str, str] = member) -> bool:
            answer = api.call("federation", "POST", members, json=m, who=FED, ok=(201, 404, 422))
            return answer.status_code == 201

        wait_for(f"federation to know {ods}", joined, TIMEOUT, interval=0.5)
    subcontracts = f"/federations/{ALLIANCE}/subcontracts"
    wait_for(
        "federation to hold the alliance's hub",
        lambda: (
            api.call(
                "federation",
                "POST",
                subcontracts,
                json={
                    "contract_id": hub,
                    "practice_ods": "B86051",
                    "roles": ["delivery"],
                    "start_date": APRIL_2025,
                },
                who=FED,
                ok=(201, 404, 409, 422),
            ).status_code
            == 201
        ),
        TIMEOUT,
        interval=0.5,
    )
    body = {"contract_id": hub, "practice_ods": "B86052", "roles": ["delivery"]}
    api.call("federation", "POST", subcontracts, json={**body, "start_date": APRIL_2025}, who=FED)


YEAR: dict[str, Any] = {
    "commissioner_ods": CCG,
    "service": "dermatology",
    "year": "2025/26",
    "alliances": [
        {
            "federation_ods": ALLIANCE,
            "weighted_population": 10_000,
            "baseline_spend_pence": 7_000_000,
            "actual_spend_pence": 6_400_000,
        },
        {
            "federation_ods": FEDERATION,
            "weighted_population": 10_000,
            "baseline_spend_pence": 6_000_000,
            "actual_spend_pence": 6_100_000,
        },
    ],
}


def test_a_gain_share_year_pays_the_federation_and_its_practices_by_list_size(
    suite: tuple[Any, dict[str, Any]], api: Api
) -> None:
    _alliance(api, suite[1])
    # 422 until payments has heard of the subcontracts (the alliance's members).
    made = wait_for(
        "payments to know the alliance's members",
        lambda: (
            (
                r := api.call(
                    "payments", "POST", "/gain-shares", json=YEAR, who=COMM, ok=(201, 422)
                )
            ).status_code
            == 201
            and r.json()
        ),
        TIMEOUT,
        interval=0.5,
    )
    mine, theirs = made["alliances"]
    assert (mine["saving_pence"], mine["earned_pence"]) == (600_000, 175_000)
    assert [t["earned_pence"] for t in mine["tiers"]] == [125_000, 50_000, 0]
    assert (theirs["saving_pence"], theirs["earned_pence"]) == (0, 0)
    shares = {p["practice_ods"]: p["share_pence"] for p in mine["practices"]}
    assert shares == {"B86051": 131_250, "B86052": 43_750}
    for ods, share in shares.items():
        statement = api.call(
            "payments", "GET", f"/statements/{ods}/2026-03", who=("practice", ods)
        ).json()
        assert statement["total_pence"] == share
    federation = api.call("payments", "GET", f"/statements/{ALLIANCE}/2026-03", who=FED).json()
    assert [line["amount_pence"] for line in federation["lines"]] == [175_000, -175_000]
    assert "saved above the CCG average at 25% = £1,250.00" in federation["lines"][0]["memo"]
    again = api.call("payments", "POST", "/gain-shares", json=YEAR, who=COMM, ok=(409,))
    assert again.status_code == 409
    seen = api.call("payments", "GET", f"/gain-shares/{made['gain_share_id']}", who=FED).json()
    assert [a["federation_ods"] for a in seen["alliances"]] == [ALLIANCE]
