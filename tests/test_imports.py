"""The package's import graph, read from the source: no cycles, and rules stay independent.

A cycle makes the import order matter (and broke once between the reporters and the
engine). A rule module that imports another rule module couples two families: what
several rules share belongs in toolkit/parse/ (reading text) or toolkit/document/
(reading the protocol).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "toolkit"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(path: Path, top_level_only: bool) -> set[str]:
    """The toolkit modules `path` imports (at import time only, or anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module in MODULES:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


def graph(top_level_only: bool = True) -> dict[str, set[str]]:
    return {name: imported(path, top_level_only) - {name} for name, path in MODULES.items()}


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = "done"
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_graph_is_read():
    edges = graph()
    assert "toolkit.rules._registry" in edges["toolkit.rules.age"]
    assert "toolkit.engine" in edges["toolkit.commands.validate"]


def test_no_import_cycle():
    found = cycle(graph())
    assert found is None, "import cycle: " + " -> ".join(found or [])


def test_cycle_detection_finds_one():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_rule_modules_do_not_import_each_other():
    rules = {name for name in MODULES if name.startswith("toolkit.rules.") and not name.split(".")[-1].startswith("_")}
    for name in sorted(rules):
        others = imported(MODULES[name], top_level_only=False) & (rules | {"toolkit.rules"})
        assert not others, f"{name} imports {sorted(others)}: move what they share to toolkit/parse/ or toolkit/document/"
