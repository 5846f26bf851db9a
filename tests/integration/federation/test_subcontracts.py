"""Subcontracts under a hub contract, only to members over their whole dates, and the chain."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.federation.store import metadata
from tests.integration.federation.conftest import CCG, FED, HUB, OPS, Federation, auth

pytestmark = pytest.mark.integration

SUBS = f"/federations/{FED}/subcontracts"


def _sub(practice: str = "B86003", **overrides: object) -> dict[str, object]:
    return {
        "contract_id": HUB,
        "practice_ods": practice,
        "roles": ["admin"],
        "start_date": "2026-05-01",
        **overrides,
    }


async def test_a_member_is_subcontracted_and_the_event_is_published(world: Federation) -> None:
    r = await world.post(SUBS, _sub(end_date="2026-12-31"))
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["status"], body["roles"], body["end_date"]) == ("issued", ["admin"], "2026-12-31")
    outbox = metadata.tables["outbox"]
    async with world.app.state.db.sessions() as session:
        rows = (
            await session.execute(
                select(outbox).where(outbox.c.ce_type == "gpfed.subcontract.issued")
            )
        ).all()
    assert [(r.payload["practice_ods"], r.payload["roles"]) for r in rows][-1] == (
        "B86003",
        ["admin"],
    )


async def test_a_practice_not_a_member_throughout_is_refused(world: Federation) -> None:
    r = await world.post(SUBS, _sub("B86009"))
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "practice_ods"
    await world.post(f"/federations/{FED}/members/B86003/leave", {"left_on": "2026-09-30"})
    assert (await world.post(SUBS, _sub(end_date="2026-12-31"))).status_code == 422
    assert (await world.post(SUBS, _sub())).status_code == 422, "open-ended runs to the hub's end"
    assert (await world.post(SUBS, _sub(end_date="2026-09-30"))).status_code == 201


async def test_dates_outside_the_hub_or_reversed_are_refused(world: Federation) -> None:
    assert (await world.post(SUBS, _sub(start_date="2026-03-01"))).status_code == 422
    assert (await world.post(SUBS, _sub(end_date="2027-06-30"))).status_code == 422
    assert (await world.post(SUBS, _sub(end_date="2026-04-30"))).status_code == 422
    r = await world.post(SUBS, _sub(roles=["cleaning"]))
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "roles.0"


async def test_a_contract_that_is_not_this_federations_hub_is_404(world: Federation) -> None:
    assert (await world.post(SUBS, _sub(contract_id="c-unknown"))).status_code == 404


async def test_the_chain_shows_each_subcontract_and_its_parent_with_its_commissioner(
    world: Federation,
) -> None:
    r = await world.get(f"/contracts/{HUB}/chain", limit=1)
    chain = r.json()
    assert chain["parent"]["contract_id"] == HUB
    assert chain["parent"]["commissioner_ods"] == CCG
    assert chain["parent"]["federation_ods"] == FED
    assert len(chain["items"]) == 1 and chain["next_cursor"]
    rest = (await world.get(f"/contracts/{HUB}/chain", cursor=chain["next_cursor"])).json()
    practices = sorted(s["practice_ods"] for s in chain["items"] + rest["items"])
    assert practices == ["B86001", "B86002"]
    sub_id = rest["items"][0]["id"]
    by_sub = (await world.get(f"/contracts/{sub_id}/chain", auth("commissioner", CCG))).json()
    assert by_sub["parent"]["contract_id"] == HUB
    assert [s["id"] for s in by_sub["items"]] == [sub_id]
    assert (
        await world.get(f"/contracts/{HUB}/chain", auth("commissioner", "13T"))
    ).status_code == 403
    assert (await world.get("/contracts/nope/chain", OPS)).status_code == 404


async def test_subcontracts_are_listed_by_page(world: Federation) -> None:
    page = (await world.get(SUBS, contract_id=HUB, limit=50)).json()
    assert sorted(s["practice_ods"] for s in page["items"]) == ["B86001", "B86002"]
    assert page["next_cursor"] is None
