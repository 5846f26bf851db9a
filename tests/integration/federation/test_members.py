"""Membership on any day: dated, never overwritten, never overlapping within a federation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.federation.store import metadata
from shared.events.contracts import OrganisationRegistered
from tests.integration.federation.conftest import FED, FED_TOKEN, OPS, Federation, auth

pytestmark = pytest.mark.integration


@pytest.fixture
async def two_feds(fed: Federation) -> Federation:
    for ods in (FED, "Y99999"):
        await fed.deliver(OrganisationRegistered(ods_code=ods, kind="federation", name=ods))
    return fed


async def _members_on(fed: Federation, day: str) -> list[str]:
    r = await fed.get(f"/federations/{FED}/members", on=day)
    assert r.status_code == 200, r.text
    return sorted(m["practice_ods"] for m in r.json()["items"])


async def test_membership_on_a_date_follows_joining_and_leaving(two_feds: Federation) -> None:
    fed = two_feds
    members = f"/federations/{FED}/members"
    r = await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-04-01"})
    assert r.status_code == 201
    assert r.json()["status"] == "member"
    await fed.post(members, {"practice_ods": "B86002", "joined_on": "2026-06-01"})
    r = await fed.post(f"{members}/B86001/leave", {"left_on": "2026-08-31"})
    assert (r.status_code, r.json()["left_on"], r.json()["status"]) == (200, "2026-08-31", "left")
    assert await _members_on(fed, "2026-03-31") == []
    assert await _members_on(fed, "2026-05-15") == ["B86001"]
    assert await _members_on(fed, "2026-08-31") == ["B86001", "B86002"]
    assert await _members_on(fed, "2026-09-01") == ["B86002"]


async def test_rejoining_keeps_the_earlier_membership_in_history(two_feds: Federation) -> None:
    fed = two_feds
    members = f"/federations/{FED}/members"
    await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-04-01"})
    await fed.post(f"{members}/B86001/leave", {"left_on": "2026-05-31"})
    r = await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-07-01"})
    assert r.status_code == 201
    history = (await fed.get(members)).json()["items"]
    assert [(m["joined_on"], m["left_on"]) for m in history] == [
        ("2026-04-01", "2026-05-31"),
        ("2026-07-01", None),
    ]
    assert await _members_on(fed, "2026-06-15") == []


async def test_overlapping_membership_of_the_same_federation_is_refused_409(
    two_feds: Federation,
) -> None:
    fed = two_feds
    members = f"/federations/{FED}/members"
    await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-04-01"})
    r = await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-05-01"})
    assert r.status_code == 409
    await fed.post(f"{members}/B86001/leave", {"left_on": "2026-05-31"})
    r = await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-05-31"})
    assert r.status_code == 409
    r = await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-01-01"})
    assert r.status_code == 409, "an open-ended earlier start would overlap the history"


async def test_a_practice_may_belong_to_several_federations(two_feds: Federation) -> None:
    fed = two_feds
    body = {"practice_ods": "B86001", "joined_on": "2026-04-01"}
    assert (await fed.post(f"/federations/{FED}/members", body)).status_code == 201
    other = await fed.post("/federations/Y99999/members", body, auth("federation", "Y99999"))
    assert other.status_code == 201


async def test_join_and_leave_publish_events_through_the_outbox(two_feds: Federation) -> None:
    fed = two_feds
    await fed.post(
        f"/federations/{FED}/members", {"practice_ods": "B86001", "joined_on": "2026-04-01"}
    )
    await fed.post(f"/federations/{FED}/members/B86001/leave", {"left_on": "2026-09-30"})
    outbox = metadata.tables["outbox"]
    async with fed.app.state.db.sessions() as session:
        rows = (await session.execute(select(outbox).order_by(outbox.c.id))).all()
    assert [(r.ce_type, r.payload["date"]) for r in rows] == [
        ("gpfed.federation.member_joined", "2026-04-01"),
        ("gpfed.federation.member_left", "2026-09-30"),
    ]
    assert rows[0].key == FED


async def test_leaving_before_joining_or_when_not_a_member_is_refused(two_feds: Federation) -> None:
    fed = two_feds
    members = f"/federations/{FED}/members"
    assert (await fed.post(f"{members}/B86001/leave", {"left_on": "2026-09-30"})).status_code == 409
    await fed.post(members, {"practice_ods": "B86001", "joined_on": "2026-04-01"})
    r = await fed.post(f"{members}/B86001/leave", {"left_on": "2026-03-01"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "left_on"


async def test_another_federation_or_an_unknown_one_is_refused(two_feds: Federation) -> None:
    fed = two_feds
    body = {"practice_ods": "B86001", "joined_on": "2026-04-01"}
    r = await fed.post(f"/federations/{FED}/members", body, auth("federation", "Y99999"))
    assert r.status_code == 403
    r = await fed.post("/federations/Y11111/members", body, OPS)
    assert r.status_code == 404
    r = await fed.post(f"/federations/{FED}/members", {**body, "practice_ods": "RAE"}, FED_TOKEN)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "practice_ods"
