"""Signed in as a federation, a commissioner and governance staff: each role's pages, from the
services seeded in tests/browser/worlds.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from services.console.formats import month as month_name
from services.console.formats import quarter
from tests.browser.charts import assert_chart_matches_table
from tests.browser.conftest import Recorded
from tests.browser.stack import Stack
from tests.browser.worlds import (
    CCG,
    COMMISSIONER,
    FEDERATION,
    HUB,
    OVERDUE,
    SIGNATORY,
    last_ended_quarter,
    month,
)


def as_role(context: BrowserContext, stack: Stack, role: str, org: str) -> None:
    context.add_cookies(
        [{"name": "gpfed_token", "value": stack.token(role, org), "url": stack.console}]
    )


@pytest.mark.usefixtures("federation")
def test_a_federation_sees_its_hub_by_month_with_the_loss_flagged_and_each_share(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    as_role(page.context, stack, "federation", FEDERATION)
    page.goto("/")
    page.locator("#your-pages").get_by_role("link", name="Hubs").click()
    hubs = page.locator("#hubs-table tbody tr")
    expect(hubs).to_have_count(1)
    expect(hubs).to_contain_text("Loss-making")
    expect(hubs).to_contain_text(month_name(month(-2)))
    page.get_by_role("link", name="community dermatology hub").click()
    expect(page.locator("h1")).to_contain_text(HUB)
    columns = assert_chart_matches_table(page, "hub")
    at = {name: i for i, name in enumerate(columns["Month"])}
    profit, loss, open_ = (
        at[month_name(month(-3))],
        at[month_name(month(-2))],
        at[month_name(month(-1))],
    )
    assert columns["Income"][profit] == "£2,580.00"
    assert columns["Profit or loss"][profit] == "Profit £1,345.00"
    assert columns["Profit or loss"][loss] == "Loss-making lost £400.00"
    assert columns["Profit or loss"][open_] == "Not distributed yet"
    assert columns["Close status"][loss] == "Closed"
    assert columns["Close status"][open_] == "Open"
    share_columns = page.locator("#shares-table thead th").all_inner_texts()
    assert share_columns == ["Month", "B86001", "C83003", "Total"]
    expect(page.locator("#shares-table tbody tr").nth(at[month_name(month(-2))])).to_contain_text(
        "-£200.00"
    )
    assert requests.foreign(stack.console) == []


@pytest.mark.usefixtures("commissioning")
def test_a_commissioner_sees_its_runs_what_waits_its_spend_and_decisions_pending(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    as_role(page.context, stack, "commissioner", COMMISSIONER)
    page.goto("/commissioner/payment-runs")
    runs = page.locator("#runs-table tbody tr")
    expect(runs).to_have_count(2)
    expect(runs.first).to_contain_text(month_name(month(-1)))
    pending = page.locator("#pending-table tbody tr")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text("Waiting for the federation to close the month")
    expect(pending).to_contain_text("HUB, community dermatology")

    page.goto(f"/commissioner/spend?from={month(-2)}&to={month(-1)}")
    columns = assert_chart_matches_table(page, "spend")
    # GMS £1,000.00 a month; the hub's month two months ago, paid at tariff.
    assert columns["GMS"] == ["£1,000.00", "£1,000.00"]
    assert columns["HUB"] == ["£1,900.00", ""]
    assert columns["Total"] == ["£2,900.00", "£1,000.00"]

    page.goto("/commissioner/decisions")
    proposed = page.locator("#proposed-table tbody tr")
    expect(proposed).to_have_count(1)
    expect(proposed).to_contain_text("phlebotomy")
    expect(proposed).to_contain_text("A decision of committee pccc-03r")
    assert requests.foreign(stack.console) == []


@pytest.mark.usefixtures("conflicts")
def test_governance_sees_who_is_overdue_and_the_quarters_return(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    as_role(page.context, stack, "governance", CCG)
    page.goto("/governance/compliance")
    overdue = page.locator("#overdue-table tbody th").all_inner_texts()
    assert set(OVERDUE) <= set(overdue)
    expect(page.locator("#overdue-table tbody tr").filter(has_text=OVERDUE[0])).to_contain_text(
        "appointment"
    )

    page.goto("/governance/self-certification")
    latest = last_ended_quarter()
    expect(page.locator("h1")).to_contain_text(quarter(latest))
    expect(page.locator("#return-summary")).to_contain_text("Not signed off")
    expect(page.locator("#return-summary")).to_contain_text("criteria met")
    expect(page.locator("main h2")).to_have_count(6)
    expect(page.locator("main")).to_contain_text("Registers current")
    page.get_by_label("Quarter").select_option(last_ended_quarter(1))
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#return-summary")).to_contain_text(f"Signed off by {SIGNATORY}")
    assert requests.foreign(stack.console) == []
