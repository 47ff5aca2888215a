"""The completion callback: body, secret header, retry on transient failures, give up quietly on the last attempt."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from mlcycle_dag.callback import CallbackRetry, post_callback


@pytest.fixture()
def app():
    received: list[dict] = []
    status = {"code": 202}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server naming)
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            received.append({"path": self.path, "secret": self.headers.get("X-Mlcycle-Callback-Secret"), "body": body})
            self.send_response(status["code"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/api/hooks/airflow", received, status
    server.shutdown()


BODY = {"dagId": "mlcycle_training", "dagRunId": "mlcycle__r1", "runId": "r1", "state": "success"}


def test_posts_the_body_with_the_secret_header(app):
    url, received, _ = app
    assert post_callback(url, BODY, header="X-Mlcycle-Callback-Secret", secret="s3cret", last_attempt=False, log=lambda _: None)
    assert received == [{"path": "/api/hooks/airflow", "secret": "s3cret", "body": BODY}]


def test_a_transient_failure_is_retried_until_the_last_attempt(app):
    url, _, status = app
    status["code"] = 503
    with pytest.raises(CallbackRetry):
        post_callback(url, BODY, header="X-Mlcycle-Callback-Secret", secret="s", last_attempt=False, log=lambda _: None)
    assert post_callback(url, BODY, header="X-Mlcycle-Callback-Secret", secret="s", last_attempt=True, log=lambda _: None) is False


def test_a_rejection_is_not_retried(app):
    url, _, status = app
    status["code"] = 401
    assert post_callback(url, BODY, header="X-Mlcycle-Callback-Secret", secret="wrong", last_attempt=False, log=lambda _: None) is False


def test_an_unreachable_app_is_retried():
    with pytest.raises(CallbackRetry):
        post_callback("http://127.0.0.1:9/x", BODY, header="H", secret="s", last_attempt=False, log=lambda _: None, timeout=2)
