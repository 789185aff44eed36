"""A route: method, werkzeug rule, handler and the Zoom rate-limit label (notes §10)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from werkzeug.wrappers import Response

Handler = Callable[..., Response]


@dataclass(frozen=True)
class Route:
    method: str
    rule: str
    handler: Handler
    category: str

    def endpoint(self) -> tuple[Handler, str]:
        return (self.handler, self.category)

    @property
    def operation(self) -> str:
        """The operation as Zoom's spec names it: "GET /webinars/{webinarId}" for GET /webinars/<webinar_id>."""
        return f"{self.method} {spec_path(self.rule)}"


def spec_path(rule: str) -> str:
    def camel(match: re.Match[str]) -> str:
        head, *rest = match.group(1).split("_")
        return "{" + head + "".join(part.title() for part in rest) + "}"

    return re.sub(r"<(?:\w+:)?(\w+)>", camel, rule)


def deep_merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Zoom's PATCH semantics for settings: nested objects merge, everything else replaces."""
    merged = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def public(obj: dict[str, Any]) -> dict[str, Any]:
    """Drop the sandbox's private bookkeeping keys (leading underscore) before sending."""
    return {k: v for k, v in obj.items() if not k.startswith("_")}
