"""Graph structure of initiatives: cycles, ordering, reachability."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models.types import ID_PATTERN

_ID = re.compile(ID_PATTERN)


def find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Every elementary cycle reached by a depth-first search, each once, rotated to its smallest id.

    `edges` maps a node to the nodes it depends on. Iterative, so a deep chain cannot overflow.
    """
    colour: dict[str, int] = {}  # 0 unseen, 1 on the stack, 2 finished
    found: dict[tuple[str, ...], list[str]] = {}
    for start in sorted(edges):
        if colour.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        colour[start] = 1
        while stack:
            node, index = stack[-1]
            targets = sorted(edges.get(node, ()))
            if index == len(targets):
                stack.pop()
                path.pop()
                colour[node] = 2
                continue
            stack[-1] = (node, index + 1)
            nxt = targets[index]
            state = colour.get(nxt, 0)
            if state == 1:
                cycle = path[path.index(nxt) :]
                pivot = cycle.index(min(cycle))
                rotated = cycle[pivot:] + cycle[:pivot]
                found.setdefault(tuple(rotated), rotated)
            elif state == 0:
                colour[nxt] = 1
                stack.append((nxt, 0))
                path.append(nxt)
    return [found[key] for key in sorted(found)]


def topological_order(edges: Mapping[str, Sequence[str]]) -> list[str]:
    """Prerequisites first, ties by id; assumes no cycles (validation guarantees it)."""
    remaining = {node: {d for d in deps if d in edges} for node, deps in edges.items()}
    order: list[str] = []
    ready = sorted(n for n, deps in remaining.items() if not deps)
    dependents: dict[str, list[str]] = {n: [] for n in edges}
    for node, deps in remaining.items():
        for dep in deps:
            dependents[dep].append(node)
    import heapq

    heapq.heapify(ready)
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for nxt in dependents[node]:
            remaining[nxt].discard(node)
            if not remaining[nxt]:
                heapq.heappush(ready, nxt)
    return order


# --- Reachability, selectors and the critical path (used by `malmiljo graph`) ---------------


@dataclass(frozen=True)
class Selector:
    """A dbt-style selector: `ID`, `+ID` (with prerequisites), `ID+` (with dependents), `+ID+`."""

    id: str
    prerequisites: bool = False
    dependents: bool = False


@dataclass(frozen=True)
class CriticalPath:
    """The heaviest chain of prerequisites, prerequisites first, and its summed weight."""

    nodes: tuple[str, ...]
    weight: float

    @property
    def edges(self) -> frozenset[tuple[str, str]]:
        """(prerequisite, dependent) pairs along the path."""
        return frozenset(zip(self.nodes, self.nodes[1:], strict=False))


def parse_selector(expr: str) -> Selector:
    """Read `+ID`, `ID+`, `+ID+` or `ID`; raise ValueError on anything else."""
    text = expr.strip()
    before, after = text.startswith("+"), text.endswith("+") and len(text) > 1
    ident = text[int(before) : len(text) - int(after)]
    if not _ID.match(ident):
        raise ValueError(
            f"'{expr}' is not a selector; write ID, +ID (with prerequisites), "
            "ID+ (with dependents) or +ID+ (both)"
        )
    return Selector(ident, prerequisites=before, dependents=after)


def reachable(edges: Mapping[str, Sequence[str]], start: str) -> frozenset[str]:
    """Every node reachable from `start` along `edges` (start excluded); iterative."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                todo.append(nxt)
    return frozenset(seen)


def reverse(edges: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Turn node -> prerequisites into node -> dependents (lists sorted)."""
    out: dict[str, list[str]] = {node: [] for node in edges}
    for node, deps in edges.items():
        for dep in deps:
            out.setdefault(dep, []).append(node)
    return {node: sorted(deps) for node, deps in out.items()}


def select(edges: Mapping[str, Sequence[str]], selector: Selector) -> frozenset[str]:
    """The nodes a selector picks; `edges` maps a node to its prerequisites."""
    picked = {selector.id}
    if selector.prerequisites:
        picked |= reachable(edges, selector.id)
    if selector.dependents:
        picked |= reachable(reverse(edges), selector.id)
    return frozenset(picked)


def neighbourhood(edges: Mapping[str, Sequence[str]], core: Iterable[str]) -> frozenset[str]:
    """`core` plus its direct prerequisites and direct dependents."""
    nodes = set(core)
    dependents = reverse(edges)
    for node in list(nodes):
        nodes.update(edges.get(node, ()))
        nodes.update(dependents.get(node, ()))
    return frozenset(nodes)


def critical_path(edges: Mapping[str, Sequence[str]], weight: Mapping[str, float]) -> CriticalPath:
    """The chain of prerequisites with the largest summed weight; ties go to the smaller ids.

    Only nodes in `weight` take part, so a caller leaves out what should not count (done work).
    """
    live = {n: sorted(d for d in edges.get(n, ()) if d in weight) for n in weight}
    best: dict[str, float] = {}
    via: dict[str, str | None] = {}
    for node in topological_order(live):
        prev = max(live[node], key=lambda d: (best[d], _desc(d)), default=None)
        best[node] = weight[node] + (best[prev] if prev is not None else 0.0)
        via[node] = prev
    if not best:
        return CriticalPath((), 0.0)
    end: str | None = max(best, key=lambda n: (best[n], _desc(n)))
    total = best[end] if end is not None else 0.0
    chain: list[str] = []
    while end is not None:
        chain.append(end)
        end = via[end]
    return CriticalPath(tuple(reversed(chain)), total)


def _desc(ident: str) -> tuple[int, ...]:
    """A key that makes max() prefer the smaller id on ties."""
    return (*(-ord(ch) for ch in ident), 0)
