"""The daily expiry job (`gpfed expire-due`): it calls the contracts API as an operator would,
so a run is authorised, audited and evented like the request, and a second run does nothing.
Under HS256 it signs its token with the shared secret; under RS256 with the signing key whose
public half the service's JWKS publishes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import jwt
import pytest
from sqlalchemy import select

from gpfed.jobs import SCHEDULER, JobFailed, expire_due, scheduler_token
from services.contracts.app import create_app
from services.contracts.settings import Settings
from tests.conftest import running
from tests.integration.contracts.conftest import Api, first_of_month
from tests.jwks import rsa_key, serve_jwks, write_pem

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


async def test_a_token_living_longer_than_the_maximum_is_answered_401(registered: Api) -> None:
    now = int(time.time())
    max_ttl = registered.settings.jwt_max_ttl_seconds
    claims = {"sub": SCHEDULER, "role": "ops", "org": "X24", "iss": "gpfed", "iat": now}
    secret = registered.settings.jwt_secret.get_secret_value()
    too_long = jwt.encode({**claims, "exp": now + max_ttl + 1}, secret, algorithm="HS256")
    response = await registered.client.post(
        "/contracts/expire-due",
        json={"on": first_of_month(1).isoformat()},
        headers={"authorization": f"Bearer {too_long}"},
    )
    assert response.status_code == 401
    assert f"over the maximum {max_ttl} s" in response.json()["detail"]


# --- RS256 --------------------------------------------------------------------------------


@pytest.fixture
async def rs256(clean: dict[str, str], tmp_path: Path) -> AsyncIterator[Api]:
    """contracts verifying RS256 tokens against a local JWKS that trusts the key "scheduler";
    the Api's settings sign with that key, as the CronJob's do."""
    key = rsa_key()
    with serve_jwks({"scheduler": key}) as jwks:
        settings = Settings(
            database_url=clean["contracts"],
            bus_enabled=False,
            jwt_algorithm="RS256",
            jwt_jwks_url=jwks.url,
            jwt_signing_key_file=write_pem(key, tmp_path / "scheduler.pem"),
            jwt_signing_key_id="scheduler",
        )
        app = create_app(settings)
        async with running(app) as client:
            yield Api(client, app, settings)


async def test_under_rs256_the_job_signs_with_the_trusted_key_and_expires(rs256: Api) -> None:
    await rs256.register_all()
    ending = await rs256.active(end_date=first_of_month(1).isoformat())
    on = first_of_month(1) + timedelta(days=1)

    assert await expire_due(rs256.client, scheduler_token(rs256.settings), on) == [ending]
    [event] = await rs256.outbox("gpfed.contract.expired")
    assert event["contract_id"] == ending


@pytest.mark.parametrize("kid", ["scheduler", "another"])
async def test_under_rs256_a_key_not_in_the_jwks_is_refused(
    rs256: Api, tmp_path: Path, kid: str
) -> None:
    # Whether it claims the trusted kid (the signature fails) or one the JWKS lacks.
    stranger = rs256.settings.model_copy(
        update={
            "jwt_signing_key_file": write_pem(rsa_key(), tmp_path / "stranger.pem"),
            "jwt_signing_key_id": kid,
        }
    )
    with pytest.raises(JobFailed, match="answered 401"):
        await expire_due(rs256.client, scheduler_token(stranger), first_of_month(1))


def test_gpfed_expire_due_under_rs256_without_a_signing_key_exits_2_with_one_line() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GPFED_")},
        "GPFED_JWT_ALGORITHM": "RS256",
        "GPFED_JWT_JWKS_URL": "http://127.0.0.1:9/jwks.json",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gpfed.cli", "expire-due", "--url", "http://127.0.0.1:9"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("expire-due: cannot mint the ops token: RS256 tokens are signed with")
    assert "GPFED_JWT_SIGNING_KEY_FILE" in line
