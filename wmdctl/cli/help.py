"""Help for people: readable metavars instead of Typer's type names.

Typer 0.26 shows each option's Python type (`--json <bool>`, `<list[Path]>`,
`{sources}...`), which reads as if a flag took a value. The three methods below
are the only place Typer turns a parameter into that text, so they are replaced
once, here, for every command (including those other modules add later).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption, _TyperParameter

_TYPE_WORDS = {"int": "INTEGER", "float": "NUMBER", "str": "TEXT", "bool": "BOOLEAN"}


def readable_type(param: _TyperParameter, ctx: Any) -> str | None:
    """FILE, TEXT, INTEGER, a|b|c, or nothing for a flag; `...` when it repeats."""
    if param.metavar is not None:
        return str(param.metavar)
    if isinstance(param, TyperOption) and (param.is_bool_flag or param.count):
        return None  # a flag takes no value, so none is shown
    desc = param.type_descriptor
    if desc.is_choice:
        label = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    elif desc.is_path:
        label = "DIR" if desc.path_type == "directory" else "FILE"
    else:
        inner = param._bare_type(desc.annotation)
        if inner.startswith("list["):
            inner = inner[5:-1]
        label = _TYPE_WORDS.get(inner, inner.upper())
    repeats = param.nargs != 1 or getattr(param, "multiple", False)
    return f"{label}..." if repeats and isinstance(param, TyperArgument) else label


def _argument_name(self: TyperArgument) -> str:
    name = self.display_name_raw.upper()
    return f"{name}..." if self.metavar is None and self.nargs != 1 else name


def _argument_usage(self: TyperArgument) -> str:
    name = self.display_name_raw.upper()
    name = name if self.required else f"[{name}]"
    return f"{name}..." if self.nargs != 1 else name


def install() -> None:
    """Idempotent: safe to call from every entry path (console script, CliRunner, completion)."""
    TyperOption.display_type_rich = readable_type  # type: ignore[method-assign,assignment]
    TyperArgument.display_type_rich = readable_type  # type: ignore[method-assign,assignment]
    TyperArgument._rich_display_name = _argument_name  # type: ignore[method-assign]
    TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
