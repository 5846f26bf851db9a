"""The public registers never show what was not published (docs/security.md, "What the public
registers publish"): one rule for every register and format, applied when a register is read.
On real PostgreSQL and the broker."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import insert

from services.conflicts import store
from shared import calendar
from tests.integration.conflicts.support import (
    Env,
    federation,
    joined,
    opened_item,
    person,
    post,
    proposal,
    screened,
)

pytestmark = pytest.mark.integration

PRIVATE = "Spouse is a director of Leeds Road Ltd"
PUBLISHED = "Shareholder in Valley Road"
TYPED_AT_MEETING = "Sister-in-law runs the hub rota"
REGISTERS = ("interests", "gifts", "decisions", "breaches")


def _interest(description: str, ods: str, **kw: object) -> dict[str, object]:
    return {
        "category": "financial",
        "description": description,
        "organisation_ods": ods,
        "start_date": "2026-01-01",
        **kw,
    }


async def _every_format(env: Env) -> dict[tuple[str, str], str]:
    """Every public register in every format, as text, read without a token."""
    found = {}
    for register in REGISTERS:
        for fmt in ("json", "csv", "html"):
            response = await env.client.get(
                f"/public/registers/{register}",
                params={"format": fmt},
                headers={"authorization": ""},
            )
            assert response.status_code == 200, response.text
            found[register, fmt] = response.text
    return found


async def _decision_conflicts(env: Env) -> dict[str, dict[str, Any]]:
    [decision] = (await env.client.get("/public/registers/decisions")).json()["items"]
    return {c["name"]: c for c in decision["conflicts"]}


async def test_no_public_register_shows_an_unpublished_declaration_but_decisions_name_the_conflict(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = env.client
    ids = {
        "chair": await person(c, "Lay Chair"),
        "lay": await person(c, "Ms Shah"),
        "lay2": await person(c, "Mr Jones"),
        "cfo": await person(c, "Chief Finance Officer"),
        "gp1": await person(c, "Dr Kaur"),
        "gp2": await person(c, "Dr Gill"),
    }
    # A relative's interest the GP did not consent to publish, and a published one of their own.
    await post(
        c,
        f"/people/{ids['gp1']}/declarations",
        _interest(PRIVATE, "B86001", held_by="family", publish=False),
    )
    await post(
        c,
        f"/people/{ids['lay']}/declarations",
        _interest(PUBLISHED, "B86002", held_by="self", publish=True, end_date="2026-06-30"),
    )
    roles = {
        "chair": "lay_chair",
        "lay": "lay_member",
        "lay2": "lay_member",
        "cfo": "cfo",
        "gp1": "gp",
        "gp2": "gp",
    }
    committee_id = (
        await post(
            c,
            "/committees",
            {
                "name": "PCCC",
                "members": [
                    {"person_id": ids[k], "role": r, "voting": True} for k, r in roles.items()
                ],
                "quorum": {
                    "min_voting": 3,
                    "required": [
                        {"roles": ["lay_chair", "lay_member"]},
                        {"roles": ["chief_officer", "cfo"]},
                    ],
                },
            },
        )
    )["id"]
    await env.upstream.publish(
        federation(), joined("B86001"), joined("B86002"), proposal(committee_id)
    )
    item = await opened_item(c, committee_id)

    # Membership may land after the item opens: decide once both practices count.
    await screened(c, item["id"], 2, on="2026-04-01")
    decision = await post(
        c,
        f"/items/{item['id']}/decision",
        {
            "outcome": "approved",
            "present": list(ids.values()),
            "votes": [{"person_id": ids[k], "vote": "for"} for k in ("chair", "cfo", "gp2")],
            "declared_at_meeting": [
                {"person_id": ids["lay2"], "kind": "personal", "reason": TYPED_AT_MEETING}
            ],
            "decided_on": "2026-04-01",
        },
    )
    assert len(decision["conflicts"]) == 3
    # The governance API keeps the full reason for the owning commissioner.
    reasons = {x["person_id"]: x["reason"] for x in decision["conflicts"]}
    assert PRIVATE in reasons[ids["gp1"]] and "family" in reasons[ids["gp1"]]

    for (register, fmt), text in (await _every_format(env)).items():
        for secret in (PRIVATE, TYPED_AT_MEETING, "family"):
            assert secret not in text, (register, fmt, secret)
    assert await _decision_conflicts(env) == {
        "Dr Kaur": {
            "name": "Dr Kaur",
            "action": "stay_no_vote",
            "interests": [{"organisation_ods": "B86001", "category": "financial"}],
        },
        "Ms Shah": {
            "name": "Ms Shah",
            "action": "leave_room",
            "interests": [
                {
                    "organisation_ods": "B86002",
                    "category": "financial",
                    "description": PUBLISHED,
                    "held_by": "self",
                }
            ],
        },
        "Mr Jones": {
            "name": "Mr Jones",
            "action": "stay_no_vote",
            "interests": [{"organisation_ods": None, "category": "non_financial_personal"}],
        },
    }
    csv = (await _every_format(env))["decisions", "csv"]
    assert "Dr Kaur: stay_no_vote (financial in B86001)" in csv
    assert f"Ms Shah: leave_room (financial in B86002, held by self: {PUBLISHED})" in csv
    assert "Mr Jones: stay_no_vote (non_financial_personal)" in csv
    interests = (await c.get("/public/registers/interests")).json()["items"]
    assert [i["description"] for i in interests] == [PUBLISHED]

    # Six months after the published interest ended it leaves every register, decisions too.
    monkeypatch.setattr(calendar, "uk_today", lambda: date(2027, 1, 1))
    for (register, fmt), text in (await _every_format(env)).items():
        assert PUBLISHED not in text, (register, fmt)
    assert (await _decision_conflicts(env))["Ms Shah"]["interests"] == [
        {"organisation_ods": "B86002", "category": "financial"}
    ]


async def test_a_decision_recorded_before_interests_were_kept_shows_no_reason_text(
    env: Env,
) -> None:
    gp = await person(env.client, "Dr Gill")
    async with env.db.unit_of_work() as uow:
        await uow.session.execute(
            insert(store.decisions).values(
                id=uuid.uuid4().hex,
                item_id="item-old",
                committee_id="committee-old",
                contract_id="c-old",
                outcome="approved",
                quorate=True,
                decided_on=date(2026, 4, 1),
                votes_for=3,
                votes_against=0,
                abstentions=0,
                conflicts=[
                    {
                        "person_id": gp,
                        "role": "gp",
                        "kind": "indirect",
                        "reason": f"declared interest held by family in B86001: {PRIVATE}",
                        "action": "stay_no_vote",
                    }
                ],
                votes=[],
            )
        )
        await uow.commit()
    for (register, fmt), text in (await _every_format(env)).items():
        assert PRIVATE not in text and "family" not in text, (register, fmt)
    assert await _decision_conflicts(env) == {
        "Dr Gill": {"name": "Dr Gill", "action": "stay_no_vote", "interests": []}
    }
