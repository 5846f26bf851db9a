from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_pending_out import PagePendingOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    period: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: None | str | Unset
    if isinstance(period, Unset):
        json_period = UNSET
    else:
        json_period = period
    params["period"] = json_period

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/payment-runs/pending",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PagePendingOut | Problem | None:
    if response.status_code == 200:
        response_200 = PagePendingOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PagePendingOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePendingOut | Problem]:
    """What the next payment run will restate or pay

     Restatements noted since a period was paid (a backdated variation or termination,
    restated activity, a corrected achievement, a backdated list size) and items that waited,
    oldest period first: the next payment run of the contract's commissioner, for any period
    from theirs on, settles them. A commissioner sees its own contracts'; ops all.

    Args:
        period (None | str | Unset): Up to this period
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePendingOut | Problem]
    """

    kwargs = _get_kwargs(
        period=period,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePendingOut | Problem | None:
    """What the next payment run will restate or pay

     Restatements noted since a period was paid (a backdated variation or termination,
    restated activity, a corrected achievement, a backdated list size) and items that waited,
    oldest period first: the next payment run of the contract's commissioner, for any period
    from theirs on, settles them. A commissioner sees its own contracts'; ops all.

    Args:
        period (None | str | Unset): Up to this period
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePendingOut | Problem
    """

    return sync_detailed(
        client=client,
        period=period,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePendingOut | Problem]:
    """What the next payment run will restate or pay

     Restatements noted since a period was paid (a backdated variation or termination,
    restated activity, a corrected achievement, a backdated list size) and items that waited,
    oldest period first: the next payment run of the contract's commissioner, for any period
    from theirs on, settles them. A commissioner sees its own contracts'; ops all.

    Args:
        period (None | str | Unset): Up to this period
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePendingOut | Problem]
    """

    kwargs = _get_kwargs(
        period=period,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    period: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePendingOut | Problem | None:
    """What the next payment run will restate or pay

     Restatements noted since a period was paid (a backdated variation or termination,
    restated activity, a corrected achievement, a backdated list size) and items that waited,
    oldest period first: the next payment run of the contract's commissioner, for any period
    from theirs on, settles them. A commissioner sees its own contracts'; ops all.

    Args:
        period (None | str | Unset): Up to this period
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePendingOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            period=period,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
