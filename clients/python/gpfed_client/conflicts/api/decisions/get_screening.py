import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.screening_out import ScreeningOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    item_id: str,
    *,
    on: datetime.date | None | Unset = UNSET,
    present: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    json_present: None | str | Unset
    if isinstance(present, Unset):
        json_present = UNSET
    else:
        json_present = present
    params["present"] = json_present

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/items/{item_id}/screening".format(
            item_id=quote(str(item_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ScreeningOut | None:
    if response.status_code == 200:
        response_200 = ScreeningOut.from_dict(response.json())

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
) -> Response[Problem | ScreeningOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    item_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    present: None | str | Unset = UNSET,
) -> Response[Problem | ScreeningOut]:
    """Get Screening

    Args:
        item_id (str):
        on (datetime.date | None | Unset): decision date (default today)
        present (None | str | Unset): who will be in the room, as comma-separated person ids
            (default: the voting membership)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScreeningOut]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        on=on,
        present=present,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    item_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    present: None | str | Unset = UNSET,
) -> Problem | ScreeningOut | None:
    """Get Screening

    Args:
        item_id (str):
        on (datetime.date | None | Unset): decision date (default today)
        present (None | str | Unset): who will be in the room, as comma-separated person ids
            (default: the voting membership)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScreeningOut
    """

    return sync_detailed(
        item_id=item_id,
        client=client,
        on=on,
        present=present,
    ).parsed


async def asyncio_detailed(
    item_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    present: None | str | Unset = UNSET,
) -> Response[Problem | ScreeningOut]:
    """Get Screening

    Args:
        item_id (str):
        on (datetime.date | None | Unset): decision date (default today)
        present (None | str | Unset): who will be in the room, as comma-separated person ids
            (default: the voting membership)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScreeningOut]
    """

    kwargs = _get_kwargs(
        item_id=item_id,
        on=on,
        present=present,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    item_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    present: None | str | Unset = UNSET,
) -> Problem | ScreeningOut | None:
    """Get Screening

    Args:
        item_id (str):
        on (datetime.date | None | Unset): decision date (default today)
        present (None | str | Unset): who will be in the room, as comma-separated person ids
            (default: the voting membership)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScreeningOut
    """

    return (
        await asyncio_detailed(
            item_id=item_id,
            client=client,
            on=on,
            present=present,
        )
    ).parsed
