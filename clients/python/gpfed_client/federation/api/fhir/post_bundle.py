from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bundle import Bundle
from ...models.post_bundle_response_200 import PostBundleResponse200
from ...models.post_bundle_response_400 import PostBundleResponse400
from ...models.post_bundle_response_415 import PostBundleResponse415
from ...models.post_bundle_response_422 import PostBundleResponse422
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: Bundle | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/fhir/Bundle",
    }

    if isinstance(body, Bundle):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/fhir+json"
    if isinstance(body, Bundle):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    PostBundleResponse200
    | PostBundleResponse400
    | PostBundleResponse415
    | PostBundleResponse422
    | Problem
    | None
):
    if response.status_code == 200:
        response_200 = PostBundleResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = PostBundleResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = PostBundleResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = PostBundleResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    PostBundleResponse200
    | PostBundleResponse400
    | PostBundleResponse415
    | PostBundleResponse422
    | Problem
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Bundle | Unset = UNSET,
) -> Response[
    PostBundleResponse200
    | PostBundleResponse400
    | PostBundleResponse415
    | PostBundleResponse422
    | Problem
]:
    """Post Bundle

    Args:
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostBundleResponse200 | PostBundleResponse400 | PostBundleResponse415 | PostBundleResponse422 | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: Bundle | Unset = UNSET,
) -> (
    PostBundleResponse200
    | PostBundleResponse400
    | PostBundleResponse415
    | PostBundleResponse422
    | Problem
    | None
):
    """Post Bundle

    Args:
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostBundleResponse200 | PostBundleResponse400 | PostBundleResponse415 | PostBundleResponse422 | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Bundle | Unset = UNSET,
) -> Response[
    PostBundleResponse200
    | PostBundleResponse400
    | PostBundleResponse415
    | PostBundleResponse422
    | Problem
]:
    """Post Bundle

    Args:
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PostBundleResponse200 | PostBundleResponse400 | PostBundleResponse415 | PostBundleResponse422 | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Bundle | Unset = UNSET,
) -> (
    PostBundleResponse200
    | PostBundleResponse400
    | PostBundleResponse415
    | PostBundleResponse422
    | Problem
    | None
):
    """Post Bundle

    Args:
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.
        body (Bundle): A Bundle of any entries: each is read on its own, so one bad Encounter is
            one entry.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PostBundleResponse200 | PostBundleResponse400 | PostBundleResponse415 | PostBundleResponse422 | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
