from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Cli

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


# --- profiles ---------------------------------------------------------------------------------------


def _profile(config_home: Path, name: str, text: str) -> Path:
    folder = config_home / "wmdctl" / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.env"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_profile_is_a_dotenv_file_under_the_config_home_with_its_own_state_dir(tmp_path: Path) -> None:
    path = _profile(tmp_path / "cfg", "barcelona", "ZOOM_ACCOUNT_ID=bcn\nZOOM_PLAN=business\n")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_STATE_HOME": str(tmp_path / "st")}
    settings = load_settings(env=env, profile="barcelona", cwd=tmp_path)
    assert settings.profile == "barcelona" and settings.profile_source == "flag"
    assert settings.get("ZOOM_ACCOUNT_ID") == "bcn" and settings.resolved["ZOOM_PLAN"].source == str(path)
    assert settings.state_dir == tmp_path / "st" / "wmdctl" / "profiles" / "barcelona"


def test_wmd_profile_selects_it_and_precedence_stays_flags_env_file_defaults(tmp_path: Path) -> None:
    _profile(tmp_path / "cfg", "quito", "ZOOM_ACCOUNT_ID=uio\nZOOM_HOST=file@example.org\nZOOM_PLAN=free\n")
    (tmp_path / ".env").write_text("ZOOM_ACCOUNT_ID=from-dot-env\n", encoding="utf-8")  # replaced by the profile
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "WMD_PROFILE": "quito", "ZOOM_HOST": "env@example.org"}
    settings = load_settings(env=env, flags={"ZOOM_PLAN": "pro"}, cwd=tmp_path)
    assert settings.profile == "quito" and settings.profile_source == "environment"
    assert settings.resolved["ZOOM_PLAN"].source == "flag"
    assert settings.get("ZOOM_HOST") == "env@example.org"
    assert settings.get("ZOOM_ACCOUNT_ID") == "uio"


def test_default_config_home_is_dot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wmdctl.config import profiles_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    assert profiles_dir({}) == tmp_path / ".config" / "wmdctl" / "profiles"


def test_an_unknown_profile_names_the_file_and_the_known_ones(tmp_path: Path) -> None:
    _profile(tmp_path / "cfg", "barcelona", "")
    with pytest.raises(ConfigError) as missing:
        load_settings(env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, profile="lima")
    assert "lima.env" in missing.value.message and "barcelona" in missing.value.message
    assert missing.value.variable == "WMD_PROFILE"


def test_profile_and_config_together_are_refused(tmp_path: Path) -> None:
    _profile(tmp_path / "cfg", "barcelona", "")
    other = tmp_path / "x.env"
    other.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, profile="barcelona", config_file=other)


def test_a_profile_name_cannot_walk_out_of_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_settings(env={"XDG_CONFIG_HOME": str(tmp_path)}, profile="../secrets")


def test_the_test_suite_never_reads_the_developers_profiles() -> None:
    import os

    assert "config-home" in os.environ["XDG_CONFIG_HOME"]


def test_config_profiles_lists_them_and_show_names_the_one_in_force(tmp_path: Path, cli: Cli) -> None:
    import json
    import os

    _profile(Path(os.environ["XDG_CONFIG_HOME"]), "barcelona", "ZOOM_PLAN=business\n")
    _profile(Path(os.environ["XDG_CONFIG_HOME"]), "quito", "")
    listed = json.loads(cli("config", "profiles", "--json", "--profile", "quito").stdout)
    assert [(p["profile"], p["in_use"]) for p in listed] == [("barcelona", False), ("quito", True)]
    shown = json.loads(cli("config", "show", "--json", env={"WMD_PROFILE": "barcelona"}).stdout)
    assert shown["WMD_PROFILE"] == {"value": "barcelona", "source": "environment"}
    assert shown["ZOOM_PLAN"]["value"] == "business"
