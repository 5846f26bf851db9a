import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.public_register_format import PublicRegisterFormat
from ...models.public_register_register import PublicRegisterRegister
from ...types import UNSET, Response, Unset


def _get_kwargs(
    register: PublicRegisterRegister,
    *,
    format_: PublicRegisterFormat | Unset = PublicRegisterFormat.JSON,
    commissioner: None | str | Unset = UNSET,
    person: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_commissioner: None | str | Unset
    if isinstance(commissioner, Unset):
        json_commissioner = UNSET
    else:
        json_commissioner = commissioner
    params["commissioner"] = json_commissioner

    json_person: None | str | Unset
    if isinstance(person, Unset):
        json_person = UNSET
    else:
        json_person = person
    params["person"] = json_person

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
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
        "url": "/public/registers/{register}".format(
            register=quote(str(register), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    register: PublicRegisterRegister,
    *,
    client: AuthenticatedClient | Client,
    format_: PublicRegisterFormat | Unset = PublicRegisterFormat.JSON,
    commissioner: None | str | Unset = UNSET,
    person: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """A public register, without authentication

    Args:
        register (PublicRegisterRegister):
        format_ (PublicRegisterFormat | Unset): json, csv or html Default:
            PublicRegisterFormat.JSON.
        commissioner (None | str | Unset): Only this commissioner's register (ODS)
        person (None | str | Unset): Interests and gifts of people whose name has this
        from_ (datetime.date | None | Unset): On or after this day
        to (datetime.date | None | Unset): On or before this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        register=register,
        format_=format_,
        commissioner=commissioner,
        person=person,
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
    register: PublicRegisterRegister,
    *,
    client: AuthenticatedClient | Client,
    format_: PublicRegisterFormat | Unset = PublicRegisterFormat.JSON,
    commissioner: None | str | Unset = UNSET,
    person: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """A public register, without authentication

    Args:
        register (PublicRegisterRegister):
        format_ (PublicRegisterFormat | Unset): json, csv or html Default:
            PublicRegisterFormat.JSON.
        commissioner (None | str | Unset): Only this commissioner's register (ODS)
        person (None | str | Unset): Interests and gifts of people whose name has this
        from_ (datetime.date | None | Unset): On or after this day
        to (datetime.date | None | Unset): On or before this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        register=register,
        client=client,
        format_=format_,
        commissioner=commissioner,
        person=person,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    register: PublicRegisterRegister,
    *,
    client: AuthenticatedClient | Client,
    format_: PublicRegisterFormat | Unset = PublicRegisterFormat.JSON,
    commissioner: None | str | Unset = UNSET,
    person: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """A public register, without authentication

    Args:
        register (PublicRegisterRegister):
        format_ (PublicRegisterFormat | Unset): json, csv or html Default:
            PublicRegisterFormat.JSON.
        commissioner (None | str | Unset): Only this commissioner's register (ODS)
        person (None | str | Unset): Interests and gifts of people whose name has this
        from_ (datetime.date | None | Unset): On or after this day
        to (datetime.date | None | Unset): On or before this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        register=register,
        format_=format_,
        commissioner=commissioner,
        person=person,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    register: PublicRegisterRegister,
    *,
    client: AuthenticatedClient | Client,
    format_: PublicRegisterFormat | Unset = PublicRegisterFormat.JSON,
    commissioner: None | str | Unset = UNSET,
    person: None | str | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """A public register, without authentication

    Args:
        register (PublicRegisterRegister):
        format_ (PublicRegisterFormat | Unset): json, csv or html Default:
            PublicRegisterFormat.JSON.
        commissioner (None | str | Unset): Only this commissioner's register (ODS)
        person (None | str | Unset): Interests and gifts of people whose name has this
        from_ (datetime.date | None | Unset): On or after this day
        to (datetime.date | None | Unset): On or before this day
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            register=register,
            client=client,
            format_=format_,
            commissioner=commissioner,
            person=person,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
