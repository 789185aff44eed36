"""`breakouts export --out` takes a folder, and its help says so."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from wmdctl.cli.main import app


def test_export_out_is_shown_as_a_directory() -> None:
    result = CliRunner().invoke(app, ["breakouts", "export", "--help"])
    assert result.exit_code == 0
    assert re.search(r"--out\s+DIR\b", result.stdout) and not re.search(r"--out\s+FILE\b", result.stdout)
