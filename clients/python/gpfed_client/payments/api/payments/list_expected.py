from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_expected_out import PageExpectedOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    ods: str,
    *,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/accounts/{ods}/expected".format(
            ods=quote(str(ods), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageExpectedOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageExpectedOut.from_dict(response.json())

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
) -> Response[PageExpectedOut | Problem]:
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
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageExpectedOut | Problem]:
    """Payments expected: paid, due, waiting (and for what) or late

     Every payment due to the organisation booked to the periods asked, by due day then
    contract: its contracts' items and, for a practice, its shares of hub months. Read as
    ``/accounts/{ods}``: a related party sees those of its own contracts or hubs only.

    Args:
        ods (str):
        from_ (None | str | Unset): First period (default: 3 months ago)
        to (None | str | Unset): Last period (default: in 3 months)
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageExpectedOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        from_=from_,
        to=to,
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
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageExpectedOut | Problem | None:
    """Payments expected: paid, due, waiting (and for what) or late

     Every payment due to the organisation booked to the periods asked, by due day then
    contract: its contracts' items and, for a practice, its shares of hub months. Read as
    ``/accounts/{ods}``: a related party sees those of its own contracts or hubs only.

    Args:
        ods (str):
        from_ (None | str | Unset): First period (default: 3 months ago)
        to (None | str | Unset): Last period (default: in 3 months)
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageExpectedOut | Problem
    """

    return sync_detailed(
        ods=ods,
        client=client,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    ods: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageExpectedOut | Problem]:
    """Payments expected: paid, due, waiting (and for what) or late

     Every payment due to the organisation booked to the periods asked, by due day then
    contract: its contracts' items and, for a practice, its shares of hub months. Read as
    ``/accounts/{ods}``: a related party sees those of its own contracts or hubs only.

    Args:
        ods (str):
        from_ (None | str | Unset): First period (default: 3 months ago)
        to (None | str | Unset): Last period (default: in 3 months)
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageExpectedOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ods: str,
    *,
    client: AuthenticatedClient,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageExpectedOut | Problem | None:
    """Payments expected: paid, due, waiting (and for what) or late

     Every payment due to the organisation booked to the periods asked, by due day then
    contract: its contracts' items and, for a practice, its shares of hub months. Read as
    ``/accounts/{ods}``: a related party sees those of its own contracts or hubs only.

    Args:
        ods (str):
        from_ (None | str | Unset): First period (default: 3 months ago)
        to (None | str | Unset): Last period (default: in 3 months)
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageExpectedOut | Problem
    """

    return (
        await asyncio_detailed(
            ods=ods,
            client=client,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
