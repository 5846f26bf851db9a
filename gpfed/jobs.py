"""Scheduled jobs: what a scheduler (the Kubernetes CronJob in ``deploy/k8s``, or cron) runs.

A job calls a service's API as any client would, with a short-lived ops token, so that each run
is authorised, audited and evented exactly like the request an operator would make by hand; the
service stays the one place the rule lives. Jobs are safe to run again: a second run the same
day finds nothing left to do.
"""

from __future__ import annotations

from datetime import date

import httpx

from shared.auth import Role, mint_token
from shared.settings import ServiceSettings

#: Who the audit log names for a scheduled run.
SCHEDULER = "gpfed-scheduler"


class JobFailed(RuntimeError):
    """The service refused or failed the job's request."""


def scheduler_token(settings: ServiceSettings, ttl_seconds: int = 300) -> str:
    """An ops token for one run, signed as the services verify: with the HS256 secret, or under
    RS256 with ``GPFED_JWT_SIGNING_KEY_FILE`` (ValueError when that is not set)."""
    return mint_token(settings, role=Role.OPS, org="X24", sub=SCHEDULER, ttl_seconds=ttl_seconds)


async def expire_due(client: httpx.AsyncClient, token: str, on: date) -> list[str]:
    """``POST /contracts/expire-due``: expires every active contract whose end date is before
    ``on``; returns their ids."""
    response = await client.post(
        "/contracts/expire-due",
        json={"on": on.isoformat()},
        headers={"authorization": f"Bearer {token}"},
    )
    if response.status_code != 200:
        raise JobFailed(
            f"POST /contracts/expire-due answered {response.status_code}: {response.text[:500]}"
        )
    return [str(contract_id) for contract_id in response.json()["expired"]]
