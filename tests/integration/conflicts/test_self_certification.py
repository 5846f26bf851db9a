"""GET /self-certification and its sign-off on PostgreSQL: the quarterly return (Co-commissioning
evaluation 3.4.1, "Assurance") computed from the registers as at the quarter's last day, as JSON and
CSV, and frozen once a named person signs it off."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from shared import calendar
from tests.integration.conflicts.support import OTHER_CCG, Env, acting_for, person, post

pytestmark = pytest.mark.integration


class Clock:
    """Moves the service's "today" (read through ``shared.calendar.uk_today`` per request)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, day: date) -> None:
        self.day = day
        monkeypatch.setattr(calendar, "uk_today", lambda: self.day)


async def _return(client: httpx.AsyncClient, quarter: str = "2026-Q3") -> dict[str, Any]:
    response = await client.get("/self-certification", params={"quarter": quarter})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def _criteria(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["criterion"]: c for c in found["criteria"]}


def _passed(criterion: dict[str, Any]) -> dict[str, bool]:
    return {e["subject"]: e["passed"] for e in criterion["evidence"]}


async def _registers(client: httpx.AsyncClient, clock: Clock) -> dict[str, str]:
    """Three people appointed on 1 June 2026: a partner who declared and trained in time, a
    decision maker who made a nil declaration but never trained, and an administrator who has
    declared nothing. Two breaches reported in August, one naming the administrator."""
    clock.day = date(2026, 6, 1)
    ids = {
        "partner": await person(client, "Dr Current", ("B86001", "partner")),
        "nil": await person(client, "Dr Nil"),
        "overdue": await person(client, "Mr Overdue", decision_making=False),
    }
    clock.day = date(2026, 6, 10)
    interest = {
        "category": "financial",
        "description": "Partner at B86001",
        "organisation_ods": "B86001",
        "start_date": "2020-01-01",
    }
    await post(client, f"/people/{ids['partner']}/declarations", interest)
    await post(client, f"/people/{ids['nil']}/declarations", {"nil": True})
    trained = await post(
        client,
        f"/people/{ids['partner']}/training",
        {"course": "conflicts_of_interest", "completed_on": "2026-05-01"},
    )
    assert (trained["course"], trained["recorded_on"]) == ("conflicts_of_interest", "2026-06-10")
    clock.day = date(2026, 8, 1)
    for summary in ("A member voted on an item they were conflicted on", "mr overdue accepted"):
        breach = {"occurred_on": "2026-07-20", "summary": summary, "action_taken": "Reminded"}
        await post(client, "/breaches", breach)
    return ids


async def test_each_criterion_is_rated_from_its_rows_as_at_the_quarters_last_day(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, date(2026, 6, 1))
    ids = await _registers(client, clock)
    clock.day = date(2026, 10, 15)
    # Put right after the quarter: the Q3 return still reads the registers as at 30 September.
    await post(client, f"/people/{ids['overdue']}/declarations", {"nil": True})

    found = await _return(client)
    assert (found["quarter"], found["as_at"], found["status"]) == ("2026-Q3", "2026-09-30", "draft")
    assert (found["organisation_ods"], found["signed_off"]) == ("02W", None)
    c = _criteria(found)
    assert _passed(c["registers_current"]) == {
        "Dr Current": True,
        "Dr Nil": True,
        "Mr Overdue": False,
    }
    assert c["registers_current"]["evidence"][2]["detail"].startswith(
        "no declaration within 28 days of appointment on 2026-06-01 (due 2026-06-29)"
    )
    # Dr Current has an interest on the register, so needs no nil declaration.
    assert _passed(c["nil_declarations"]) == {"Dr Nil": True, "Mr Overdue": False}
    # Mr Overdue makes no decisions: not asked for the training.
    assert _passed(c["mandatory_training"]) == {"Dr Current": True, "Dr Nil": False}
    assert sorted(e["passed"] for e in c["breaches_published"]["evidence"]) == [False, True]
    named = [e for e in c["breaches_published"]["evidence"] if not e["passed"]]
    assert named[0]["detail"] == "published but names Mr Overdue: not anonymised"
    assert c["decisions_screened"]["note"] == "compliant: no decision in the quarter"
    assert {k: v["rating"] for k, v in c.items()} == {
        "registers_current": "partially_compliant",
        "nil_declarations": "partially_compliant",
        "mandatory_training": "partially_compliant",
        "breaches_published": "partially_compliant",
        "decisions_screened": "compliant",
        "expiring_contracts_scheduled": "compliant",
    }
    assert (found["criteria_met"], found["criteria_total"]) == (2, 6)
    assert found["rating"] == "partially_compliant"

    # The running quarter reads as at today: the late nil declaration now counts.
    q4 = _criteria(await _return(client, "2026-Q4"))
    assert _passed(q4["nil_declarations"])["Mr Overdue"] is True
    assert (await _return(client, "2026-Q4"))["as_at"] == "2026-10-15"


async def test_another_organisations_return_covers_only_its_own_registers(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, date(2026, 6, 1))
    await _registers(client, clock)
    clock.day = date(2026, 10, 15)
    with acting_for(client, OTHER_CCG):
        found = await _return(client)
    assert found["organisation_ods"] == OTHER_CCG
    assert found["rating"] == "compliant"
    assert {c["note"] for c in found["criteria"]} >= {"compliant: nobody on the register"}


@pytest.mark.parametrize(
    ("quarter", "message"),
    [("2026-Q5", "String should match pattern"), ("2027-Q1", "2027-Q1 has not begun")],
)
async def test_a_malformed_or_future_quarter_is_refused_naming_quarter(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, quarter: str, message: str
) -> None:
    Clock(monkeypatch, date(2026, 10, 15))
    response = await client.get("/self-certification", params={"quarter": quarter})
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert (error["loc"], error["field"]) == (["query", "quarter"], "quarter")
    assert message in error["msg"]


async def test_the_csv_return_has_a_row_per_criterion_and_evidence_with_formulas_neutralised(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, date(2026, 6, 1))
    await person(client, '=HYPERLINK("http://evil")')
    clock.day = date(2026, 10, 15)
    response = await client.get(
        "/self-certification", params={"quarter": "2026-Q3", "format": "csv"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [
        "quarter", "organisation_ods", "criterion", "rating", "subject_id", "subject",
        "passed", "detail",
    ]  # fmt: skip
    overall = rows[0]
    assert (overall["criterion"], overall["rating"]) == ("overall", "partially_compliant")
    assert overall["detail"].startswith("3 of 6 criteria compliant, as at 2026-09-30; draft")
    summaries = [r for r in rows if r["subject_id"] == "" and r["criterion"] != "overall"]
    assert [r["criterion"] for r in summaries] == [
        "registers_current",
        "nil_declarations",
        "mandatory_training",
        "breaches_published",
        "decisions_screened",
        "expiring_contracts_scheduled",
    ]
    evidence = [r for r in rows if r["criterion"] == "mandatory_training" and r["subject_id"]]
    assert [(r["subject"], r["passed"]) for r in evidence] == [
        ('\'=HYPERLINK("http://evil")', "False")
    ]


async def test_sign_off_freezes_the_return_and_a_second_sign_off_is_refused(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch, date(2026, 6, 1))
    ids = await _registers(client, clock)
    officer = await person(client, "Ms Accountable", decision_making=False)
    clock.day = date(2026, 10, 15)
    before = await _return(client)

    body = {"quarter": "2026-Q3", "signed_by_person_id": officer, "role": "Accountable Officer"}
    response = await client.post("/self-certification/sign-off", json=body)
    assert response.status_code == 201, response.text
    signed = response.json()
    assert signed["status"] == "signed_off"
    assert {k: signed["signed_off"][k] for k in ("person_id", "name", "role")} == {
        "person_id": officer,
        "name": "Ms Accountable",
        "role": "Accountable Officer",
    }
    assert signed["criteria"] == before["criteria"]
    assert signed["rating"] == before["rating"] == "partially_compliant"

    # Put right what the return found, even with a training completed within the quarter: the
    # signed-off return does not move.
    await post(client, f"/people/{ids['nil']}/training", {"completed_on": "2026-09-01"})
    frozen = await _return(client)
    assert frozen == signed
    assert _passed(_criteria(frozen)["mandatory_training"])["Dr Nil"] is False
    csv_text = (
        await client.get("/self-certification", params={"quarter": "2026-Q3", "format": "csv"})
    ).text
    assert "signed off by Ms Accountable (Accountable Officer)" in csv_text

    again = await client.post(
        "/self-certification/sign-off",
        json={"quarter": "2026-Q3", "signed_by_name": "Someone Else", "role": "Chair"},
    )
    assert again.status_code == 409, again.text

    # Another organisation's quarter is its own, and still a draft.
    with acting_for(client, OTHER_CCG):
        assert (await _return(client))["status"] == "draft"


async def test_sign_off_needs_an_ended_quarter_and_a_named_person_of_the_organisation(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    Clock(monkeypatch, date(2026, 10, 15))
    stranger = await person(client, "Dr Of 02W")

    async def refused(body: dict[str, Any]) -> dict[str, Any]:
        response = await client.post("/self-certification/sign-off", json=body)
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        return dict(error)

    running = await refused({"quarter": "2026-Q4", "signed_by_name": "Ms A", "role": "AO"})
    assert running["loc"] == ["body", "quarter"]
    assert "runs until 2026-12-31" in running["msg"]
    neither = await refused({"quarter": "2026-Q3", "role": "AO"})
    assert neither["loc"] == ["body", "signed_by_person_id"]
    with acting_for(client, OTHER_CCG):
        theirs = await refused(
            {"quarter": "2026-Q3", "signed_by_person_id": stranger, "role": "AO"}
        )
    assert (theirs["loc"], theirs["msg"]) == (
        ["body", "signed_by_person_id"],
        f"no person {stranger}",
    )
    assert (await _return(client))["status"] == "draft"


async def test_sign_off_is_published(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    Clock(monkeypatch, date(2026, 10, 15))
    body = {"quarter": "2026-Q3", "signed_by_name": "Ms J Smith", "role": "Accountable Officer"}
    signed = await post(env.client, "/self-certification/sign-off", body)
    outbox = env.db.table("outbox")
    async with env.db.sessions() as session:
        [payload] = (
            await session.execute(
                select(outbox.c.payload).where(
                    outbox.c.ce_type == "gpfed.self_certification.signed_off"
                )
            )
        ).scalars()
    assert {k: payload[k] for k in ("organisation_ods", "quarter", "rating")} == {
        "organisation_ods": "02W",
        "quarter": "2026-Q3",
        "rating": signed["rating"],
    }
