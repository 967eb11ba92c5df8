"""The steering group's options: what more capacity buys, what one more initiative brings, what
really frees room when the decided work does not fit. Pure: codes and numbers, no sentences.

Every plan here is an exact optimum of the same problem as the lap's plan (analysis/selection.py):
decisions kept (they are `must`), the count limit and the cost budget kept; only the one thing
an option changes differs.

The frontier over the budget is found parametrically. At a budget b with best value v, the next
budget where the best plan changes is b' = the least effort of any plan worth more than v (none:
the frontier ends), and the best plan at b' is worth more than v and takes exactly b' (every
plan worth more than v takes at least b'). So two exact solves per point find every point, and
no budget between two points has a better plan. Small instances enumerate every plan instead.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from .selection import (
    TOLERANCE,
    Choice,
    Infeasible,
    Instance,
    choice,
    enumerable,
    feasible_sets,
    solve,
)

# Beyond this many candidates an exact solve takes a noticeable part of a second; the frontier
# then holds the exact best plan at FRONTIER_SAMPLES evenly spaced budgets (`complete` false)
# rather than every point, which may number in the thousands.
FRONTIER_EXACT_MAX = 60
FRONTIER_MAX_SOLVES = 400
FRONTIER_SAMPLES = 12
# Smallest releases are found smallest first; past these, the list stops (`complete` false).
RELEASES_MAX = 12
RELEASE_VISITS_MAX = 20_000


@dataclass(frozen=True)
class Point:
    """The best plan at `budget` person-days; `marginal` is the value each extra person-day
    bought since the point before (None for the first)."""

    budget: float
    plan: Choice
    marginal: float | None


@dataclass(frozen=True)
class Frontier:
    """Points in ascending budget; `complete`: every budget where the best plan changes is one."""

    points: tuple[Point, ...]
    complete: bool
    low: float
    high: float


@dataclass(frozen=True)
class AtCount:
    """The best plan with at most `max_count` initiatives (None: no plan holds the decisions)."""

    max_count: int
    plan: Choice | None


@dataclass(frozen=True)
class Idle:
    """Person-days the plan leaves unused, and whether one more initiative would give more."""

    days: float
    count_binds: bool


@dataclass(frozen=True)
class FitOption:
    """A way to make the decided work fit: more capacity, or releasing some of it.

    capacity: `days`, `count` and `money` more keep every decision. release: `stop` (running
    work) and `defer` (decided, not started), closed under "needs" within the decided work and
    minimal; `frees` person-days.
    """

    kind: Literal["capacity", "release"]
    days: float = 0.0
    count: int = 0
    money: float = 0.0
    stop: tuple[int, ...] = ()
    defer: tuple[int, ...] = ()
    frees: float = 0.0


def best_at(inst: Instance, *, start: Choice | None = None) -> Choice | None:
    """The optimum (least effort among equal values), or None when no plan fits; `start`, a
    plan known to fit, only helps the MILP solver prune."""
    try:
        return solve(inst, alternatives=0).best if enumerable(inst) else _milp_best(inst, start)
    except Infeasible:
        return None


def _milp_best(inst: Instance, start: Choice | None) -> Choice | None:
    from .milp import best_plan

    return best_plan(inst, start=start if start is not None and inst.fits(start.members) else None)


def frontier(inst: Instance, *, low: float, high: float) -> Frontier:
    """Every budget in [low, high] where the best plan changes, with the best plan there."""
    high = max(high, low)
    if enumerable(inst):
        plans = feasible_sets(replace(inst, budget=high))
        if plans is not None:
            return Frontier(_marginals(_pareto(inst, plans, low)), True, low, high)
    if inst.size > FRONTIER_EXACT_MAX:
        return _sampled(inst, low, high)
    found = _parametric(inst, low, high)
    if found is None:
        return _sampled(inst, low, high)
    return Frontier(_marginals(found), True, low, high)


def _pareto(inst: Instance, plans: list[Choice], low: float) -> list[tuple[float, Choice]]:
    """From every plan within the top budget: the least-effort plan of each rising value."""
    ordered = sorted(
        plans,
        key=lambda c: (
            round(c.effort, 9),
            -round(c.value, 9),
            sorted(inst.ids[i] for i in c.members),
        ),
    )
    found: list[tuple[float, Choice]] = []
    for plan in ordered:
        at = max(plan.effort, low)
        if found and plan.value <= found[-1][1].value + TOLERANCE:
            continue
        if found and at <= found[-1][0] + TOLERANCE:
            found[-1] = (found[-1][0], plan)  # a better plan within the lowest budget
            continue
        found.append((at, plan))
    return found


def _parametric(inst: Instance, low: float, high: float) -> list[tuple[float, Choice]] | None:
    """The exact points by alternating solves; None when they take more than the solve limit."""
    from .milp import best_plan, least_effort_plan

    start = best_plan(replace(inst, budget=low))
    solves = 1
    if start is None:  # nothing fits at the lowest budget: begin where the first plan does
        first = least_effort_plan(replace(inst, budget=high), value_above=-float("inf"))
        if first is None:
            return []
        start = best_plan(replace(inst, budget=first.effort), start=first)
        assert start is not None  # `first` fits
        low, solves = first.effort, 3
    found = [(low, start)]
    while solves < FRONTIER_MAX_SOLVES:
        value = found[-1][1].value
        nxt = least_effort_plan(replace(inst, budget=high), value_above=_above(value))
        solves += 1
        if nxt is None:
            return found
        best = best_plan(replace(inst, budget=nxt.effort), start=nxt)
        solves += 1
        assert best is not None  # nxt itself fits
        found.append((nxt.effort, best))
    return None


def _above(value: float) -> float:
    """The least value that counts as better than `value` (solver tolerances stay below it)."""
    return value + max(1e-6, 1e-9 * abs(value))


def _sampled(inst: Instance, low: float, high: float) -> Frontier:
    """The exact best plan at evenly spaced budgets, where each differs from the one before."""
    found: list[tuple[float, Choice]] = []
    steps = FRONTIER_SAMPLES - 1
    for k in range(FRONTIER_SAMPLES):
        budget = round(low + (high - low) * k / steps, 6) if steps else low
        start = found[-1][1] if found else None
        plan = _best_from(replace(inst, budget=budget), start)
        if plan is None:
            continue
        if found and plan.value <= found[-1][1].value + TOLERANCE:
            continue
        found.append((budget, plan))
    return Frontier(_marginals(found), False, low, high)


def _best_from(inst: Instance, start: Choice | None) -> Choice | None:
    from .milp import best_plan

    return best_plan(inst, start=start)


def _marginals(found: list[tuple[float, Choice]]) -> tuple[Point, ...]:
    points: list[Point] = []
    for k, (budget, plan) in enumerate(found):
        marginal = None
        if k:
            before_budget, before = found[k - 1]
            marginal = round((plan.value - before.value) / (budget - before_budget), 9)
        points.append(Point(budget, plan, marginal))
    return tuple(points)


def by_count(inst: Instance, plan: Choice | None = None) -> tuple[AtCount, ...]:
    """The best plan at the count limit minus one, at it, and plus one ((): no limit). `plan`,
    the optimum at the limit when known, is used as it is and to start the other two solves."""
    if inst.max_count is None:
        return ()
    found = []
    for m in (inst.max_count - 1, inst.max_count, inst.max_count + 1):
        if m < 1:
            continue
        if m == inst.max_count and plan is not None:
            found.append(AtCount(m, plan))
            continue
        fewer = replace(inst, max_count=m)
        start = plan if m > inst.max_count or plan is None else _one_less(fewer, plan)
        found.append(AtCount(m, best_at(fewer, start=start)))
    return tuple(found)


def _one_less(inst: Instance, plan: Choice) -> Choice | None:
    """The plan without its least valuable member that nothing in it needs (a start, no more)."""
    fixed = inst.closure(inst.must)
    needed = {r for m in plan.members for r in inst.requires[m]}
    free = [m for m in plan.members if m not in fixed and m not in needed]
    if not free:
        return None
    drop = min(free, key=lambda m: (inst.values[m], inst.ids[m]))
    return choice(inst, plan.members - {drop})


def idle(inst: Instance, plan: Choice, counts: Iterable[AtCount]) -> Idle:
    """Unused person-days, and whether the plan at one more initiative is worth more."""
    more = next(
        (
            c.plan
            for c in counts
            if inst.max_count is not None and c.max_count == inst.max_count + 1
        ),
        None,
    )
    binds = more is not None and more.value > plan.value + TOLERANCE
    return Idle(max(0.0, round(inst.budget - plan.effort, 9)), binds)


def breaks(inst: Instance, members: frozenset[int]) -> bool:
    """Whether a plan holding exactly `members` breaks the budget, the count or the money."""
    return (
        inst.effort_of(members) > inst.budget + TOLERANCE
        or (inst.max_count is not None and len(members) > inst.max_count)
        or not inst.within_money(inst.cost_of(members))
    )


def fit(
    inst: Instance, committed: frozenset[int], running: frozenset[int]
) -> tuple[FitOption, ...]:
    """When the decided work with what it needs breaks the capacity: the capacity that keeps it
    all, then every smallest release, fewest initiatives first (() when it fits)."""
    whole = inst.closure(committed)
    if not breaks(inst, whole):
        return ()
    more = FitOption(
        "capacity",
        days=max(0.0, round(inst.effort_of(whole) - inst.budget, 9)),
        count=max(0, len(whole) - inst.max_count) if inst.max_count is not None else 0,
        money=_money_over(inst, whole),
    )
    return (more, *_releases(inst, committed, running, whole))


def _money_over(inst: Instance, members: frozenset[int]) -> float:
    if not inst.money_binds or inst.cost_budget is None:
        return 0.0
    return max(0.0, round(inst.cost_of(members) - inst.cost_budget, 6))


def _releases(
    inst: Instance, committed: frozenset[int], running: frozenset[int], whole: frozenset[int]
) -> list[FitOption]:
    """Best-first over sets closed under "needs" (smallest, then by ids): a set that makes the
    rest fit and holds no set found before is minimal, as every smaller set came first."""
    # up[x]: x and every decided initiative that needs it (releasing x releases those too)
    up = {x: frozenset(y for y in committed if x in inst.closure([y])) for x in committed}
    key = _key(inst)
    queue = [(len(up[x]), key(up[x]), up[x]) for x in committed]
    heapq.heapify(queue)
    seen: set[frozenset[int]] = set()
    found: list[frozenset[int]] = []
    visits = 0
    while queue and len(found) < RELEASES_MAX and visits < RELEASE_VISITS_MAX:
        _, _, released = heapq.heappop(queue)
        if released in seen:
            continue
        seen.add(released)
        visits += 1
        if any(f <= released for f in found):
            continue
        if not breaks(inst, inst.closure(committed - released)):
            found.append(released)
            continue
        for x in sorted(committed - released, key=inst.ids.__getitem__):
            grown = released | up[x]
            if grown not in seen:
                heapq.heappush(queue, (len(grown), key(grown), grown))
    return [_release(inst, committed, running, whole, r) for r in found]


def _key(inst: Instance) -> Callable[[frozenset[int]], list[str]]:
    return lambda members: sorted(inst.ids[i] for i in members)


def _release(
    inst: Instance,
    committed: frozenset[int],
    running: frozenset[int],
    whole: frozenset[int],
    released: frozenset[int],
) -> FitOption:
    order = sorted(released, key=inst.ids.__getitem__)
    rest = inst.closure(committed - released)
    return FitOption(
        "release",
        stop=tuple(i for i in order if i in running),
        defer=tuple(i for i in order if i not in running),
        frees=round(inst.effort_of(whole) - inst.effort_of(rest), 9),
    )


def releases_complete(options: tuple[FitOption, ...]) -> bool:
    """Whether the release search ended by itself rather than at its limits."""
    return sum(1 for o in options if o.kind == "release") < RELEASES_MAX
