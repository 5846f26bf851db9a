from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enrolment_out import EnrolmentOut
from ...models.new_enrolment import NewEnrolment
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    scheme_id: str,
    *,
    body: NewEnrolment,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/schemes/{scheme_id}/enrolments".format(
            scheme_id=quote(str(scheme_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnrolmentOut | Problem | None:
    if response.status_code == 201:
        response_201 = EnrolmentOut.from_dict(response.json())

        return response_201

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
) -> Response[EnrolmentOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    scheme_id: str,
    *,
    client: AuthenticatedClient,
    body: NewEnrolment,
) -> Response[EnrolmentOut | Problem]:
    """Enrol a practice in a scheme

    Args:
        scheme_id (str):
        body (NewEnrolment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnrolmentOut | Problem]
    """

    kwargs = _get_kwargs(
        scheme_id=scheme_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scheme_id: str,
    *,
    client: AuthenticatedClient,
    body: NewEnrolment,
) -> EnrolmentOut | Problem | None:
    """Enrol a practice in a scheme

    Args:
        scheme_id (str):
        body (NewEnrolment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnrolmentOut | Problem
    """

    return sync_detailed(
        scheme_id=scheme_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    scheme_id: str,
    *,
    client: AuthenticatedClient,
    body: NewEnrolment,
) -> Response[EnrolmentOut | Problem]:
    """Enrol a practice in a scheme

    Args:
        scheme_id (str):
        body (NewEnrolment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnrolmentOut | Problem]
    """

    kwargs = _get_kwargs(
        scheme_id=scheme_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scheme_id: str,
    *,
    client: AuthenticatedClient,
    body: NewEnrolment,
) -> EnrolmentOut | Problem | None:
    """Enrol a practice in a scheme

    Args:
        scheme_id (str):
        body (NewEnrolment):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnrolmentOut | Problem
    """

    return (
        await asyncio_detailed(
            scheme_id=scheme_id,
            client=client,
            body=body,
        )
    ).parsed
