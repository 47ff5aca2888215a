"""The client's exceptions: API problems (one subclass per problem code, generated) and run outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .runs import Run


class MlcycleError(Exception):
    """Base class of every error the mlcycle client raises."""


class SettingsError(MlcycleError, ValueError):
    """The client is missing a setting (the API's URL) or was given contradictory ones."""


@dataclass(frozen=True)
class FieldError:
    """One field-level problem of a request: the field's path and what is wrong with it."""

    field: str
    message: str


class ApiError(MlcycleError):
    """The API answered with an error (an application/problem+json body, or another failure with its status).

    Subclasses, one per problem code (``NotFoundError``, ``ValidationError``, ...), live in ``_errors_generated``.
    """

    code: str = ""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str,
        errors: list[FieldError] | None = None,
        instance: str | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors: list[FieldError] = list(errors or [])
        self.instance = instance
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"{self.status} {self.code or self.title}: {self.detail or self.title}"
        if self.errors:
            text += "\n" + "\n".join(f"  {e.field}: {e.message}" for e in self.errors)
        return text

    @property
    def fields(self) -> list[str]:
        """The names of the fields the API found wrong."""
        return [e.field for e in self.errors]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, detail={self.detail!r}, fields={self.fields!r})"


class RunFailed(MlcycleError):
    """A run ended ``failed``: ``.run``, the failed ``.step``, its error ``.code`` and the ``.reason``."""

    def __init__(self, run: Run, step: str | None, code: str | None, reason: str) -> None:
        self.run = run
        self.step = step
        self.code = code
        self.reason = reason
        where = f" at step {step}" if step else ""
        what = f"{code}: {reason}" if code else reason
        super().__init__(f"run {run.id} failed{where}: {what}")


class RunCancelled(MlcycleError):
    """A run ended ``cancelled``; ``.run`` holds it."""

    def __init__(self, run: Run) -> None:
        self.run = run
        super().__init__(f"run {run.id} was cancelled" + (f": {run.reason}" if run.reason else ""))


class WaitTimeout(MlcycleError, TimeoutError):
    """``Run.wait`` gave up after its timeout; ``.run`` holds the run as last seen."""

    def __init__(self, run: Run, timeout: float) -> None:
        self.run = run
        self.timeout = timeout
        super().__init__(f"run {run.id} is still {run.status} after {timeout:g} s")


def field_errors(value: Any) -> list[FieldError]:
    """The ``errors`` array of a problem body as FieldError values (anything malformed is left out)."""
    if not isinstance(value, list):
        return []
    return [
        FieldError(str(e.get("field", "")), str(e.get("message", "")))
        for e in value
        if isinstance(e, dict)
    ]
