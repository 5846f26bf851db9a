"""Every page the console serves comes from its own origin, starts with a skip link that reaches
the main content by keyboard, and passes axe-core's WCAG 2.x A and AA rules."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Recorded, sign_in_as
from tests.browser.stack import Stack
from tests.browser.worlds import (
    CCG,
    COMMISSIONER,
    FEDERATION,
    HUB,
    PRACTICE,
    SCHEME,
    SCHEME_COMMISSIONER,
    SCHEME_FEDERATION,
    month,
)

#: The remittance page of the first payment two months ago, whose id the test looks up.
REMITTANCE = "remittance"
AXE = Path(__file__).parent / "axe" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Each set of pages: the role signed in (None: signed out), the organisation it acts for, and
#: its pages.
PAGES: dict[str, tuple[str | None, str, list[str]]] = {
    "signed out": (None, "", ["/", f"/registers/{CCG}/interests", f"/registers/{CCG}/gifts",
                              f"/registers/{CCG}/decisions", f"/registers/{CCG}/breaches",
                              "/sign-in"]),
    "practice": ("practice", PRACTICE, [f"/practice/expected?from={month(-2)}&to={month(0)}",
                                        f"/practice/statements?period={month(-2)}", REMITTANCE]),
    "federation": ("federation", FEDERATION, ["/federation/hubs", f"/federation/hubs/{HUB}"]),
    "federation schemes": ("federation", SCHEME_FEDERATION, [
        "/federation/schemes", f"/federation/schemes/{SCHEME}", "/federation/gain-shares"]),
    "commissioner": ("commissioner", COMMISSIONER, ["/commissioner/payment-runs",
                                                    "/commissioner/spend",
                                                    "/commissioner/decisions"]),
    "commissioner schemes": ("commissioner", SCHEME_COMMISSIONER, [
        "/commissioner/schemes", f"/commissioner/schemes/{SCHEME}",
        "/commissioner/gain-shares"]),
    "governance": ("governance", CCG, ["/", "/governance/compliance",
                                       "/governance/self-certification"]),
}  # fmt: skip
EVERY = [(name, path) for name, (_, _, paths) in PAGES.items() for path in paths]


def _path(path: str, stack: Stack) -> str:
    if path != REMITTANCE:
        return path
    statement = httpx.get(
        f"{stack.urls['payments']}/statements/{PRACTICE}/{month(-2)}",
        headers={"authorization": f"Bearer {stack.token('practice', PRACTICE)}"},
    ).json()
    return f"/practice/remittance/{month(-2)}/{statement['lines'][0]['transaction_id']}"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_request_from_every_page_stays_on_the_console_origin(
    page: Page, stack: Stack, requests: Recorded, name: str, request: pytest.FixtureRequest
) -> None:
    role, org, paths = PAGES[name]
    sign_in_as(page, stack, role, org, request)
    for path in paths:
        response = page.goto(_path(path, stack), wait_until="networkidle")
        assert response is not None and response.status == 200, path
    assert len(requests.urls) > len(paths)  # assets too
    assert requests.foreign(stack.console) == []


@pytest.mark.usefixtures("conflicts")
def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page: Page) -> None:
    page.goto(f"/registers/{CCG}/interests")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main#maincontent")).to_be_focused()


@pytest.mark.parametrize(("name", "path"), EVERY)
def test_axe_finds_no_wcag_a_or_aa_violation(
    browser: Browser, stack: Stack, name: str, path: str, request: pytest.FixtureRequest
) -> None:
    role, org, _ = PAGES[name]
    # axe is injected by the test: bypass_csp lets it in past the console's script-src 'self'.
    context = browser.new_context(base_url=stack.console, bypass_csp=True)
    try:
        page = context.new_page()
        sign_in_as(page, stack, role, org, request)
        page.goto(_path(path, stack), wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))",
            WCAG,
        )
        assert violations == [], violations
    finally:
        context.close()
