"""The console without a browser: money and dates the UK way, what a service's failure becomes,
sign-in and its cookie, and the register's paging links (services stubbed by httpx)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from services.console.app import create_app
from services.console.formats import (
    last_ended_quarter,
    month,
    months_from,
    pounds,
    quarter,
    shift_month,
    shift_quarter,
    uk_date,
)
from services.console.income import hub_months, monthly_income
from services.console.routes.commissioner import spend_by_kind, waits_for
from services.console.routes.common import span
from services.console.routes.federation import hub_totals, practice_shares
from services.console.settings import Settings
from services.console.upstream import UpstreamFailed
from shared.auth import mint_token
from shared.settings import ServiceSettings

Handler = Callable[[httpx.Request], httpx.Response]


@contextmanager
def console(handler: Handler) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), httpx.MockTransport(handler))) as client:
        yield client


def practice_token(org: str = "B86001") -> str:
    return mint_token(ServiceSettings(), role="practice", org=org)


def test_pence_are_written_as_pounds_and_dates_the_uk_way() -> None:
    assert pounds(123_456_789) == "£1,234,567.89"
    assert pounds(-250) == "-£2.50"
    assert pounds(5) == "£0.05"
    assert pounds(None) == ""
    assert uk_date("2026-12-01") == "1 December 2026"
    assert uk_date(date(2027, 1, 31)) == "31 January 2027"
    assert uk_date("2026-11-02T09:00:00+00:00") == "2 November 2026"
    assert month("2026-02") == "February 2026"


def test_a_service_that_refuses_the_token_sends_the_user_to_sign_in() -> None:
    with console(lambda _r: httpx.Response(401, json={"detail": "expired"})) as client:
        client.cookies.set("gpfed_token", practice_token())
        response = client.get("/practice/expected?from=2026-10", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=%2Fpractice%2Fexpected%3Ffrom%3D2026-10"


@pytest.mark.parametrize(
    ("answer", "status", "says"),
    [
        (httpx.Response(403, json={"detail": "not yours"}), 403, "not yours"),
        (httpx.Response(500, text="boom"), 502, "could not answer"),
    ],
)
def test_a_service_refusal_or_failure_is_a_page_with_a_fitting_status(
    answer: httpx.Response, status: int, says: str
) -> None:
    with console(lambda _r: answer) as client:
        response = client.get("/registers/02W/interests")
    assert response.status_code == status
    assert says in response.text and "Traceback" not in response.text
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("error", "status"), [(httpx.ConnectError("refused"), 503), (httpx.ReadTimeout("slow"), 504)]
)
def test_a_service_down_or_slow_is_a_page_saying_so(error: Exception, status: int) -> None:
    def fail(_request: httpx.Request) -> httpx.Response:
        raise error

    with console(fail) as client:
        response = client.get("/registers/02W/breaches")
    assert response.status_code == status
    assert "conflicts service" in response.text


def test_register_pages_link_to_the_next_page_and_back_by_carrying_the_cursors() -> None:
    seen: list[dict[str, str]] = []

    def register(request: httpx.Request) -> httpx.Response:
        seen.append(dict(request.url.params))
        return httpx.Response(200, json={"items": [], "next_cursor": "c3"})

    with console(register) as client:
        third = client.get("/registers/02W/breaches?cursor=c2&back=0.c1&from=2026-01-01").text
    assert seen[0] == {"commissioner": "02W", "from": "2026-01-01", "cursor": "c2", "limit": "50"}
    assert 'href="?from=2026-01-01&amp;cursor=c3&amp;back=0.c1.c2" rel="next"' in third
    assert 'href="?from=2026-01-01&amp;cursor=c1&amp;back=0" rel="prev"' in third


def test_sign_in_keeps_the_token_in_a_strict_http_only_cookie_and_goes_only_to_this_site() -> None:
    with console(lambda _r: httpx.Response(404)) as client:
        response = client.post(
            "/sign-in",
            content=f"token={practice_token()}&next=//evil.example/",
            headers={"content-type": "application/x-www-form-urlencoded"},
            follow_redirects=False,
        )
        refused = client.post("/sign-in", content="token=not-a-jwt", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/practice/expected"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert refused.status_code == 400


def test_every_page_forbids_other_origins_by_its_content_security_policy() -> None:
    with console(lambda _r: httpx.Response(404)) as client:
        policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy


def test_production_refuses_the_development_token_sign_in() -> None:
    assert Settings(environment="production").production_problems()
    assert Settings(environment="production", token_sign_in=False).production_problems() == []


def test_months_and_quarters_count_across_the_year_end() -> None:
    assert shift_month("2026-12", 1) == "2027-01"
    assert shift_month("2026-01", -2) == "2025-11"
    assert months_from("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert months_from("2026-12", "2026-11") == []
    assert quarter("2026-Q3") == "July to September 2026"
    assert quarter("2026-Q5") == "2026-Q5"
    assert last_ended_quarter(date(2026, 12, 1)) == "2026-Q3"
    assert last_ended_quarter(date(2027, 2, 28)) == "2026-Q4"
    assert shift_quarter("2026-Q1", -1) == "2025-Q4"


def test_a_span_of_months_defaults_from_this_month_and_is_held_to_a_year() -> None:
    assert span(None, None, (-5, 0), "2026-12") == ("2026-07", "2026-12")
    assert span("2026-01", None, (-5, 0), "2026-12") == ("2026-01", "2026-12")
    with pytest.raises(UpstreamFailed):
        span("2025-01", "2026-12", (-5, 0), "2026-12")
    with pytest.raises(UpstreamFailed):
        span("2026-12", "2026-11", (-5, 0), "2026-12")


def test_income_by_contract_sums_each_month_and_leaves_the_unknown_blank() -> None:
    items: list[dict[str, Any]] = [
        {"contract_id": "gms", "period": "2026-10", "amount_pence": 100},
        {"contract_id": "gms", "period": "2026-10", "amount_pence": 50},
        {"contract_id": "hub", "period": "2026-11", "amount_pence": None},
    ]
    income = monthly_income(items)
    assert income.months == ["2026-10", "2026-11"]
    assert income.pence == {"gms": [150, None], "hub": [None, None]}
    assert income.totals() == [150, 0]
    assert income.chart()["datasets"][0] == {"label": "gms", "data": [1.5, None]}
    assert income.chart()["stacked"] is True


def test_a_hubs_months_are_its_figures_side_by_side_with_months_not_distributed_blank() -> None:
    lines = [
        {"period": "2026-09", "income_pence": 1000, "costs_pence": 1500, "retained_pence": -50,
         "distributed_pence": -450, "loss_making": True},
        {"period": "2026-10", "income_pence": 2000, "costs_pence": 500, "retained_pence": 150,
         "distributed_pence": 1350, "loss_making": False},
    ]  # fmt: skip
    figures = hub_months(lines, ["2026-09", "2026-10", "2026-11"])
    assert figures.series == ["Income", "Costs", "Retained", "Distributed"]
    assert figures.pence["Costs"] == [1500, 500, None]
    assert figures.chart()["stacked"] is False
    assert hub_totals(lines) == {
        "income_pence": 3000,
        "costs_pence": 2000,
        "profit_pence": 1000,
        "loss_making_periods": ["2026-09"],
    }


def test_each_practices_share_is_its_line_in_the_standing_distribution() -> None:
    periods: list[dict[str, Any]] = [
        {"period": "2026-10", "distributions": [
            {"latest": False, "lines": [{"practice_ods": "A81001", "total_pence": 10}]},
            {"latest": True, "lines": [{"practice_ods": "A81001", "total_pence": 12}]},
        ]},
        {"period": "2026-11", "distributions": []},
    ]  # fmt: skip
    assert practice_shares(periods) == [
        {"practice_ods": "A81001", "total_pence": 12, "period": "2026-10"}
    ]


def test_spend_is_the_commissioners_own_postings_by_contract_kind() -> None:
    lines = [
        {"account": "commissioner:03R", "contract_id": "c1", "period": "2026-10",
         "amount_pence": -1000},
        {"account": "commissioner:03R", "contract_id": "c2", "period": "2026-10",
         "amount_pence": 300},  # a recovery
        {"account": "commissioner:03R", "contract_id": "c9", "period": "2026-11",
         "amount_pence": -5},
        {"account": "provider:P83001", "contract_id": "c1", "period": "2026-10",
         "amount_pence": 1000},
    ]  # fmt: skip
    spend = spend_by_kind(lines, {"c1": "GMS", "c2": "LES"}, ["2026-10", "2026-11"], "03R")
    assert spend.pence == {"GMS": [1000, None], "LES": [-300, None], "Other": [None, 5]}


def test_what_a_payment_waits_for_is_said_in_words() -> None:
    assert waits_for("waiting: period_not_closed: not closed 2026-11") == (
        "Waiting for the federation to close the month (not closed 2026-11)"
    )
    assert waits_for("restatement: varied") == "To be restated: varied"
    assert waits_for("something else") == "something else"


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("practice", "/federation/hubs"),
        ("federation", "/commissioner/spend"),
        ("commissioner", "/governance/compliance"),
        ("governance", "/practice/expected"),
    ],
)
def test_another_roles_page_is_a_403_page_and_the_home_page_lists_ones_own(
    role: str, path: str
) -> None:
    def never(_request: httpx.Request) -> httpx.Response:
        raise AssertionError("no service is called for another role's page")

    with console(never) as client:
        client.cookies.set("gpfed_token", mint_token(ServiceSettings(), role=role, org="02W"))
        refused = client.get(path)
        home = client.get("/")
    assert refused.status_code == 403 and "You do not have access" in refused.text
    assert 'id="your-pages"' in home.text and path not in home.text


def _commissioner_token() -> str:
    return mint_token(ServiceSettings(), role="commissioner", org="02W")


def test_decisions_pending_are_one_read_of_the_held_changes_not_one_per_contract() -> None:
    paths: list[str] = []

    def services(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        if request.url.path == "/changes":
            assert request.url.params["status"] == "awaiting_decision"
            change = {
                "contract_id": "c1",
                "kind": "variation",
                "number": 2,
                "effective_from": "2026-10-01",
                "reason": "uplift",
                "committee_id": "pccc-02w",
            }
            return httpx.Response(200, json={"items": [change]})
        status = request.url.params["status"]
        contracts = {"active": [{"id": "c1", "kind": "HUB", "service": "extended access"}]}
        return httpx.Response(200, json={"items": contracts.get(status, [])})

    with console(services) as client:
        client.cookies.set("gpfed_token", _commissioner_token())
        page = client.get("/commissioner/decisions")
    assert page.status_code == 200, page.text
    assert sorted(paths) == ["/changes", "/contracts", "/contracts"]
    assert "Variation 2" in page.text and "(HUB, extended access)" in page.text


def test_a_commissioner_chooses_a_scheme_from_its_list() -> None:
    listed = {
        "scheme_id": "sch-1",
        "commissioner_ods": "02W",
        "kind": "LIS",
        "name": "Network outcomes",
        "year": "2026/27",
        "enrolled": 3,
        "revision": 4,
    }

    def contracts(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/schemes"
        return httpx.Response(200, json={"items": [listed]})

    with console(contracts) as client:
        client.cookies.set("gpfed_token", _commissioner_token())
        page = client.get("/commissioner/schemes")
        chosen = client.get("/commissioner/schemes?scheme=sch-1", follow_redirects=False)
    assert page.status_code == 200, page.text
    assert 'href="/commissioner/schemes/sch-1">Network outcomes</a>' in page.text
    assert chosen.headers["location"] == "/commissioner/schemes/sch-1"
