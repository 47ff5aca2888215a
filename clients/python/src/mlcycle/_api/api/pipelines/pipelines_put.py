from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.pipeline import Pipeline
from ...models.pipeline_spec import PipelineSpec
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: PipelineSpec,
    if_match: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/pipelines/{id}".format(id=quote(str(id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Pipeline | Problem | None:
    if response.status_code == 200:
        response_200 = Pipeline.from_dict(response.json())



        return response_200

    if response.status_code == 201:
        response_201 = Pipeline.from_dict(response.json())



        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Pipeline | Problem]:
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
    body: PipelineSpec,
    if_match: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Pipeline | Problem]:
    """ Create or replace a pipeline (If-Match for optimistic concurrency, If-None-Match: * to create only).

    Args:
        id (str):
        if_match (str | Unset): Write only when the current ETag is one of these strong entity
            tags (`*`: when the resource exists); 412 otherwise. Empty or malformed: 400.
        if_none_match (str | Unset): `*`: create only (412 when the resource exists). Entity tags:
            412 when the current ETag matches one of them (weak comparison). Empty or malformed: 400.
        body (PipelineSpec):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Pipeline | Problem]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
if_match=if_match,
if_none_match=if_none_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PipelineSpec,
    if_match: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Pipeline | Problem | None:
    """ Create or replace a pipeline (If-Match for optimistic concurrency, If-None-Match: * to create only).

    Args:
        id (str):
        if_match (str | Unset): Write only when the current ETag is one of these strong entity
            tags (`*`: when the resource exists); 412 otherwise. Empty or malformed: 400.
        if_none_match (str | Unset): `*`: create only (412 when the resource exists). Entity tags:
            412 when the current ETag matches one of them (weak comparison). Empty or malformed: 400.
        body (PipelineSpec):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Pipeline | Problem
     """


    return sync_detailed(
        id=id,
client=client,
body=body,
if_match=if_match,
if_none_match=if_none_match,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PipelineSpec,
    if_match: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Response[Pipeline | Problem]:
    """ Create or replace a pipeline (If-Match for optimistic concurrency, If-None-Match: * to create only).

    Args:
        id (str):
        if_match (str | Unset): Write only when the current ETag is one of these strong entity
            tags (`*`: when the resource exists); 412 otherwise. Empty or malformed: 400.
        if_none_match (str | Unset): `*`: create only (412 when the resource exists). Entity tags:
            412 when the current ETag matches one of them (weak comparison). Empty or malformed: 400.
        body (PipelineSpec):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Pipeline | Problem]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
if_match=if_match,
if_none_match=if_none_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PipelineSpec,
    if_match: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,

) -> Pipeline | Problem | None:
    """ Create or replace a pipeline (If-Match for optimistic concurrency, If-None-Match: * to create only).

    Args:
        id (str):
        if_match (str | Unset): Write only when the current ETag is one of these strong entity
            tags (`*`: when the resource exists); 412 otherwise. Empty or malformed: 400.
        if_none_match (str | Unset): `*`: create only (412 when the resource exists). Entity tags:
            412 when the current ETag matches one of them (weak comparison). Empty or malformed: 400.
        body (PipelineSpec):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Pipeline | Problem
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,
if_match=if_match,
if_none_match=if_none_match,

    )).parsed
