from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.payment_run_request import PaymentRunRequest
from ...models.payment_run_response import PaymentRunResponse
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: PaymentRunRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/payment-runs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaymentRunResponse | Problem | None:
    if response.status_code == 200:
        response_200 = PaymentRunResponse.from_dict(response.json())

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
) -> Response[PaymentRunResponse | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PaymentRunRequest,
) -> Response[PaymentRunResponse | Problem]:
    """Pay a period

     Pays every instalment due in the period that is not paid yet (a second run pays
    nothing new), then distributes hub income. A commissioner pays its own contracts. Only a
    period that has begun (in England) is paid: nothing is due for a month to come.

    Args:
        body (PaymentRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentRunResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PaymentRunRequest,
) -> PaymentRunResponse | Problem | None:
    """Pay a period

     Pays every instalment due in the period that is not paid yet (a second run pays
    nothing new), then distributes hub income. A commissioner pays its own contracts. Only a
    period that has begun (in England) is paid: nothing is due for a month to come.

    Args:
        body (PaymentRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentRunResponse | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PaymentRunRequest,
) -> Response[PaymentRunResponse | Problem]:
    """Pay a period

     Pays every instalment due in the period that is not paid yet (a second run pays
    nothing new), then distributes hub income. A commissioner pays its own contracts. Only a
    period that has begun (in England) is paid: nothing is due for a month to come.

    Args:
        body (PaymentRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentRunResponse | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PaymentRunRequest,
) -> PaymentRunResponse | Problem | None:
    """Pay a period

     Pays every instalment due in the period that is not paid yet (a second run pays
    nothing new), then distributes hub income. A commissioner pays its own contracts. Only a
    period that has begun (in England) is paid: nothing is due for a month to come.

    Args:
        body (PaymentRunRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentRunResponse | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
