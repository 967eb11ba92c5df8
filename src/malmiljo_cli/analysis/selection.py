"""The optimal set of initiatives under a budget, a maximum count and dependencies.

Maximise the total value subject to: total effort <= budget, count <= max, every prerequisite
of a chosen initiative done or chosen too, `must` in, `exclude` out. Small instances are solved
by enumerating every feasible set (which also yields the runners-up and each left-out
initiative's best plan for free); larger ones by HiGHS's MILP solver (analysis/milp.py).
Both are exact. The greedy heuristic is here only to show, in tests and the benchmark, how far
"sort by value per day and fill" falls short.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import MalmiljoError, UsageError
from ..messages import unknown_id
from ..models import Engagement

# Re-exported: what callers of the optimiser read and hand back.
from .instance import TOLERANCE as TOLERANCE
from .instance import Choice as Choice
from .instance import Instance as Instance
from .instance import choice as choice
from .instance import money_tolerance as money_tolerance
from .scoring import Ranking

Solver = Literal["auto", "enumerate", "milp"]
# Why an initiative is left out. `excluded`: by --exclude; `needs_excluded`: a prerequisite is;
# else from what adding it breaks: `needs` (the days, though it alone would fit the room: its
# prerequisites do not), `does_not_fit` (the days), `count_limit` (only the count),
# `lower_value` (nothing: the plan is worth at least as much without it).
ReasonCode = Literal[
    "excluded", "needs_excluded", "does_not_fit", "needs", "count_limit", "lower_value"
]
Constraint = Literal["days", "count", "cost"]
# Enumeration is instant for a workshop's worth of initiatives and gives runners-up for free;
# beyond 20 candidates, or 200,000 feasible plans, the MILP solver takes over.
ENUMERATION_MAX_SIZE = 20
ENUMERATION_LIMIT = 200_000
# Beyond this many candidates the reasons name the binding constraint without the value of the
# best plan holding each left-out one (one MILP each); the constraint needs no re-solve.
MILP_REASONS_MAX = 60


class Infeasible(MalmiljoError):
    """No plan satisfies the constraints; the message names the one that blocks."""


@dataclass(frozen=True)
class Reason:
    """Why one candidate is not in the plan P, in numbers a steering group can check by hand.

    `days`: the effort it would add to P (its own and that of its prerequisites outside P);
    `room`: max(0, budget - effort of P); `count`: len(P) plus what it would add; `breaks`:
    every constraint that addition breaks; `needs`: the prerequisites it would bring along;
    `possible`: whether any plan keeping the fixed (`must`) work can hold it; `best_with` and
    `displaces`: the value of the best such plan and the members of P it gives up (None when
    no plan can hold it, or, beyond MILP_REASONS_MAX candidates, when it was not solved).
    """

    index: int
    code: ReasonCode
    days: float
    room: float
    count: int
    breaks: tuple[Constraint, ...] = ()
    needs: tuple[int, ...] = ()
    possible: bool = True
    best_with: float | None = None
    displaces: tuple[int, ...] | None = None
    cost: float = 0.0  # money it would add (0 without costs)
    cost_room: float | None = None  # max(0, cost budget - cost of P); None: no cost budget


@dataclass(frozen=True)
class Solution:
    """The optimal plan, the next best distinct plans, and why each candidate left out is out."""

    best: Choice
    alternatives: tuple[Choice, ...]
    reasons: tuple[Reason, ...]
    solver: Literal["enumeration", "highs"]


def solve(
    inst: Instance, *, solver: Solver = "auto", alternatives: int = 3, reasons: bool = True
) -> Solution:
    """The proven optimum; raises Infeasible naming the constraint the `must` set breaks.
    `reasons=False` skips the reasons (and their extra solves) when only the plan is wanted."""
    check_feasible(inst)
    plans = feasible_sets(inst, limit=_limit(solver)) if enumerable(inst, solver) else None
    if plans is not None:
        ordered = sorted(plans, key=lambda c: _order_key(inst, c))
        listed = _distinct(ordered, alternatives + 1)
        found = _best_holding_from(inst, ordered, listed[0].members) if reasons else {}
        why = explain(inst, listed[0].members, best_holding=found.get) if reasons else ()
        return Solution(listed[0], tuple(listed[1:]), why, "enumeration")
    from .milp import best_plans

    listed = best_plans(inst, alternatives + 1)
    # "The best plan with it" costs a MILP or two per left-out initiative: only while cheap.
    holding = _milp_best_holding(inst, listed[0].members)
    why = explain(inst, listed[0].members, best_holding=holding) if reasons else ()
    return Solution(listed[0], tuple(listed[1:]), why, "highs")


def _milp_best_holding(inst: Instance, plan: frozenset[int]) -> Callable[[int], Choice | None]:
    """The best plan holding i that keeps the most of `plan`: the best value first, then, when
    that plan gives up members, a second solve keeping as many as that value allows."""
    from .milp import best_plan, most_kept_plan

    def find(i: int) -> Choice | None:
        if inst.size > MILP_REASONS_MAX:
            return None
        first = best_plan(inst, force=i)
        if first is None or plan <= first.members:
            return first
        kept = most_kept_plan(inst, force=i, keep=plan, at_least=first.value, start=first)
        return first if kept is None or _worse(kept, first) else kept

    return find


def _worse(plan: Choice, than: Choice) -> bool:
    return round(plan.value, 9) < round(than.value, 9)


def enumerable(inst: Instance, solver: Solver = "auto") -> bool:
    """Whether to solve by enumerating every feasible plan rather than by the MILP solver."""
    return solver == "enumerate" or (solver == "auto" and inst.size <= ENUMERATION_MAX_SIZE)


def _limit(solver: Solver) -> int | None:
    return None if solver == "enumerate" else ENUMERATION_LIMIT


def _order_key(inst: Instance, plan: Choice) -> tuple[float, float, list[str]]:
    """Best value first; among equal values the smaller effort, then the ids, for determinism."""
    return (-round(plan.value, 9), round(plan.effort, 9), sorted(inst.ids[i] for i in plan.members))


def _distinct(ordered: Sequence[Choice], count: int) -> list[Choice]:
    """The best plans, skipping any contained in a plan already listed (it only leaves work out)."""
    listed: list[Choice] = []
    for plan in ordered:
        if not any(plan.members <= seen.members for seen in listed):
            listed.append(plan)
            if len(listed) == count:
                break
    return listed


def _best_holding_from(
    inst: Instance, ordered: Sequence[Choice], plan: frozenset[int]
) -> dict[int, Choice]:
    """For each candidate outside `plan`, the best plan (of `ordered`, best value first) that
    holds it and, among those of that value, gives up the fewest members of `plan`."""
    wanted = {i for i in range(inst.size) if i not in plan and possible(inst, i)}
    best: dict[int, Choice] = {}
    for found in ordered:
        if len(best) == len(wanted) and all(_worse(found, b) for b in best.values()):
            break
        for i in found.members & wanted:
            held = best.get(i)
            if held is None or (
                not _worse(found, held) and len(plan - found.members) < len(plan - held.members)
            ):
                best[i] = found
    return best


def possible(inst: Instance, i: int) -> bool:
    """Whether any plan can hold `i`: it, what it needs and the fixed work, together, fit."""
    return inst.fits(inst.closure([i]) | inst.closure(inst.must))


def feasible_sets(inst: Instance, *, limit: int | None = ENUMERATION_LIMIT) -> list[Choice] | None:
    """Every feasible plan (the empty one included), or None when there are more than `limit`."""
    order = _prerequisites_first(inst)
    found: list[Choice] = []
    # Depth-first over candidates, prerequisites first, so "its prerequisites are already in"
    # is decided when a candidate is reached; budget and count prune whole subtrees.
    stack: list[tuple[int, frozenset[int], float, float]] = [(0, frozenset(), 0.0, 0.0)]
    costs = inst.costs if inst.money_binds else (0.0,) * inst.size
    while stack:
        depth, members, effort, cost = stack.pop()
        if depth == len(order):
            found.append(Choice(members, inst.value_of(members), effort))
            if limit is not None and len(found) > limit:
                return None
            continue
        node = order[depth]
        if node not in inst.must:
            stack.append((depth + 1, members, effort, cost))
        if _can_add(inst, node, members, effort) and inst.within_money(cost + costs[node]):
            stack.append(
                (depth + 1, members | {node}, effort + inst.efforts[node], cost + costs[node])
            )
    return found


def _can_add(inst: Instance, node: int, members: frozenset[int], effort: float) -> bool:
    return (
        node not in inst.exclude
        and effort + inst.efforts[node] <= inst.budget + TOLERANCE
        and (inst.max_count is None or len(members) < inst.max_count)
        and all(r in members for r in inst.requires[node])
    )


def _prerequisites_first(inst: Instance) -> list[int]:
    from .graph import topological_order

    edges = {str(i): [str(r) for r in inst.requires[i]] for i in range(inst.size)}
    return [int(node) for node in topological_order(edges)]


def check_feasible(inst: Instance) -> None:
    """Raise Infeasible when the `must` initiatives with what they need cannot form a plan."""
    both = sorted(inst.ids[i] for i in inst.must & inst.exclude)
    if both:
        raise Infeasible(f"'{both[0]}' is both required (--must) and excluded (--exclude)")
    needed = inst.closure(inst.must)
    for i in sorted(inst.must, key=lambda i: inst.ids[i]):
        blocked = sorted(inst.ids[j] for j in inst.closure([i]) & inst.exclude)
        if blocked:
            raise Infeasible(f"'{inst.ids[i]}' (--must) needs '{blocked[0]}', which is excluded")
    names = ", ".join(sorted(inst.ids[i] for i in needed))
    effort = inst.effort_of(needed)
    if effort > inst.budget + TOLERANCE:
        raise Infeasible(
            f"the --must initiatives with what they need ({names}) take {effort:g} days; "
            f"the budget is {inst.budget:g}"
        )
    if inst.max_count is not None and len(needed) > inst.max_count:
        raise Infeasible(
            f"the --must initiatives with what they need ({names}) are {len(needed)}; "
            f"the maximum is {inst.max_count}"
        )
    cost = inst.cost_of(needed)
    if inst.money_binds and not inst.within_money(cost):
        raise Infeasible(
            f"the --must initiatives with what they need ({names}) cost {cost:g}; "
            f"the cost budget is {inst.cost_budget:g}"
        )


def explain(
    inst: Instance,
    plan: frozenset[int],
    *,
    best_holding: Callable[[int], Choice | None] | None = None,
) -> tuple[Reason, ...]:
    """For each candidate outside `plan`, by id, what adding it would take and break (see
    `Reason`); `best_holding(i)` gives the best plan holding i, asked only when one exists
    (without it, the best plans are not given)."""
    room = max(0.0, inst.budget - inst.effort_of(plan))
    money = (
        None if not inst.money_binds else max(0.0, (inst.cost_budget or 0.0) - inst.cost_of(plan))
    )
    return tuple(
        _reason(inst, plan, room, money, i, best_holding)
        for i in sorted(range(inst.size), key=lambda i: inst.ids[i])
        if i not in plan
    )


def _reason(
    inst: Instance,
    plan: frozenset[int],
    room: float,
    money: float | None,
    i: int,
    best_holding: Callable[[int], Choice | None] | None,
) -> Reason:
    add = inst.closure([i]) - plan
    days = inst.effort_of(add)
    count = len(plan) + len(add)
    cost = inst.cost_of(add)
    breaks = breaks_of(inst, days=days, room=room, count=count, cost=cost, cost_room=money)
    needs = tuple(sorted(add - {i}, key=inst.ids.__getitem__))
    can = possible(inst, i)
    best = best_holding(i) if can and best_holding is not None else None
    return Reason(
        index=i,
        code=_code(inst, i, add, room, breaks),
        days=days,
        room=room,
        count=count,
        breaks=breaks,
        cost=cost,
        cost_room=money,
        needs=needs,
        possible=can,
        best_with=None if best is None else best.value,
        displaces=None if best is None else tuple(sorted(plan - best.members)),
    )


def breaks_of(
    inst: Instance,
    *,
    days: float,
    room: float,
    count: int,
    cost: float = 0.0,
    cost_room: float | None = None,
) -> tuple[Constraint, ...]:
    """Every constraint that `days` more person-days, `count` initiatives in all and `cost` more
    money (against `cost_room`, when a cost budget binds) break."""
    found: list[Constraint] = []
    if days > room + TOLERANCE:
        found.append("days")
    if inst.max_count is not None and count > inst.max_count:
        found.append("count")
    if inst.money_binds and cost_room is not None and cost > cost_room + money_tolerance(inst):
        found.append("cost")
    return tuple(found)


def _code(
    inst: Instance, i: int, add: frozenset[int], room: float, breaks: tuple[Constraint, ...]
) -> ReasonCode:
    if i in inst.exclude:
        return "excluded"
    if add & inst.exclude:
        return "needs_excluded"
    if "days" in breaks:
        alone = len(add) > 1 and inst.efforts[i] <= room + TOLERANCE
        return "needs" if alone else "does_not_fit"
    if "cost" in breaks:
        return "does_not_fit"
    return "count_limit" if breaks else "lower_value"


def greedy(inst: Instance) -> Choice:
    """The common heuristic: musts first, then by value per day, adding whatever still fits."""
    members = set(inst.closure(inst.must))
    effort = inst.effort_of(members)
    ratio = sorted(range(inst.size), key=lambda i: (-inst.values[i] / inst.efforts[i], inst.ids[i]))
    for i in ratio:
        cost = inst.cost_of(members | {i})
        if (
            i not in members
            and _can_add(inst, i, frozenset(members), effort)
            and inst.within_money(cost)
        ):
            members.add(i)
            effort += inst.efforts[i]
    return choice(inst, members)


def instance_for(
    eng: Engagement,
    ranking: Ranking,
    *,
    budget: float,
    max_count: int | None,
    must: Sequence[str] = (),
    exclude: Sequence[str] = (),
    cost_budget: float | None = None,
) -> Instance:
    """The selection problem over the ranking's open initiatives (prerequisites done count as met);
    each candidate costs its `cost` plus the day rate times its effort."""
    ids = tuple(sorted(ranking.by_id))
    index = {ident: i for i, ident in enumerate(ids)}
    _check_ids(eng, must, "--must", index)
    _check_ids(eng, exclude, "--exclude", index, closed_ok=True)
    requires = tuple(
        tuple(sorted(index[d] for d in eng.initiative_by_id[ident].depends_on if d in index))
        for ident in ids
    )
    return Instance(
        ids=ids,
        values=tuple(ranking.by_id[i].value for i in ids),
        efforts=tuple(ranking.by_id[i].effort for i in ids),
        requires=requires,
        budget=budget,
        max_count=max_count,
        must=frozenset(index[i] for i in must),
        exclude=frozenset(index[i] for i in exclude if i in index),
        costs=costs_for(eng, ids, [ranking.by_id[i].effort for i in ids]),
        cost_budget=cost_budget,
    )


def costs_for(eng: Engagement, ids: Sequence[str], efforts: Sequence[float]) -> tuple[float, ...]:
    """Each initiative's money: its `cost` plus `capacity.day_rate` x its effort."""
    rate = eng.meta.capacity.day_rate or 0.0
    return tuple(
        (eng.initiative_by_id[i].cost or 0.0) + rate * effort
        for i, effort in zip(ids, efforts, strict=True)
    )


def _check_ids(
    eng: Engagement,
    given: Sequence[str],
    option: str,
    index: dict[str, int],
    *,
    closed_ok: bool = False,
) -> None:
    """Refuse ids that do not exist, and (unless `closed_ok`) done or dropped ones."""
    for ident in given:
        initiative = eng.initiative_by_id.get(ident)
        if initiative is None:
            raise UsageError(f"{option}: {unknown_id('initiative', ident, eng.initiative_by_id)}")
        if ident not in index and not closed_ok:
            raise Infeasible(f"{option}: '{ident}' is {initiative.status}, so it cannot be chosen")
