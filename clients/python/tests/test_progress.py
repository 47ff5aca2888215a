"""What Run.wait shows: a tqdm bar in a terminal, an HTML table (escaped) updated in place in Jupyter."""

from __future__ import annotations

from typing import Any

import pytest

import mlcycle
from conftest import World
from mlcycle import progress


def test_the_terminal_bar_names_the_steps(world: World, client: mlcycle.Client, capsys: pytest.CaptureFixture[str]) -> None:
    run = client.runs.start(world.seed())
    run.wait(timeout=60, poll=0.2)
    err = capsys.readouterr().err
    assert f"{run.id}" in err and "8/8" in err and "succeeded" in err


def test_steps_html_escapes_every_text(world: World, client: mlcycle.Client) -> None:
    run = client.runs.start(world.seed()).wait(timeout=60, poll=0.2, progress=False)
    run.data["reason"] = "<script>alert('x')</script> & co"  # a finished run's reason says how it ended
    run.data["steps"][3]["error"] = {"code": "PERMANENT", "message": "<img src=x onerror=alert(1)>"}
    text = progress.steps_html(run)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text and "&amp; co" in text and "&lt;img" in text
    assert text.count("<tr>") == 9


class FakeHandle:
    def __init__(self, shown: list[str]) -> None:
        self.shown = shown

    def update(self, obj: Any) -> None:
        self.shown.append(obj.data)


def test_in_jupyter_a_table_is_shown_and_updated_in_place(world: World, client: mlcycle.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    import IPython.display

    shown: list[str] = []
    ids: list[Any] = []

    def display(obj: Any, display_id: Any = None) -> FakeHandle:
        ids.append(display_id)
        shown.append(obj.data)
        return FakeHandle(shown)

    monkeypatch.setattr(progress, "in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", display)
    run = client.runs.start(world.seed(), reason="<b>bold</b>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in progress.steps_html(run) and "<b>" not in progress.steps_html(run)
    run.wait(timeout=60, poll=0.2)
    assert ids == [True]  # one output, then updates of it
    assert len(shown) >= 2
    assert "succeeded" in shown[-1]


def test_outside_a_kernel_is_not_a_notebook() -> None:
    assert progress.in_notebook() is False
