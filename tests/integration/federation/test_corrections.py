"""Voiding and correcting consultations through the API: while the period is open or
reopened, by the practice that reported them or its federation; counted accordingly, recorded,
published and audited."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from services.federation.store import metadata
from tests.integration.federation.conftest import (
    FED,
    HUB,
    OPS,
    Federation,
    auth,
    consultation,
)

pytestmark = pytest.mark.integration

PERIOD = f"/federations/{FED}/contracts/{HUB}/periods/2026-05"
BATCH = "/consultations/batch"
B86001 = auth("practice", "B86001")


async def _may(world: Federation) -> None:
    records = [
        consultation("a1", patient_ref="p1"),
        consultation("a2", patient_ref="p1", kind="follow_up"),
        consultation("a3", patient_ref="p2", site_ods="B86001"),
        consultation("b1", practice_ods="B86002", patient_ref="p1"),
        consultation("b2", practice_ods="B86002", patient_ref="p3", kind="follow_up"),
    ]
    assert (await world.post(BATCH, {"consultations": records}, OPS)).json()["accepted"] == 5


async def _counts(world: Federation) -> tuple[dict[str, tuple[int, int, int]], int]:
    view = (await world.get(PERIOD)).json()
    practices = {
        p["practice_ods"]: (p["first"], p["follow_up"], p["hosted"]) for p in view["practices"]
    }
    return practices, view["patients"]


async def _rows(world: Federation, table: str, **where: Any) -> list[dict[str, Any]]:
    t = metadata.tables[table]
    query = select(t).where(*(t.c[k] == v for k, v in where.items()))
    async with world.app.state.db.sessions() as session:
        return [dict(r._mapping) for r in await session.execute(query.order_by(t.c.id))]


async def test_void_and_correct_while_open_change_the_live_counts_and_the_close(
    world: Federation,
) -> None:
    await _may(world)
    assert await _counts(world) == ({"B86001": (2, 1, 1), "B86002": (1, 1, 0)}, 3)
    voided = await world.post("/consultations/B86001/a3/void", {"reason": "sent twice"}, B86001)
    assert voided.status_code == 200, voided.text
    body = voided.json()
    assert (body["status"], body["period"]) == ("voided", "2026-05")
    assert [(c["action"], c["reason"], c["by_org"]) for c in body["changes"]] == [
        ("void", "sent twice", "B86001")
    ]
    fix = {"reason": "first appointment, seen at B86001", "kind": "first", "site_ods": "B86001"}
    corrected = await world.post("/consultations/B86002/b2/correction", fix)  # the federation
    assert corrected.status_code == 200, corrected.text
    body = corrected.json()
    assert (body["status"], body["kind"], body["site_ods"]) == ("corrected", "first", "B86001")
    [change] = body["changes"]
    assert (change["before"]["kind"], change["after"]["kind"], change["by_role"]) == (
        "follow_up",
        "first",
        "federation",
    )
    # a3 (p2, hosted at B86001) no longer counts; b2 is a first, hosted at B86001.
    assert await _counts(world) == ({"B86001": (1, 1, 1), "B86002": (2, 0, 0)}, 2)
    closed = (await world.post(PERIOD + "/close", None)).json()
    assert {p["practice_ods"]: (p["first"], p["follow_up"]) for p in closed["practices"]} == {
        "B86001": (1, 1),
        "B86002": (2, 0),
    }
    assert closed["patients"] == 2
    outbox = {r["ce_type"]: r["payload"] for r in await _rows(world, "outbox")}
    assert outbox["gpfed.activity.consultation_voided"] == {
        "contract_id": HUB,
        "federation_ods": FED,
        "practice_ods": "B86001",
        "consultation_id": "a3",
        "period": "2026-05",
        "reason": "sent twice",
    }
    assert outbox["gpfed.activity.consultation_corrected"]["changed"] == ["kind", "site_ods"]
    audited = [(r["path"], r["status_code"]) for r in await _rows(world, "audit_log")]
    assert ("/consultations/B86001/a3/void", 200) in audited


async def test_a_closed_period_refuses_voids_and_corrections_until_it_is_reopened(
    world: Federation,
) -> None:
    await _may(world)
    await world.post(PERIOD + "/close", None)
    void = await world.post("/consultations/B86001/a1/void", {"reason": "error"}, B86001)
    assert void.status_code == 409
    assert "reopen it" in void.json()["detail"]
    fix = {"reason": "typo", "patient_ref": "p9"}
    assert (await world.post("/consultations/B86001/a1/correction", fix)).status_code == 409
    assert (await _rows(world, "consultation_changes")) == []
    await world.post(PERIOD + "/reopen", None)
    assert (
        await world.post("/consultations/B86001/a1/void", {"reason": "error"}, B86001)
    ).status_code == 200
    second = (await world.post(PERIOD + "/close", None)).json()
    assert second["revision"] == 2
    assert {p["practice_ods"]: p["total"] for p in second["practices"]} == {
        "B86001": 2,
        "B86002": 2,
    }


async def test_a_consultation_outside_the_callers_scope_is_not_found(world: Federation) -> None:
    await _may(world)
    void = {"reason": "not ours"}
    for who, path in (
        (auth("practice", "B86002"), "/consultations/B86001/a1/void"),  # another practice's
        (auth("federation", "Y99999"), "/consultations/B86001/a1/void"),  # another federation
        (B86001, "/consultations/B86001/nope/void"),  # none such
    ):
        response = await world.post(path, void, who)
        assert response.status_code == 404, (who, path, response.text)
    assert (
        await world.get("/consultations/B86001/a1", auth("practice", "B86002"))
    ).status_code == 404
    commissioner = auth("commissioner", "02W")
    assert (
        await world.post("/consultations/B86001/a1/void", void, commissioner)
    ).status_code == 403
    assert (await _rows(world, "consultation_changes")) == []
    assert (await world.get("/consultations/B86001/a1", B86001)).json()["status"] == "recorded"


async def test_a_voided_consultation_stays_held_and_cannot_be_changed_again(
    world: Federation,
) -> None:
    await _may(world)
    await world.post("/consultations/B86001/a1/void", {"reason": "error"}, B86001)
    again = await world.post("/consultations/B86001/a1/void", {"reason": "error"}, B86001)
    assert again.status_code == 409
    fix = {"reason": "typo", "kind": "follow_up"}
    assert (await world.post("/consultations/B86001/a1/correction", fix)).status_code == 409
    resent = {"consultations": [consultation("a1", patient_ref="p1")]}
    body = (await world.post(BATCH, resent, OPS)).json()
    assert (body["accepted"], body["duplicates"]) == (0, 1)
    assert (await _counts(world))[0]["B86001"] == (1, 1, 1)


@pytest.mark.parametrize(
    ("fix", "field"),
    [
        ({"occurred_at": "2026-06-01T00:30:00+01:00"}, "occurred_at"),  # June in the UK
        ({"site_ods": "B86002"}, "site_ods"),  # no premises subcontract
        ({"kind": "first"}, None),  # a1 is a first already: nothing changes
        ({"practice_ods": "B86002"}, "practice_ods"),  # not correctable
        ({"kind": "second"}, "kind"),
    ],
)
async def test_a_correction_that_cannot_be_made_is_a_422_naming_the_field(
    world: Federation, fix: dict[str, Any], field: str | None
) -> None:
    await _may(world)
    response = await world.post("/consultations/B86001/a1/correction", {"reason": "x", **fix})
    assert response.status_code == 422, response.text
    where = ["body"] if field is None else ["body", field]
    assert where in [e["loc"] for e in response.json()["errors"]]
    held = (await world.get("/consultations/B86001/a1", B86001)).json()
    assert (held["status"], held["kind"], held["site_ods"]) == ("recorded", "first", None)


async def test_a_correction_within_the_period_moves_the_consultation_and_keeps_the_record(
    world: Federation,
) -> None:
    await _may(world)
    fix = {"reason": "wrong day keyed", "occurred_at": "2026-05-31T23:30:00+01:00"}
    body = (await world.post("/consultations/B86001/a1/correction", fix, B86001)).json()
    assert (body["occurred_at"], body["period"]) == ("2026-05-31T22:30:00Z", "2026-05")
    fix = {"reason": "patient mis-keyed", "patient_ref": "p7"}
    await world.post("/consultations/B86001/a1/correction", fix, B86001)
    held = (await world.get("/consultations/B86001/a1", OPS)).json()
    assert [(c["reason"], c["after"]["patient_ref"]) for c in held["changes"]] == [
        ("wrong day keyed", "p1"),
        ("patient mis-keyed", "p7"),
    ]
    assert held["changes"][0]["before"]["occurred_at"] == "2026-05-04T09:30:00+00:00"
    assert (await _counts(world))[1] == 4  # p7 is a new patient; p1 is still seen by a2, b1


async def test_a_consultation_id_with_a_slash_can_be_voided(world: Federation) -> None:
    record = consultation("emis/0001/a", patient_ref="p1")
    assert (await world.post(BATCH, {"consultations": [record]}, OPS)).json()["accepted"] == 1
    response = await world.post("/consultations/B86001/emis/0001/a/void", {"reason": "test"})
    assert (response.status_code, response.json()["id"]) == (200, "emis/0001/a")
