from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.lineage_find_key import LineageFindKey
from ...models.lineage_find_response_200 import LineageFindResponse200
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    key: LineageFindKey,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_key = key.to_dict()
    params.update(json_key)



    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/lineage",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LineageFindResponse200 | Problem | None:
    if response.status_code == 200:
        response_200 = LineageFindResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[LineageFindResponse200 | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    key: LineageFindKey,

) -> Response[LineageFindResponse200 | Problem]:
    """ The runs behind a commit, a data fingerprint, an image digest, an MLflow run or a model version
    (newest first).

    Args:
        key (LineageFindKey):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineageFindResponse200 | Problem]
     """


    kwargs = _get_kwargs(
        key=key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    key: LineageFindKey,

) -> LineageFindResponse200 | Problem | None:
    """ The runs behind a commit, a data fingerprint, an image digest, an MLflow run or a model version
    (newest first).

    Args:
        key (LineageFindKey):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineageFindResponse200 | Problem
     """


    return sync_detailed(
        client=client,
key=key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    key: LineageFindKey,

) -> Response[LineageFindResponse200 | Problem]:
    """ The runs behind a commit, a data fingerprint, an image digest, an MLflow run or a model version
    (newest first).

    Args:
        key (LineageFindKey):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LineageFindResponse200 | Problem]
     """


    kwargs = _get_kwargs(
        key=key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    key: LineageFindKey,

) -> LineageFindResponse200 | Problem | None:
    """ The runs behind a commit, a data fingerprint, an image digest, an MLflow run or a model version
    (newest first).

    Args:
        key (LineageFindKey):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LineageFindResponse200 | Problem
     """


    return (await asyncio_detailed(
        client=client,
key=key,

    )).parsed
