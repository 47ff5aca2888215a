"""Schemathesis hooks for the API fuzz test (loaded through SCHEMATHESIS_HOOKS by api-fuzz.test.ts).

`rejected_request_changes_nothing` is a custom check: a request the API rejects with a 4xx must leave the observable
state (pipelines and their ETags, runs and their ETags, Durable instances and their statuses) as it found it. The
state digest comes from a small server the Node test runs beside the dev host (state-digest.ts, which also says what
the digest leaves out and why); its address is in MLCYCLE_FUZZ_DIGEST_URL. The digest before a request is taken in
`before_call`; the check compares it with a fresh one only after a 4xx, so accepted requests cost one call.
The fuzz run uses a single worker, so no other request can run between the two digests.

Continuation tokens are signed, which no schema can say: a token of the documented shape that this API did not issue
is rightly a 400. So a schema-valid (positive) case keeps a `continuationToken` only when an earlier response returned
it (the stateful phase follows the `next-page` links); a made-up one is dropped from it. Negative cases keep theirs.
"""

import json
import os
import urllib.request

import schemathesis
from schemathesis import GenerationMode

DIGEST_URL = os.environ["MLCYCLE_FUZZ_DIGEST_URL"]
_before: dict[str, str] = {}
_issued_tokens: set[str] = set()


def _digest() -> str:
    with urllib.request.urlopen(DIGEST_URL, timeout=60) as response:
        return json.load(response)["digest"]


@schemathesis.hook
def before_call(context, case, **kwargs):
    if case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE and case.query:
        token = case.query.get("continuationToken")
        if token is not None and token not in _issued_tokens:
            del case.query["continuationToken"]
    _before.clear()
    _before[case.id] = _digest()


@schemathesis.hook
def after_call(context, case, response):
    if response.status_code != 200:
        return
    try:
        body = response.json()
    except ValueError:
        return
    if isinstance(body, dict) and isinstance(body.get("continuationToken"), str):
        _issued_tokens.add(body["continuationToken"])


@schemathesis.check
def rejected_request_changes_nothing(ctx, response, case):
    if not 400 <= response.status_code < 500:
        return None
    before = _before.get(case.id)
    if before is not None and _digest() != before:
        raise AssertionError(f"State changed by a rejected request: answered {response.status_code}, but pipelines, runs or Durable instances changed")
    return None
