"""Selectors, reachability and the critical path (analysis/graph.py)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malmiljo_cli.analysis.graph import (
    Selector,
    critical_path,
    neighbourhood,
    parse_selector,
    reachable,
    reverse,
    select,
)

# b needs a; c needs b; d needs a and c; e stands alone.
EDGES = {"a": [], "b": ["a"], "c": ["b"], "d": ["a", "c"], "e": []}


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("c", Selector("c")),
        ("+c", Selector("c", prerequisites=True)),
        ("c+", Selector("c", dependents=True)),
        ("+c+", Selector("c", prerequisites=True, dependents=True)),
        (" +tva-team ", Selector("tva-team", prerequisites=True)),
    ],
)
def test_parse_selector(expr: str, expected: Selector) -> None:
    assert parse_selector(expr) == expected


@pytest.mark.parametrize("expr", ["", "+", "++", "a b", "+1abc", "a++", "@a"])
def test_parse_selector_rejects_what_is_not_a_selector(expr: str) -> None:
    with pytest.raises(ValueError, match="not a selector"):
        parse_selector(expr)


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("c", {"c"}),
        ("+c", {"a", "b", "c"}),
        ("c+", {"c", "d"}),
        ("+c+", {"a", "b", "c", "d"}),
        ("a+", {"a", "b", "c", "d"}),
        ("+e+", {"e"}),
    ],
)
def test_select(expr: str, expected: set[str]) -> None:
    assert select(EDGES, parse_selector(expr)) == expected


def test_reachable_survives_a_cycle_and_leaves_out_the_start() -> None:
    assert reachable({"a": ["b"], "b": ["a"]}, "a") == {"b"}


def test_reverse_and_neighbourhood() -> None:
    assert reverse(EDGES)["a"] == ["b", "d"]
    assert neighbourhood(EDGES, ["b"]) == {"a", "b", "c"}
    assert neighbourhood(EDGES, []) == frozenset()


def test_critical_path_is_the_heaviest_chain() -> None:
    weight = {"a": 1.0, "b": 10.0, "c": 1.0, "d": 1.0, "e": 12.5}
    path = critical_path(EDGES, weight)
    assert path.nodes == ("a", "b", "c", "d")
    assert path.weight == 13.0
    assert path.edges == {("a", "b"), ("b", "c"), ("c", "d")}
    weight["e"] = 13.5
    assert critical_path(EDGES, weight).nodes == ("e",)


def test_critical_path_ties_go_to_smaller_ids_and_missing_weights_drop_out() -> None:
    edges = {"x": [], "y": [], "z": ["x", "y"]}
    assert critical_path(edges, {"x": 1, "y": 1, "z": 1}).nodes == ("x", "z")
    assert critical_path(edges, {"y": 1, "z": 1}).nodes == ("y", "z")
    assert critical_path(edges, {}).nodes == ()


def _brute_force(edges: dict[str, list[str]], weight: dict[str, float]) -> float:
    """The heaviest chain by trying every ordered subset (small graphs only)."""
    best = 0.0
    nodes = sorted(weight)
    for size in range(1, len(nodes) + 1):
        for chain in itertools.permutations(nodes, size):
            if all(chain[i] in edges[chain[i + 1]] for i in range(size - 1)):
                best = max(best, sum(weight[n] for n in chain))
    return best


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=10),
    st.lists(st.integers(1, 9), min_size=6, max_size=6),
)
def test_critical_path_matches_brute_force(
    pairs: list[tuple[int, int]], weights: list[int]
) -> None:
    names = [f"n{i}" for i in range(6)]
    # Only edges from a higher to a lower number, so the graph has no cycle.
    edges = {n: sorted({names[b] for a, b in pairs if names[a] == n and b < a}) for n in names}
    weight = {n: float(w) for n, w in zip(names, weights, strict=True)}
    path = critical_path(edges, weight)
    assert path.weight == _brute_force(edges, weight)
    assert sum(weight[n] for n in path.nodes) == path.weight
    assert all(a in edges[b] for a, b in zip(path.nodes, path.nodes[1:], strict=False))
