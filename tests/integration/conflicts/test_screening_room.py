"""Screening sees the whole room, and a route forward when it leaves the meeting unable to decide
(issue 17), on real PostgreSQL and the broker: the minor surgery meeting (Co-commissioning
evaluation 3.4.3), escalation to another committee, clinical advice from conflicted members,
committee make-up."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from shared.events.contracts import (
    ContractActivated,
    ContractProposed,
    ContractRejected,
    PaymentTerms,
)
from tests.conftest import eventually
from tests.integration.conflicts.support import (
    CCG,
    OTHER_CCG,
    Env,
    acting_for,
    opened_item,
    outbox_payloads,
    person,
    post,
    screened,
)

pytestmark = pytest.mark.integration

ON = "2026-05-01"
QUORUM = {
    "min_voting": 3,
    "required": [
        {"roles": ["lay_chair", "lay_member"], "min": 1},
        {"roles": ["chief_officer", "cfo"], "min": 1},
    ],
}


def _les(
    event: type[ContractProposed] | type[ContractActivated] | type[ContractRejected],
    contract_id: str,
    provider: str,
    **extra: Any,
) -> ContractProposed:
    status = {ContractActivated: "active", ContractRejected: "rejected"}.get(event, "proposed")
    return event(  # type: ignore[return-value]
        contract_id=contract_id,
        kind="LES",
        status=status,
        commissioner_ods=CCG,
        provider_ods=provider,
        service="Minor surgery",
        start_date=date(2026, 4, 1),
        effective_from=date(2026, 4, 1),
        payment=PaymentTerms(basis="block", schedule="monthly", annual_value_pence=40_000_000),
        **extra,
    )


async def _people(c: httpx.AsyncClient) -> dict[str, str]:
    return {
        "chair": await person(c, "Lay Chair"),
        "lay": await person(c, "Lay Member"),
        "cfo": await person(c, "Chief Finance Officer"),
        "co": await person(c, "Chief Officer"),
        "gp1": await person(c, "Dr Provider", ("B86001", "partner")),
        "gp2": await person(c, "Dr Rival", ("B86009", "partner")),
        "nurse": await person(c, "Nurse Member"),
    }


async def _committee(c: httpx.AsyncClient, ids: dict[str, str], **body: Any) -> str:
    roles = {"chair": "lay_chair", "lay": "lay_member", "cfo": "cfo", "co": "chief_officer"}
    roles |= {"gp1": "gp", "gp2": "gp", "nurse": "nurse"}
    members = [
        {"person_id": ids[k], "role": r, "voting": True} for k, r in roles.items() if k in ids
    ]
    new = {"name": "Primary Care Commissioning Committee", "members": members, "quorum": QUORUM}
    return str((await post(c, "/committees", new | body))["id"])


async def _minor_surgery_item(env: Env, ids: dict[str, str]) -> tuple[str, dict[str, Any]]:
    """B86009 already holds the LES (its activation arrives before its proposal), and B86001's
    is proposed to the committee."""
    committee_id = await _committee(env.client, ids)
    await env.upstream.publish(
        _les(ContractActivated, "c-ms-old", "B86009"),
        _les(ContractProposed, "c-ms-old", "B86009"),
        _les(ContractProposed, "c-ms-new", "B86001", decision_committee_id=committee_id),
    )
    return committee_id, await opened_item(env.client, committee_id)


async def test_the_minor_surgery_meeting_every_gp_is_conflicted_and_no_clinician_remains(
    env: Env,
) -> None:
    ids = await _people(env.client)
    _, item = await _minor_surgery_item(env, ids)
    in_room = ",".join(ids[k] for k in ("chair", "lay", "cfo", "co", "gp1", "gp2"))
    s = await screened(env.client, item["id"], 2, on=ON, present=in_room)
    assert {c["person_id"]: c["reason"] for c in s["conflicts"]} == {
        ids["gp1"]: "partner of B86001, the provider",
        ids["gp2"]: "partner of B86009, which holds a LES Minor surgery contract with 02W",
    }
    assert {c["action"] for c in s["conflicts"]} == {"advice_only_when_asked"}
    assert s["affected"] == [
        {"ods": "B86001", "ground": "provider"},
        {"ods": "B86009", "ground": "same_service"},
    ]
    assert [w["code"] for w in s["warnings"]] == ["no_clinician_in_room"]
    assert s["present"] == in_room.split(",")

    # The nurse in the room gives clinical input: no warning, and the GPs leave as usual.
    with_nurse = f"{in_room},{ids['nurse']}"
    s = (await env.client.get(f"/items/{item['id']}/screening", params={"on": ON,
         "present": with_nurse})).json()  # fmt: skip
    assert s["warnings"] == [] and {c["action"] for c in s["conflicts"]} == {"leave_room"}
    # Without ?present= the voting membership, nurse included, is expected.
    s = (await env.client.get(f"/items/{item['id']}/screening", params={"on": ON})).json()
    assert s["warnings"] == [] and len(s["present"]) == 7


async def test_present_naming_someone_off_the_committee_is_refused_naming_present(
    env: Env,
) -> None:
    ids = await _people(env.client)
    _, item = await _minor_surgery_item(env, ids)
    refused = await env.client.get(
        f"/items/{item['id']}/screening", params={"present": f"{ids['chair']},nobody"}
    )
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert (error["loc"], error["field"]) == (["query", "present"], "present")
    too_many = ",".join(f"p{i}" for i in range(51))
    refused = await env.client.get(f"/items/{item['id']}/screening", params={"present": too_many})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "present"


async def test_a_rejected_contract_no_longer_conflicts_its_holder_whatever_the_order(
    env: Env,
) -> None:
    ids = await _people(env.client)
    _, item = await _minor_surgery_item(env, ids)
    await screened(env.client, item["id"], 2, on=ON)
    # The rejection of an older proposal, then that proposal redelivered: rejected stays.
    await env.upstream.publish(
        _les(ContractProposed, "c-ms-lost", "B86055"),
        _les(ContractRejected, "c-ms-old", "B86009"),
        _les(ContractProposed, "c-ms-old", "B86009"),
    )
    s = await screened(env.client, item["id"], 1, on=ON)
    assert [c["person_id"] for c in s["conflicts"]] == [ids["gp1"]]


async def test_an_item_left_without_clinical_input_is_escalated_and_decided_there(
    env: Env,
) -> None:
    c = env.client
    ids = await _people(c)
    del ids["nurse"]
    committee_id, item = await _minor_surgery_item(env, ids)
    await screened(c, item["id"], 2, on=ON)
    others = {k: await person(c, f"Board {k}") for k in ("chair", "lay", "cfo", "gp")}
    board = await post(c, "/committees", {
        "name": "Governing Body", "kind": "other", "quorum": {"min_voting": 3},
        "members": [{"person_id": others["chair"], "role": "lay_chair", "voting": True},
                    {"person_id": others["lay"], "role": "lay_member", "voting": True},
                    {"person_id": others["cfo"], "role": "cfo", "voting": True},
                    {"person_id": others["gp"], "role": "secondary_care_doctor",
                     "voting": True}],
    })  # fmt: skip
    with acting_for(c, OTHER_CCG):
        theirs = await _committee(c, {"chair": await person(c, "Their Chair"),
                                      "cfo": await person(c, "Their CFO")})  # fmt: skip
    path = f"/items/{item['id']}/escalate"
    reason = "every GP member provides minor surgery"
    for unknown in (theirs, "nope"):
        refused = await c.post(path, json={"committee_id": unknown, "reason": reason})
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "committee_id"
    same = await c.post(path, json={"committee_id": committee_id, "reason": reason})
    assert same.status_code == 409

    escalated = await post(c, path, {"committee_id": board["id"], "reason": reason, "on": ON})
    assert escalated["warnings"] == ["no_clinician_in_room"]
    assert (escalated["from_committee_id"], escalated["to_committee_id"]) == (
        committee_id, board["id"],
    )  # fmt: skip
    [event] = await outbox_payloads(env, "gpfed.decision.item_escalated")
    assert (event["item_id"], event["to_committee_id"]) == (item["id"], board["id"])
    moved = (await c.get(f"/committees/{board['id']}/items")).json()["items"]
    assert [i["id"] for i in moved] == [item["id"]]

    present = list(others.values())
    votes = [{"person_id": others[k], "vote": "for"} for k in ("chair", "lay", "gp")]
    decision = await post(c, f"/items/{item['id']}/decision",
                          {"outcome": "approved", "present": present, "votes": votes,
                           "decided_on": ON})  # fmt: skip
    assert decision["escalated_from"] == committee_id
    [recorded] = await eventually(lambda: outbox_payloads(env, "gpfed.decision.recorded"))
    # Contracts waits for the decision of the committee the contract names.
    assert recorded["committee_id"] == committee_id
    register = (await c.get("/public/registers/decisions", headers={"authorization": ""})).json()
    [entry] = register["items"]
    assert entry["escalated_from"] == (
        f"escalated from Primary Care Commissioning Committee ({committee_id})"
    )
    assert reason not in str(entry)
    again = await c.post(path, json={"committee_id": committee_id, "reason": reason})
    assert again.status_code == 409


async def test_a_committee_that_can_decide_is_not_escalated(env: Env) -> None:
    c = env.client
    ids = await _people(c)
    _, item = await _minor_surgery_item(env, ids)
    other = await _committee(c, {k: ids[k] for k in ("chair", "lay", "cfo")}, kind="pccc")
    refused = await c.post(
        f"/items/{item['id']}/escalate", json={"committee_id": other, "reason": "r", "on": ON}
    )
    assert refused.status_code == 409, refused.text
    assert "can decide" in refused.json()["detail"]


async def test_a_decision_with_clinical_advice_from_conflicted_gps_says_so_publicly(
    env: Env,
) -> None:
    c = env.client
    ids = await _people(c)
    _, item = await _minor_surgery_item(env, ids)
    await screened(c, item["id"], 2, on=ON)
    present = [ids[k] for k in ("chair", "lay", "cfo", "gp1", "gp2")]
    votes = [{"person_id": ids[k], "vote": "for"} for k in ("chair", "lay", "cfo")]
    body = {"outcome": "approved", "present": present, "votes": votes, "decided_on": ON}
    path = f"/items/{item['id']}/decision"
    refused = await c.post(path, json=body | {"clinical_advice_from": [ids["cfo"]]})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "clinical_advice_from.0"

    advisers = [ids["gp1"], ids["gp2"]]
    decision = await post(c, path, body | {"clinical_advice_from": advisers})
    assert decision["clinical_advice_from"] == advisers
    register = (await c.get("/public/registers/decisions", headers={"authorization": ""})).json()
    [entry] = register["items"]
    assert entry["clinical_advice_from"] == (
        "decided with clinical advice from conflicted members who did not vote: "
        "Dr Provider, Dr Rival"
    )
    assert entry["escalated_from"] is None
    csv = await c.get("/public/registers/decisions", params={"format": "csv"},
                      headers={"authorization": ""})  # fmt: skip
    assert "escalated_from,clinical_advice_from" in csv.text.splitlines()[0]
    assert "Dr Provider, Dr Rival" in csv.text


async def test_a_pccc_needs_a_lay_chair_and_a_lay_and_executive_majority(env: Env) -> None:
    c = env.client
    ids = await _people(c)
    refused = await c.post("/committees", json={
        "name": "PCCC", "quorum": QUORUM,
        "members": [{"person_id": ids[k], "role": r, "voting": True}
                    for k, r in (("chair", "lay_chair"), ("gp1", "gp"), ("gp2", "gp"))],
    })  # fmt: skip
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert (error["loc"], error["field"]) == (["body", "members"], "members")
    assert "lay and executive majority" in error["msg"]

    deputy = {"person_id": ids["nurse"], "role": "gp", "voting": True, "deputy_for": ids["gp1"]}
    quorum = QUORUM | {"count_deputies": True, "count_non_voting": True, "min_non_voting": 0}
    committee_id = await _committee(c, {k: ids[k] for k in ("chair", "lay", "cfo", "gp1")},
                                    quorum=quorum)  # fmt: skip
    got = (await c.get(f"/committees/{committee_id}")).json()
    assert got["kind"] == "pccc" and got["quorum"]["count_deputies"] is True
    other = await post(c, "/committees", {
        "name": "GP forum", "kind": "other", "quorum": {"min_voting": 2},
        "members": [{"person_id": ids["gp1"], "role": "gp", "voting": True},
                    {"person_id": ids["gp2"], "role": "gp", "voting": True}, deputy],
    })  # fmt: skip
    got = (await c.get(f"/committees/{other['id']}")).json()
    assert got["kind"] == "other" and got["members"][2]["deputy_for"] == ids["gp1"]
    bad_deputy = {**deputy, "deputy_for": ids["lay"]}
    refused = await c.post("/committees", json={
        "name": "GP forum", "kind": "other", "quorum": {"min_voting": 1},
        "members": [{"person_id": ids["gp1"], "role": "gp", "voting": True}, bad_deputy],
    })  # fmt: skip
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "members.1.deputy_for"
