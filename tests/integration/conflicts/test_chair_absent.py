"""A tie when the lay chair is not in the room, and reading a committee back; on PostgreSQL
and the broker."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import eventually
from tests.integration.conflicts.support import (
    Env,
    federation,
    opened_item,
    pccc,
    person,
    post,
    proposal,
)

pytestmark = pytest.mark.integration


async def _committee(client: httpx.AsyncClient) -> tuple[dict[str, str], str]:
    ids = {k: await person(client, k) for k in ("chair", "lay", "cfo", "gp2")}
    body = {
        "name": "Small committee",
        "members": [
            {"person_id": ids["chair"], "role": "lay_chair", "voting": True},
            {"person_id": ids["lay"], "role": "lay_member", "voting": True},
            {"person_id": ids["cfo"], "role": "cfo", "voting": True},
            {"person_id": ids["gp2"], "role": "gp", "voting": True},
        ],
        "quorum": {"min_voting": 2},
    }
    return ids, str((await post(client, "/committees", body))["id"])


async def test_tie_without_the_chair_goes_to_the_presiding_lay_member_else_is_deferred(
    env: Env,
) -> None:
    c = env.client
    ids, committee_id = await _committee(c)
    await env.upstream.publish(federation(), proposal(committee_id, "c-1"))
    first = await opened_item(c, committee_id)
    await env.upstream.publish(proposal(committee_id, "c-2"))

    presided = await post(
        c,
        f"/items/{first['id']}/decision",
        {
            "outcome": "approved",
            "present": [ids["lay"], ids["cfo"], ids["gp2"]],
            "votes": [
                {"person_id": ids["lay"], "vote": "for"},
                {"person_id": ids["cfo"], "vote": "against"},
            ],
        },
    )
    assert (presided["outcome"], presided["casting_vote_by"]) == ("approved", ids["lay"])

    async def second() -> dict[str, object] | None:
        items = (await c.get(f"/committees/{committee_id}/items")).json()["items"]
        return next((i for i in items if i["contract_id"] == "c-2"), None)

    item = await eventually(second)
    no_lay = {
        "present": [ids["cfo"], ids["gp2"]],
        "votes": [
            {"person_id": ids["cfo"], "vote": "against"},
            {"person_id": ids["gp2"], "vote": "for"},
        ],
    }
    refused = await c.post(f"/items/{item['id']}/decision", json={"outcome": "approved", **no_lay})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "outcome"
    assert "the votes give deferred" in refused.json()["detail"]
    deferred = await post(c, f"/items/{item['id']}/decision", {"outcome": "deferred", **no_lay})
    assert (deferred["outcome"], deferred["casting_vote_by"]) == ("deferred", None)
    assert (deferred["votes_for"], deferred["votes_against"]) == (1, 1)


async def test_a_committee_reads_back_as_formed(client: httpx.AsyncClient) -> None:
    ids = {k: await person(client, k) for k in ("chair", "lay", "cfo")}
    committee_id = await pccc(client, ids)
    read = (await client.get(f"/committees/{committee_id}")).json()
    assert read["name"] == "Primary Care Commissioning Committee"
    assert [(m["person_id"], m["role"]) for m in read["members"]] == [
        (ids["chair"], "lay_chair"),
        (ids["lay"], "lay_member"),
        (ids["cfo"], "cfo"),
    ]
    assert read["quorum"]["min_voting"] == 3
    assert read["conflict_policy"] == {"financial": "leave_room", "professional": "stay_no_vote"}
    assert (await client.get("/committees/nope")).status_code == 404
