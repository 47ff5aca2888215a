"""The Python client for mlcycle: pipelines, runs, lineage and champion/challenger decisions."""

from ._errors_generated import *  # noqa: F401,F403 (one class per problem code, listed in its __all__)
from ._errors_generated import __all__ as _problem_classes
from ._errors_generated import by_code
from .client import Client
from .compare import Comparison
from .errors import (
    ApiError,
    FieldError,
    MlcycleError,
    RunCancelled,
    RunFailed,
    SettingsError,
    WaitTimeout,
)
from .runs import Run, Step

__version__ = "0.1.0"

__all__ = [
    "Client",
    "Run",
    "Step",
    "Comparison",
    "MlcycleError",
    "SettingsError",
    "ApiError",
    "FieldError",
    "RunFailed",
    "RunCancelled",
    "WaitTimeout",
    "by_code",
    *[name for name in _problem_classes if name != "by_code"],
]
