"""GET /compliance/overdue on PostgreSQL: declare within 28 days of appointment or of a change
(a new affiliation, a role change), confirm at least annually; per committee and overall."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from shared import calendar
from tests.integration.conflicts.support import pccc, person, post

pytestmark = pytest.mark.integration


class Clock:
    """Moves the service's "today" (read through ``shared.calendar.uk_today`` at each
    request)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.day = date(2026, 1, 1)
        monkeypatch.setattr(calendar, "uk_today", lambda: self.day)


async def _overdue(client: httpx.AsyncClient, **params: str) -> dict[str, object]:
    response = await client.get("/compliance/overdue", params=params)
    assert response.status_code == 200, response.text
    found: dict[str, object] = response.json()
    return found


async def test_a_new_affiliation_or_role_change_needs_a_declaration_within_28_days(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    aff = await person(client, "Dr Affiliated", appointed_on="2026-01-01")
    role = await person(client, "Dr Promoted", appointed_on="2026-01-01")
    steady = await person(client, "Dr Steady", appointed_on="2026-01-01")
    for pid in (aff, role, steady):
        await post(client, f"/people/{pid}/declarations", {"nil": True})

    clock.day = date(2026, 3, 1)
    await post(
        client,
        f"/people/{aff}/affiliations",
        {"organisation_ods": "B86001", "relationship": "director"},
    )
    changed = await client.post(f"/people/{role}/roles", json={"roles": ["clinical_lead"]})
    assert changed.status_code == 200 and changed.json()["roles_changed_on"] == "2026-03-01"

    clock.day = date(2026, 3, 29)  # the 28th day: still in time
    assert (await _overdue(client))["items"] == []

    clock.day = date(2026, 3, 30)
    page = await _overdue(client)
    found = {i["person_id"]: i for i in page["items"]}  # type: ignore[attr-defined]
    assert set(found) == {aff, role}
    assert found[aff]["due_date"] == "2026-03-29"
    assert [(o["trigger"], o["due_date"]) for o in found[aff]["overdue"]] == [
        ("affiliation", "2026-03-29")
    ]
    assert found[role]["reasons"] == [
        "no declaration within 28 days of a role change on 2026-03-01 (due 2026-03-29)"
    ]
    assert page["summary"] == {"people": 3, "overdue": 2, "committees": []}


async def test_every_role_change_counts_not_only_the_latest(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    pid = await person(client, "Dr Twice Promoted", appointed_on="2026-01-01")
    await post(client, f"/people/{pid}/declarations", {"nil": True})
    clock.day = date(2026, 3, 1)
    await client.post(f"/people/{pid}/roles", json={"roles": ["clinical_lead"]})
    clock.day = date(2026, 4, 15)
    second = await client.post(f"/people/{pid}/roles", json={"roles": ["chair"]})
    assert second.json()["roles_changed_on"] == "2026-04-15"
    # In time for the second change, late for the first: the first stays missed.
    clock.day = date(2026, 4, 20)
    await post(client, f"/people/{pid}/declarations", {"nil": True})
    clock.day = date(2026, 5, 1)
    [item] = (await _overdue(client))["items"]  # type: ignore[misc]
    assert item["reasons"] == [
        "no declaration within 28 days of a role change on 2026-03-01 (due 2026-03-29)"
    ]


async def test_an_unchanged_role_list_is_not_a_change(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    Clock(monkeypatch)
    pid = await person(client, "Dr Same", roles=["gp"])
    same = (await client.post(f"/people/{pid}/roles", json={"roles": ["gp"]})).json()
    assert same["roles_changed_on"] is None


async def test_no_declaration_or_confirmation_in_365_days_is_overdue(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    pid = await person(client, "Dr Annual", appointed_on="2026-01-01")
    await post(client, f"/people/{pid}/declarations", {"nil": True})
    clock.day = date(2027, 1, 1)
    assert (await _overdue(client))["items"] == []
    clock.day = date(2027, 1, 2)
    [item] = (await _overdue(client))["items"]  # type: ignore[misc]
    assert [(o["trigger"], o["due_date"]) for o in item["overdue"]] == [("annual", "2027-01-01")]


async def test_summary_counts_per_committee_and_overall_and_the_list_pages(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    ids = {k: await person(client, k, appointed_on="2026-01-01") for k in ("chair", "lay", "cfo")}
    outsider = await person(client, "outsider", appointed_on="2026-01-01")
    await post(client, f"/people/{ids['chair']}/declarations", {"nil": True})
    committee_id = await pccc(client, ids)
    clock.day = date(2026, 6, 1)

    overall = await _overdue(client, limit="1")
    assert overall["summary"] == {
        "people": 4,
        "overdue": 3,
        "committees": [
            {
                "committee_id": committee_id,
                "name": "Primary Care Commissioning Committee",
                "people": 3,
                "overdue": 2,
            }
        ],
    }
    seen = [i["person_id"] for i in overall["items"]]  # type: ignore[attr-defined]
    cursor = overall["next_cursor"]
    while cursor:
        more = await _overdue(client, limit="1", cursor=str(cursor))
        seen += [i["person_id"] for i in more["items"]]  # type: ignore[attr-defined]
        cursor = more["next_cursor"]
    assert sorted(seen) == sorted([ids["lay"], ids["cfo"], outsider])

    mine = await _overdue(client, committee_id=committee_id)
    assert {i["person_id"] for i in mine["items"]} == {ids["lay"], ids["cfo"]}  # type: ignore[attr-defined]
    assert (mine["summary"]["people"], mine["summary"]["overdue"]) == (3, 2)  # type: ignore[index]
    assert (
        await client.get("/compliance/overdue", params={"committee_id": "nope"})
    ).status_code == 404
