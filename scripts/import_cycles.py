"""Count import cycles between wmdctl's modules (type-only imports included): the target is 0.

    .venv/bin/python scripts/import_cycles.py        # prints each cycle; exits 1 when there is one

A cycle makes import order matter and hides a missing layer; import-linter's contracts (pyproject.toml)
hold the layers, and this script holds the rest of the graph to no cycles at all.
"""

from __future__ import annotations

import sys

import grimp


def strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Tarjan's algorithm over the module graph; components with more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start) & modules)))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child) & modules))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return components


def main() -> int:
    graph = grimp.build_graph("wmdctl", include_external_packages=False)
    # Packages' __init__ modules import their children by design; count cycles between leaf modules only.
    modules = {m for m in graph.modules if not graph.find_children(m)}
    cycles = strongly_connected(graph, modules)
    for cycle in cycles:
        print("cycle: " + " <-> ".join(cycle))
    print(f"{len(cycles)} import cycle(s) among {len(modules)} modules")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
