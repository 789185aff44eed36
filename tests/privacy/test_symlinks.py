"""The symlink attacks from the issue, and the warnings for files and folders others can open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import Cli

from wmdctl.exitcodes import ExitCode

from .conftest import mode_of, write_list

PRECIOUS = "precious: must never be overwritten\n"


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text(PRECIOUS, encoding="utf-8")
    return victim


@pytest.mark.e2e
def test_a_planted_rejects_temp_symlink_is_not_followed(applied: Path, tmp_path: Path, cli: Cli) -> None:
    victim = _victim(tmp_path)
    # Plant it where the rejects file lives now (the state dir) and where StateStore puts it (per event).
    event_folder = applied / "events" / "wmd-2021"
    event_folder.mkdir(parents=True, mode=0o700)
    for folder in (applied, event_folder):
        (folder / "registrant-rejects.csv.tmp").symlink_to(victim)
    source = write_list(tmp_path / "members.csv", 2, bad_rows=1)
    result = cli("--sandbox", "registrants", "sync", str(source))
    assert result.exit_code == ExitCode.PARTIAL, result.stderr
    assert victim.read_text(encoding="utf-8") == PRECIOUS


@pytest.mark.e2e
def test_report_out_through_a_symlink_replaces_the_link(applied: Path, tmp_path: Path, cli: Cli) -> None:
    victim = _victim(tmp_path)
    assert cli("--sandbox", "sandbox", "simulate").exit_code == 0
    link = tmp_path / "attendance.csv"
    link.symlink_to(victim)
    result = cli("--sandbox", "report", "attendance", "--out", str(link))
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == PRECIOUS
    assert not link.is_symlink() and "email" in link.read_text(encoding="utf-8-sig")


@pytest.mark.e2e
def test_export_out_through_a_symlink_replaces_the_link(applied: Path, tmp_path: Path, cli: Cli) -> None:
    victim = _victim(tmp_path)
    link = tmp_path / "registrants.csv"
    link.symlink_to(victim)
    result = cli("--sandbox", "registrants", "export", "--out", str(link))
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == PRECIOUS


def test_a_planted_symlink_at_the_sandbox_database_is_refused(
    isolated_environment: Path, tmp_path: Path, cli: Cli
) -> None:
    victim = _victim(tmp_path)
    isolated_environment.mkdir(mode=0o700)
    (isolated_environment / "sandbox.db").symlink_to(victim)
    result = cli("--sandbox", "webinar", "apply", "--yes")
    assert result.exit_code == ExitCode.IO_ERROR
    assert "sandbox.db" in result.stderr and "symlink" in result.stderr and "Traceback" not in result.stderr
    assert victim.read_text(encoding="utf-8") == PRECIOUS


@pytest.mark.e2e
def test_a_planted_symlink_at_the_token_cache_is_replaced_not_followed(applied: Path, tmp_path: Path, cli: Cli) -> None:
    victim = _victim(tmp_path)
    [token] = (tmp_path / "state-home").rglob("token.json")  # the account's cache, under the isolated state home
    token.unlink()
    token.symlink_to(victim)
    cli("--sandbox", "webinar", "show")
    assert victim.read_text(encoding="utf-8") == PRECIOUS
    assert not token.is_symlink() and mode_of(token) == 0o600


@pytest.mark.e2e
def test_an_open_state_dir_is_warned_about_once_with_the_fix(isolated_environment: Path, cli: Cli) -> None:
    isolated_environment.mkdir()
    isolated_environment.chmod(0o777)
    result = cli("--sandbox", "webinar", "apply", "--yes")
    assert result.exit_code == 0, result.stderr
    fix = f"chmod 700 {isolated_environment}"
    assert result.stderr.count(fix) == 1 and "mode 0777" in result.stderr
    assert mode_of(isolated_environment) == 0o777  # a warning: never changed behind the user's back


@pytest.mark.e2e
def test_a_private_state_dir_gets_no_warning(applied: Path, cli: Cli) -> None:
    result = cli("--sandbox", "webinar", "plan")
    assert "chmod" not in result.stderr


def test_a_readable_env_with_the_secret_is_warned_about(tmp_path: Path, cli: Cli) -> None:
    env = Path.cwd() / ".env"
    env.write_text("ZOOM_CLIENT_SECRET=s3cr3t-value\n", encoding="utf-8")
    env.chmod(0o644)
    result = cli("config", "show")
    assert result.exit_code == 0
    assert result.stderr.count(f"chmod 600 {env}") == 1 and "s3cr3t-value" not in result.stdout + result.stderr
    env.chmod(0o600)
    assert "chmod" not in cli("config", "show").stderr


def test_a_readable_env_without_a_secret_is_fine(tmp_path: Path, cli: Cli) -> None:
    env = Path.cwd() / ".env"
    env.write_text("ZOOM_PLAN=pro\n", encoding="utf-8")
    os.chmod(env, 0o644)
    assert "chmod" not in cli("config", "show").stderr
