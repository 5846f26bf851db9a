import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_contracts_kind_type_0 import ListContractsKindType0
from ...models.list_contracts_status_type_0 import ListContractsStatusType0
from ...models.page_contract_out import PageContractOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider_ods: None | str | Unset = UNSET,
    commissioner_ods: None | str | Unset = UNSET,
    kind: ListContractsKindType0 | None | Unset = UNSET,
    status: ListContractsStatusType0 | None | Unset = UNSET,
    service: None | str | Unset = UNSET,
    parent_contract_id: None | str | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_provider_ods: None | str | Unset
    if isinstance(provider_ods, Unset):
        json_provider_ods = UNSET
    else:
        json_provider_ods = provider_ods
    params["provider_ods"] = json_provider_ods

    json_commissioner_ods: None | str | Unset
    if isinstance(commissioner_ods, Unset):
        json_commissioner_ods = UNSET
    else:
        json_commissioner_ods = commissioner_ods
    params["commissioner_ods"] = json_commissioner_ods

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ListContractsKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListContractsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_service: None | str | Unset
    if isinstance(service, Unset):
        json_service = UNSET
    else:
        json_service = service
    params["service"] = json_service

    json_parent_contract_id: None | str | Unset
    if isinstance(parent_contract_id, Unset):
        json_parent_contract_id = UNSET
    else:
        json_parent_contract_id = parent_contract_id
    params["parent_contract_id"] = json_parent_contract_id

    json_in_force_on: None | str | Unset
    if isinstance(in_force_on, Unset):
        json_in_force_on = UNSET
    elif isinstance(in_force_on, datetime.date):
        json_in_force_on = in_force_on.isoformat()
    else:
        json_in_force_on = in_force_on
    params["in_force_on"] = json_in_force_on

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
        "url": "/contracts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageContractOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageContractOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageContractOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    provider_ods: None | str | Unset = UNSET,
    commissioner_ods: None | str | Unset = UNSET,
    kind: ListContractsKindType0 | None | Unset = UNSET,
    status: ListContractsStatusType0 | None | Unset = UNSET,
    service: None | str | Unset = UNSET,
    parent_contract_id: None | str | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageContractOut | Problem]:
    """Contracts the caller may see, filtered

    Args:
        provider_ods (None | str | Unset):
        commissioner_ods (None | str | Unset):
        kind (ListContractsKindType0 | None | Unset):
        status (ListContractsStatusType0 | None | Unset):
        service (None | str | Unset):
        parent_contract_id (None | str | Unset):
        in_force_on (datetime.date | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageContractOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_ods=provider_ods,
        commissioner_ods=commissioner_ods,
        kind=kind,
        status=status,
        service=service,
        parent_contract_id=parent_contract_id,
        in_force_on=in_force_on,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    provider_ods: None | str | Unset = UNSET,
    commissioner_ods: None | str | Unset = UNSET,
    kind: ListContractsKindType0 | None | Unset = UNSET,
    status: ListContractsStatusType0 | None | Unset = UNSET,
    service: None | str | Unset = UNSET,
    parent_contract_id: None | str | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageContractOut | Problem | None:
    """Contracts the caller may see, filtered

    Args:
        provider_ods (None | str | Unset):
        commissioner_ods (None | str | Unset):
        kind (ListContractsKindType0 | None | Unset):
        status (ListContractsStatusType0 | None | Unset):
        service (None | str | Unset):
        parent_contract_id (None | str | Unset):
        in_force_on (datetime.date | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageContractOut | Problem
    """

    return sync_detailed(
        client=client,
        provider_ods=provider_ods,
        commissioner_ods=commissioner_ods,
        kind=kind,
        status=status,
        service=service,
        parent_contract_id=parent_contract_id,
        in_force_on=in_force_on,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    provider_ods: None | str | Unset = UNSET,
    commissioner_ods: None | str | Unset = UNSET,
    kind: ListContractsKindType0 | None | Unset = UNSET,
    status: ListContractsStatusType0 | None | Unset = UNSET,
    service: None | str | Unset = UNSET,
    parent_contract_id: None | str | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageContractOut | Problem]:
    """Contracts the caller may see, filtered

    Args:
        provider_ods (None | str | Unset):
        commissioner_ods (None | str | Unset):
        kind (ListContractsKindType0 | None | Unset):
        status (ListContractsStatusType0 | None | Unset):
        service (None | str | Unset):
        parent_contract_id (None | str | Unset):
        in_force_on (datetime.date | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageContractOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_ods=provider_ods,
        commissioner_ods=commissioner_ods,
        kind=kind,
        status=status,
        service=service,
        parent_contract_id=parent_contract_id,
        in_force_on=in_force_on,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    provider_ods: None | str | Unset = UNSET,
    commissioner_ods: None | str | Unset = UNSET,
    kind: ListContractsKindType0 | None | Unset = UNSET,
    status: ListContractsStatusType0 | None | Unset = UNSET,
    service: None | str | Unset = UNSET,
    parent_contract_id: None | str | Unset = UNSET,
    in_force_on: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageContractOut | Problem | None:
    """Contracts the caller may see, filtered

    Args:
        provider_ods (None | str | Unset):
        commissioner_ods (None | str | Unset):
        kind (ListContractsKindType0 | None | Unset):
        status (ListContractsStatusType0 | None | Unset):
        service (None | str | Unset):
        parent_contract_id (None | str | Unset):
        in_force_on (datetime.date | None | Unset):
        limit (int | Unset): Items per page Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageContractOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            provider_ods=provider_ods,
            commissioner_ods=commissioner_ods,
            kind=kind,
            status=status,
            service=service,
            parent_contract_id=parent_contract_id,
            in_force_on=in_force_on,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
