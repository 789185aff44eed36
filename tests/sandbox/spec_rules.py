"""Derive the sandbox's request rules from Zoom's OpenAPI spec, to hold wmdctl/sandbox/spec_rules.py against it.

The sandbox may not read ../shared at run time, so its rules are a compact table in its own code
(a subset of JSON Schema: types, enums, required, lengths, ranges, items, properties). This module
derives the same table from the spec; the contract test asserts the two agree, and running it
regenerates the table after a spec update:

    .venv/bin/python tests/sandbox/spec_rules.py > wmdctl/sandbox/spec_rules.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).resolve().parents[2] / ".." / "shared" / "zoom-openapi" / "zoom-meetings-api.openapi.json"
KEPT = ("type", "enum", "maxLength", "minLength", "maximum", "minimum", "maxItems", "minItems")
FORMATS = ("email", "date-time")


def derive_node(schema: dict[str, Any]) -> dict[str, Any]:
    """The rule for one schema node: only what the sandbox checks, nested objects and arrays included."""
    parts = schema.get("allOf")
    if parts:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in parts:
            merged.setdefault("properties", {}).update(part.get("properties", {}))
            merged["required"] = [*merged.get("required", []), *part.get("required", [])]
            merged.setdefault("type", part.get("type"))
        schema = merged
    node = {k: schema[k] for k in KEPT if k in schema and schema[k] is not None}
    if schema.get("format") in FORMATS:
        node["format"] = schema["format"]
    if schema.get("required"):
        node["required"] = sorted(set(schema["required"]))
    if "properties" in schema:
        node["properties"] = {name: derive_node(sub) for name, sub in schema["properties"].items()}
        node.setdefault("type", "object")
    if isinstance(schema.get("items"), dict):
        node["items"] = derive_node(schema["items"])
    return node


def derive_operation(operation: dict[str, Any]) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    query = {p["name"]: derive_node(p.get("schema", {})) for p in operation.get("parameters", []) if p["in"] == "query"}
    if query:
        rules["query"] = query
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body:
        rules["body"] = derive_node(body)
    return rules


def derive(spec: dict[str, Any], operations: list[str]) -> dict[str, dict[str, Any]]:
    """{"POST /users/{userId}/webinars": {"query": {...}, "body": {...}}} for each operation the spec has."""
    table = {}
    for key in operations:
        method, path = key.split(" ", 1)
        operation = spec["paths"].get(path, {}).get(method.lower())
        if operation is not None:
            table[key] = derive_operation(operation)
    return table


def _render(value: Any, indent: int, used: int) -> str:
    """Python source that fits 120 columns, one leaf rule per line where it can, so diffs stay small."""
    flat = repr(value)
    if used + len(flat) < 119 or not isinstance(value, dict | list):
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, list):
        return "[\n" + "\n".join(f"{pad}{item!r}," for item in value) + "\n" + " " * indent + "]"
    lines = []
    for key, sub in value.items():
        head = f"{pad}{key!r}: "
        lines.append(f"{head}{_render(sub, indent + 4, len(head))},")
    return "{\n" + "\n".join(lines) + "\n" + " " * indent + "}"


def render_module(table: dict[str, dict[str, Any]]) -> str:
    header = '''"""Zoom's request rules per operation: a compact JSON Schema subset (GENERATED, do not edit by hand).

Types, enums, required fields, lengths, ranges and nesting of each operation's query and JSON body,
as Zoom's Meetings OpenAPI spec states them; wmdctl.sandbox.validation applies them. The sandbox must
not read the spec at run time (it is not shipped), so the rules live here; the contract test
tests/sandbox/test_rules_contract.py holds them against the spec. Regenerate after a spec update:

    .venv/bin/python tests/sandbox/spec_rules.py > wmdctl/sandbox/spec_rules.py
"""

from typing import Any

# fmt: off
RULES: dict[str, dict[str, Any]] = '''
    return header + _render(table, 0, 40) + "\n# fmt: on\n"


def sandbox_operations() -> list[str]:
    from wmdctl.sandbox.app import API_ROUTES

    return [route.operation for route in API_ROUTES]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    sys.stdout.write(render_module(derive(spec, sandbox_operations())))
