from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.triggers_list_response_200 import TriggersListResponse200
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    limit: int | Unset = 50,
    continuation_token: str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["continuationToken"] = continuation_token


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/pipelines/{id}/triggers".format(id=quote(str(id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | TriggersListResponse200 | None:
    if response.status_code == 200:
        response_200 = TriggersListResponse200.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | TriggersListResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    continuation_token: str | Unset = UNSET,

) -> Response[Problem | TriggersListResponse200]:
    """ A pipeline's trigger log, newest first: each evaluation, its dedup key and decision, and the run it
    started.

    Args:
        id (str):
        limit (int | Unset):  Default: 50.
        continuation_token (str | Unset): The opaque continuationToken of the previous page of the
            same list, unchanged. It is signed, which no schema can say: any other value, even one of
            this shape, is a 400 naming continuationToken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TriggersListResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
limit=limit,
continuation_token=continuation_token,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    continuation_token: str | Unset = UNSET,

) -> Problem | TriggersListResponse200 | None:
    """ A pipeline's trigger log, newest first: each evaluation, its dedup key and decision, and the run it
    started.

    Args:
        id (str):
        limit (int | Unset):  Default: 50.
        continuation_token (str | Unset): The opaque continuationToken of the previous page of the
            same list, unchanged. It is signed, which no schema can say: any other value, even one of
            this shape, is a 400 naming continuationToken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TriggersListResponse200
     """


    return sync_detailed(
        id=id,
client=client,
limit=limit,
continuation_token=continuation_token,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    continuation_token: str | Unset = UNSET,

) -> Response[Problem | TriggersListResponse200]:
    """ A pipeline's trigger log, newest first: each evaluation, its dedup key and decision, and the run it
    started.

    Args:
        id (str):
        limit (int | Unset):  Default: 50.
        continuation_token (str | Unset): The opaque continuationToken of the previous page of the
            same list, unchanged. It is signed, which no schema can say: any other value, even one of
            this shape, is a 400 naming continuationToken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TriggersListResponse200]
     """


    kwargs = _get_kwargs(
        id=id,
limit=limit,
continuation_token=continuation_token,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    continuation_token: str | Unset = UNSET,

) -> Problem | TriggersListResponse200 | None:
    """ A pipeline's trigger log, newest first: each evaluation, its dedup key and decision, and the run it
    started.

    Args:
        id (str):
        limit (int | Unset):  Default: 50.
        continuation_token (str | Unset): The opaque continuationToken of the previous page of the
            same list, unchanged. It is signed, which no schema can say: any other value, even one of
            this shape, is a 400 naming continuationToken.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TriggersListResponse200
     """


    return (await asyncio_detailed(
        id=id,
client=client,
limit=limit,
continuation_token=continuation_token,

    )).parsed
