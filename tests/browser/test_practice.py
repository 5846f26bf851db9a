"""Signed in as a practice, against the payments service seeded with events and a payment
run (tests/browser/worlds.py): expected payments with their statuses and the income chart, and
a printable remittance advice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from services.console.formats import month as month_name
from tests.browser.charts import assert_chart_matches_table
from tests.browser.conftest import Recorded
from tests.browser.stack import Stack
from tests.browser.worlds import ADMIN, PRACTICE, month

pytestmark = pytest.mark.usefixtures("payments")


def sign_in(page: Page, stack: Stack, role: str = "practice", org: str = PRACTICE) -> None:
    page.goto("/sign-in")
    page.get_by_label("Bearer token").fill(stack.token(role, org))
    page.get_by_role("button", name="Sign in").click()


def test_a_page_that_needs_a_token_sends_the_visitor_to_sign_in_and_back(
    page: Page, stack: Stack
) -> None:
    page.goto(f"/practice/statements?period={month(-2)}")
    assert page.url.endswith(f"/sign-in?next=%2Fpractice%2Fstatements%3Fperiod%3D{month(-2)}")
    page.get_by_label("Bearer token").fill(stack.token("practice", PRACTICE))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text(month_name(month(-2)))
    expect(page.locator("body")).to_contain_text(f"Signed in as practice for {PRACTICE}")
    cookie = next(c for c in page.context.cookies() if c["name"] == "gpfed_token")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"


def test_expected_payments_show_each_status_in_words_and_the_chart_renders(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    sign_in(page, stack)
    page.goto(f"/practice/expected?from={month(-2)}&to={month(0)}")
    rows = page.locator("#expected-table tbody tr")
    # GMS for each month; the hub share of each month, due the month after.
    expect(rows).to_have_count(6)
    statuses = page.locator("#expected-table tbody .nhsuk-tag").all_inner_texts()
    assert sorted(set(statuses)) == ["Due", "Late", "Paid", "Waiting"]
    waiting = rows.filter(has_text="Waiting").first
    expect(waiting).to_contain_text("hub-derm-1")
    expect(waiting).to_contain_text("Waiting for")
    expect(waiting).to_contain_text("Not known yet")
    expect(rows.filter(has_text="Late")).to_contain_text("£1,000.00")
    columns = assert_chart_matches_table(page, "income")
    # Two months ago: GMS £1,000.00 and the hub share, £877.50 of the remainder, £75.00 for
    # premises and £450.00 in clinician fees (services/payments/README.md, the hub rule).
    assert columns["Total"][0] == "£2,402.50"
    assert requests.foreign(stack.console) == []


def test_a_remittance_advice_prints_without_the_site_around_it(page: Page, stack: Stack) -> None:
    sign_in(page, stack)
    page.goto(f"/practice/statements?period={month(-2)}")
    expect(page.locator("main")).to_contain_text("£2,402.50")
    page.get_by_role("link", name="Remittance advice").first.click()
    expect(page.locator("h1")).to_have_text("Remittance advice")
    expect(page.locator("main")).to_contain_text(month_name(month(-2)))
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this remittance advice")).to_be_hidden()
    expect(page.locator("main table")).to_be_visible()


def test_a_service_refusal_is_a_page_with_its_status_not_a_traceback(
    page: Page, stack: Stack
) -> None:
    sign_in(page, stack, org="B99999")  # payments knows no such practice
    response = page.goto("/practice/expected")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("You do not have access")


def test_another_roles_page_is_the_consoles_403_page(page: Page, stack: Stack) -> None:
    sign_in(page, stack)
    for path in ("/federation/hubs", "/commissioner/spend", "/governance/compliance"):
        response = page.goto(path)
        assert response is not None and response.status == 403, path
        expect(page.locator("h1")).to_have_text("You do not have access")


def test_a_practice_cannot_open_another_practices_remittance(page: Page, stack: Stack) -> None:
    """Role scoping holds within a role: the console reads a practice's pages from its own
    token's organisation, so another practice's payment is simply not there."""
    sign_in(page, stack)
    page.goto(f"/practice/statements?period={month(-2)}")
    link = page.get_by_role("link", name="Remittance advice").first.get_attribute("href")
    assert link is not None and link.startswith(f"/practice/remittance/{month(-2)}/")
    page.context.clear_cookies()
    sign_in(page, stack, org=ADMIN)  # the hub's admin practice, paid from the same hub
    response = page.goto(link)
    assert response is not None and response.status == 404
    expect(page.locator("main")).not_to_contain_text("£2,402.50")
    expect(page.locator("main")).not_to_contain_text(PRACTICE)
