"""The README's screenshots of the console: ``.venv/bin/python -m tests.browser.screenshots``.

Runs the browser tests' stack on databases of its own (``gpfed_screenshots_<service>`` on the
test server, ``GPFED_TEST_DATABASE_URL``), seeded as the tests seed them, and writes
``docs/img/console-*.png``."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from sqlalchemy.engine import make_url

from gpfed.services import SERVICES
from shared.migrations import upgrade
from tests.browser import worlds
from tests.browser.conftest import CHROMIUM
from tests.browser.stack import SERVICES as USED
from tests.browser.stack import running_stack
from tests.browser.worlds import CCG, FEDERATION, HUB, PRACTICE
from tests.conftest import database_url, recreate_databases

OUT = Path(__file__).resolve().parents[2] / "docs" / "img"
SHOTS = {
    "console-register.png": (None, "", f"/registers/{CCG}/interests"),
    "console-expected-payments.png": (
        "practice", PRACTICE, f"/practice/expected?from={worlds.month(-2)}&to={worlds.month(0)}",
    ),
    "console-federation-hub.png": ("federation", FEDERATION, f"/federation/hubs/{HUB}"),
}  # fmt: skip


def main() -> int:
    urls = {service: database_url(f"gpfed_screenshots_{service}") for service in USED}
    asyncio.run(recreate_databases([make_url(u).database or "" for u in urls.values()]))
    for service, url in urls.items():
        upgrade(SERVICES[service].migrations, url)
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as logs,
        running_stack(urls, Path(logs)) as stack,
        stack.serve("conflicts") as conflicts,
        stack.serve("payments") as payments,
        stack.serve("federation") as federation,
        sync_playwright() as p,
    ):
        worlds.seed_conflicts(urls["conflicts"], conflicts)
        worlds.seed_payments(urls["payments"], payments)
        worlds.seed_federation(urls["federation"], federation)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for file, (role, org, path) in SHOTS.items():
            context = browser.new_context(
                base_url=stack.console, viewport={"width": 1200, "height": 900}, locale="en-GB"
            )
            if role is not None:
                context.add_cookies(
                    [{"name": "gpfed_token", "value": stack.token(role, org),
                      "url": stack.console}]
                )  # fmt: skip
            page = context.new_page()
            page.goto(path, wait_until="networkidle")
            page.screenshot(path=str(OUT / file), full_page=False)
            context.close()
            print(f"wrote docs/img/{file}", file=sys.stderr)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
