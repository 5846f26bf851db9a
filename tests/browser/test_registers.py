"""The public registers in a browser: names, pounds, UK dates, paging both ways, filters and
the CSV, all from the console's own origin."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Recorded
from tests.browser.stack import Stack
from tests.browser.worlds import CCG, PEOPLE

pytestmark = pytest.mark.usefixtures("conflicts")
ROWS = "table.nhsuk-table tbody tr"


def test_a_register_longer_than_a_page_pages_forward_and_back_with_names(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    page.goto(f"/registers/{CCG}/interests")
    expect(page.locator("h1")).to_contain_text("Register of interests")
    first = page.locator(f"{ROWS} th").all_inner_texts()
    assert len(first) == 50 and all(re.fullmatch(r"Dr Person \d\d", n) for n in first)
    # UK dates, not ISO: "1 February 2026".
    started = page.locator(f"{ROWS} td:nth-child(6)").first
    expect(started).to_have_text(re.compile(r"^1 [A-Z][a-z]+ 202[56]$"))
    assert not page.get_by_role("link", name=re.compile("Previous")).count()

    page.get_by_role("link", name=re.compile("Next")).click()
    second = page.locator(f"{ROWS} th").all_inner_texts()
    assert len(second) == PEOPLE - 50 and not set(second) & set(first)
    page.get_by_role("link", name=re.compile("Previous")).click()
    assert page.locator(f"{ROWS} th").all_inner_texts() == first
    assert requests.foreign(stack.console) == []


def test_filters_narrow_the_register_by_person_and_date(page: Page) -> None:
    page.goto(f"/registers/{CCG}/interests")
    page.get_by_label("Person's name").fill("person 07")
    page.get_by_role("button", name="Filter").click()
    assert page.locator(f"{ROWS} th").all_inner_texts() == ["Dr Person 07"]

    page.goto(f"/registers/{CCG}/interests?from=2026-01-01&to=2026-12-31")
    dates = page.locator(f"{ROWS} td:nth-child(6)").all_inner_texts()
    assert dates and all(d.endswith("2026") for d in dates)


def test_gifts_show_pounds_and_the_csv_downloads_from_the_console(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    page.goto(f"/registers/{CCG}/gifts")
    expect(page.locator("table")).to_contain_text("£30.00")
    expect(page.locator("table")).to_contain_text("2 November 2026")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this page as CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()  # noqa: SIM115
    header, *lines = text.strip().splitlines()
    assert header.startswith("id,name,kind") and len(lines) == 3
    assert requests.foreign(stack.console) == []


def test_breaches_name_nobody(page: Page) -> None:
    page.goto(f"/registers/{CCG}/breaches")
    expect(page.locator("table")).to_contain_text("A declaration was made late")
    expect(page.locator("table")).to_contain_text("5 October 2026")
    expect(page.locator("table")).not_to_contain_text("Dr Person")
