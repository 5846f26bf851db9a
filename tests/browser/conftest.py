"""Browser tests: Playwright for Python driving Debian's chromium (``.ci/run`` installs it with
apt-get; Playwright's own browser download is not used). One console, one browser and each
service a test needs, started once for the package and torn down after its last test: while
Playwright's sync API runs, this thread has a running event loop, which no other test may see.
The console starts before it; a service first needed later is seeded on a thread of its own
(``stack.run_async``). A fresh context (cookies, recorded requests) per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser import worlds
from tests.browser.stack import Stack, running_stack

CHROMIUM = os.environ.get("GPFED_TEST_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def stack(postgres: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(postgres, tmp_path_factory.mktemp("browser-logs")) as s:
        yield s


# Each service, started and seeded (tests/browser/worlds.py) the first time a test needs it.


@pytest.fixture(scope="package")
def conflicts(stack: Stack) -> Iterator[str]:
    with stack.serve("conflicts") as url:
        worlds.seed_conflicts(stack.databases["conflicts"], url)
        yield url


@pytest.fixture(scope="package")
def payments(stack: Stack) -> Iterator[str]:
    with stack.serve("payments") as url:
        worlds.seed_payments(stack.databases["payments"], url)
        yield url


@pytest.fixture(scope="package")
def contracts(stack: Stack) -> Iterator[str]:
    with stack.serve("contracts") as url:
        yield url


@pytest.fixture(scope="package")
def commissioning(stack: Stack, contracts: str, payments: str) -> None:
    """The commissioner pages' contracts (in contracts) and their runs (in payments)."""
    worlds.seed_commissioner(contracts, stack.databases["payments"], payments)


@pytest.fixture(scope="package")
def schemes(stack: Stack, contracts: str, payments: str) -> None:
    """01H's scheme year and gain share (in payments), for the scheme and gain-share pages, and
    01H in contracts' register (its scheme page lists its schemes from there)."""
    worlds.seed_schemes(stack.databases["payments"], payments)
    worlds.register_scheme_commissioner(contracts)


@pytest.fixture(scope="package")
def federation(stack: Stack) -> Iterator[str]:
    with stack.serve("federation") as url:
        worlds.seed_federation(stack.databases["federation"], url)
        yield url


#: What each role's pages need started, by fixture name.
NEEDS = {
    "practice": ["payments"],
    "federation": ["federation", "schemes"],
    "commissioner": ["commissioning", "schemes"],
    "governance": ["conflicts"],
    None: ["conflicts"],
}


@pytest.fixture(scope="package")
def playwright(stack: Stack) -> Iterator[Playwright]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("GPFED_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"chromium is required for the browser tests but {CHROMIUM} is missing")
        pytest.skip(f"no chromium at {CHROMIUM}")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # Root in a container has no user namespace for chromium's sandbox.
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    yield b
    b.close()


class Recorded:
    """Every URL the pages of a context asked for."""

    def __init__(self, context: BrowserContext) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, origin: str) -> list[str]:
        ours = urlsplit(origin)
        return [
            u
            for u in self.urls
            if not u.startswith(("data:", "blob:"))
            and (urlsplit(u).scheme, urlsplit(u).netloc) != (ours.scheme, ours.netloc)
        ]


@pytest.fixture
def context(browser: Browser, stack: Stack) -> Iterator[BrowserContext]:
    c = browser.new_context(base_url=stack.console, accept_downloads=True, locale="en-GB")
    c.set_default_timeout(10_000)
    yield c
    c.close()


@pytest.fixture
def requests(context: BrowserContext) -> Recorded:
    return Recorded(context)


@pytest.fixture
def page(context: BrowserContext, requests: Recorded) -> Page:
    return context.new_page()


def sign_in_as(
    page: Page, stack: Stack, role: str | None, org: str, request: pytest.FixtureRequest
) -> None:
    """Start what the role's pages need and give the page's context that role's token."""
    for fixture in NEEDS[role]:
        request.getfixturevalue(fixture)
    if role is not None:
        token = stack.token(role, org)
        page.context.add_cookies([{"name": "gpfed_token", "value": token, "url": stack.console}])
