"""The self-certification's decision criteria from real contract events: every decision of the
quarter screened, no gated contract reaching its start undecided, and every contract nearing
expiry with a decision scheduled (a change to it, or a successor's proposal)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import update

from services.conflicts import store
from shared import calendar
from shared.events.contracts import ContractActivated
from tests.conftest import eventually
from tests.integration.conflicts.support import (
    Env,
    federation,
    joined,
    pccc,
    person,
    post,
    proposal,
    screened,
)

pytestmark = pytest.mark.integration


async def _items(env: Env, committee_id: str, n: int) -> dict[str, str]:
    """Contract id -> item id once ``n`` items are open, all dated 15 July 2026 (items are
    stamped with the real time they open; the return reads them as at a day in the past)."""

    async def found() -> list[dict[str, Any]] | None:
        page = (await env.client.get(f"/committees/{committee_id}/items")).json()["items"]
        return page if len(page) == n else None

    items = await eventually(found)
    async with env.db.unit_of_work() as uow:
        await uow.session.execute(
            update(store.items).values(opened_at=datetime(2026, 7, 15, 9, tzinfo=UTC))
        )
        await uow.commit()
    return {i["contract_id"]: i["id"] for i in items}


async def _return(env: Env) -> dict[str, dict[str, Any]]:
    response = await env.client.get("/self-certification", params={"quarter": "2026-Q3"})
    assert response.status_code == 200, response.text
    return {c["criterion"]: c for c in response.json()["criteria"]}


async def test_decisions_of_the_quarter_and_contracts_nearing_expiry_are_checked(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = [date(2026, 7, 1)]
    monkeypatch.setattr(calendar, "uk_today", lambda: day[0])
    c = env.client
    ids = {
        "chair": await person(c, "Lay Chair"),
        "lay": await person(c, "Lay Member"),
        "cfo": await person(c, "Chief Finance Officer"),
        "gp1": await person(c, "Dr Partner", ("B86001", "partner")),
        "gp2": await person(c, "Dr Elsewhere", ("B86009", "partner")),
    }
    committee = await pccc(c, ids)
    hub = proposal(committee).model_copy(update={"end_date": date(2027, 1, 31)})
    late = proposal(committee, "c-late").model_copy(update={"start_date": date(2026, 9, 1)})
    await env.upstream.publish(federation(), joined("B86001"), hub, late)
    items = await _items(env, committee, 2)
    await screened(c, items["c-hub-1"], 1, on="2026-08-01")
    present = [ids[k] for k in ("chair", "lay", "cfo", "gp1", "gp2")]
    decision = {
        "outcome": "approved",
        "present": present,
        "votes": [{"person_id": ids[k], "vote": "for"} for k in ("chair", "lay", "cfo", "gp2")],
        "decided_on": "2026-08-01",
    }
    await post(c, f"/items/{items['c-hub-1']}/decision", decision)
    activated = ContractActivated(**{**hub.model_dump(), "status": "active"})
    await env.upstream.publish(activated)

    day[0] = date(2026, 10, 15)

    async def in_force() -> dict[str, dict[str, Any]] | None:
        found = await _return(env)
        return found if found["expiring_contracts_scheduled"]["evidence"] else None

    found = await eventually(in_force)
    screening = found["decisions_screened"]
    assert [(e["subject"], e["passed"], e["detail"]) for e in screening["evidence"]] == [
        (
            "approved on 2026-08-01, contract c-hub-1",
            True,
            "screened, quorate; 1 conflicted member(s), none voted",
        ),
        (
            "item for contract c-late",
            False,
            "the contract started on 2026-09-01 without a decision",
        ),
    ]
    assert screening["rating"] == "partially_compliant"
    [expiring] = found["expiring_contracts_scheduled"]["evidence"]
    assert (expiring["subject_id"], expiring["passed"], expiring["detail"]) == (
        "c-hub-1",
        False,
        "ends on 2027-01-31; no decision scheduled",
    )
    assert found["expiring_contracts_scheduled"]["rating"] == "not_compliant"

    # The successor's proposal (same kind and service, starting after it) schedules a decision.
    successor = proposal(committee, "c-hub-2").model_copy(
        update={"start_date": date(2027, 2, 1), "effective_from": date(2027, 2, 1)}
    )
    await env.upstream.publish(successor)
    await _items(env, committee, 3)
    [expiring] = (await _return(env))["expiring_contracts_scheduled"]["evidence"]
    assert (expiring["passed"], expiring["detail"]) == (
        True,
        "ends on 2027-01-31; decision item opened on 2026-07-15",
    )
