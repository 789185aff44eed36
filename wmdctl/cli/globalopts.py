"""Global options anywhere: `wmdctl registrants list --json` means `wmdctl --json registrants list`.

Click parses a group's options only before its sub-command. Rather than
repeat the global options on every command, the root group moves the ones it
finds after the sub-command path to the front before parsing. It walks the
real command tree, so it knows which of the command's own options take a value
(that value is never mistaken for a global option), it leaves a command's own
option alone if one ever shares a global's name, and it stops at `--`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

# The root callback's options that may appear anywhere. --version, --help and
# the completion options stay where they are: after a sub-command, --help is its.
GLOBAL_FLAGS = frozenset(
    {"--json", "--verbose", "-v", "--quiet", "-q", "--no-color", "--sandbox", "--no-input", "--no-pager"}
)
GLOBAL_VALUED = frozenset({"--config", "--event", "--profile"})

# name -> command object (a group has `get_command`), as click resolves it
Resolver = Callable[[Any, str], Any]


def _option_name(token: str) -> str:
    return token.split("=", 1)[0] if token.startswith("--") else token


def _own_options(command: Any) -> tuple[set[str], set[str]]:
    """(all option names of ``command``, the names that take a value)."""
    names: set[str] = set()
    valued: set[str] = set()
    for param in getattr(command, "params", ()):
        if getattr(param, "param_type_name", "") != "option":
            continue
        opts = set(param.opts) | set(param.secondary_opts)
        names |= opts
        if not (param.is_flag or param.count):
            valued |= opts
    return names, valued


def hoist_global_options(root: Any, args: Sequence[str], resolve: Resolver) -> list[str]:
    """``args`` with every global option (and its value) moved to the front, in order."""
    front: list[str] = []
    rest: list[str] = []
    command = root
    own, valued = _own_options(root)
    at_root = True
    i = 0
    while i < len(args):
        token = args[i]
        name = _option_name(token)
        if token == "--":
            rest.extend(args[i:])
            break
        if (name in GLOBAL_FLAGS or name in GLOBAL_VALUED) and (at_root or name not in own):
            takes_value = name in GLOBAL_VALUED and "=" not in token
            front.extend(args[i : i + 2] if takes_value else [token])
            i += 2 if takes_value else 1
            continue
        if token.startswith("-") and len(token) > 1:
            takes_value = name in valued and "=" not in token
            rest.extend(args[i : i + 2] if takes_value else [token])
            i += 2 if takes_value else 1
            continue
        rest.append(token)
        if hasattr(command, "get_command"):  # a group: this token names the sub-command
            command = resolve(command, token)
            if command is None:  # unknown: click says so
                rest.extend(args[i + 1 :])
                break
            own, valued = _own_options(command)
            at_root = False
        i += 1
    return front + rest
