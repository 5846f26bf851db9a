"""Every service serves its API reference itself: ``/docs`` names no other host, and every
asset it loads is served by the service, so the page works offline (shared/apidocs.py)."""

from __future__ import annotations

import re

import httpx
import pytest

from gpfed.services import SERVICES

#: Where the page loads something from: a stylesheet or icon link, a script, the document.
_REFERENCED = re.compile(r"""(?:href|src)="([^"]+)"|url: '([^']+)'""")
TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".json": "application/json",
}


async def _get(service: str, path: str) -> httpx.Response:
    spec = SERVICES[service]
    app = spec.create_app(spec.settings(database_url="sqlite+aiosqlite://", bus_enabled=False))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path)


@pytest.mark.parametrize("service", sorted(SERVICES))
async def test_the_docs_page_names_no_other_host_and_the_service_serves_every_asset(
    service: str,
) -> None:
    page = await _get(service, "/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert re.findall(r"https?://", page.text) == []
    referenced = [a or b for a, b in _REFERENCED.findall(page.text)]
    assert sorted(referenced) == [
        "/docs/assets/favicon-32x32.png",
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
        "/openapi.json",
    ]
    for path in referenced:
        asset = await _get(service, path)
        assert asset.status_code == 200, path
        kind = TYPES[path[path.rindex(".") :]]
        assert asset.headers["content-type"].split(";")[0] == kind, path


@pytest.mark.parametrize("service", sorted(SERVICES))
async def test_redoc_is_not_served_and_the_oauth2_redirect_page_is(service: str) -> None:
    assert (await _get(service, "/redoc")).status_code == 404
    redirect = await _get(service, "/docs/oauth2-redirect")
    assert redirect.status_code == 200
    assert re.findall(r"https?://", redirect.text) == []
