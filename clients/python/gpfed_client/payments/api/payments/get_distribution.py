from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.distribution_out import DistributionOut
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    contract_id: str,
    period: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["contract_id"] = contract_id

    params["period"] = period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/distributions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DistributionOut | Problem | None:
    if response.status_code == 200:
        response_200 = DistributionOut.from_dict(response.json())

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
) -> Response[DistributionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    contract_id: str,
    period: str,
) -> Response[DistributionOut | Problem]:
    """A hub period's fan-out

     The latest revision, with the earlier ones beside it: every line for the hub's
    commissioner and federation, a practice's own line only (with the totals) for a practice in
    the latest revision.

    Args:
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistributionOut | Problem]
    """

    kwargs = _get_kwargs(
        contract_id=contract_id,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    contract_id: str,
    period: str,
) -> DistributionOut | Problem | None:
    """A hub period's fan-out

     The latest revision, with the earlier ones beside it: every line for the hub's
    commissioner and federation, a practice's own line only (with the totals) for a practice in
    the latest revision.

    Args:
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistributionOut | Problem
    """

    return sync_detailed(
        client=client,
        contract_id=contract_id,
        period=period,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    contract_id: str,
    period: str,
) -> Response[DistributionOut | Problem]:
    """A hub period's fan-out

     The latest revision, with the earlier ones beside it: every line for the hub's
    commissioner and federation, a practice's own line only (with the totals) for a practice in
    the latest revision.

    Args:
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DistributionOut | Problem]
    """

    kwargs = _get_kwargs(
        contract_id=contract_id,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    contract_id: str,
    period: str,
) -> DistributionOut | Problem | None:
    """A hub period's fan-out

     The latest revision, with the earlier ones beside it: every line for the hub's
    commissioner and federation, a practice's own line only (with the totals) for a practice in
    the latest revision.

    Args:
        contract_id (str):
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DistributionOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            contract_id=contract_id,
            period=period,
        )
    ).parsed
