from __future__ import annotations

from pathlib import Path

import pytest

from wmdctl.config import REPO_EXAMPLE_NAME, load_settings, render_example_env
from wmdctl.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_precedence_flag_over_environment_over_file_over_default(tmp_path: Path) -> None:
    env_file = tmp_path / "settings.env"
    env_file.write_text("ZOOM_HOST=file@example.org\nZOOM_PLAN=free\nZOOM_ACCOUNT_ID=file-account\n")
    settings = load_settings(
        env={"ZOOM_HOST": "env@example.org", "ZOOM_ACCOUNT_ID": "env-account"},
        config_file=env_file,
        flags={"ZOOM_HOST": "flag@example.org"},
    )
    assert settings.resolved["ZOOM_HOST"].value == "flag@example.org"
    assert settings.resolved["ZOOM_HOST"].source == "flag"
    assert settings.resolved["ZOOM_ACCOUNT_ID"].value == "env-account"
    assert settings.resolved["ZOOM_ACCOUNT_ID"].source == "environment"
    assert settings.resolved["ZOOM_PLAN"].value == "free"
    assert settings.resolved["ZOOM_PLAN"].source == str(env_file)
    assert settings.resolved["ZOOM_API_URL"].source == "default"
    assert settings.resolved["ZOOM_CLIENT_ID"].source == "unset"


def test_dotenv_in_working_directory_is_read_only_when_present(tmp_path: Path) -> None:
    assert load_settings(env={}, cwd=tmp_path).dotenv_path is None
    (tmp_path / ".env").write_text("ZOOM_HOST=cwd@example.org\n")
    assert load_settings(env={}, cwd=tmp_path).get("ZOOM_HOST") == "cwd@example.org"


def test_relative_paths_in_a_dotenv_file_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "cfg").mkdir()
    env_file = tmp_path / "cfg" / "wmd.env"
    env_file.write_text("WMD_EVENT_FILE=event.toml\nWMD_STATE_DIR=state\n")
    settings = load_settings(env={}, config_file=env_file)
    assert settings.event_file == tmp_path / "cfg" / "event.toml"
    assert settings.state_dir == tmp_path / "cfg" / "state"


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(env={}, config_file=tmp_path / "nope.env")


def test_invalid_plan_names_the_variable() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(env={"ZOOM_PLAN": "enterprise"})
    assert info.value.variable == "ZOOM_PLAN"
    assert "free, pro, business" in info.value.message


def test_invalid_api_url_names_the_variable() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(env={"ZOOM_API_URL": "api.zoom.us/v2"})
    assert info.value.variable == "ZOOM_API_URL"


def test_require_names_the_variable_and_how_to_fix_it() -> None:
    settings = load_settings(env={})
    with pytest.raises(ConfigError) as info:
        settings.require("ZOOM_CLIENT_ID")
    assert info.value.variable == "ZOOM_CLIENT_ID"
    assert "config.example.env" in (info.value.hint or "")


def test_secret_is_redacted_in_display() -> None:
    settings = load_settings(env={"ZOOM_CLIENT_SECRET": "s3cr3t-value"})
    assert settings.resolved["ZOOM_CLIENT_SECRET"].display == "****"
    assert settings.secrets() == ["s3cr3t-value"]


def test_default_state_dir_follows_xdg() -> None:
    settings = load_settings(env={"XDG_STATE_HOME": "/var/lib/cronjobs"})
    assert settings.state_dir == Path("/var/lib/cronjobs/wmdctl")


def test_config_example_env_is_generated_from_the_variables() -> None:
    assert (REPO_ROOT / REPO_EXAMPLE_NAME).read_text() == render_example_env()
