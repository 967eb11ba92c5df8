"""The package's shape: no import circles, and the layers import only downwards.

Imports inside functions count (they still tie two modules together); imports under
`if TYPE_CHECKING:` do not (they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

import malmiljo_cli

PACKAGE = Path(malmiljo_cli.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    def __init__(self, name: str, is_package: bool, modules: dict[str, Path]) -> None:
        self.name, self.is_package, self.modules = name, is_package, modules
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            parts = self.name.split(".")
            parts = parts[: len(parts) - node.level + (1 if self.is_package else 0)]
            base = ".".join([*parts, base] if base else parts)
        for alias in node.names:
            full = f"{base}.{alias.name}"
            self._add(full if full in self.modules else base)

    def _add(self, name: str) -> None:
        while name not in self.modules and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in self.modules and name != self.name:
            self.found.add(name)


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere but under TYPE_CHECKING)."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        visitor = _Imports(name, path.name == "__init__.py", modules)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = visitor.found
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles() -> None:
    assert circles(import_graph()) == []


def test_type_checking_imports_do_not_count_but_function_imports_do() -> None:
    graph = import_graph()
    # checks.py names Validation only for typing; commands import lazily inside functions.
    assert "malmiljo_cli.validate" not in graph["malmiljo_cli.checks"]
    assert "malmiljo_cli.write.office.deck" in graph["malmiljo_cli.commands.deck"]


LAYERS = ("analysis", "content", "write")


def test_layers_import_downwards_only() -> None:
    """analysis knows nothing of content or write; content never imports a writer's format
    library module (documents, office, terminal), only charts and the map it draws."""
    graph = import_graph()
    for name, deps in graph.items():
        layer = name.split(".")[1] if name.count(".") else ""
        if layer == "analysis":
            assert not {d for d in deps if d.split(".")[1:2] in (["content"], ["write"])}, name
        if layer == "content":
            bad = {
                d
                for d in deps
                if d.startswith(("malmiljo_cli.write.documents", "malmiljo_cli.write.office"))
                or d.startswith("malmiljo_cli.write.terminal")
            }
            assert not bad, (name, bad)
