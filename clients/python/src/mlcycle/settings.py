"""Where the client finds the API and its credentials: arguments first, then the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import SettingsError


@dataclass(frozen=True)
class Settings:
    """The API's base URL and one credential: an API key (``x-functions-key``) or an Entra bearer token."""

    url: str
    key: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    timeout: float = 30.0

    def __repr__(self) -> str:
        # Credentials never appear in a repr: only which kind is set.
        return f"Settings(url={self.url!r}, auth={self.auth_kind!r}, timeout={self.timeout!r})"

    @property
    def auth_kind(self) -> str:
        """``"key"``, ``"token"`` or ``"none"``."""
        return "key" if self.key else "token" if self.token else "none"


def resolve_settings(
    url: str | None = None,
    key: str | None = None,
    token: str | None = None,
    timeout: float = 30.0,
) -> Settings:
    """Settings from the arguments, else ``MLCYCLE_URL``, ``MLCYCLE_KEY`` and ``MLCYCLE_TOKEN``."""
    if key and token:
        raise SettingsError("give either key= or token=, not both")
    url = url or os.environ.get("MLCYCLE_URL")
    if not url:
        raise SettingsError(
            "no mlcycle URL: pass Client('http://host:port') or set MLCYCLE_URL"
        )
    if not key and not token:
        key = os.environ.get("MLCYCLE_KEY") or None
        token = None if key else os.environ.get("MLCYCLE_TOKEN") or None
    return Settings(url=url.rstrip("/"), key=key, token=token, timeout=timeout)
