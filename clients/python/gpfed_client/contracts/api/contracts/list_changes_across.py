from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_changes_across_status_type_0 import ListChangesAcrossStatusType0
from ...models.page_change_out import PageChangeOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    commissioner_ods: None | str | Unset = UNSET,
    provider_ods: None | str | Unset = UNSET,
    status: ListChangesAcrossStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_commissioner_ods: None | str | Unset
    if isinstance(commissioner_ods, Unset):
        json_commissioner_ods = UNSET
    else:
        json_commissioner_ods = commissioner_ods
    params["commissioner_ods"] = json_commissioner_ods

    json_provider_ods: None | str | Unset
    if isinstance(provider_ods, Unset):
        json_provider_ods = UNSET
    else:
        json_provider_ods = provider_ods
    params["provider_ods"] = json_provider_ods

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListChangesAcrossStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/changes",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageChangeOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageChangeOut.from_dict(response.json())

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
) -> Response[PageChangeOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    commissioner_ods: None | str | Unset = UNSET,
    provider_ods: None | str | Unset = UNSET,
    status: ListChangesAcrossStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageChangeOut | Problem]:
    """Held changes across the contracts the caller may see, oldest first

    Args:
        commissioner_ods (None | str | Unset):
        provider_ods (None | str | Unset):
        status (ListChangesAcrossStatusType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageChangeOut | Problem]
    """

    kwargs = _get_kwargs(
        commissioner_ods=commissioner_ods,
        provider_ods=provider_ods,
        status=status,
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
    commissioner_ods: None | str | Unset = UNSET,
    provider_ods: None | str | Unset = UNSET,
    status: ListChangesAcrossStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageChangeOut | Problem | None:
    """Held changes across the contracts the caller may see, oldest first

    Args:
        commissioner_ods (None | str | Unset):
        provider_ods (None | str | Unset):
        status (ListChangesAcrossStatusType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageChangeOut | Problem
    """

    return sync_detailed(
        client=client,
        commissioner_ods=commissioner_ods,
        provider_ods=provider_ods,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    commissioner_ods: None | str | Unset = UNSET,
    provider_ods: None | str | Unset = UNSET,
    status: ListChangesAcrossStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageChangeOut | Problem]:
    """Held changes across the contracts the caller may see, oldest first

    Args:
        commissioner_ods (None | str | Unset):
        provider_ods (None | str | Unset):
        status (ListChangesAcrossStatusType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageChangeOut | Problem]
    """

    kwargs = _get_kwargs(
        commissioner_ods=commissioner_ods,
        provider_ods=provider_ods,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    commissioner_ods: None | str | Unset = UNSET,
    provider_ods: None | str | Unset = UNSET,
    status: ListChangesAcrossStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageChangeOut | Problem | None:
    """Held changes across the contracts the caller may see, oldest first

    Args:
        commissioner_ods (None | str | Unset):
        provider_ods (None | str | Unset):
        status (ListChangesAcrossStatusType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageChangeOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            commissioner_ods=commissioner_ods,
            provider_ods=provider_ods,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
