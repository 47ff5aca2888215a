from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.hooks_azure_devops_body import HooksAzureDevopsBody
from ...models.hooks_azure_devops_response_200 import HooksAzureDevopsResponse200
from ...models.hooks_azure_devops_response_202 import HooksAzureDevopsResponse202
from typing import cast



def _get_kwargs(
    *,
    body: HooksAzureDevopsBody,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/hooks/azure-devops",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202 | None:
    if response.status_code == 200:
        response_200 = HooksAzureDevopsResponse200.from_dict(response.json())



        return response_200

    if response.status_code == 202:
        response_202 = HooksAzureDevopsResponse202.from_dict(response.json())



        return response_202

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureDevopsBody,

) -> Response[HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202]:
    """ Azure DevOps service-hook deliveries (basic auth with ADO_WEBHOOK_SECRET, or header X-Mlcycle-
    Webhook-Secret).

     Acts on git.push, git.pullrequest.created/updated/merged, ms.vss-pipelines.run-state-changed-event
    and build.complete; any other event type is answered 202 and recorded as ignored. A delivery of an
    event already received (same event id) is answered 200 and starts nothing.

    Args:
        body (HooksAzureDevopsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202]
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
    client: AuthenticatedClient | Client,
    body: HooksAzureDevopsBody,

) -> HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202 | None:
    """ Azure DevOps service-hook deliveries (basic auth with ADO_WEBHOOK_SECRET, or header X-Mlcycle-
    Webhook-Secret).

     Acts on git.push, git.pullrequest.created/updated/merged, ms.vss-pipelines.run-state-changed-event
    and build.complete; any other event type is answered 202 and recorded as ignored. A delivery of an
    event already received (same event id) is answered 200 and starts nothing.

    Args:
        body (HooksAzureDevopsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureDevopsBody,

) -> Response[HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202]:
    """ Azure DevOps service-hook deliveries (basic auth with ADO_WEBHOOK_SECRET, or header X-Mlcycle-
    Webhook-Secret).

     Acts on git.push, git.pullrequest.created/updated/merged, ms.vss-pipelines.run-state-changed-event
    and build.complete; any other event type is answered 202 and recorded as ignored. A delivery of an
    event already received (same event id) is answered 200 and starts nothing.

    Args:
        body (HooksAzureDevopsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureDevopsBody,

) -> HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202 | None:
    """ Azure DevOps service-hook deliveries (basic auth with ADO_WEBHOOK_SECRET, or header X-Mlcycle-
    Webhook-Secret).

     Acts on git.push, git.pullrequest.created/updated/merged, ms.vss-pipelines.run-state-changed-event
    and build.complete; any other event type is answered 202 and recorded as ignored. A delivery of an
    event already received (same event id) is answered 200 and starts nothing.

    Args:
        body (HooksAzureDevopsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HooksAzureDevopsResponse200 | HooksAzureDevopsResponse202
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
