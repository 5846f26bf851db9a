import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accounts_out import AccountsOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ods: str,
    *,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

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
        "url": "/accounts/{ods}".format(
            ods=quote(str(ods), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccountsOut | Problem | None:
    if response.status_code == 200:
        response_200 = AccountsOut.from_dict(response.json())

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
) -> Response[AccountsOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ods: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[AccountsOut | Problem]:
    """Balances and postings

     The organisation's own accounts, or, for a related party, the postings of its own
    contracts or hubs and balances over those alone (docs/security.md).

    Args:
        ods (str):
        as_of (datetime.date | None | Unset): Balances at the end of this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountsOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        as_of=as_of,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ods: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> AccountsOut | Problem | None:
    """Balances and postings

     The organisation's own accounts, or, for a related party, the postings of its own
    contracts or hubs and balances over those alone (docs/security.md).

    Args:
        ods (str):
        as_of (datetime.date | None | Unset): Balances at the end of this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountsOut | Problem
    """

    return sync_detailed(
        ods=ods,
        client=client,
        as_of=as_of,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    ods: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[AccountsOut | Problem]:
    """Balances and postings

     The organisation's own accounts, or, for a related party, the postings of its own
    contracts or hubs and balances over those alone (docs/security.md).

    Args:
        ods (str):
        as_of (datetime.date | None | Unset): Balances at the end of this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountsOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        as_of=as_of,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ods: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> AccountsOut | Problem | None:
    """Balances and postings

     The organisation's own accounts, or, for a related party, the postings of its own
    contracts or hubs and balances over those alone (docs/security.md).

    Args:
        ods (str):
        as_of (datetime.date | None | Unset): Balances at the end of this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountsOut | Problem
    """

    return (
        await asyncio_detailed(
            ods=ods,
            client=client,
            as_of=as_of,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
