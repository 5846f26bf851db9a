"""The monthly close: frozen counts, late activity refused, restatements as new revisions,
and the money payments reports back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from services.federation.store import metadata, period_counts
from shared.events.payments import DistributionCompleted, DistributionLine
from tests.integration.federation.conftest import CCG, FED, HUB, OPS, Federation, auth, consultation

pytestmark = pytest.mark.integration

PERIOD = f"/federations/{FED}/contracts/{HUB}/periods/2026-05"
BATCH = "/consultations/batch"


async def _may_activity(fed: Federation) -> None:
    records = [
        consultation("a1", patient_ref="p1"),
        consultation("a2", patient_ref="p1", kind="follow_up"),
        consultation("a3", patient_ref="p2", site_ods="B86001"),
        consultation("b1", practice_ods="B86002", patient_ref="p1", site_ods="B86001"),
        consultation("b2", practice_ods="B86002", patient_ref="p3", kind="follow_up"),
        consultation("june", occurred_at="2026-06-01T09:00:00+01:00"),
    ]
    assert (await fed.post(BATCH, {"consultations": records}, OPS)).json()["accepted"] == 6


async def _outbox(fed: Federation, ce_type: str) -> list[dict[str, Any]]:
    outbox = metadata.tables["outbox"]
    async with fed.app.state.db.sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.ce_type == ce_type).order_by(outbox.c.id)
        )
        return [r.payload for r in rows]


async def test_closing_freezes_counts_per_practice_and_publishes_them(world: Federation) -> None:
    await _may_activity(world)
    r = await world.post(PERIOD + "/close", None)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["status"], body["revision"], body["counts"], body["patients"]) == (
        "closed",
        1,
        "frozen",
        3,
    )
    by_ods = {p["practice_ods"]: p for p in body["practices"]}
    assert (
        by_ods["B86001"]["first"],
        by_ods["B86001"]["follow_up"],
        by_ods["B86001"]["total"],
    ) == (2, 1, 3)
    assert (by_ods["B86001"]["patients"], by_ods["B86001"]["hosted"]) == (2, 2)
    assert (
        by_ods["B86002"]["first"],
        by_ods["B86002"]["follow_up"],
        by_ods["B86002"]["patients"],
    ) == (1, 1, 2)
    assert by_ods["B86002"]["hosted"] == 0
    [event] = await _outbox(world, "gpfed.activity.period_closed")
    assert (event["period"], event["revision"], event["patients"]) == ("2026-05", 1, 3)
    assert {p["practice_ods"]: p["total"] for p in event["practices"]} == {"B86001": 3, "B86002": 2}
    assert (await world.post(PERIOD + "/close", None)).status_code == 409


async def test_consultations_after_the_close_are_rejected_period_closed(world: Federation) -> None:
    await _may_activity(world)
    await world.post(PERIOD + "/close", None)
    late = {
        "consultations": [
            consultation("late"),
            consultation("june-2", occurred_at="2026-06-02T09:00:00+01:00"),
        ]
    }
    body = (await world.post(BATCH, late, OPS)).json()
    assert body["accepted"] == 1
    assert [(x["id"], x["reason"]) for x in body["rejected"]] == [("late", "period_closed")]
    resent = (
        await world.post(BATCH, {"consultations": [consultation("a1", patient_ref="p1")]}, OPS)
    ).json()
    assert (resent["duplicates"], resent["rejected"]) == (1, []), "resending is still harmless"


async def test_reopen_and_close_publishes_a_restatement_keeping_revision_one(
    world: Federation,
) -> None:
    await _may_activity(world)
    await world.post(PERIOD + "/close", None)
    reopened = await world.post(PERIOD + "/reopen", None)
    assert (reopened.status_code, reopened.json()["status"]) == (200, "reopened")
    assert (
        await world.post(BATCH, {"consultations": [consultation("late", patient_ref="p9")]}, OPS)
    ).json()["accepted"] == 1
    second = (await world.post(PERIOD + "/close", None)).json()
    assert (second["revision"], second["patients"]) == (2, 4)
    assert {p["practice_ods"]: p["total"] for p in second["practices"]} == {
        "B86001": 4,
        "B86002": 2,
    }
    events = await _outbox(world, "gpfed.activity.period_closed")
    assert [(e["revision"], e["patients"]) for e in events] == [(1, 3), (2, 4)]
    assert len(await _outbox(world, "gpfed.activity.period_reopened")) == 1
    async with world.app.state.db.sessions() as session:
        rows = (
            await session.execute(
                select(
                    period_counts.c.revision, period_counts.c.practice_ods, period_counts.c.total
                ).order_by(period_counts.c.revision, period_counts.c.practice_ods)
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (1, "B86001", 3),
        (1, "B86002", 2),
        (2, "B86001", 4),
        (2, "B86002", 2),
    ]
    assert (
        await world.post(f"/federations/{FED}/contracts/{HUB}/periods/2026-07/reopen", None)
    ).status_code == 409


async def test_period_view_shows_status_counts_and_each_practices_money(world: Federation) -> None:
    await _may_activity(world)
    open_view = (await world.get(PERIOD)).json()
    assert (open_view["status"], open_view["counts"], open_view["patients"]) == ("open", "live", 3)
    await world.post(PERIOD + "/close", None)
    await world.deliver(
        DistributionCompleted(
            contract_id=HUB,
            federation_ods=FED,
            period="2026-05",
            transaction_id="t-1",
            income_pence=13_000,
            costs_pence=9_000,
            retained_pence=400,
            remainder_pence=3_600,
            lines=[
                DistributionLine(
                    practice_ods="B86001",
                    consultations=3,
                    share_pence=2160,
                    admin_pence=1500,
                    premises_pence=400,
                    clinician_fees_pence=4500,
                    total_pence=8560,
                ),
                DistributionLine(
                    practice_ods="B86002",
                    consultations=2,
                    share_pence=1440,
                    admin_pence=0,
                    premises_pence=0,
                    clinician_fees_pence=3000,
                    total_pence=4440,
                ),
            ],
        )
    )
    view = (await world.get(PERIOD, auth("commissioner", CCG))).json()
    assert view["status"] == "closed"
    assert {p["practice_ods"]: p["paid_pence"] for p in view["practices"]} == {
        "B86001": 8560,
        "B86002": 4440,
    }
    assert view["distributions"][0]["income_pence"] == 13_000
    assert (await world.get(PERIOD, auth("commissioner", "13T"))).status_code == 403
    assert (
        await world.get(f"/federations/{FED}/contracts/{HUB}/periods/2026-13")
    ).status_code == 422


async def test_the_statement_flags_a_hub_that_is_losing_money(world: Federation) -> None:
    for period, income, costs in (("2026-05", 10_000, 8_000), ("2026-06", 10_000, 13_000)):
        profit = income - costs
        retained = profit // 10
        await world.deliver(
            DistributionCompleted(
                contract_id=HUB,
                federation_ods=FED,
                period=period,
                transaction_id=f"t-{period}",
                income_pence=income,
                costs_pence=costs,
                retained_pence=retained,
                remainder_pence=profit - retained,
                lines=[],
            )
        )
    statement = (await world.get(f"/federations/{FED}/contracts/{HUB}/statement", OPS)).json()
    assert (statement["income_pence"], statement["costs_pence"], statement["profit_pence"]) == (
        20_000,
        21_000,
        -1_000,
    )
    assert statement["loss_making"] is True
    assert statement["loss_making_periods"] == ["2026-06"]
    assert [(i["period"], i["profit_pence"]) for i in statement["items"]] == [
        ("2026-05", 2_000),
        ("2026-06", -3_000),
    ]
    assert statement["commissioner_ods"] == CCG
