"""Each left-out initiative's figures worked out by brute force over every subset, as defined
in issue 19 (and docs/prioritisation.md), independently of analysis/selection.py."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from malmiljo_cli.analysis.selection import Instance

EPS = 1e-6


@dataclass(frozen=True)
class Expected:
    code: str
    days: float
    room: float
    count: int
    breaks: tuple[str, ...]
    cost: float
    cost_room: float | None
    needs: frozenset[int]
    possible: bool
    best_with: float | None
    displaces: tuple[frozenset[int], ...]  # every set a best plan with it may give up


def closure(inst: Instance, start: int) -> set[int]:
    seen: set[int] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack += inst.requires[node]
    return seen


def feasible_plans(inst: Instance) -> list[frozenset[int]]:
    """Every subset that keeps `must`, leaves `exclude`, fits both limits and its prerequisites."""
    found = []
    for size in range(inst.size + 1):
        for combo in itertools.combinations(range(inst.size), size):
            plan = frozenset(combo)
            if (
                inst.must <= plan
                and not plan & inst.exclude
                and sum(inst.efforts[i] for i in plan) <= inst.budget + EPS
                and (inst.max_count is None or len(plan) <= inst.max_count)
                and (not money(inst) or cost(inst, plan) <= (inst.cost_budget or 0) + EPS)
                and all(set(inst.requires[i]) <= plan for i in plan)
            ):
                found.append(plan)
    return found


def money(inst: Instance) -> bool:
    return inst.cost_budget is not None and bool(inst.costs)


def cost(inst: Instance, members: Iterable[int]) -> float:
    return sum(inst.costs[j] for j in members) if inst.costs else 0.0


def expected(inst: Instance, plan: frozenset[int], i: int, plans: list[frozenset[int]]) -> Expected:
    add = closure(inst, i) - plan
    days = sum(inst.efforts[j] for j in add)
    room = max(0.0, inst.budget - sum(inst.efforts[j] for j in plan))
    count = len(plan) + len(add)
    money_room = max(0.0, (inst.cost_budget or 0) - cost(inst, plan)) if money(inst) else None
    adds = cost(inst, add)
    breaks = (
        ("days",) * (days > room + EPS)
        + ("count",) * (inst.max_count is not None and count > inst.max_count)
        + ("cost",) * (money_room is not None and adds > money_room + EPS)
    )
    holding = [p for p in plans if i in p]
    value = max((sum(inst.values[j] for j in p) for p in holding), default=None)
    displaces: tuple[frozenset[int], ...] = ()
    if value is not None:
        best = [p for p in holding if abs(sum(inst.values[j] for j in p) - value) < EPS]
        fewest = min(len(plan - p) for p in best)
        displaces = tuple(plan - p for p in best if len(plan - p) == fewest)
    if i in inst.exclude:
        code = "excluded"
    elif add & inst.exclude:
        code = "needs_excluded"
    elif "days" in breaks:
        alone = len(add) > 1 and inst.efforts[i] <= room + EPS
        code = "needs" if alone else "does_not_fit"
    elif "cost" in breaks:
        code = "does_not_fit"
    else:
        code = "count_limit" if breaks else "lower_value"
    return Expected(
        code,
        days,
        room,
        count,
        breaks,
        adds,
        money_room,
        frozenset(add - {i}),
        bool(holding),
        value,
        displaces,
    )
