"""Decision items opened from contract events, screened against live federation membership,
and decided under the committee's rules, on real PostgreSQL and the broker."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import eventually
from tests.integration.conflicts.support import (
    FED,
    Env,
    federation,
    joined,
    opened_item,
    outbox_payloads,
    pccc,
    person,
    post,
    proposal,
    screened,
)

pytestmark = pytest.mark.integration


async def _committee(env: Env, *, min_voting: int = 3) -> tuple[dict[str, str], str]:
    c = env.client
    ids = {
        "chair": await person(c, "Lay Chair"),
        "lay": await person(c, "Lay Member"),
        "cfo": await person(c, "Chief Finance Officer"),
        "gp1": await person(c, "Dr Partner", ("B86001", "partner")),
        "gp2": await person(c, "Dr Elsewhere", ("B86009", "partner")),
    }
    return ids, await pccc(c, ids, min_voting=min_voting)


async def test_gp_partner_of_a_member_practice_is_excluded_and_their_vote_refused(
    env: Env,
) -> None:
    ids, committee_id = await _committee(env)
    await env.upstream.publish(federation(), joined("B86001"), proposal(committee_id))
    item = await opened_item(env.client, committee_id)
    assert item["contract_id"] == "c-hub-1" and item["status"] == "open"
    [opened] = await eventually(lambda: outbox_payloads(env, "gpfed.decision.item_opened"))
    assert (opened["item_id"], opened["committee_id"]) == (item["id"], committee_id)

    screening = await screened(env.client, item["id"], 1)
    assert screening["affected_ods"] == [FED, "B86001"]
    assert [(c["person_id"], c["reason"], c["action"]) for c in screening["conflicts"]] == [
        (ids["gp1"], f"partner of B86001, a member of {FED}", "leave_room")
    ]
    assert screening["quorate"] is True
    assert screening["clinician_remains"] is True  # gp2 is not conflicted
    assert screening["chair_must_hand_over"] is False

    present = list(ids.values())
    votes = [{"person_id": ids[k], "vote": "for"} for k in ("chair", "lay", "gp1")]
    refused = await env.client.post(
        f"/items/{item['id']}/decision",
        json={"outcome": "approved", "present": present, "votes": votes},
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "votes.2.person_id"
    assert (
        f"{ids['gp1']} is conflicted (partner of B86001, a member of {FED})"
        in refused.json()["detail"]
    )

    decision = await post(
        env.client,
        f"/items/{item['id']}/decision",
        {"outcome": "approved", "present": present, "votes": votes[:2]},
    )
    assert (decision["outcome"], decision["votes_for"], decision["quorate"]) == (
        "approved", 2, True,
    )  # fmt: skip
    [recorded] = await outbox_payloads(env, "gpfed.decision.recorded")
    assert recorded["contract_id"] == "c-hub-1" and recorded["outcome"] == "approved"
    assert recorded["conflicts"] == [
        {
            "person_id": ids["gp1"],
            "reason": f"partner of B86001, a member of {FED}",
            "action": "leave_room",
        }
    ]
    again = await env.client.post(
        f"/items/{item['id']}/decision",
        json={"outcome": "approved", "present": present, "votes": votes[:2]},
    )
    assert again.status_code == 409
    register = await env.client.get(
        "/public/registers/decisions", params={"format": "csv"}, headers={"authorization": ""}
    )
    assert "c-hub-1,approved,True" in register.text
    # The public register names the person, organisation, category and action.
    assert "Dr Partner: leave_room (financial in B86001)" in register.text


async def test_quorum_lost_after_exclusions_refuses_the_decision(env: Env) -> None:
    ids, committee_id = await _committee(env, min_voting=4)
    await env.upstream.publish(federation(), joined("B86001"), proposal(committee_id))
    item = await opened_item(env.client, committee_id)
    await screened(env.client, item["id"], 1)
    present = [ids[k] for k in ("chair", "cfo", "gp1", "gp2")]  # 4 present, gp1 conflicted
    response = await env.client.post(
        f"/items/{item['id']}/decision",
        json={
            "outcome": "approved",
            "present": present,
            "votes": [{"person_id": ids["chair"], "vote": "for"}],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "present"
    assert "3 eligible voting members, 4 needed" in response.json()["detail"]


async def test_deferred_item_comes_back_and_a_tie_is_broken_by_the_lay_chair(env: Env) -> None:
    ids, committee_id = await _committee(env)
    await env.upstream.publish(proposal(committee_id))
    item = await opened_item(env.client, committee_id)
    deferred = await post(
        env.client,
        f"/items/{item['id']}/decision",
        {"outcome": "deferred", "present": list(ids.values()), "votes": []},
    )
    assert deferred["outcome"] == "deferred"
    votes = {"chair": "for", "lay": "against", "cfo": "against", "gp2": "for"}
    decision = await post(
        env.client,
        f"/items/{item['id']}/decision",
        {
            "outcome": "approved",
            "present": list(ids.values()),
            "votes": [{"person_id": ids[k], "vote": v} for k, v in votes.items()],
        },
    )
    assert (decision["outcome"], decision["casting_vote_by"]) == ("approved", ids["chair"])
    assert (decision["votes_for"], decision["votes_against"]) == (2, 2)


async def test_membership_arriving_after_the_proposal_still_changes_the_screening(
    env: Env,
) -> None:
    ids, committee_id = await _committee(env)
    await env.upstream.publish(proposal(committee_id))
    item = await opened_item(env.client, committee_id)
    path = f"/items/{item['id']}/screening"
    before = (await env.client.get(path)).json()
    assert before["affected_ods"] == [FED] and before["conflicts"] == []

    await env.upstream.publish(joined("B86001"), federation())

    async def conflicted() -> list[str]:
        return [c["person_id"] for c in (await env.client.get(path)).json()["conflicts"]]

    assert await eventually(conflicted) == [ids["gp1"]]
    # Before the practice joined, the same item screens clean.
    earlier = (await env.client.get(path, params={"on": "2025-12-31"})).json()
    assert earlier["conflicts"] == []


async def test_redelivered_proposal_opens_one_item(env: Env) -> None:
    _, committee_id = await _committee(env)
    await env.upstream.publish(proposal(committee_id), proposal(committee_id))
    await opened_item(env.client, committee_id)
    await eventually(lambda: outbox_payloads(env, "gpfed.decision.item_opened"))
    items = (await env.client.get(f"/committees/{committee_id}/items")).json()["items"]
    assert len(items) == 1
    assert len(await outbox_payloads(env, "gpfed.decision.item_opened")) == 1


async def test_when_every_gp_is_conflicted_screening_offers_advice_only(env: Env) -> None:
    c = env.client
    ids = {
        "chair": await person(c, "Lay Chair"),
        "lay": await person(c, "Lay Member"),
        "cfo": await person(c, "CFO"),
        "gp1": await person(c, "Dr One", ("B86001", "partner")),
        "gp2": await person(c, "Dr Two", ("B86002", "salaried_gp")),
    }
    committee_id = await pccc(c, ids)
    await env.upstream.publish(
        federation(), joined("B86001"), joined("B86002"), proposal(committee_id)
    )
    item = await opened_item(c, committee_id)

    s = await screened(c, item["id"], 2, on="2026-04-01")
    assert s["clinician_remains"] is False
    assert {x["action"] for x in s["conflicts"]} == {"advice_only_when_asked"}
    assert s["quorate"] is True
    assert date.fromisoformat(str(s["on"])) == date(2026, 4, 1)
