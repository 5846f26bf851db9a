"""Consultation batches: each record accepted, duplicate or rejected with a stable reason."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from services.federation.store import consultations
from shared.events.contracts import ContractTerminated
from tests.integration.federation.conftest import (
    FED,
    OPS,
    Federation,
    auth,
    consultation,
    hub_activated,
)

pytestmark = pytest.mark.integration

BATCH = "/consultations/batch"


async def _count(fed: Federation) -> int:
    async with fed.app.state.db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(consultations)) or 0)


async def test_every_rejection_reason_is_given_per_record(world: Federation) -> None:
    await world.post(f"/federations/{FED}/contracts/c-hub-1/periods/2026-04/close", None)
    records = [
        consultation("ok-1"),
        consultation("ok-2", practice_ods="B86002", site_ods="B86001", kind="follow_up"),
        consultation("r-contract", contract_id="c-unknown"),
        consultation("r-member", practice_ods="B86009"),
        consultation("r-delivery", practice_ods="B86003"),
        consultation("r-site", site_ods="B86002"),
        consultation("r-dates", occurred_at="2027-04-01T09:00:00+01:00"),
        consultation("r-closed", occurred_at="2026-04-20T09:00:00+01:00"),
        consultation("r-malformed", kind="second"),
        {"id": 7, "nonsense": True},
    ]
    r = await world.post(BATCH, {"consultations": records}, OPS)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["accepted"], body["duplicates"]) == (2, 0)
    assert {x["id"]: x["reason"] for x in body["rejected"]} == {
        "r-contract": "unknown_contract",
        "r-member": "not_a_member",
        "r-delivery": "not_subcontracted_for_delivery",
        "r-site": "site_not_premises",
        "r-dates": "outside_contract_dates",
        "r-closed": "period_closed",
        "r-malformed": "malformed",
        None: "malformed",
    }
    malformed = next(x for x in body["rejected"] if x["id"] == "r-malformed")
    assert "kind" in malformed["detail"]
    assert await _count(world) == 2


async def test_a_practice_that_has_left_is_not_a_member_on_later_days(world: Federation) -> None:
    await world.post(f"/federations/{FED}/members/B86002/leave", {"left_on": "2026-05-31"})
    records = [
        consultation("may", practice_ods="B86002", occurred_at="2026-05-31T23:30:00+01:00"),
        consultation("june", practice_ods="B86002", occurred_at="2026-06-01T00:30:00+01:00"),
    ]
    body = (await world.post(BATCH, {"consultations": records}, OPS)).json()
    assert body["accepted"] == 1
    assert body["rejected"] == [
        {
            "id": "june",
            "reason": "not_a_member",
            "detail": body["rejected"][0]["detail"],
            "practice_ods": "B86002",
        }
    ]


async def test_a_resent_batch_counts_duplicates_and_adds_nothing(world: Federation) -> None:
    batch = {"consultations": [consultation(f"c{i}") for i in range(5)]}
    first = (await world.post(BATCH, batch, OPS)).json()
    again = (await world.post(BATCH, batch, OPS)).json()
    assert (first["accepted"], first["duplicates"]) == (5, 0)
    assert (again["accepted"], again["duplicates"], again["rejected"]) == (0, 5, [])
    twice_in_one = {"consultations": [consultation("x"), consultation("x")]}
    assert (await world.post(BATCH, twice_in_one, OPS)).json()["duplicates"] == 1
    assert await _count(world) == 6


async def test_held_records_are_duplicates_among_new_ones_even_when_now_refused(
    world: Federation,
) -> None:
    # Held ids are found by the insert (accepted ones) or looked up (refused ones), not read
    # up front; either way the answer is the one a full lookup would give.
    april = "2026-04-20T09:00:00+01:00"
    first = [consultation("held-may"), consultation("held-april", occurred_at=april)]
    assert (await world.post(BATCH, {"consultations": first}, OPS)).json()["accepted"] == 2
    await world.post(f"/federations/{FED}/contracts/c-hub-1/periods/2026-04/close", None)
    mixed = [
        *first,
        consultation("new-may"),
        consultation("new-april", occurred_at=april),
        consultation("new-may"),
    ]
    body = (await world.post(BATCH, {"consultations": mixed}, OPS)).json()
    assert (body["accepted"], body["duplicates"]) == (1, 3)
    assert [(x["id"], x["reason"]) for x in body["rejected"]] == [("new-april", "period_closed")]
    assert await _count(world) == 3


async def test_a_practice_token_posts_only_its_own_consultations(world: Federation) -> None:
    records = [consultation("own"), consultation("other", practice_ods="B86002")]
    body = (await world.post(BATCH, {"consultations": records}, auth("practice", "B86001"))).json()
    assert body["accepted"] == 1
    assert [(x["id"], x["reason"]) for x in body["rejected"]] == [("other", "not_authorised")]


async def test_a_federation_token_posts_for_its_members_only_under_its_hubs(
    world: Federation,
) -> None:
    records = [consultation("mine"), consultation("theirs")]
    ours = await world.post(BATCH, {"consultations": records[:1]}, auth("federation", FED))
    assert ours.json()["accepted"] == 1
    theirs = await world.post(BATCH, {"consultations": records[1:]}, auth("federation", "Y99999"))
    assert theirs.json()["rejected"][0]["reason"] == "not_authorised"
    assert (
        await world.post(BATCH, {"consultations": []}, auth("commissioner", "02W"))
    ).status_code == 403


async def test_a_batch_over_the_limit_or_not_a_list_is_a_422(world: Federation) -> None:
    world.app.state.settings.max_consultation_batch = 3
    r = await world.post(BATCH, {"consultations": [consultation(f"c{i}") for i in range(4)]}, OPS)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "consultations"
    r = await world.post(BATCH, {"consultations": {"id": "x"}}, OPS)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "consultations"
    assert await _count(world) == 0


async def test_a_body_that_is_not_a_batch_is_a_422_problem(world: Federation) -> None:
    # The body is parsed by the route itself, from its bytes: the same problems as elsewhere.
    json_type = {**OPS, "content-type": "application/json"}
    for body, field in [(b'{"consultations": [', "body"), (b"", "body"), (b"{}", "consultations")]:
        r = await world.client.post(BATCH, content=body, headers=json_type)
        assert r.status_code == 422, body
        assert r.headers["content-type"] == "application/problem+json"
        assert [e["field"] for e in r.json()["errors"]] == [field], body
    document = (await world.client.get("/openapi.json")).json()
    body_type = document["paths"][BATCH]["post"]["requestBody"]["content"]["application/json"]
    schema = body_type["schema"]
    if "$ref" in schema:  # the kernel names inline body schemas as components
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    assert schema["required"] == ["consultations"]
    assert schema["examples"][0]["consultations"][0]["kind"] == "first"


async def test_ten_thousand_valid_consultations_are_ingested_in_one_call(world: Federation) -> None:
    records = [
        consultation(
            f"bulk-{i:05d}",
            practice_ods="B86001" if i % 2 else "B86002",
            site_ods="B86001" if i % 5 == 0 else None,
            patient_ref=f"pt-{i % 3000}",
            kind="first" if i % 4 else "follow_up",
            occurred_at=f"2026-{5 + i % 6:02d}-{1 + i % 28:02d}T10:00:00+01:00",
        )
        for i in range(10_000)
    ]
    r = await world.post(BATCH, {"consultations": records}, OPS)
    assert r.status_code == 200
    assert (r.json()["accepted"], r.json()["duplicates"], r.json()["rejected"]) == (10_000, 0, [])
    assert await _count(world) == 10_000
    again = (await world.post(BATCH, {"consultations": records}, OPS)).json()
    assert (again["accepted"], again["duplicates"]) == (0, 10_000)


async def test_after_a_termination_takes_effect_consultations_are_outside_the_contract(
    world: Federation,
) -> None:
    terminated = ContractTerminated(
        **{
            **hub_activated().model_dump(),
            "status": "terminated",
            # The first day the contract is no longer in force.
            "effective_from": date(2026, 7, 1),
        }
    )
    await world.deliver(terminated)
    records = [
        consultation("last-day", occurred_at="2026-06-30T17:00:00+01:00"),
        consultation("after", occurred_at="2026-07-01T09:00:00+01:00"),
    ]
    body = (await world.post(BATCH, {"consultations": records}, OPS)).json()
    assert body["accepted"] == 1
    assert [(x["id"], x["reason"]) for x in body["rejected"]] == [
        ("after", "outside_contract_dates")
    ]


async def test_two_practices_using_the_same_local_id_are_both_counted_and_paid(
    world: Federation,
) -> None:
    """Consultation ids are unique per practice: the second practice's consultation was once
    counted as a duplicate of the first's, and never paid."""
    same_id = [consultation("emis-1"), consultation("emis-1", practice_ods="B86002")]
    r = await world.post(BATCH, {"consultations": same_id})
    assert (r.json()["accepted"], r.json()["duplicates"]) == (2, 0), r.text
    again = await world.post(BATCH, {"consultations": same_id})
    assert (again.json()["accepted"], again.json()["duplicates"]) == (0, 2)
    # Each practice sees only its own: B86002's id tells B86001 nothing.
    r = await world.post(
        BATCH,
        {"consultations": [consultation("emis-2", practice_ods="B86002")]},
        auth("practice", "B86001"),
    )
    [refused] = r.json()["rejected"]
    assert (refused["reason"], refused["practice_ods"]) == ("not_authorised", "B86002")
    close = await world.post(f"/federations/{FED}/contracts/c-hub-1/periods/2026-05/close", None)
    totals = {p["practice_ods"]: p["total"] for p in close.json()["practices"]}
    assert totals == {"B86001": 1, "B86002": 1}


async def test_a_consultation_dated_off_the_calendar_is_rejected_not_a_500(
    world: Federation,
) -> None:
    records = [consultation("ok-1"), consultation("bad", occurred_at="0001-01-01T00:30:00+05:00")]
    r = await world.post(BATCH, {"consultations": records})
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 1
    [rejected] = r.json()["rejected"]
    assert (rejected["id"], rejected["reason"]) == ("bad", "malformed")
    assert "occurred_at" in rejected["detail"]
