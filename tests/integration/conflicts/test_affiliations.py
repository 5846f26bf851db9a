"""Affiliations added and ended after a person is registered, read back, published, and
screened only while active on the decision date; on real PostgreSQL and the broker."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from tests.conftest import eventually
from tests.integration.conflicts.support import (
    Env,
    federation,
    joined,
    opened_item,
    pccc,
    person,
    post,
    proposal,
    screened,
)

pytestmark = pytest.mark.integration


async def test_affiliation_added_and_ended_is_read_back_with_its_dates(
    client: httpx.AsyncClient,
) -> None:
    pid = await person(client, "Dr A", ("B86009", "salaried_gp"))
    added = await post(
        client,
        f"/people/{pid}/affiliations",
        {"organisation_ods": "B86001", "relationship": "partner", "start_date": "2026-04-01"},
    )
    assert (added["status"], added["start_date"], added["end_date"]) == (
        "active",
        "2026-04-01",
        None,
    )
    ended = await client.post(
        f"/people/{pid}/affiliations/{added['id']}/end", json={"end_date": "2026-09-30"}
    )
    assert ended.status_code == 200, ended.text
    assert (ended.json()["status"], ended.json()["end_date"]) == ("ended", "2026-09-30")

    again = await client.post(
        f"/people/{pid}/affiliations/{added['id']}/end", json={"end_date": "2026-10-31"}
    )
    assert again.status_code == 409

    read = (await client.get(f"/people/{pid}")).json()
    assert read["name"] == "Dr A"
    by_ods = {a["organisation_ods"]: a for a in read["affiliations"]}
    assert by_ods["B86009"]["start_date"] is None and by_ods["B86009"]["recorded_on"] is None
    assert (by_ods["B86001"]["relationship"], by_ods["B86001"]["end_date"]) == (
        "partner",
        "2026-09-30",
    )


async def test_bad_affiliation_input_is_a_422_naming_the_field_and_unknowns_are_404(
    client: httpx.AsyncClient,
) -> None:
    pid = await person(client, "Dr A")
    bad = await client.post(
        f"/people/{pid}/affiliations",
        json={
            "organisation_ods": "B86001",
            "relationship": "partner",
            "start_date": "2026-04-01",
            "end_date": "2026-03-01",
        },
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "end_date"]
    added = await post(
        client,
        f"/people/{pid}/affiliations",
        {"organisation_ods": "B86001", "relationship": "director", "start_date": "2026-04-01"},
    )
    early = await client.post(
        f"/people/{pid}/affiliations/{added['id']}/end", json={"end_date": "2026-03-31"}
    )
    assert early.status_code == 422 and early.json()["errors"][0]["loc"] == ["body", "end_date"]
    missing_date = await client.post(f"/people/{pid}/affiliations/{added['id']}/end", json={})
    assert missing_date.status_code == 422
    assert (
        await client.post(f"/people/{pid}/affiliations/nope/end", json={"end_date": "2026-05-01"})
    ).status_code == 404
    assert (await client.get("/people/nobody")).status_code == 404
    nobody = await client.post(
        "/people/nobody/affiliations",
        json={"organisation_ods": "B86001", "relationship": "partner"},
    )
    assert nobody.status_code == 404


async def test_the_original_people_body_still_works_and_may_carry_dates(
    client: httpx.AsyncClient,
) -> None:
    pid = await person(client, "Dr Old", ("B86001", "partner"))
    dated = await post(
        client,
        "/people",
        {
            "name": "Dr Dated",
            "roles": ["gp"],
            "decision_making": True,
            "affiliations": [
                {"organisation_ods": "B86001", "relationship": "partner", "end_date": "2026-02-01"}
            ],
        },
    )
    assert [a["end_date"] for a in (await client.get(f"/people/{pid}")).json()["affiliations"]] == [
        None
    ]
    read = (await client.get(f"/people/{dated['id']}")).json()
    assert [a["end_date"] for a in read["affiliations"]] == ["2026-02-01"]


async def _outbox(env: Env, ce_type: str) -> list[dict[str, object]]:
    outbox = env.db.table("outbox")
    async with env.db.sessions() as session:
        rows = await session.execute(select(outbox.c.payload).where(outbox.c.ce_type == ce_type))
        return [dict(r.payload) for r in rows]


async def test_screening_counts_only_affiliations_active_on_the_decision_date(env: Env) -> None:
    c = env.client
    ids = {
        "chair": await person(c, "Lay Chair"),
        "lay": await person(c, "Lay Member"),
        "cfo": await person(c, "Chief Finance Officer"),
        "gp1": await person(c, "Dr Joins Later"),
        "gp2": await person(c, "Dr Elsewhere", ("B86009", "partner")),
    }
    committee_id = await pccc(c, ids)
    added = await post(
        c,
        f"/people/{ids['gp1']}/affiliations",
        {"organisation_ods": "B86001", "relationship": "partner", "start_date": "2026-04-01"},
    )
    await env.upstream.publish(federation(), joined("B86001"), proposal(committee_id))
    item = await opened_item(c, committee_id)

    during = await screened(c, item["id"], 1, on="2026-05-01")
    assert [(x["person_id"], x["reason"]) for x in during["conflicts"]] == [
        (ids["gp1"], "partner of B86001, a member of Y02765")
    ]
    before = (await c.get(f"/items/{item['id']}/screening", params={"on": "2026-03-31"})).json()
    assert before["conflicts"] == []

    ended = await c.post(
        f"/people/{ids['gp1']}/affiliations/{added['id']}/end", json={"end_date": "2026-06-30"}
    )
    assert ended.status_code == 200
    on_last_day = (
        await c.get(f"/items/{item['id']}/screening", params={"on": "2026-06-30"})
    ).json()
    after = (await c.get(f"/items/{item['id']}/screening", params={"on": "2026-07-01"})).json()
    assert len(on_last_day["conflicts"]) == 1 and after["conflicts"] == []

    [published] = await eventually(lambda: _outbox(env, "gpfed.affiliation.added"))
    assert (published["person_id"], published["organisation_ods"]) == (ids["gp1"], "B86001")
    [ending] = await eventually(lambda: _outbox(env, "gpfed.affiliation.ended"))
    assert (ending["affiliation_id"], ending["end_date"]) == (added["id"], "2026-06-30")
