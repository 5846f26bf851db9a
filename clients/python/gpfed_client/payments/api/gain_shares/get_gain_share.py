from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.gain_share_out import GainShareOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    gain_share_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/gain-shares/{gain_share_id}".format(
            gain_share_id=quote(str(gain_share_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GainShareOut | Problem | None:
    if response.status_code == 200:
        response_200 = GainShareOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

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
) -> Response[GainShareOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    gain_share_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[GainShareOut | Problem]:
    """A gain share year

     Every alliance for its commissioner and ops; a federation it names sees its own alone.

    Args:
        gain_share_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GainShareOut | Problem]
    """

    kwargs = _get_kwargs(
        gain_share_id=gain_share_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    gain_share_id: str,
    *,
    client: AuthenticatedClient,
) -> GainShareOut | Problem | None:
    """A gain share year

     Every alliance for its commissioner and ops; a federation it names sees its own alone.

    Args:
        gain_share_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GainShareOut | Problem
    """

    return sync_detailed(
        gain_share_id=gain_share_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    gain_share_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[GainShareOut | Problem]:
    """A gain share year

     Every alliance for its commissioner and ops; a federation it names sees its own alone.

    Args:
        gain_share_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GainShareOut | Problem]
    """

    kwargs = _get_kwargs(
        gain_share_id=gain_share_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    gain_share_id: str,
    *,
    client: AuthenticatedClient,
) -> GainShareOut | Problem | None:
    """A gain share year

     Every alliance for its commissioner and ops; a federation it names sees its own alone.

    Args:
        gain_share_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GainShareOut | Problem
    """

    return (
        await asyncio_detailed(
            gain_share_id=gain_share_id,
            client=client,
        )
    ).parsed
