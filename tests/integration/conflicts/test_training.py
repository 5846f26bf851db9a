"""POST /people/{id}/training: a person's completed conflicts of interest training, recorded by a
governance user of their organisation (Co-commissioning evaluation 3.4.3)."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from shared import calendar
from tests.integration.conflicts.support import OTHER_CCG, acting_for, person

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar, "uk_today", lambda: date(2026, 10, 15))


async def test_a_completed_course_is_recorded_for_the_person(client: httpx.AsyncClient) -> None:
    gp = await person(client, "Dr Trained")
    response = await client.post(f"/people/{gp}/training", json={"completed_on": "2026-10-14"})
    assert response.status_code == 201, response.text
    recorded = response.json()
    assert {k: recorded[k] for k in ("person_id", "course", "completed_on", "recorded_on")} == {
        "person_id": gp,
        "course": "conflicts_of_interest",
        "completed_on": "2026-10-14",
        "recorded_on": "2026-10-15",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"completed_on": "2026-10-16"}, "completed_on"),  # not yet happened
        ({"course": "fire_safety", "completed_on": "2026-10-01"}, "course"),
        ({}, "completed_on"),
    ],
)
async def test_a_future_completion_or_an_unknown_course_is_refused_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, str], field: str
) -> None:
    gp = await person(client, "Dr Early")
    response = await client.post(f"/people/{gp}/training", json=body)
    assert response.status_code == 422, response.text
    assert [(e["loc"][0], e["field"]) for e in response.json()["errors"]] == [("body", field)]


async def test_another_organisations_person_answers_404(client: httpx.AsyncClient) -> None:
    gp = await person(client, "Dr Ours")
    with acting_for(client, OTHER_CCG):
        response = await client.post(f"/people/{gp}/training", json={"completed_on": "2026-10-01"})
    assert response.status_code == 404, response.text
