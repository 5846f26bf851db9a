from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.self_certification_format import SelfCertificationFormat
from ...models.self_certification_out import SelfCertificationOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    quarter: str,
    format_: SelfCertificationFormat | Unset = SelfCertificationFormat.JSON,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["quarter"] = quarter

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/self-certification",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SelfCertificationOut | None:
    if response.status_code == 200:
        response_200 = SelfCertificationOut.from_dict(response.json())

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
) -> Response[Problem | SelfCertificationOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: SelfCertificationFormat | Unset = SelfCertificationFormat.JSON,
) -> Response[Problem | SelfCertificationOut]:
    """The quarter's self-certification (JSON, or CSV with ?format=csv)

     The caller's organisation's return for ``quarter``: each criterion with its rating and
    the rows behind it, and the overall rating; the frozen return once signed off.

    Args:
        quarter (str): YYYY-Qn
        format_ (SelfCertificationFormat | Unset): json or csv Default:
            SelfCertificationFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SelfCertificationOut]
    """

    kwargs = _get_kwargs(
        quarter=quarter,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: SelfCertificationFormat | Unset = SelfCertificationFormat.JSON,
) -> Problem | SelfCertificationOut | None:
    """The quarter's self-certification (JSON, or CSV with ?format=csv)

     The caller's organisation's return for ``quarter``: each criterion with its rating and
    the rows behind it, and the overall rating; the frozen return once signed off.

    Args:
        quarter (str): YYYY-Qn
        format_ (SelfCertificationFormat | Unset): json or csv Default:
            SelfCertificationFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SelfCertificationOut
    """

    return sync_detailed(
        client=client,
        quarter=quarter,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: SelfCertificationFormat | Unset = SelfCertificationFormat.JSON,
) -> Response[Problem | SelfCertificationOut]:
    """The quarter's self-certification (JSON, or CSV with ?format=csv)

     The caller's organisation's return for ``quarter``: each criterion with its rating and
    the rows behind it, and the overall rating; the frozen return once signed off.

    Args:
        quarter (str): YYYY-Qn
        format_ (SelfCertificationFormat | Unset): json or csv Default:
            SelfCertificationFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SelfCertificationOut]
    """

    kwargs = _get_kwargs(
        quarter=quarter,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    quarter: str,
    format_: SelfCertificationFormat | Unset = SelfCertificationFormat.JSON,
) -> Problem | SelfCertificationOut | None:
    """The quarter's self-certification (JSON, or CSV with ?format=csv)

     The caller's organisation's return for ``quarter``: each criterion with its rating and
    the rows behind it, and the overall rating; the frozen return once signed off.

    Args:
        quarter (str): YYYY-Qn
        format_ (SelfCertificationFormat | Unset): json or csv Default:
            SelfCertificationFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SelfCertificationOut
    """

    return (
        await asyncio_detailed(
            client=client,
            quarter=quarter,
            format_=format_,
        )
    ).parsed
