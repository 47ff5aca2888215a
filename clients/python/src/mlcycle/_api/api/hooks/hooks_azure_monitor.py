from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.hooks_azure_monitor_body import HooksAzureMonitorBody
from ...models.hooks_azure_monitor_response_202 import HooksAzureMonitorResponse202
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: HooksAzureMonitorBody,
    secret: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    params["secret"] = secret


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/hooks/azure-monitor",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HooksAzureMonitorResponse202 | None:
    if response.status_code == 202:
        response_202 = HooksAzureMonitorResponse202.from_dict(response.json())



        return response_202

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HooksAzureMonitorResponse202]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureMonitorBody,
    secret: str | Unset = UNSET,

) -> Response[HooksAzureMonitorResponse202]:
    """ Azure Monitor alerts in the common alert schema (secret in header X-Mlcycle-Webhook-Secret or query
    parameter secret).

     The pipeline is the alert's custom property `mlcyclePipeline`; an alert without it is a 400 naming
    `data.customProperties.mlcyclePipeline`, an unknown pipeline a 404. Answered 202 with the decision
    of the pipeline's retrainOn.signals rule, like POST /api/pipelines/{id}/signals; a resolved alert is
    recorded as `ignored`.

    Args:
        secret (str | Unset): AZURE_MONITOR_WEBHOOK_SECRET, for action groups, whose webhooks
            cannot set headers. Never logged; prefer the header where the sender can set one.
        body (HooksAzureMonitorBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HooksAzureMonitorResponse202]
     """


    kwargs = _get_kwargs(
        body=body,
secret=secret,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureMonitorBody,
    secret: str | Unset = UNSET,

) -> HooksAzureMonitorResponse202 | None:
    """ Azure Monitor alerts in the common alert schema (secret in header X-Mlcycle-Webhook-Secret or query
    parameter secret).

     The pipeline is the alert's custom property `mlcyclePipeline`; an alert without it is a 400 naming
    `data.customProperties.mlcyclePipeline`, an unknown pipeline a 404. Answered 202 with the decision
    of the pipeline's retrainOn.signals rule, like POST /api/pipelines/{id}/signals; a resolved alert is
    recorded as `ignored`.

    Args:
        secret (str | Unset): AZURE_MONITOR_WEBHOOK_SECRET, for action groups, whose webhooks
            cannot set headers. Never logged; prefer the header where the sender can set one.
        body (HooksAzureMonitorBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HooksAzureMonitorResponse202
     """


    return sync_detailed(
        client=client,
body=body,
secret=secret,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureMonitorBody,
    secret: str | Unset = UNSET,

) -> Response[HooksAzureMonitorResponse202]:
    """ Azure Monitor alerts in the common alert schema (secret in header X-Mlcycle-Webhook-Secret or query
    parameter secret).

     The pipeline is the alert's custom property `mlcyclePipeline`; an alert without it is a 400 naming
    `data.customProperties.mlcyclePipeline`, an unknown pipeline a 404. Answered 202 with the decision
    of the pipeline's retrainOn.signals rule, like POST /api/pipelines/{id}/signals; a resolved alert is
    recorded as `ignored`.

    Args:
        secret (str | Unset): AZURE_MONITOR_WEBHOOK_SECRET, for action groups, whose webhooks
            cannot set headers. Never logged; prefer the header where the sender can set one.
        body (HooksAzureMonitorBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HooksAzureMonitorResponse202]
     """


    kwargs = _get_kwargs(
        body=body,
secret=secret,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: HooksAzureMonitorBody,
    secret: str | Unset = UNSET,

) -> HooksAzureMonitorResponse202 | None:
    """ Azure Monitor alerts in the common alert schema (secret in header X-Mlcycle-Webhook-Secret or query
    parameter secret).

     The pipeline is the alert's custom property `mlcyclePipeline`; an alert without it is a 400 naming
    `data.customProperties.mlcyclePipeline`, an unknown pipeline a 404. Answered 202 with the decision
    of the pipeline's retrainOn.signals rule, like POST /api/pipelines/{id}/signals; a resolved alert is
    recorded as `ignored`.

    Args:
        secret (str | Unset): AZURE_MONITOR_WEBHOOK_SECRET, for action groups, whose webhooks
            cannot set headers. Never logged; prefer the header where the sender can set one.
        body (HooksAzureMonitorBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HooksAzureMonitorResponse202
     """


    return (await asyncio_detailed(
        client=client,
body=body,
secret=secret,

    )).parsed
