"""The shape of the code, for issue notes and clean-up planning: the largest modules and longest functions.

.venv/bin/python scripts/code_shape.py [--top N]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "wmdctl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=3)
    top = parser.parse_args().top
    modules: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for path in sorted(ROOT.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT.parent))
        modules.append((len(text.splitlines()), name))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                functions.append((length, f"{name}:{node.lineno} {node.name}"))
    print(f"{len(modules)} modules, {sum(1 for n, _ in modules if n > 300)} over 300 lines; largest:")
    for lines, name in sorted(modules, reverse=True)[:top]:
        print(f"  {lines:5d}  {name}")
    print(f"{len(functions)} functions, {sum(1 for n, _ in functions if n > 40)} over 40 lines; longest:")
    for lines, name in sorted(functions, reverse=True)[:top]:
        print(f"  {lines:5d}  {name}")


if __name__ == "__main__":
    main()
