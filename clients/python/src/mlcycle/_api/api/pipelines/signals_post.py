from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.signals_post_body import SignalsPostBody
from ...models.signals_post_response_202 import SignalsPostResponse202
from typing import cast



def _get_kwargs(
    id: str,
    *,
    body: SignalsPostBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/pipelines/{id}/signals".format(id=quote(str(id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SignalsPostResponse202 | None:
    if response.status_code == 202:
        response_202 = SignalsPostResponse202.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SignalsPostResponse202]:
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
    body: SignalsPostBody,

) -> Response[Problem | SignalsPostResponse202]:
    """ Report a drift or alert signal; the pipeline's retrainOn.signals rule (minimum severity, cool-down)
    decides whether it starts a run.

     Answered 202 with the decision, whatever it is: `started` (or `queued`) with the run, `cooldown`
    with the run holding the cool-down, `deduplicated` for a signalId received before, `skipped` (no
    rule, or a severity below its minimum), `concurrency` or `disabled`. Every signal is one record in
    the pipeline's trigger log; a malformed body is also recorded there, as `rejected`.

    Args:
        id (str):
        body (SignalsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalsPostResponse202]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SignalsPostBody,

) -> Problem | SignalsPostResponse202 | None:
    """ Report a drift or alert signal; the pipeline's retrainOn.signals rule (minimum severity, cool-down)
    decides whether it starts a run.

     Answered 202 with the decision, whatever it is: `started` (or `queued`) with the run, `cooldown`
    with the run holding the cool-down, `deduplicated` for a signalId received before, `skipped` (no
    rule, or a severity below its minimum), `concurrency` or `disabled`. Every signal is one record in
    the pipeline's trigger log; a malformed body is also recorded there, as `rejected`.

    Args:
        id (str):
        body (SignalsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalsPostResponse202
     """


    return sync_detailed(
        id=id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SignalsPostBody,

) -> Response[Problem | SignalsPostResponse202]:
    """ Report a drift or alert signal; the pipeline's retrainOn.signals rule (minimum severity, cool-down)
    decides whether it starts a run.

     Answered 202 with the decision, whatever it is: `started` (or `queued`) with the run, `cooldown`
    with the run holding the cool-down, `deduplicated` for a signalId received before, `skipped` (no
    rule, or a severity below its minimum), `concurrency` or `disabled`. Every signal is one record in
    the pipeline's trigger log; a malformed body is also recorded there, as `rejected`.

    Args:
        id (str):
        body (SignalsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignalsPostResponse202]
     """


    kwargs = _get_kwargs(
        id=id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SignalsPostBody,

) -> Problem | SignalsPostResponse202 | None:
    """ Report a drift or alert signal; the pipeline's retrainOn.signals rule (minimum severity, cool-down)
    decides whether it starts a run.

     Answered 202 with the decision, whatever it is: `started` (or `queued`) with the run, `cooldown`
    with the run holding the cool-down, `deduplicated` for a signalId received before, `skipped` (no
    rule, or a severity below its minimum), `concurrency` or `disabled`. Every signal is one record in
    the pipeline's trigger log; a malformed body is also recorded there, as `rejected`.

    Args:
        id (str):
        body (SignalsPostBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignalsPostResponse202
     """


    return (await asyncio_detailed(
        id=id,
client=client,
body=body,

    )).parsed
