"""Graph structure of initiatives: cycles, ordering, reachability."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


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
