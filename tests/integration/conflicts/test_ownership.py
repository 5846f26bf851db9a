"""Conflicts records belong to a commissioner (docs/security.md, "conflicts"): another
commissioner's governance staff neither see nor act on them, a committee is formed of the
caller's own people, and a contract is decided only by a committee of its own commissioner.
On real PostgreSQL and the broker."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from services.conflicts import store
from services.conflicts.settings import Settings
from shared.auth import mint_token
from tests.conftest import eventually
from tests.integration.conflicts.support import (
    CCG,
    OTHER_CCG,
    Env,
    acting_for,
    federation,
    joined,
    opened_item,
    pccc,
    person,
    post,
    proposal,
)

pytestmark = pytest.mark.integration

_DECISION = {"outcome": "approved", "present": ["x"], "votes": []}
_PARTNER = {"organisation_ods": "B86001", "relationship": "partner"}


async def _outbox(env: Env, ce_type: str) -> list[dict[str, Any]]:
    outbox = env.db.table("outbox")
    async with env.db.sessions() as session:
        rows = await session.execute(select(outbox.c.payload).where(outbox.c.ce_type == ce_type))
        return [dict(r.payload) for r in rows]


async def _committee(client: httpx.AsyncClient, prefix: str) -> tuple[dict[str, str], str]:
    ids = {k: await person(client, f"{prefix} {k}") for k in ("chair", "lay", "cfo", "gp1")}
    return ids, await pccc(client, ids)


async def test_another_commissioners_governance_sees_only_its_own_and_cannot_decide_ours(
    env: Env,
) -> None:
    c = env.client
    ours, committee_id = await _committee(c, "Bradford")
    await env.upstream.publish(federation(), joined("B86001"), proposal(committee_id))
    item = await opened_item(c, committee_id)
    with acting_for(c, OTHER_CCG):
        theirs, their_committee = await _committee(c, "Leeds")

        # The overdue list and its summary cover only the caller's own people and committees.
        overdue = (await c.get("/compliance/overdue")).json()["summary"]
        assert overdue["people"] == 4
        assert [x["committee_id"] for x in overdue["committees"]] == [their_committee]
        mine = await c.get("/compliance/overdue", params={"committee_id": their_committee})
        assert mine.status_code == 200
        other = await c.get("/compliance/overdue", params={"committee_id": committee_id})
        assert other.status_code == 404

        # Our committee, its items and their screening are absent for them.
        assert (await c.get(f"/committees/{committee_id}")).status_code == 404
        assert (await c.get(f"/committees/{committee_id}/items")).status_code == 404
        assert (await c.get(f"/items/{item['id']}/screening")).status_code == 404
        body = {**_DECISION, "present": list(ours.values())}
        decided = await c.post(f"/items/{item['id']}/decision", json=body)
        assert decided.status_code == 404, decided.text
        assert decided.json()["detail"] == f"no decision item {item['id']}"

        # So are our people, and every route on them.
        gp = ours["gp1"]
        assert (await c.get(f"/people/{gp}")).status_code == 404
        for path, payload in (
            (f"/people/{gp}/declarations", {"nil": True}),
            (f"/people/{gp}/affiliations", _PARTNER),
            (f"/people/{gp}/roles", {"roles": ["gp"]}),
            (
                f"/people/{gp}/gifts",
                {
                    "kind": "gift",
                    "source": "Acme",
                    "source_is_supplier": False,
                    "value_pence": 100,
                    "received_on": "2026-11-02",
                    "accepted": True,
                },
            ),
        ):
            assert (await c.post(path, json=payload)).status_code == 404, path
        # Their own records are theirs to read.
        assert (await c.get(f"/people/{theirs['gp1']}")).status_code == 200
        assert (await c.get(f"/committees/{their_committee}")).status_code == 200

    # Nothing was decided or published: the contract cannot become active that way.
    assert await _outbox(env, "gpfed.decision.recorded") == []
    [still] = (await c.get(f"/committees/{committee_id}/items")).json()["items"]
    assert still["status"] == "open"
    # Ours are ours: our summary does not count their committee either.
    summary = (await c.get("/compliance/overdue")).json()["summary"]
    assert [x["committee_id"] for x in summary["committees"]] == [committee_id]
    assert (await c.get(f"/people/{theirs['gp1']}")).status_code == 404
    # Ops sees every organisation's records.
    ops = {"authorization": "Bearer " + mint_token(Settings(), role="ops", org="X24")}
    for path in (f"/committees/{their_committee}", f"/items/{item['id']}/screening"):
        assert (await c.get(path, headers=ops)).status_code == 200, path


async def test_an_affiliation_of_another_commissioners_person_cannot_be_ended(
    client: httpx.AsyncClient,
) -> None:
    pid = await person(client, "Dr Bradford")
    added = await post(client, f"/people/{pid}/affiliations", _PARTNER)
    path = f"/people/{pid}/affiliations/{added['id']}/end"
    with acting_for(client, OTHER_CCG):
        assert (await client.post(path, json={"end_date": "2026-12-31"})).status_code == 404
    ended = await client.post(path, json={"end_date": "2026-12-31"})
    assert ended.status_code == 200 and ended.json()["end_date"] == "2026-12-31"


async def test_committee_members_must_be_the_callers_own_people(
    client: httpx.AsyncClient,
) -> None:
    ours = await person(client, "Dr Bradford")
    with acting_for(client, OTHER_CCG):
        chair = await person(client, "Leeds Chair")
        members = [
            {"person_id": chair, "role": "lay_chair", "voting": True},
            {"person_id": ours, "role": "gp", "voting": True},
        ]
        body = {"name": "Leeds PCCC", "members": members, "quorum": {"min_voting": 1}}
        refused = await client.post("/committees", json=body)
        assert refused.status_code == 422, refused.text
        [error] = refused.json()["errors"]
        assert error["field"] == "members.1.person_id"
        # Worded as for an unknown person: the answer says nothing about another's register.
        assert error["msg"] == f"no person {ours}"
        formed = await post(client, "/committees", {**body, "members": members[:1]})
        assert (await client.get(f"/committees/{formed['id']}")).status_code == 200
    # Nor can we use their person; and their committee is not ours to read.
    theirs_only = {**body, "members": members[:1]}
    refused = await client.post("/committees", json=theirs_only)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "members.0.person_id"
    assert (await client.get(f"/committees/{formed['id']}")).status_code == 404


async def test_a_proposal_naming_another_commissioners_or_an_unknown_committee_opens_no_item(
    env: Env,
) -> None:
    c = env.client
    with acting_for(c, OTHER_CCG):
        _, theirs = await _committee(c, "Leeds")
    _, ours = await _committee(c, "Bradford")
    await env.upstream.publish(
        proposal(theirs, "c-theirs"),
        proposal("no-such-committee", "c-unknown"),
        proposal(ours, "c-ours"),
    )
    await opened_item(c, ours)

    async def two_refusals() -> list[dict[str, Any]] | None:
        found = await _outbox(env, "gpfed.decision.item_refused")
        return found if len(found) == 2 else None

    by_contract = {r["contract_id"]: r for r in await eventually(two_refusals)}
    assert by_contract["c-theirs"] == {
        "contract_id": "c-theirs",
        "committee_id": theirs,
        "commissioner_ods": CCG,
        "reason": f"committee {theirs} is not a committee of {CCG}",
        "change_id": None,  # a proposal's refusal, not a held change's
    }
    assert by_contract["c-unknown"]["reason"] == (
        "committee no-such-committee is unknown to the conflicts service"
    )
    async with env.db.sessions() as session:
        items = await session.execute(select(store.items.c.contract_id))
        assert [r.contract_id for r in items] == ["c-ours"]
    assert len(await _outbox(env, "gpfed.decision.item_opened")) == 1
