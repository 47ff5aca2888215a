"""Settings come from the arguments or the environment; the credential never shows in a repr."""

from __future__ import annotations

import pytest

import mlcycle


def test_url_and_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLCYCLE_URL", "http://127.0.0.1:7071/")
    monkeypatch.setenv("MLCYCLE_KEY", "env-secret-key")
    client = mlcycle.Client()
    assert client.url == "http://127.0.0.1:7071"
    assert client.settings.key == "env-secret-key"
    assert client._t.get_httpx_client().headers["x-functions-key"] == "env-secret-key"
    assert "env-secret-key" not in repr(client) + repr(client.settings) + repr(client._t)


def test_a_token_goes_in_the_authorization_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLCYCLE_KEY", raising=False)
    monkeypatch.setenv("MLCYCLE_TOKEN", "env-token")
    client = mlcycle.Client("http://127.0.0.1:7071")
    headers = client._t.get_httpx_client().headers
    assert headers["Authorization"] == "Bearer env-token"
    assert "x-functions-key" not in headers
    assert "env-token" not in repr(client)


def test_an_argument_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLCYCLE_KEY", "env-key")
    client = mlcycle.Client("http://h:1", token="arg-token")
    assert client.settings.token == "arg-token" and client.settings.key is None


def test_no_url_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MLCYCLE_URL", raising=False)
    with pytest.raises(mlcycle.SettingsError, match="MLCYCLE_URL"):
        mlcycle.Client()


def test_key_and_token_together_are_refused() -> None:
    with pytest.raises(mlcycle.SettingsError):
        mlcycle.Client("http://h:1", key="k", token="t")
