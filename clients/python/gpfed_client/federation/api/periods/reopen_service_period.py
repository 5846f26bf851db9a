from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_period_out import ServicePeriodOut
from ...types import Response


def _get_kwargs(
    ods: str,
    contract_id: str,
    period: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/practices/{ods}/contracts/{contract_id}/periods/{period}/reopen".format(
            ods=quote(str(ods), safe=""),
            contract_id=quote(str(contract_id), safe=""),
            period=quote(str(period), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServicePeriodOut | None:
    if response.status_code == 200:
        response_200 = ServicePeriodOut.from_dict(response.json())

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
) -> Response[Problem | ServicePeriodOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    ods: str,
    contract_id: str,
    period: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ServicePeriodOut]:
    """Reopen Service Period

    Args:
        ods (str): The practice's ODS code
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicePeriodOut]
    """

    kwargs = _get_kwargs(
        ods=ods,
        contract_id=contract_id,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ods: str,
    contract_id: str,
    period: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ServicePeriodOut | None:
    """Reopen Service Period

    Args:
        ods (str): The practice's ODS code
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServicePeriodOut
    """

    return sync_detailed(
        ods=ods,
        contract_id=contract_id,
        period=period,
        client=client,
    ).parsed


async def asyncio_detailed(
    ods: str,
    contract_id: str,
    period: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ServicePeriodOut]:
    """Reopen Service Period

    Args:
        ods (str): The practice's ODS code
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServicePeriodOut]
    """

    kwargs = _get_kwargs(
        ods=ods,
        contract_id=contract_id,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ods: str,
    contract_id: str,
    period: str,
    *,
    client: AuthenticatedClient,
) -> Problem | ServicePeriodOut | None:
    """Reopen Service Period

    Args:
        ods (str): The practice's ODS code
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServicePeriodOut
    """

    return (
        await asyncio_detailed(
            ods=ods,
            contract_id=contract_id,
            period=period,
            client=client,
        )
    ).parsed
