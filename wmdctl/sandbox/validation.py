"""Request validation as Zoom does it: every query parameter and JSON body against the operation's rules.

The rules (wmdctl.sandbox.spec_rules) are a JSON Schema subset taken from Zoom's spec: types, enums,
required fields, lengths, ranges, items and properties. A violation is Zoom's 400 code 300
"Validation Failed." with one entry per field. A body that passes is pruned to the properties the
spec knows, so nothing the spec does not describe is ever stored or echoed back.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from werkzeug.wrappers import Request

from wmdctl.sandbox.spec_rules import RULES
from wmdctl.sandbox.wire import BODY_KEY, ApiError, body_bytes, validation_failed

Problem = tuple[str, str]
INVALID = "Invalid field."
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
INTEGER = re.compile(r"^-?\d{1,19}$")
INT64 = (-(2**63), 2**63 - 1)
PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


def _type_ok(value: Any, kind: str | None) -> bool:
    if kind is None or kind not in PYTHON_TYPES:
        return True
    if isinstance(value, bool) and kind != "boolean":  # bool is an int in Python, never in JSON
        return False
    if kind == "integer" and isinstance(value, int):
        return INT64[0] <= value <= INT64[1]
    return isinstance(value, PYTHON_TYPES[kind])


def _format_ok(value: Any, fmt: str | None) -> bool:
    if not isinstance(value, str) or fmt is None:
        return True
    if fmt == "email":
        # Zoom blanks emails it may not show, and clients echo them back: "" is not a malformed address.
        return value == "" or bool(EMAIL.match(value))
    try:  # date-time: with Z (UTC), an offset, or none (wall time in `timezone`, notes §2)
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _bounds_ok(value: Any, rule: dict[str, Any]) -> bool:
    if isinstance(value, str):
        return bool(rule.get("minLength", 0) <= len(value) <= rule.get("maxLength", len(value)))
    if isinstance(value, list):
        return bool(rule.get("minItems", 0) <= len(value) <= rule.get("maxItems", len(value)))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return bool(rule.get("minimum", value) <= value <= rule.get("maximum", value))
    return True


def check(value: Any, rule: dict[str, Any], field: str) -> list[Problem]:
    """Every way ``value`` breaks ``rule``, as (field path, message)."""
    if not _type_ok(value, rule.get("type")):
        return [(field, INVALID)]
    if "enum" in rule and value not in rule["enum"]:
        return [(field, INVALID)]
    if not _bounds_ok(value, rule) or not _format_ok(value, rule.get("format")):
        return [(field, INVALID)]
    problems: list[Problem] = []
    if isinstance(value, dict):
        prefix = f"{field}." if field else ""
        problems += [
            (f"{prefix}{name}", "This field is required.") for name in rule.get("required", ()) if name not in value
        ]
        for name, sub in rule.get("properties", {}).items():
            if name in value:
                problems += check(value[name], sub, f"{prefix}{name}")
    elif isinstance(value, list) and "items" in rule:
        for index, item in enumerate(value):
            problems += check(item, rule["items"], f"{field}[{index}]")
    return problems


def prune(value: Any, rule: dict[str, Any]) -> Any:
    """Only what the rule describes: unknown properties are dropped at every depth."""
    if isinstance(value, dict) and "properties" in rule:
        known = rule["properties"]
        return {name: prune(sub, known[name]) for name, sub in value.items() if name in known}
    if isinstance(value, list) and "items" in rule:
        return [prune(item, rule["items"]) for item in value]
    return value


def _query_value(text: str, rule: dict[str, Any]) -> Any:
    """A query string parameter as the JSON value its rule's type expects, or None when it can't be one."""
    kind = rule.get("type")
    if kind in ("integer", "number"):
        return int(text) if INTEGER.match(text) else None
    if kind == "boolean":
        return {"true": True, "false": False}.get(text)
    return text


def check_query(request: Request, rules: dict[str, dict[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    for name, rule in rules.items():
        if name not in request.args:
            continue
        if name == "page_size":
            # SANDBOX CHOICE (notes §13: Zoom's answer to page_size > 300 is UNCONFIRMED): clamp, don't refuse,
            # which is what a client must cope with anyway (fewer rows than asked for).
            rule = {k: v for k, v in rule.items() if k not in ("maximum", "minimum")}
        value = _query_value(request.args[name], rule)
        problems += [(name, INVALID)] if value is None else check(value, rule, name)
    return problems


def parse_body(request: Request) -> Any:
    raw = body_bytes(request)
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError(400, 300, "Request Body should be a valid JSON object.") from None


def validate(request: Request, operation: str) -> None:
    """Check the request against its operation's rules and keep the pruned body for read_json."""
    rules = RULES.get(operation, {})
    problems = check_query(request, rules.get("query", {}))
    body_rule = rules.get("body")
    if body_rule is not None:
        body = parse_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, 300, "Request Body should be a valid JSON object.")
        problems += check(body, body_rule, "")
        if not problems:
            request.environ[BODY_KEY] = prune(body, body_rule)
    if problems:
        raise validation_failed(*problems)
