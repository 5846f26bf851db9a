"""Money under change, end to end: the hub saga, then a variation effective from the first of
an earlier month, a restatement of a paid month, and arrears income after a hub has ended.

The four services run as processes on PostgreSQL with every message across the broker. Each
figure is checked against a recomputation written here from the closed counts and the terms
(with the demo's own largest-remainder split and half-even percentage, not ``shared.money``):
the commissioner is charged, the federation receives and each practice's statement shows
exactly what the terms in force for each month make due, however many revisions it took.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pytest

from gpfed.demo import (
    ADMIN,
    CCG,
    FEDERATION,
    PERIOD,
    RULE,
    TARIFF,
    Api,
    allocate,
    half_even_percent,
    wait_for,
)
from shared.events.conflicts import decision_item_id
from tests.e2e.harness import Suite
from tests.e2e.scenario import TIMEOUT, api, suite

pytestmark = pytest.mark.e2e
__all__ = ["api", "suite"]  # fixtures

COMM, FED, GOV = ("commissioner", CCG), ("federation", FEDERATION), ("governance", CCG)
UPLIFT = {"first_pence": 3700, "follow_up_pence": 2100}


@dataclass(frozen=True)
class Month:
    """A hub month as the federation closed it."""

    first: dict[str, int]
    follow_up: dict[str, int]
    hosted: dict[str, int]
    patients: int

    @property
    def work(self) -> dict[str, int]:
        return {o: self.first.get(o, 0) + self.follow_up.get(o, 0) for o in self.first}


def due_lines(month: Month, income: int, admin: str) -> dict[str, int]:
    """What each practice is due for a month (Practice finances survey, Case study 1), recomputed
    here."""
    costs: dict[str, int] = defaultdict(int)
    costs[admin] += month.patients * RULE["admin_charge_per_patient_pence"]
    for o, h in month.hosted.items():
        costs[o] += h * RULE["premises_per_consultation_pence"]
    for o, w in month.work.items():
        costs[o] += w * RULE["clinician_fee_per_consultation_pence"]
    profit = income - sum(costs.values())
    retained = half_even_percent(profit, RULE["retained_percent"])
    shares = allocate(profit - retained, month.work)
    return {o: costs.get(o, 0) + shares.get(o, 0) for o in sorted(set(costs) | set(shares))}


def tariff_income(month: Month, tariff: dict[str, int]) -> int:
    first, follow = sum(month.first.values()), sum(month.follow_up.values())
    return first * tariff["first_pence"] + follow * tariff["follow_up_pence"]


def closed_month(api: Api, contract_id: str, period: str) -> Month:
    view = api.call(
        "federation",
        "GET",
        f"/federations/{FEDERATION}/contracts/{contract_id}/periods/{period}",
        who=FED,
    ).json()
    assert view["status"] == "closed", view
    practices = view["practices"]
    return Month(
        first={p["practice_ods"]: p["first"] for p in practices},
        follow_up={p["practice_ods"]: p["follow_up"] for p in practices},
        hosted={p["practice_ods"]: p["hosted"] for p in practices if p["hosted"]},
        patients=view["patients"],
    )


def received(api: Api, ods: str, contract_id: str, period: str) -> int:
    """What a practice's statements show for the hub's month, every revision included."""
    total, cursor = 0, None
    # Adjustments for a restated month may be posted in a later month: read them all.
    for statement_period in (period, "2026-11", "2026-12"):
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            page = api.call(
                "payments",
                "GET",
                f"/statements/{ods}/{statement_period}",
                params=params,
                who=("practice", ods),
            ).json()
            total += sum(
                line["amount_pence"]
                for line in page["lines"]
                if line["contract_id"] == contract_id and _for_month(line, period)
            )
            cursor = page.get("next_cursor")
            if not cursor:
                break
    return total


def _for_month(line: dict[str, Any], period: str) -> bool:
    # A posting is for the month it restates, or else for its transaction's period.
    return (line.get("restates") or line["period"]) == period


def distribution(api: Api, contract_id: str, period: str) -> dict[str, Any]:
    found: dict[str, Any] = api.call(
        "payments",
        "GET",
        "/distributions",
        params={"contract_id": contract_id, "period": period},
        who=COMM,
    ).json()
    return found


def charged(api: Api, contract_id: str, period: str) -> int:
    """What the commissioner was charged for the hub's month, every revision included."""
    return -received_by(api, CCG, COMM, contract_id, period)


def received_by(api: Api, ods: str, who: tuple[str, str], contract_id: str, period: str) -> int:
    total = 0
    for statement_period in (period, "2026-11", "2026-12"):
        page = api.call(
            "payments",
            "GET",
            f"/statements/{ods}/{statement_period}",
            params={"limit": 500},
            who=who,
        ).json()
        total += sum(
            line["amount_pence"]
            for line in page["lines"]
            if line["contract_id"] == contract_id
            and _for_month(line, period)
            and line["kind"] != "distribution"
        )
    return total


def run(api: Api, period: str) -> dict[str, Any]:
    found: dict[str, Any] = api.call(
        "payments", "POST", "/payment-runs", json={"period": period}, who=COMM
    ).json()
    return found


def decided(api: Api, values: dict[str, Any], item_id: str) -> None:
    """The hub's committee approves the decision item once conflicts has opened it (the CCG's
    decision policy gates a HUB, its variations and its terminations)."""
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


def pending(api: Api) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = api.call(
        "payments", "GET", "/payment-runs/pending", who=COMM
    ).json()["items"]
    return items


def test_a_variation_from_an_earlier_month_restates_the_paid_month_to_the_penny(
    suite: tuple[Suite, dict[str, Any]], api: Api
) -> None:
    hub = suite[1]["contract_id"]
    october = closed_month(api, hub, PERIOD)
    before = distribution(api, hub, PERIOD)
    assert before["income_pence"] == tariff_income(october, TARIFF)

    varied = api.call(
        "contracts",
        "POST",
        f"/contracts/{hub}/variations",
        json={
            "effective_from": "2026-10-01",  # backdated: October is paid already
            "changes": {"payment": {"basis": "tariff", "schedule": "monthly", "tariff": UPLIFT}},
            "reason": "tariff uplift agreed in November, from 1 October",
        },
        who=COMM,
        ok=(202,),  # the CCG's decision policy gates the hub: it waits for its committee
    )
    held = varied.json()
    decided(api, suite[1], held["decision_item_id"])
    wait_for(
        "the committee's approval to apply the variation",
        lambda: (
            api.call(
                "contracts", "GET", f"/contracts/{hub}/changes/{held['change_id']}", who=COMM
            ).json()["status"]
            == "approved"
        ),
        TIMEOUT,
    )
    wait_for(
        "payments to note October for restatement",
        lambda: any(p["contract_id"] == hub and p["period"] == PERIOD for p in pending(api)),
        TIMEOUT,
    )
    settled = run(api, "2026-11")
    assert any(s["contract_id"] == hub for s in settled["settled"]), settled
    assert run(api, "2026-11")["payments"] == [], "a second run pays nothing new"

    income = tariff_income(october, UPLIFT)
    after = distribution(api, hub, PERIOD)
    assert after["income_pence"] == income
    assert after["revision"] > before["revision"] and after["history"]
    assert charged(api, hub, PERIOD) == income
    expected = due_lines(october, income, ADMIN)
    assert {line["practice_ods"]: line["total_pence"] for line in after["lines"]} == expected
    for ods, due in expected.items():
        assert received(api, ods, hub, PERIOD) == due, ods


def test_a_paid_month_reopened_and_closed_with_more_consultations_is_paid_the_difference(
    suite: tuple[Suite, dict[str, Any]], api: Api
) -> None:
    hub = suite[1]["contract_id"]
    period_path = f"/federations/{FEDERATION}/contracts/{hub}/periods/{PERIOD}"
    api.call("federation", "POST", f"{period_path}/reopen", who=FED)
    missed = [
        {
            "id": f"missed-{i}",
            "contract_id": hub,
            "practice_ods": ods,
            "site_ods": ods,
            "patient_ref": f"late-{i}",
            "kind": "first",
            "occurred_at": f"2026-10-{10 + i:02d}T10:00:00+01:00",
        }
        for i, ods in enumerate(["B86002", "B86002", "B86003"])
    ]
    batch = api.call(
        "federation", "POST", "/consultations/batch", json={"consultations": missed}, who=FED
    ).json()
    assert batch["accepted"] == 3, batch
    api.call("federation", "POST", f"{period_path}/close", who=FED)
    october = closed_month(api, hub, PERIOD)

    def restated() -> bool:
        run(api, "2026-11")
        return bool(
            distribution(api, hub, PERIOD)["income_pence"] == tariff_income(october, UPLIFT)
        )

    wait_for("the restated October to be paid", restated, TIMEOUT)
    income = tariff_income(october, UPLIFT)
    assert charged(api, hub, PERIOD) == income
    expected = due_lines(october, income, ADMIN)
    for ods, due in expected.items():
        assert received(api, ods, hub, PERIOD) == due, ods

    def federation_shows_it() -> bool:
        # The federation learns of the new revision from payments' event, a moment later.
        view = api.call("federation", "GET", period_path, who=FED).json()
        paid = {p["practice_ods"]: p["paid_pence"] for p in view["practices"]}
        return paid == {o: expected.get(o) for o in paid}

    wait_for("the federation to show the latest revision once", federation_shows_it, TIMEOUT)


def test_arrears_paid_after_the_hub_ended_follow_the_months_of_activity(
    suite: tuple[Suite, dict[str, Any]], api: Api
) -> None:
    quarter_value = 300_000  # a quarter of a 1,200,000p year
    hub = api.call(
        "contracts",
        "POST",
        "/contracts",
        json={
            "kind": "HUB",
            "commissioner_ods": CCG,
            "provider_ods": FEDERATION,
            "service": "summer hub",
            "start_date": "2026-07-01",
            "end_date": "2026-09-30",
            "payment": {
                "basis": "block",
                "schedule": "quarterly_arrears",
                "annual_value_pence": 4 * quarter_value,
            },
            "distribution": RULE,
            "decision_committee_id": suite[1]["committee_id"],
        },
        who=COMM,
    ).json()["id"]
    decided(api, suite[1], decision_item_id(hub))
    wait_for(
        "the federation to run the summer hub",
        lambda: any(
            h["contract_id"] == hub
            for h in api.call("federation", "GET", f"/federations/{FEDERATION}", who=FED).json()[
                "hubs"
            ]
        ),
        TIMEOUT,
    )
    roles_of = {ADMIN: ["admin"], "B86002": ["delivery", "premises"], "B86003": ["delivery"]}
    for ods, roles in roles_of.items():
        api.call(
            "federation",
            "POST",
            f"/federations/{FEDERATION}/subcontracts",
            json={"contract_id": hub, "practice_ods": ods, "roles": roles,
                  "start_date": "2026-07-01"},
            who=FED,
        )  # fmt: skip
    # July busier at B86002, August split, September at B86003 only.
    plan = {"2026-07": [("B86002", 5), ("B86003", 1)], "2026-08": [("B86002", 2), ("B86003", 2)],
            "2026-09": [("B86003", 4)]}  # fmt: skip
    for period, counts in plan.items():
        records = [
            {
                "id": f"summer-{period}-{ods}-{i}",
                "contract_id": hub,
                "practice_ods": ods,
                "site_ods": "B86002",
                "patient_ref": f"{ods}-{i % 2}",
                "kind": "first" if i % 2 else "follow_up",
                "occurred_at": f"{period}-{10 + i:02d}T09:00:00+01:00",
            }
            for ods, n in counts
            for i in range(n)
        ]
        batch = api.call(
            "federation", "POST", "/consultations/batch", json={"consultations": records}, who=FED
        ).json()
        assert batch["accepted"] == len(records), batch
        api.call(
            "federation",
            "POST",
            f"/federations/{FEDERATION}/contracts/{hub}/periods/{period}/close",
            who=FED,
        )
    months = {p: closed_month(api, hub, p) for p in plan}

    def paid() -> bool:
        run(api, "2026-10")  # the month after the quarter; the hub ended on 30 September
        return all(distribution(api, hub, p)["status"] == "completed" for p in plan)

    wait_for("the quarter's arrears to be paid and distributed", paid, TIMEOUT)
    # The quarter's value is split over its months by their value (equal thirds), and each
    # month is shared by its own consultations, not October's (there are none).
    monthly = allocate(quarter_value, {p: 1 for p in plan})
    practices: dict[str, int] = defaultdict(int)
    for period, month in months.items():
        found = distribution(api, hub, period)
        assert found["income_pence"] == monthly[period], period
        expected = due_lines(month, monthly[period], ADMIN)
        assert {line["practice_ods"]: line["total_pence"] for line in found["lines"]} == expected
        for ods, due in expected.items():
            practices[ods] += due
    assert sum(monthly.values()) == quarter_value
    retained = sum(distribution(api, hub, p)["retained_pence"] for p in plan)
    assert sum(practices.values()) + retained == quarter_value, "nothing stays unshared"
    # The federation keeps its retained share and no more, though the hub had ended.
    assert _federation_net(api, hub) == retained


def _federation_net(api: Api, contract_id: str) -> int:
    """Every posting to the federation's accounts for a contract: income in, lines out."""
    total, cursor = 0, None
    while True:
        params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = api.call(
            "payments", "GET", f"/accounts/{FEDERATION}", params=params, who=FED
        ).json()["postings"]
        total += sum(p["amount_pence"] for p in page["items"] if p["contract_id"] == contract_id)
        cursor = page.get("next_cursor")
        if not cursor:
            return total
