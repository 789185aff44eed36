"""Layering a session's event over the campaign's defaults, and telling which layer a key path came from.

A session's event is three layers, later ones winning: the campaign's ``[defaults]``, the session's event
file (``file = ...``), and the session's own inline tables. Tables merge key by key; anything else (a
string, an array such as ``registration.questions``) is replaced whole, so a session that lists its own
questions gets exactly those.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def path_tokens(path: str) -> list[str | int]:
    """``registration.custom_questions[1].title`` → ["registration", "custom_questions", 1, "title"]."""
    return [int(index) if index else name for index, name in _TOKEN.findall(path)]


def depth_in(data: Any, tokens: list[str | int]) -> int:
    """How many leading tokens of the path exist in ``data``."""
    depth = 0
    for token in tokens:
        found = (isinstance(token, int) and isinstance(data, list) and token < len(data)) or (
            isinstance(token, str) and isinstance(data, Mapping) and token in data
        )
        if not found:
            break
        data = data[token]
        depth += 1
    return depth


def origin_of(path: str, layers: Sequence[tuple[str, Mapping[str, Any]]]) -> str:
    """The name of the layer that gave the value at ``path``: the deepest match, the later layer on a tie.

    ``layers`` go from lowest to highest precedence.
    """
    tokens = path_tokens(path)
    best, best_depth = layers[-1][0], 0
    for name, data in layers:
        depth = depth_in(data, tokens)
        if depth and depth >= best_depth:
            best, best_depth = name, depth
    return best
