"""The public registers' filters (for the console): one commissioner's register, a person's
name, a range of dates. They only narrow what the publication rule lets through."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.conflicts.support import CCG, OTHER_CCG, acting_for, person, post

pytestmark = pytest.mark.integration


def _interest(start: str) -> dict[str, object]:
    return {"category": "financial", "description": "Partner", "organisation_ods": "B86001",
            "held_by": "self", "start_date": start, "publish": True}  # fmt: skip


async def test_filters_narrow_a_register_to_a_commissioner_a_name_and_dates(
    client: httpx.AsyncClient,
) -> None:
    ours = await person(client, "Dr Ours")
    await post(client, f"/people/{ours}/declarations", _interest("2026-03-01"))
    other = await person(client, "Dr Ours Too")
    await post(client, f"/people/{other}/declarations", _interest("2025-03-01"))
    with acting_for(client, OTHER_CCG):
        theirs = await person(client, "Dr Theirs")
        await post(client, f"/people/{theirs}/declarations", _interest("2026-03-01"))
    unpublished = await person(client, "Dr Private")
    await post(
        client, f"/people/{unpublished}/declarations", {**_interest("2026-03-01"), "publish": False}
    )

    async def names(**params: str) -> list[str]:
        found = await client.get("/public/registers/interests", params=params)
        assert found.status_code == 200, found.text
        return sorted(i["name"] for i in found.json()["items"])

    assert await names(commissioner=CCG) == ["Dr Ours", "Dr Ours Too"]
    assert await names(commissioner=OTHER_CCG) == ["Dr Theirs"]
    assert await names(person="ours too") == ["Dr Ours Too"]
    assert await names(person="%") == []  # a wildcard is a character, not a pattern
    assert await names(commissioner=CCG, **{"from": "2026-01-01", "to": "2026-12-31"}) == [
        "Dr Ours"
    ]
    assert await names(person="private") == []  # the rule still keeps it off
