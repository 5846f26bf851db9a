"""The HTTP kernel through a real service app on PostgreSQL: problems, auth, idempotency keys,
pagination, the audit log, health, metrics and the AsyncAPI document."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select, text

from gpfed.services import SERVICES
from services.contracts.settings import Settings
from shared.auth import mint_token
from shared.broker import Broker, free_port
from shared.service import create_service_app
from tests.conftest import running
from tests.integration.probe import probe_app, probe_kind

pytestmark = pytest.mark.integration


@pytest.fixture
async def client(clean: dict[str, str], broker: Broker) -> AsyncIterator[httpx.AsyncClient]:
    app = await probe_app(clean["contracts"], kafka_bootstrap_servers=broker.bootstrap_servers)
    async with running(app) as c:
        c.headers["authorization"] = "Bearer " + mint_token(
            app.state.settings, role="commissioner", org="02W"
        )
        yield c


def _probe(probe_id: str = "p1", **overrides: object) -> dict[str, object]:
    return {"probe_id": probe_id, "ods_code": "02W", "amount_pence": 100, **overrides}


async def test_invalid_request_is_a_422_problem_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/probes", json=_probe(amount_pence=-1))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["type"].endswith("/validation")
    assert [e["field"] for e in problem["errors"]] == ["amount_pence"]
    assert "amount_pence" in problem["detail"]


async def test_malformed_json_is_a_422_problem(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/probes", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "json_invalid"


async def test_missing_token_is_401_and_bad_token_is_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/probes", json=_probe(), headers={"authorization": ""})
    assert response.status_code == 401
    assert response.json()["title"] == "Unauthorized"
    forged = "Bearer " + mint_token(
        Settings(jwt_secret="another-secret-entirely-0123456789"), role="ops", org="X24"
    )
    response = await client.post("/probes", json=_probe(), headers={"authorization": forged})
    assert response.status_code == 401
    assert "Signature verification failed" in response.json()["detail"]


async def test_wrong_role_or_wrong_organisation_is_403(client: httpx.AsyncClient) -> None:
    practice = "Bearer " + mint_token(Settings(), role="practice", org="B86001")
    response = await client.post("/probes", json=_probe(), headers={"authorization": practice})
    assert response.status_code == 403
    assert "role practice" in response.json()["detail"]
    other_ccg = "Bearer " + mint_token(Settings(), role="commissioner", org="13T")
    response = await client.post("/probes", json=_probe(), headers={"authorization": other_ccg})
    assert response.status_code == 403
    assert "cannot act for 02W" in response.json()["detail"]


@pytest.mark.parametrize(
    ("role", "org", "why"),
    [
        ("practice", "02W", "a practice token must belong to a practice; 02W is a ccg"),
        ("commissioner", "B86001", "must belong to a ccg or nhse; B86001 is a practice"),
        ("governance", "B86001", "must belong to a ccg or nhse; B86001 is a practice"),
        ("federation", "02W", "must belong to a federation; 02W is a ccg"),
        ("commissioner", "99Z", "organisation 99Z is not registered"),
    ],
)
async def test_a_role_that_does_not_fit_its_organisation_is_403(
    client: httpx.AsyncClient, role: str, org: str, why: str
) -> None:
    token = "Bearer " + mint_token(Settings(), role=role, org=org)
    response = await client.get("/probes", headers={"authorization": token})
    assert response.status_code == 403
    assert why in response.json()["detail"]
    ops = "Bearer " + mint_token(Settings(), role="ops", org="99Z")
    assert (await client.get("/probes", headers={"authorization": ops})).status_code == 200


async def test_idempotency_key_replays_first_response_and_refuses_other_body(
    client: httpx.AsyncClient,
) -> None:
    headers = {"idempotency-key": "key-1"}
    first = await client.post("/probes", json=_probe("p1"), headers=headers)
    assert first.status_code == 201
    again = await client.post("/probes", json=_probe("p1"), headers=headers)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post("/probes", json=_probe("p2"), headers=headers)
    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")
    # Only one probe and one event exist: the replay did not run the route again.
    db = client._transport.app.state.db  # type: ignore[attr-defined]
    async with db.sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM probes"))).scalar() == 1
        assert (await session.execute(text("SELECT count(*) FROM outbox"))).scalar() == 1


async def test_lists_are_paginated_with_a_cursor(client: httpx.AsyncClient) -> None:
    for i in range(5):
        assert (await client.post("/probes", json=_probe(f"p{i}"))).status_code == 201
    first = (await client.get("/probes", params={"limit": 2})).json()
    assert [p["probe_id"] for p in first["items"]] == ["p0", "p1"]
    second = (
        await client.get("/probes", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    assert [p["probe_id"] for p in second["items"]] == ["p2", "p3"]
    third = (
        await client.get("/probes", params={"limit": 2, "cursor": second["next_cursor"]})
    ).json()
    assert [p["probe_id"] for p in third["items"]] == ["p4"]
    assert third["next_cursor"] is None
    bad = await client.get("/probes", params={"cursor": "%%%"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "cursor"


async def test_state_changes_are_audited_with_who_and_request_id(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/probes", json=_probe(), headers={"x-request-id": "req-42"})
    assert response.headers["x-request-id"] == "req-42"
    db = client._transport.app.state.db  # type: ignore[attr-defined]
    audit = db.table("audit_log")
    async with db.sessions() as session:
        rows = (await session.execute(select(audit))).all()
    assert [(r.request_id, r.role, r.org, r.method, r.path, r.status_code) for r in rows] == [
        ("req-42", "commissioner", "02W", "POST", "/probes", 201)
    ]
    async with db.sessions() as session:
        with pytest.raises(Exception, match="append-only"):
            await session.execute(text("DELETE FROM audit_log"))


async def test_traceparent_travels_from_http_into_the_event(client: httpx.AsyncClient) -> None:
    trace = "0af7651916cd43dd8448eb211c80319c"
    response = await client.post(
        "/probes", json=_probe(), headers={"traceparent": f"00-{trace}-b7ad6b7169203331-01"}
    )
    assert response.headers["traceparent"].split("-")[1] == trace
    db = client._transport.app.state.db  # type: ignore[attr-defined]
    async with db.sessions() as session:
        stored = (await session.execute(text("SELECT traceparent FROM outbox"))).scalar()
    assert stored.split("-")[1] == trace


async def test_health_metrics_and_asyncapi(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health/live")).json() == {"status": "live"}
    ready = await client.get("/health/ready")
    for _ in range(100):  # ready at once; the broker is reported once the bus has connected
        if ready.json()["checks"]["broker"] == "ok":
            break
        await asyncio.sleep(0.05)
        ready = await client.get("/health/ready")
    assert ready.json() == {
        "status": "ready",
        "checks": {"database": "ok", "broker": "ok", "outbox_backlog": 0},
    }
    # An event once published leaves the backlog (its outbox row stays, for replay).
    assert (await client.post("/probes", json=_probe())).status_code == 201
    for _ in range(200):
        backlog = (await client.get("/health/ready")).json()["checks"]["outbox_backlog"]
        if backlog == 0:
            break
        await asyncio.sleep(0.05)
    assert backlog == 0
    db = client._transport.app.state.db  # type: ignore[attr-defined]
    async with db.sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM outbox"))).scalar() >= 1
    metrics = (await client.get("/metrics")).text
    assert "gpfed_http_requests_total" in metrics
    document = (await client.get("/asyncapi")).json()
    assert document["asyncapi"] == "3.0.0"
    assert document["channels"]["contracts"]["address"] == "gpfed.contracts.v1"
    assert "contract_activated" in document["components"]["messages"]
    unknown = await client.get("/nowhere")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"


async def test_a_broker_that_is_down_is_reported_but_leaves_the_service_ready(
    clean: dict[str, str],
) -> None:
    # The outbox keeps the events until the broker is back: the API must stay in service.
    app = await probe_app(clean["contracts"], kafka_bootstrap_servers=f"127.0.0.1:{free_port()}")
    async with running(app) as c:
        c.headers["authorization"] = "Bearer " + mint_token(
            app.state.settings, role="commissioner", org="02W"
        )
        assert (await c.post("/probes", json=_probe())).status_code == 201
        response = await c.get("/health/ready")
        metrics = (await c.get("/metrics")).text
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "broker": "unavailable", "outbox_backlog": 1},
    }
    assert 'gpfed_broker_up{service="contracts"} 0.0' in metrics
    assert 'gpfed_outbox_unsent{service="contracts"} 1.0' in metrics


async def test_a_database_that_does_not_answer_makes_the_service_unready() -> None:
    unreachable = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/contracts"
    spec = SERVICES["contracts"]
    app = create_service_app(
        Settings(database_url=unreachable, bus_enabled=False),
        metadata=spec.metadata,
        handlers=spec.handlers,
        organisation_kind=probe_kind,
    )
    async with running(app) as c:
        live = await c.get("/health/live")
        response = await c.get("/health/ready")
    assert live.status_code == 200  # liveness asks nothing of the database: no restart loop
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    checks = response.json()["checks"]
    assert checks["database"].startswith("down: ") and checks["broker"] == "disabled"
    assert "outbox_backlog" not in checks
