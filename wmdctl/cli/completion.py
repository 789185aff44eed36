"""`wmdctl completion SHELL`: the completion script for the shell named, whatever shell runs the command.

Typer's own `--show-completion` guesses the shell from the parent processes, so it prints zsh's script to a
user who asked for bash from a zsh session, and fails ("Shell  not supported") under cron or a CI runner,
where no shell is a parent. Naming the shell makes the output depend on the request alone.
"""

from __future__ import annotations

from typing import Annotated

import typer

# Defined here, re-exported by typer.completion: the module Typer's own --show-completion uses.
from typer._completion_shared import Shells, get_completion_script

ShellArgument = Annotated[Shells, typer.Argument(help="bash, zsh, fish, powershell or pwsh.", show_default=False)]


def completion(shell: ShellArgument) -> None:
    """Print the completion script for SHELL, to add to its start-up file.

    Examples:

      wmdctl completion bash >> ~/.bashrc

      wmdctl completion zsh >> ~/.zshrc
    """
    # The variable the generated script sets: Click's convention, from the program's name.
    typer.echo(get_completion_script(prog_name="wmdctl", complete_var="_WMDCTL_COMPLETE", shell=shell.value))
