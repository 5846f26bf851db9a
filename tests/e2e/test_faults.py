"""The hub saga under faults, each followed by the same money checks: the ledger balanced, each
practice paid exactly its due (recomputed independently), the commissioner charged once, and
nothing applied twice. Four service processes on PostgreSQL and a broker (tests/e2e/harness.py)."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from gpfed.demo import CCG, PERIOD, Result, audit, run_scenario
from shared.auth import mint_token
from shared.broker import Broker
from shared.settings import ServiceSettings
from tests.e2e.harness import Suite, running_suite

pytestmark = pytest.mark.e2e


def _commissioner() -> dict[str, str]:
    token = mint_token(ServiceSettings(), role="commissioner", org=CCG)
    return {"Authorization": f"Bearer {token}"}


def _assert_money(suite: Suite, result: Result) -> dict[str, Any]:
    failed = [c for c in result.checks if not c.passed]
    assert not failed, failed
    books = audit(suite.urls, result.values["contract_id"])
    assert books["status"] == "completed"
    assert books["balanced"]
    assert books["charges"] == 1
    assert books["charged_pence"] == books["federation_in_pence"] == books["income_pence"]
    assert books["lines"] == result.values["expected"]
    assert books["statements"] == result.values["expected"]
    assert sum(books["lines"].values()) + books["retained_pence"] == books["income_pence"]
    print(
        f"verified: ledger balanced; commissioner charged once ({books['charged_pence']}p); "
        f"each practice paid exactly its independently recomputed due {books['lines']}; "
        f"lines + retained {books['retained_pence']}p == income {books['income_pence']}p"
    )
    return books


def test_the_payment_run_called_concurrently_from_two_clients_pays_once(
    clean: dict[str, str], broker: Broker, tmp_path: Path
) -> None:
    runs: list[dict[str, Any]] = []

    def race(step: str, values: dict[str, Any]) -> None:
        if step != "closed":
            return
        contract_id = values["contract_id"]
        headers = _commissioner()
        for round_ in range(60):  # until payments has heard of the close
            barrier = threading.Barrier(2)
            answers: list[dict[str, Any]] = []

            def client(
                barrier: threading.Barrier = barrier, answers: list[dict[str, Any]] = answers
            ) -> None:
                barrier.wait()
                r = httpx.post(
                    f"{suite.urls['payments']}/payment-runs",
                    json={"period": PERIOD},
                    headers=headers,
                    timeout=60,
                )
                assert r.status_code == 200, r.text
                answers.append(r.json())

            threads = [threading.Thread(target=client) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            runs.extend(answers)
            paid = [p for a in answers for p in a["payments"] if p["contract_id"] == contract_id]
            if paid:
                print(f"round {round_ + 1}: two simultaneous runs, {len(paid)} payment(s) made")
                return
            time.sleep(0.3)
        raise AssertionError("no run paid the hub")

    with running_suite(clean, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=60, hook=race)
        contract_id = result.values["contract_id"]
        payments = [p for a in runs for p in a["payments"] if p["contract_id"] == contract_id]
        distributions = [
            d for a in runs for d in a["distributions"] if d["contract_id"] == contract_id
        ]
        assert len(payments) == 1 and len(distributions) == 1, (payments, distributions)
        print(f"{len(runs)} concurrent runs: 1 payment and 1 distribution between them")
        _assert_money(suite, result)


def test_every_event_delivered_twice_and_out_of_order_is_applied_once(
    clean: dict[str, str], broker: Broker, tmp_path: Path
) -> None:
    since = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    replayed: dict[str, int] = {}

    def redeliver(step: str, values: dict[str, Any]) -> None:
        # Every service's whole history again, newest producer first, so each consumer sees
        # events again and across topics in another order than the first time.
        for service in ("payments", "federation", "conflicts", "contracts"):
            replayed[f"{step}:{service}"] = suite.replay(service, since)

    with running_suite(clean, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=60, hook=redeliver)
        first = _assert_money(suite, result)
        for service in ("payments", "federation", "conflicts", "contracts"):
            replayed[f"end:{service}"] = suite.replay(service, since)
        total = sum(replayed.values())
        print(f"re-published {total} events: {replayed}")
        deadline = time.monotonic() + 60
        while suite.duplicates_skipped() < total * 0.5 and time.monotonic() < deadline:
            time.sleep(0.5)
        skipped = suite.duplicates_skipped()
        print(f"consumers skipped {skipped} duplicate deliveries")
        assert skipped > 0
        time.sleep(2)  # let any straggler land before the books are read again
        again = _assert_money(suite, result)
        assert again == first
        print("books identical after every event was delivered again")


def test_kill_9_of_payments_mid_run_then_restart_pays_exactly_once(
    clean: dict[str, str], broker: Broker, tmp_path: Path
) -> None:
    attempts: list[str] = []

    def strike(step: str, values: dict[str, Any]) -> None:
        if step != "closed":
            return
        headers = _commissioner()
        # Strike only once payments holds the closed counts, so the run has work to do.
        asyncio.run(_closed_in_payments(clean["payments"], values["contract_id"]))
        for delay in (0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 1.2):
            outcome: list[str] = []

            def client(outcome: list[str] = outcome) -> None:
                try:
                    r = httpx.post(
                        f"{suite.urls['payments']}/payment-runs",
                        json={"period": PERIOD},
                        headers=headers,
                        timeout=30,
                    )
                    outcome.append(f"answered {r.status_code}")
                except httpx.HTTPError as error:
                    outcome.append(f"cut off ({type(error).__name__})")

            t = threading.Thread(target=client)
            t.start()
            time.sleep(delay)
            suite.kill("payments")
            t.join()
            suite.restart("payments")
            charges = audit(suite.urls, values["contract_id"])["charges"]
            attempts.append(f"kill -9 after {delay}s: run {outcome[0]}; charges now {charges}")
            print(attempts[-1])
            if charges:
                return
        raise AssertionError(f"no run paid the hub: {attempts}")

    with running_suite(clean, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=90, hook=strike)
        assert any("cut off" in a for a in attempts), attempts
        _assert_money(suite, result)


async def _closed_in_payments(url: str, contract_id: str, timeout: float = 60) -> None:
    engine = create_async_engine(url)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async with engine.connect() as connection:
                found = await connection.scalar(
                    text("SELECT count(*) FROM closed_periods WHERE contract_id = :c"),
                    {"c": contract_id},
                )
            if found:
                return
            await asyncio.sleep(0.2)
        raise AssertionError("payments never heard of the close")
    finally:
        await engine.dispose()


def test_kill_9_of_federation_between_the_close_and_its_event_loses_no_event(
    clean: dict[str, str], broker: Broker, tmp_path: Path
) -> None:
    unsent: list[int] = []

    def strike(step: str, values: dict[str, Any]) -> None:
        if step == "posted":
            # Relay off, so the close's event is certain to wait in the outbox when we strike.
            suite.kill("federation")
            suite.restart("federation", {"GPFED_BUS_ENABLED": "false"})
            print("federation restarted with its relay off before the close")
        if step == "closed":
            unsent.append(asyncio.run(_unsent_closes(clean["federation"])))
            print(f"the close committed; period_closed events not yet published: {unsent[0]}")
            suite.kill("federation")
            print("federation killed with SIGKILL before publishing it; restarted with its relay")
            suite.restart("federation")

    with running_suite(clean, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=90, hook=strike)
        assert unsent == [1]
        _assert_money(suite, result)
        assert asyncio.run(_unsent_closes(clean["federation"])) == 0
        print("the restarted relay published the close: payments paid and distributed from it")


async def _unsent_closes(url: str) -> int:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            found = await connection.scalar(
                text(
                    "SELECT count(*) FROM outbox JOIN outbox_pending USING (id) "
                    "WHERE ce_type = 'gpfed.activity.period_closed'"
                )
            )
        return int(found or 0)
    finally:
        await engine.dispose()


def test_the_broker_restarted_empty_mid_run_is_recovered_by_replay(
    clean: dict[str, str], broker: Broker, tmp_path: Path
) -> None:
    since = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()

    def strike(step: str, values: dict[str, Any]) -> None:
        if step == "closed":
            broker.restart()
            print("broker restarted: every topic, message and offset is gone")
            for service in ("contracts", "conflicts", "federation", "payments"):
                print(f"gpfed replay --service {service}: {suite.replay(service, since)} events")

    with running_suite(clean, broker, tmp_path) as suite:
        result = run_scenario(suite.urls, timeout=120, hook=strike)
        _assert_money(suite, result)
