from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_out import ChangeOut
from ...models.new_variation import NewVariation
from ...models.problem import Problem
from ...models.variation_out import VariationOut
from ...types import Response


def _get_kwargs(
    contract_id: str,
    *,
    body: NewVariation,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/contracts/{contract_id}/variations".format(
            contract_id=quote(str(contract_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeOut | Problem | VariationOut | None:
    if response.status_code == 201:
        response_201 = VariationOut.from_dict(response.json())

        return response_201

    if response.status_code == 202:
        response_202 = ChangeOut.from_dict(response.json())

        return response_202

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
) -> Response[ChangeOut | Problem | VariationOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    contract_id: str,
    *,
    client: AuthenticatedClient,
    body: NewVariation,
) -> Response[ChangeOut | Problem | VariationOut]:
    """Vary the terms from a date on, backdated or not

     The named fields take their new values from `effective_from` on, in the version from that date (a
    variation on the date of an existing version merges into it) and in every later version up to the
    first that sets that field itself. The variation is kept as asked for, and the history it makes is
    published whole (`gpfed.contract.varied`). Where the commissioner's decision policy gates the
    contract, the variation is checked now but held (202) until its committee approves it.

    Args:
        contract_id (str):
        body (NewVariation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeOut | Problem | VariationOut]
    """

    kwargs = _get_kwargs(
        contract_id=contract_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    contract_id: str,
    *,
    client: AuthenticatedClient,
    body: NewVariation,
) -> ChangeOut | Problem | VariationOut | None:
    """Vary the terms from a date on, backdated or not

     The named fields take their new values from `effective_from` on, in the version from that date (a
    variation on the date of an existing version merges into it) and in every later version up to the
    first that sets that field itself. The variation is kept as asked for, and the history it makes is
    published whole (`gpfed.contract.varied`). Where the commissioner's decision policy gates the
    contract, the variation is checked now but held (202) until its committee approves it.

    Args:
        contract_id (str):
        body (NewVariation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeOut | Problem | VariationOut
    """

    return sync_detailed(
        contract_id=contract_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    contract_id: str,
    *,
    client: AuthenticatedClient,
    body: NewVariation,
) -> Response[ChangeOut | Problem | VariationOut]:
    """Vary the terms from a date on, backdated or not

     The named fields take their new values from `effective_from` on, in the version from that date (a
    variation on the date of an existing version merges into it) and in every later version up to the
    first that sets that field itself. The variation is kept as asked for, and the history it makes is
    published whole (`gpfed.contract.varied`). Where the commissioner's decision policy gates the
    contract, the variation is checked now but held (202) until its committee approves it.

    Args:
        contract_id (str):
        body (NewVariation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeOut | Problem | VariationOut]
    """

    kwargs = _get_kwargs(
        contract_id=contract_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    contract_id: str,
    *,
    client: AuthenticatedClient,
    body: NewVariation,
) -> ChangeOut | Problem | VariationOut | None:
    """Vary the terms from a date on, backdated or not

     The named fields take their new values from `effective_from` on, in the version from that date (a
    variation on the date of an existing version merges into it) and in every later version up to the
    first that sets that field itself. The variation is kept as asked for, and the history it makes is
    published whole (`gpfed.contract.varied`). Where the commissioner's decision policy gates the
    contract, the variation is checked now but held (202) until its committee approves it.

    Args:
        contract_id (str):
        body (NewVariation):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeOut | Problem | VariationOut
    """

    return (
        await asyncio_detailed(
            contract_id=contract_id,
            client=client,
            body=body,
        )
    ).parsed
