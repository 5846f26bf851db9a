from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.leave import Leave
from ...models.membership_out import MembershipOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    ods: str,
    practice_ods: str,
    *,
    body: Leave,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/federations/{ods}/members/{practice_ods}/leave".format(
            ods=quote(str(ods), safe=""),
            practice_ods=quote(str(practice_ods), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MembershipOut | Problem | None:
    if response.status_code == 200:
        response_200 = MembershipOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
) -> Response[MembershipOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ods: str,
    practice_ods: str,
    *,
    client: AuthenticatedClient,
    body: Leave,
) -> Response[MembershipOut | Problem]:
    """Leave

    Args:
        ods (str): The federation's ODS code
        practice_ods (str):
        body (Leave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MembershipOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        practice_ods=practice_ods,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ods: str,
    practice_ods: str,
    *,
    client: AuthenticatedClient,
    body: Leave,
) -> MembershipOut | Problem | None:
    """Leave

    Args:
        ods (str): The federation's ODS code
        practice_ods (str):
        body (Leave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MembershipOut | Problem
    """

    return sync_detailed(
        ods=ods,
        practice_ods=practice_ods,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    ods: str,
    practice_ods: str,
    *,
    client: AuthenticatedClient,
    body: Leave,
) -> Response[MembershipOut | Problem]:
    """Leave

    Args:
        ods (str): The federation's ODS code
        practice_ods (str):
        body (Leave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MembershipOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        practice_ods=practice_ods,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ods: str,
    practice_ods: str,
    *,
    client: AuthenticatedClient,
    body: Leave,
) -> MembershipOut | Problem | None:
    """Leave

    Args:
        ods (str): The federation's ODS code
        practice_ods (str):
        body (Leave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MembershipOut | Problem
    """

    return (
        await asyncio_detailed(
            ods=ods,
            practice_ods=practice_ods,
            client=client,
            body=body,
        )
    ).parsed
