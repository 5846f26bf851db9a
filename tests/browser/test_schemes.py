"""Issue 20 point 4: a scheme's position (paid up front, held back, released, recovered, and
why) and each year's gain share, for the commissioner (every practice, every alliance) and the
federation (the practices on its hubs, its own alliance), from the story in
tests/browser/worlds.py (``seed_schemes``); a practice is refused them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.charts import assert_chart_matches_table
from tests.browser.conftest import Recorded
from tests.browser.stack import Stack
from tests.browser.test_roles import as_role
from tests.browser.worlds import (
    FEDERATION,
    PRACTICE,
    SCHEME,
    SCHEME_COMMISSIONER,
    SCHEME_FEDERATION,
    SCHEME_PRACTICES,
)

HELD_BACK_WHY = "held back: M85003 missed standard AF-2 in network North"


@pytest.mark.usefixtures("schemes")
def test_a_commissioner_sees_each_practices_position_and_why_and_each_years_gain_share(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    as_role(page.context, stack, "commissioner", SCHEME_COMMISSIONER)
    page.goto("/")
    page.locator("#your-pages").get_by_role("link", name="Incentive schemes").click()
    page.get_by_label("Scheme id").fill(SCHEME)
    page.get_by_role("button", name="Show the position").click()
    expect(page).to_have_url(f"{stack.console}/commissioner/schemes/{SCHEME}")
    expect(page.locator("h1")).to_contain_text("Network outcomes 2025/26")
    columns = assert_chart_matches_table(page, "position")
    assert columns["Practice"] == SCHEME_PRACTICES
    assert columns["Paid up front"] == ["£7,000.00"] * 3
    assert columns["Held back"] == ["£3,000.00"] * 3
    assert columns["Released"] == ["£0.00"] * 3
    assert columns["Recovered"] == ["£0.00", "£0.00", "£7,000.00"]
    assert columns["Net paid"] == ["£7,000.00", "£7,000.00", "£0.00"]
    assert all(why.startswith(HELD_BACK_WHY) for why in columns["Why"])
    assert columns["Why"][2].endswith("recovered: standard AF-2 missed (all or nothing)")
    totals = page.locator("#position-totals")
    expect(totals.locator("div").filter(has_text="Paid up front")).to_contain_text("£21,000.00")
    expect(totals.locator("div").filter(has_text="Net paid")).to_contain_text("£14,000.00")

    page.goto("/")
    page.locator("#your-pages").get_by_role("link", name="Gain shares").click()
    expect(page.locator("main h2")).to_have_text(["2025/26 dermatology"])
    alliances = page.locator("#gain-share-1-table tbody tr")
    expect(alliances).to_have_count(2)
    expect(alliances.filter(has_text=SCHEME_FEDERATION)).to_contain_text("£60,000.00")
    expect(alliances.filter(has_text=SCHEME_FEDERATION)).to_contain_text("£17,500.00")
    tiers = page.locator(f"#gain-share-1-{SCHEME_FEDERATION}-tiers-table tbody tr")
    expect(tiers.nth(0)).to_contain_text("£12,500.00")
    expect(tiers.nth(1)).to_contain_text("50%")
    expect(page.locator(f"#gain-share-1-{FEDERATION}-tiers-table")).to_be_visible()
    assert requests.foreign(stack.console) == []


@pytest.mark.usefixtures("schemes")
def test_a_federation_sees_only_its_hubs_practices_and_its_own_alliance(
    page: Page, stack: Stack, requests: Recorded
) -> None:
    as_role(page.context, stack, "federation", SCHEME_FEDERATION)
    page.goto(f"/federation/schemes?scheme={SCHEME}")
    columns = assert_chart_matches_table(page, "position")
    assert columns["Practice"] == SCHEME_PRACTICES[:2]
    assert columns["Net paid"] == ["£7,000.00"] * 2
    expect(page.locator("#position-table")).to_contain_text(HELD_BACK_WHY)
    page.goto("/")
    page.locator("#your-pages").get_by_role("link", name="Gain share").click()
    alliances = page.locator("#gain-share-1-table tbody tr")
    expect(alliances).to_have_count(1)
    expect(alliances).to_contain_text("£17,500.00")
    expect(page.locator(f"#gain-share-1-{FEDERATION}-tiers-table")).to_have_count(0)
    assert requests.foreign(stack.console) == []


@pytest.mark.usefixtures("schemes")
def test_a_practice_is_refused_the_scheme_and_gain_share_pages(page: Page, stack: Stack) -> None:
    as_role(page.context, stack, "practice", PRACTICE)
    for path in (f"/commissioner/schemes/{SCHEME}", "/commissioner/gain-shares",
                 f"/federation/schemes/{SCHEME}", "/federation/gain-shares"):  # fmt: skip
        response = page.goto(path)
        assert response is not None and response.status == 403, path
        expect(page.locator("main")).to_contain_text("These pages are for")
