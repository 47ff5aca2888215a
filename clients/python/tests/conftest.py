"""The suite's world: the real app on a dev host over fakes, started once per session by a Node process."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mlcycle

REPO = Path(__file__).resolve().parents[3]


class World:
    """The running app (``url``, ``key``) and its control endpoint, through which tests steer the fakes."""

    def __init__(self, url: str, key: str, control: str) -> None:
        self.url = url
        self.key = key
        self.control = control

    def ctl(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """Call the control endpoint (POST with a body, GET without)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.control + path, data=data, method="GET" if body is None else "POST",
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def seed(self, overrides: dict[str, Any] | None = None, metrics: dict[str, float] | None = None) -> str:
        """Register a new pipeline (its fake repository and data exist) and return its id."""
        pipeline_id = f"p-{uuid.uuid4().hex[:10]}"
        self.ctl("/seed", {"id": pipeline_id, "overrides": overrides or {}})
        if metrics:
            self.ctl("/metrics", {"id": pipeline_id, "metrics": metrics})
        return pipeline_id


def _read_first_line(process: subprocess.Popen[str], seconds: float) -> str:
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline() if process.stdout else ""), daemon=True)
    reader.start()
    reader.join(seconds)
    if not line or not line[0].strip():
        process.kill()
        raise RuntimeError(f"the client world did not start within {seconds:g} s")
    return line[0]


@pytest.fixture(scope="session")
def world() -> Iterator[World]:
    """Start test/support/client-world.ts; it stops when its stdin closes."""
    node = os.environ.get("MLCYCLE_NODE", "node")
    process = subprocess.Popen(
        [node, "--import", "tsx", "test/support/client-world.ts"],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        started = json.loads(_read_first_line(process, 120))
        yield World(started["url"], started["key"], started["control"])
    finally:
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture()
def client(world: World) -> Iterator[mlcycle.Client]:
    """A client with the operator key."""
    with mlcycle.Client(world.url, key=world.key) as c:
        yield c


@pytest.fixture()
def failing_trainings(world: World) -> Iterator[None]:
    """Fake trainings fail while the test runs (and succeed again after it)."""
    world.ctl("/training", {"finalState": "failed"})
    yield
    world.ctl("/training", {"finalState": "success"})
