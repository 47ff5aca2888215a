from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.runs_retry_body import RunsRetryBody
from ...models.runs_retry_response_200 import RunsRetryResponse200
from ...models.runs_retry_response_202 import RunsRetryResponse202
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: RunsRetryBody,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/runs/{id}/retry".format(id=quote(str(id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RunsRetryResponse200 | RunsRetryResponse202 | None:
    if response.status_code == 200:
        response_200 = RunsRetryResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 202:
        response_202 = RunsRetryResponse202.from_dict(response.json())



        return response_202

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | RunsRetryResponse200 | RunsRetryResponse202]:
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
    body: RunsRetryBody,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | RunsRetryResponse200 | RunsRetryResponse202]:
    """ Start a new run that reuses the failed run's finished steps and resumes at the failed step.

    Args:
        id (str):
        idempotency_key (str | Unset): 1-255 characters, not blank (surrounding whitespace is
            ignored). The same key for the same pipeline (or failed run) returns the run the first
            request started.
        body (RunsRetryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RunsRetryResponse200 | RunsRetryResponse202]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RunsRetryBody,
    idempotency_key: str | Unset = UNSET,

) -> Problem | RunsRetryResponse200 | RunsRetryResponse202 | None:
    """ Start a new run that reuses the failed run's finished steps and resumes at the failed step.

    Args:
        id (str):
        idempotency_key (str | Unset): 1-255 characters, not blank (surrounding whitespace is
            ignored). The same key for the same pipeline (or failed run) returns the run the first
            request started.
        body (RunsRetryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RunsRetryResponse200 | RunsRetryResponse202
     """


    return sync_detailed(
        id=id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RunsRetryBody,
    idempotency_key: str | Unset = UNSET,

) -> Response[Problem | RunsRetryResponse200 | RunsRetryResponse202]:
    """ Start a new run that reuses the failed run's finished steps and resumes at the failed step.

    Args:
        id (str):
        idempotency_key (str | Unset): 1-255 characters, not blank (surrounding whitespace is
            ignored). The same key for the same pipeline (or failed run) returns the run the first
            request started.
        body (RunsRetryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RunsRetryResponse200 | RunsRetryResponse202]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RunsRetryBody,
    idempotency_key: str | Unset = UNSET,

) -> Problem | RunsRetryResponse200 | RunsRetryResponse202 | None:
    """ Start a new run that reuses the failed run's finished steps and resumes at the failed step.

    Args:
        id (str):
        idempotency_key (str | Unset): 1-255 characters, not blank (surrounding whitespace is
            ignored). The same key for the same pipeline (or failed run) returns the run the first
            request started.
        body (RunsRetryBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RunsRetryResponse200 | RunsRetryResponse202
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
