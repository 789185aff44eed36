"""`wmdctl completion SHELL` prints the named shell's script, and the script's protocol completes wmdctl."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cli_support import Cli


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o default -F _wmdctl_completion wmdctl"), ("zsh", "compdef _wmdctl_completion wmdctl"),
     ("fish", "complete --command wmdctl"), ("powershell", "Register-ArgumentCompleter")],
)  # fmt: skip
def test_the_script_is_the_named_shells_whatever_shell_runs_it(cli: Cli, shell: str, marker: str) -> None:
    result = cli("completion", shell)
    assert result.exit_code == 0, result.stderr
    assert marker in result.stdout
    assert "_WMDCTL_COMPLETE" in result.stdout


def test_an_unknown_shell_is_a_usage_error_naming_the_choices(cli: Cli) -> None:
    result = cli("completion", "tcsh")
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.stderr


def test_the_bash_protocol_the_script_uses_completes_commands_and_choices() -> None:
    # What the bash script runs on <TAB>: the program itself, with the words in the environment.
    def complete(*words: str) -> list[str]:
        env = {**os.environ, "_WMDCTL_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(["wmdctl", *words]),
               "COMP_CWORD": str(len(words))}  # fmt: skip
        run = subprocess.run([sys.executable, "-m", "wmdctl", *words], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return run.stdout.split()

    assert "completion" in complete("comp")
    assert complete("completion", "") == ["bash", "zsh", "fish", "powershell", "pwsh"]


def test_sub_commands_leave_completion_options_to_the_root(cli: Cli) -> None:
    assert "--show-completion" not in cli("doctor", "--help").stdout
    assert "--show-completion" in cli("--help").stdout
