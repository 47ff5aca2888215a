"""How ``Run.wait`` shows a run's steps: a tqdm bar in a terminal, an updating HTML table in Jupyter."""

from __future__ import annotations

import html
import sys
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from tqdm import tqdm

if TYPE_CHECKING:
    from .runs import Run

STEP_COUNT = 8
_DONE = frozenset({"succeeded", "skipped", "failed", "cancelled"})


class StepDisplay(Protocol):
    """Something that shows a run's progress and is updated as it changes."""

    def update(self, run: Run) -> None:
        """Show the run as now read."""

    def close(self) -> None:
        """Stop updating (the last state stays shown)."""


def current_step(run: Run) -> str:
    """The step being worked on (the first not done), or the run's status when all are done."""
    for step in run.steps:
        if step.status not in _DONE:
            return f"{step.name}: {step.status}"
    return run.status


class TerminalProgress:
    """A tqdm bar over the run's eight steps; its description names the current step and its status."""

    def __init__(self, run: Run, file: TextIO | None = None) -> None:
        self._bar = tqdm(total=STEP_COUNT, desc=f"run {run.id}", unit="step", file=file or sys.stderr, leave=True)

    def update(self, run: Run) -> None:
        """Move the bar to the steps done and name the current one."""
        done = sum(1 for s in run.steps if s.status in _DONE)
        self._bar.n = min(done, STEP_COUNT)
        self._bar.set_description_str(f"{run.id} {current_step(run)}", refresh=False)
        self._bar.set_postfix_str(run.status, refresh=False)
        self._bar.refresh()

    def close(self) -> None:
        """Close the bar."""
        self._bar.close()


def steps_html(run: Run) -> str:
    """The run's steps as an HTML table; every text is escaped (run texts come from users and other systems)."""
    e = html.escape
    rows = []
    for step in run.steps:
        error = step.error or {}
        message = f"{error.get('code', '')}: {error.get('message', '')}" if error else ""
        times = " → ".join(t for t in (step.started_at, step.finished_at) if t)
        rows.append(
            f"<tr><td>{e(step.name)}</td><td>{e(step.status)}</td><td>{e(times)}</td><td>{e(message)}</td></tr>"
        )
    caption = f"run {e(run.id)} of {e(run.pipeline_id)}: {e(run.status)}"
    if run.reason:
        caption += f" ({e(str(run.reason))})"
    head = "<tr><th>step</th><th>status</th><th>time</th><th>error</th></tr>"
    return f'<table class="mlcycle-run"><caption>{caption}</caption>{head}{"".join(rows)}</table>'


class NotebookProgress:
    """An HTML table of the steps in the notebook's output, replaced in place on every update."""

    def __init__(self, run: Run, display: Any = None) -> None:
        import IPython.display

        # IPython ships no types for these.
        ipython: Any = IPython.display
        self._html: Any = ipython.HTML
        show: Any = display or ipython.display
        self._handle: Any = show(self._html(steps_html(run)), display_id=True)

    def update(self, run: Run) -> None:
        """Replace the table with the run as now read."""
        self._handle.update(self._html(steps_html(run)))

    def close(self) -> None:
        """Nothing to close: the last table stays."""


def in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (an IPython kernel, not a terminal IPython)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def open_display(run: Run) -> StepDisplay:
    """The display for where this runs: a notebook table in Jupyter, a tqdm bar elsewhere."""
    return NotebookProgress(run) if in_notebook() else TerminalProgress(run)
