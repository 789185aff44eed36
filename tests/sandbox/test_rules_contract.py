"""The sandbox's request rules (wmdctl/sandbox/spec_rules.py) are exactly what Zoom's spec says."""

from __future__ import annotations

import pytest
from contract_support import load_spec, require_spec

from wmdctl.sandbox.spec_rules import RULES

from .spec_rules import derive, sandbox_operations

OUTSIDE_THE_MEETINGS_SPEC = {"GET /users", "GET /users/{userId}"}  # Zoom's Users API, a different spec


@pytest.fixture(autouse=True)
def _spec() -> None:
    require_spec()  # skips without ../shared, fails under CI=true


def test_every_routed_operation_is_in_the_spec() -> None:
    paths = load_spec()["paths"]
    missing = {op for op in sandbox_operations() if op.split(" ", 1)[1] not in paths
               or op.split(" ", 1)[0].lower() not in paths[op.split(" ", 1)[1]]}  # fmt: skip
    assert missing == OUTSIDE_THE_MEETINGS_SPEC


def test_rules_match_the_spec() -> None:
    """After a spec update: `.venv/bin/python tests/sandbox/spec_rules.py > wmdctl/sandbox/spec_rules.py`."""
    expected = derive(load_spec(), sandbox_operations())
    assert set(RULES) == set(expected)
    for operation, rules in expected.items():
        assert RULES[operation] == rules, operation
