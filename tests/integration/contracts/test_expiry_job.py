"""The daily expiry job (`gpfed expire-due`): it calls the contracts API as an operator would,
so a run is authorised, audited and evented like the request, and a second run does nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from gpfed.jobs import SCHEDULER, JobFailed, expire_due, scheduler_token
from tests.integration.contracts.conftest import Api, first_of_month

pytestmark = pytest.mark.integration


async def test_the_job_expires_what_has_ended_once_and_is_audited(registered: Api) -> None:
    ending = await registered.active(end_date=first_of_month(1).isoformat())
    await registered.active(end_date=None)
    token = scheduler_token(registered.settings)
    on = first_of_month(1) + timedelta(days=1)

    assert await expire_due(registered.client, token, on) == [ending]
    assert await expire_due(registered.client, token, on) == []
    [event] = await registered.outbox("gpfed.contract.expired")
    assert event["contract_id"] == ending

    audit = registered.app.state.db.table("audit_log")
    async with registered.app.state.db.sessions() as session:
        rows = (
            await session.execute(select(audit).where(audit.c.path == "/contracts/expire-due"))
        ).all()
    assert [(r.subject, r.role, r.status_code) for r in rows] == [(SCHEDULER, "ops", 200)] * 2


async def test_a_refused_run_fails_loudly(registered: Api) -> None:
    with pytest.raises(JobFailed, match="401"):
        await expire_due(registered.client, "not-a-token", first_of_month(1))
