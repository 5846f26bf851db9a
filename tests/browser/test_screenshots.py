"""The README's screenshots, written by the browser run itself to ``docs/screenshots/`` (so
they always show the console as it is): a public register, a practice's expected payments and a
federation's hub by month, each page first checked to have rendered its data."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import sign_in_as
from tests.browser.stack import Stack
from tests.browser.worlds import CCG, FEDERATION, HUB, PRACTICE, month

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
#: File, role (None: signed out), organisation, page, and a selector that holds its data.
SHOTS = [
    ("console-register.png", None, "", f"/registers/{CCG}/interests", "main table tbody tr"),
    ("console-expected-payments.png", "practice", PRACTICE,
     f"/practice/expected?from={month(-2)}&to={month(0)}", "#expected-table tbody tr"),
    ("console-federation-hub.png", "federation", FEDERATION, f"/federation/hubs/{HUB}",
     "main table tbody tr"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "role", "org", "path", "data"), SHOTS)
def test_each_readme_screenshot_is_taken_of_a_page_showing_its_data(
    browser: Browser,
    stack: Stack,
    request: pytest.FixtureRequest,
    file: str,
    role: str | None,
    org: str,
    path: str,
    data: str,
) -> None:
    context = browser.new_context(
        base_url=stack.console, viewport={"width": 1200, "height": 900}, locale="en-GB"
    )
    try:
        page = context.new_page()
        sign_in_as(page, stack, role, org, request)
        response = page.goto(path, wait_until="networkidle")
        assert response is not None and response.status == 200
        expect(page.locator(data).first).to_be_visible()
        OUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT / file), full_page=False)
        assert (OUT / file).stat().st_size > 10_000  # a rendered page, not a blank one
    finally:
        context.close()
