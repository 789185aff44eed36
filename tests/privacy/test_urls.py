"""Plain-HTTP Zoom URLs carry the client secret and join links in clear: refused unless on loopback."""

from __future__ import annotations

import pytest
from cli_support import Cli

from wmdctl.config import load_settings
from wmdctl.errors import ConfigError
from wmdctl.exitcodes import ExitCode


@pytest.mark.parametrize("name", ["ZOOM_API_URL", "ZOOM_OAUTH_URL"])
@pytest.mark.parametrize("url", ["http://api.zoom.us/v2", "http://10.0.0.5:9100/v2", "http://128.0.0.1/v2"])
def test_plain_http_off_loopback_is_refused(name: str, url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(env={name: url})
    assert caught.value.variable == name
    assert "plain HTTP" in caught.value.message and "unencrypted" in caught.value.message
    assert "https://" in (caught.value.hint or "")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9100/v2", "http://127.8.9.10/v2", "http://[::1]:9100/v2", "http://localhost:9100/v2",
     "https://api.zoom.us/v2", "https://zoom.example.org/v2"],
)  # fmt: skip
def test_https_anywhere_and_http_on_loopback_are_accepted(url: str) -> None:
    assert load_settings(env={"ZOOM_API_URL": url}).get("ZOOM_API_URL") == url


@pytest.mark.parametrize("url", ["ftp://zoom.us/v2", "https://", "api.zoom.us/v2"])
def test_not_a_url_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="is not an http"):
        load_settings(env={"ZOOM_OAUTH_URL": url})


def test_the_cli_exits_3_and_says_why(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("ZOOM_OAUTH_URL", "http://zoom.us/oauth/token")
    result = cli("config", "show")
    assert result.exit_code == ExitCode.CONFIG
    assert "ZOOM_OAUTH_URL" in result.stderr and "unencrypted" in result.stderr
