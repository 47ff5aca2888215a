"""Tell the mlcycle app how the run ended: POST {dagId, dagRunId, runId, state} to the conf's callbackUrl.

The shared secret travels in a header (MLCYCLE_CALLBACK_HEADER). The callback only wakes the waiting orchestration
early -- the app also polls Airflow -- so a callback that still fails after the task's retries is logged, not
allowed to turn a successful training run into a failed DAG run.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable

import requests

RETRYABLE_STATUS = {408, 425, 429, 500, 502, 503, 504}

# How the notify tasks retry a transient failure (an app restarting, a deploy, a network blip): about ten minutes of
# attempts, the wait doubling from 10 s and capped at 2 min, so an app that comes back hears from the DAG within about
# two minutes. The DAG run stays running while its callback retries; once it gives up the run ends and the app's
# scheduler finds it in its next reconciliation. Airflow draws each wait between 1x and 2x of base * 2^(try - 1).
CALLBACK_RETRIES = 8
CALLBACK_RETRY_DELAY = timedelta(seconds=10)
CALLBACK_BACKOFF = 2.0
CALLBACK_MAX_RETRY_DELAY = timedelta(minutes=2)


def callback_retry_args() -> dict[str, Any]:
    """The retry arguments of the notify tasks."""
    return {
        "retries": CALLBACK_RETRIES,
        "retry_delay": CALLBACK_RETRY_DELAY,
        "retry_exponential_backoff": CALLBACK_BACKOFF,
        "max_retry_delay": CALLBACK_MAX_RETRY_DELAY,
    }


class CallbackRetry(RuntimeError):
    """A transient failure: raise it so Airflow retries the task."""


def post_callback(
    url: str,
    body: dict[str, Any],
    *,
    header: str,
    secret: str,
    last_attempt: bool,
    log: Callable[[str], None] = print,
    timeout: float = 15.0,
) -> bool:
    """POST the body; True when the app accepted it. Raises CallbackRetry on a transient failure unless last_attempt."""
    try:
        res = requests.post(url, json=body, headers={header: secret}, timeout=timeout)
    except requests.RequestException as exc:
        return _give_up_or_retry(f"callback to {url} failed: {type(exc).__name__}", last_attempt, log)
    if 200 <= res.status_code < 300:
        log(f"callback accepted ({res.status_code}): state={body['state']}")
        return True
    message = f"callback to {url} answered {res.status_code}"
    if res.status_code in RETRYABLE_STATUS:
        return _give_up_or_retry(message, last_attempt, log)
    log(f"{message}; not retrying (the app polls Airflow as a fallback)")
    return False


def _give_up_or_retry(message: str, last_attempt: bool, log: Callable[[str], None]) -> bool:
    if last_attempt:
        log(f"{message}; giving up after the last attempt (the app polls Airflow as a fallback)")
        return False
    raise CallbackRetry(message)
