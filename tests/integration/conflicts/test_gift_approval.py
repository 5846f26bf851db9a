"""Gifts and hospitality over an approval threshold wait for a decision by a governance user of the
person's organisation, and the public gifts register shows where each stands (docs/domain.md, "Gifts
and hospitality": hospitality over £75 is refused unless a senior manager approves it)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.conflicts.support import OTHER_CCG, acting_for, person, post

pytestmark = pytest.mark.integration


def _hospitality(pence: int) -> dict[str, Any]:
    return {
        "kind": "hospitality",
        "source": "Acme Pharma",
        "source_is_supplier": True,
        "value_pence": pence,
        "received_on": "2026-11-02",
        "accepted": True,
    }


async def _register(client: httpx.AsyncClient) -> dict[str, str]:
    response = await client.get("/public/registers/gifts")
    assert response.status_code == 200, response.text
    return {g["id"]: g["status"] for g in response.json()["items"]}


async def test_hospitality_over_75_pounds_awaits_approval_and_is_approved_once(
    client: httpx.AsyncClient,
) -> None:
    gp = await person(client, "Dr Dined")
    dinner = await post(client, f"/people/{gp}/gifts", _hospitality(8000))
    lunch = await post(client, f"/people/{gp}/gifts", _hospitality(3000))
    assert (dinner["needs_approval"], dinner["status"]) == (True, "awaiting_approval")
    assert lunch["status"] == "not_needed"
    assert await _register(client) == {
        dinner["id"]: "awaiting_approval",
        lunch["id"]: "not_needed",
    }

    path = f"/people/{gp}/gifts/{dinner['id']}/decision"
    response = await client.post(path, json={"decision": "approve", "reason": "Speaker dinner"})
    assert response.status_code == 200, response.text
    decided = response.json()
    assert {k: decided[k] for k in ("id", "status", "decision_reason")} == {
        "id": dinner["id"],
        "status": "approved",
        "decision_reason": "Speaker dinner",
    }
    assert decided["decided_by"].startswith("governance:02W:")
    assert (await _register(client))[dinner["id"]] == "approved"

    again = await client.post(path, json={"decision": "decline", "reason": "Changed mind"})
    assert again.status_code == 409, again.text
    assert "already approved" in again.json()["detail"]
    needless = await client.post(
        f"/people/{gp}/gifts/{lunch['id']}/decision",
        json={"decision": "approve", "reason": "r"},
    )
    assert needless.status_code == 409 and "needs no approval" in needless.json()["detail"]


async def test_a_declined_gift_shows_as_declined(client: httpx.AsyncClient) -> None:
    gp = await person(client, "Dr Offered")
    box = await post(client, f"/people/{gp}/gifts", _hospitality(12000))
    response = await client.post(
        f"/people/{gp}/gifts/{box['id']}/decision",
        json={"decision": "decline", "reason": "Supplier in a live procurement"},
    )
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert (await _register(client))[box["id"]] == "declined"


async def test_another_organisations_governance_user_cannot_decide_or_see_the_gift(
    client: httpx.AsyncClient,
) -> None:
    gp = await person(client, "Dr Ours")
    gift = await post(client, f"/people/{gp}/gifts", _hospitality(9000))
    path = f"/people/{gp}/gifts/{gift['id']}/decision"
    with acting_for(client, OTHER_CCG):
        theirs = await client.post(path, json={"decision": "approve", "reason": "r"})
    assert theirs.status_code == 404, theirs.text
    assert (await _register(client))[gift["id"]] == "awaiting_approval"

    other = await person(client, "Dr Also Ours")
    wrong_person = await client.post(
        f"/people/{other}/gifts/{gift['id']}/decision", json={"decision": "approve", "reason": "r"}
    )
    assert wrong_person.status_code == 404, wrong_person.text


async def test_a_decision_must_be_approve_or_decline_with_a_reason(
    client: httpx.AsyncClient,
) -> None:
    gp = await person(client, "Dr Careful")
    gift = await post(client, f"/people/{gp}/gifts", _hospitality(9000))
    path = f"/people/{gp}/gifts/{gift['id']}/decision"
    for body, field in (
        ({"decision": "maybe", "reason": "r"}, "decision"),
        ({"decision": "approve"}, "reason"),
    ):
        response = await client.post(path, json=body)
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == [field]
