from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.decision_policy_in import DecisionPolicyIn
from ...models.decision_policy_out import DecisionPolicyOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    ods: str,
    *,
    body: DecisionPolicyIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/commissioners/{ods}/decision-policy".format(
            ods=quote(str(ods), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DecisionPolicyOut | Problem | None:
    if response.status_code == 200:
        response_200 = DecisionPolicyOut.from_dict(response.json())

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
) -> Response[DecisionPolicyOut | Problem]:
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
    body: DecisionPolicyIn,
) -> Response[DecisionPolicyOut | Problem]:
    """Set a commissioner's decision policy

     Gated kinds of contract name a committee of the commissioner when proposed and are activated only by
    its quorate, screened decision; with `gate_variations` and `gate_terminations`, their variations and
    terminations are held until such a decision too. The policy applies from now on, to the contracts
    already made as well.

    Args:
        ods (str):
        body (DecisionPolicyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DecisionPolicyOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    ods: str,
    *,
    client: AuthenticatedClient,
    body: DecisionPolicyIn,
) -> DecisionPolicyOut | Problem | None:
    """Set a commissioner's decision policy

     Gated kinds of contract name a committee of the commissioner when proposed and are activated only by
    its quorate, screened decision; with `gate_variations` and `gate_terminations`, their variations and
    terminations are held until such a decision too. The policy applies from now on, to the contracts
    already made as well.

    Args:
        ods (str):
        body (DecisionPolicyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DecisionPolicyOut | Problem
    """

    return sync_detailed(
        ods=ods,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    ods: str,
    *,
    client: AuthenticatedClient,
    body: DecisionPolicyIn,
) -> Response[DecisionPolicyOut | Problem]:
    """Set a commissioner's decision policy

     Gated kinds of contract name a committee of the commissioner when proposed and are activated only by
    its quorate, screened decision; with `gate_variations` and `gate_terminations`, their variations and
    terminations are held until such a decision too. The policy applies from now on, to the contracts
    already made as well.

    Args:
        ods (str):
        body (DecisionPolicyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DecisionPolicyOut | Problem]
    """

    kwargs = _get_kwargs(
        ods=ods,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    ods: str,
    *,
    client: AuthenticatedClient,
    body: DecisionPolicyIn,
) -> DecisionPolicyOut | Problem | None:
    """Set a commissioner's decision policy

     Gated kinds of contract name a committee of the commissioner when proposed and are activated only by
    its quorate, screened decision; with `gate_variations` and `gate_terminations`, their variations and
    terminations are held until such a decision too. The policy applies from now on, to the contracts
    already made as well.

    Args:
        ods (str):
        body (DecisionPolicyIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DecisionPolicyOut | Problem
    """

    return (
        await asyncio_detailed(
            ods=ods,
            client=client,
            body=body,
        )
    ).parsed
