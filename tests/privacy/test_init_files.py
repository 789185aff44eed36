"""`wmdctl init`: .env will hold the client secret, so it is 0600 from its first byte; event.toml follows the umask."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import Cli

from .conftest import mode_of, umask


@pytest.mark.parametrize("mask", [0o000, 0o022])
def test_init_writes_a_private_env_and_a_public_event_file(tmp_path: Path, mask: int, cli: Cli) -> None:
    project = tmp_path / "project"
    with umask(mask):
        result = cli("init", str(project))
    assert result.exit_code == 0, result.stderr
    assert mode_of(project / ".env") == 0o600
    assert mode_of(project / "event.toml") == 0o666 & ~mask
    assert sorted(p.name for p in project.iterdir()) == [".env", "event.toml"]  # no temp file left


def test_init_force_replaces_a_symlinked_env_instead_of_writing_through_it(tmp_path: Path, cli: Cli) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".env").symlink_to(victim)
    result = cli("init", str(project), "--force")
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not (project / ".env").is_symlink() and mode_of(project / ".env") == 0o600
