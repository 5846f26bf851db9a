from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_statement_format_type_0 import GetStatementFormatType0
from ...models.problem import Problem
from ...models.statement_out import StatementOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ods: str,
    period: str,
    *,
    format_: GetStatementFormatType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, GetStatementFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

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
        "url": "/statements/{ods}/{period}".format(
            ods=quote(str(ods), safe=""),
            period=quote(str(period), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatementOut | None:
    if response.status_code == 200:
        response_200 = StatementOut.from_dict(response.json())

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
) -> Response[Problem | StatementOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ods: str,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: GetStatementFormatType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | StatementOut]:
    """Remittance statement (JSON, or CSV with Accept: text/csv or ?format=csv)

     What the caller may see of the account (as ``/accounts``), its total over those lines.

    Args:
        ods (str):
        period (str):
        format_ (GetStatementFormatType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementOut]
    """

    kwargs = _get_kwargs(
        ods=ods,
        period=period,
        format_=format_,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ods: str,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: GetStatementFormatType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Problem | StatementOut | None:
    """Remittance statement (JSON, or CSV with Accept: text/csv or ?format=csv)

     What the caller may see of the account (as ``/accounts``), its total over those lines.

    Args:
        ods (str):
        period (str):
        format_ (GetStatementFormatType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementOut
    """

    return sync_detailed(
        ods=ods,
        period=period,
        client=client,
        format_=format_,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    ods: str,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: GetStatementFormatType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | StatementOut]:
    """Remittance statement (JSON, or CSV with Accept: text/csv or ?format=csv)

     What the caller may see of the account (as ``/accounts``), its total over those lines.

    Args:
        ods (str):
        period (str):
        format_ (GetStatementFormatType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatementOut]
    """

    kwargs = _get_kwargs(
        ods=ods,
        period=period,
        format_=format_,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ods: str,
    period: str,
    *,
    client: AuthenticatedClient,
    format_: GetStatementFormatType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Problem | StatementOut | None:
    """Remittance statement (JSON, or CSV with Accept: text/csv or ?format=csv)

     What the caller may see of the account (as ``/accounts``), its total over those lines.

    Args:
        ods (str):
        period (str):
        format_ (GetStatementFormatType0 | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatementOut
    """

    return (
        await asyncio_detailed(
            ods=ods,
            period=period,
            client=client,
            format_=format_,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
