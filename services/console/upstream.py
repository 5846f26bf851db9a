"""Calls to the four services with the signed-in user's token, and what their failures mean
for a page: 401 sends the user to sign in, anything else is a page that says what went wrong."""

from __future__ import annotations

from typing import Any, Literal

import httpx

from services.console.settings import Settings
from shared.observability import get_logger

log = get_logger(__name__)

Service = Literal["contracts", "payments", "federation", "conflicts"]


class SignInNeeded(Exception):
    """The service refused the token (or there was none): the user signs in again."""


class UpstreamFailed(Exception):
    """A service refused or failed: the page shows ``message`` with ``status``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


#: What a person is told for a service's refusal; its own detail is added when it gives one.
MEANING = {
    403: "You do not have access to this page.",
    404: "Page not found.",
    409: "That cannot be done now.",
    422: "Some of what was asked for is not valid.",
}


class Upstream:
    """One client for the life of the app (connection pooling), closed on shutdown."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        self.urls: dict[Service, str] = {
            "contracts": settings.contracts_url,
            "payments": settings.payments_url,
            "federation": settings.federation_url,
            "conflicts": settings.conflicts_url,
        }
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.upstream_timeout_seconds), transport=transport
        )

    async def close(self) -> None:
        await self.client.aclose()

    async def get(
        self,
        service: Service,
        path: str,
        *,
        token: str | None = None,
        params: dict[str, Any] | None = None,
        request_id: str | None = None,
    ) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        if request_id:
            headers["x-request-id"] = request_id
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = await self.client.get(
                self.urls[service] + path, params=query, headers=headers
            )
        except httpx.TimeoutException as exc:
            log.warning("upstream timed out", service=service, path=path)
            raise UpstreamFailed(504, f"The {service} service took too long to answer.") from exc
        except httpx.HTTPError as exc:
            log.warning("upstream unreachable", service=service, path=path, error=repr(exc))
            raise UpstreamFailed(503, f"The {service} service is not available.") from exc
        if response.status_code == 401:
            raise SignInNeeded()
        if response.status_code >= 500:
            log.warning("upstream failed", service=service, path=path, status=response.status_code)
            raise UpstreamFailed(502, f"The {service} service could not answer. Try again later.")
        if response.status_code >= 400:
            raise UpstreamFailed(response.status_code, _refusal(response))
        return response

    async def json(self, service: Service, path: str, **kwargs: Any) -> Any:
        return (await self.get(service, path, **kwargs)).json()


def _refusal(response: httpx.Response) -> str:
    meaning = MEANING.get(response.status_code, "The request was refused.")
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = None
    return f"{meaning} {detail}" if isinstance(detail, str) and detail else meaning
