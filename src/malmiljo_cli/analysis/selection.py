"""The optimal set of initiatives under a budget, a maximum count and dependencies.

Maximise the total value subject to: total effort <= budget, count <= max, every prerequisite
of a chosen initiative done or chosen too, `must` in, `exclude` out. Small instances are solved
by enumerating every feasible set (which also yields the runners-up and each left-out
initiative's best plan for free); larger ones by HiGHS's MILP solver (analysis/milp.py).
Both are exact. The greedy heuristic is here only to show, in tests and the benchmark, how far
"sort by value per day and fill" falls short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..errors import MalmiljoError, UsageError
from ..messages import unknown_id
from ..models import Engagement
from .scoring import Ranking

Solver = Literal["auto", "enumerate", "milp"]
ReasonCode = Literal["excluded", "does_not_fit", "needs", "count_limit", "lower_value"]
TOLERANCE = 1e-9
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
class Instance:
    """A selection problem over candidates 0..n-1 (prerequisites already done are left out)."""

    ids: tuple[str, ...]
    values: tuple[float, ...]
    efforts: tuple[float, ...]
    requires: tuple[tuple[int, ...], ...]
    budget: float
    max_count: int | None = None
    must: frozenset[int] = frozenset()
    exclude: frozenset[int] = frozenset()
    costs: tuple[float, ...] = ()  # money per candidate (its cost plus day rate x effort)
    cost_budget: float | None = None  # money the plan may spend; None: no limit

    @property
    def size(self) -> int:
        return len(self.ids)

    def with_values(self, values: Sequence[float]) -> Instance:
        """The same constraints with other values (sensitivity runs)."""
        return replace(self, values=tuple(values))

    def closure(self, members: Iterable[int]) -> frozenset[int]:
        """The members and every prerequisite they need, transitively."""
        seen: set[int] = set()
        stack = list(members)
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(self.requires[node])
        return frozenset(seen)

    def effort_of(self, members: Iterable[int]) -> float:
        return float(sum(self.efforts[i] for i in members))

    def value_of(self, members: Iterable[int]) -> float:
        return float(sum(self.values[i] for i in members))

    def cost_of(self, members: Iterable[int]) -> float:
        """Money the members cost (0 when the instance knows no costs)."""
        if not self.costs:
            return 0.0
        return float(sum(self.costs[i] for i in members))

    @property
    def money_binds(self) -> bool:
        """Whether a cost budget limits the plans."""
        return self.cost_budget is not None and bool(self.costs)

    def within_money(self, cost: float) -> bool:
        return self.cost_budget is None or cost <= self.cost_budget + money_tolerance(self)

    def fits(self, members: frozenset[int]) -> bool:
        """Whether `members` is a feasible plan."""
        return (
            self.must <= members
            and not members & self.exclude
            and self.effort_of(members) <= self.budget + TOLERANCE
            and (self.max_count is None or len(members) <= self.max_count)
            and self.within_money(self.cost_of(members))
            and all(set(self.requires[i]) <= members for i in members)
        )


@dataclass(frozen=True)
class Choice:
    """A feasible plan: its members (indices, ascending), total value and effort."""

    members: frozenset[int]
    value: float
    effort: float


def money_tolerance(inst: Instance) -> float:
    """Rounding room for sums of money, relative to the cost budget (amounts reach 1e9 and more)."""
    return TOLERANCE * max(1.0, abs(inst.cost_budget or 0.0))


def choice(inst: Instance, members: Iterable[int]) -> Choice:
    chosen = frozenset(members)
    return Choice(chosen, inst.value_of(chosen), inst.effort_of(chosen))


@dataclass(frozen=True)
class Reason:
    """Why one candidate is not in the plan."""

    index: int
    code: ReasonCode
    detail: str
    needs: tuple[int, ...] = ()
    best_with: float | None = None
    days: float | None = None  # person-days it needs with what it needs outside the plan
    room: float | None = None  # person-days that remain
    count: int | None = None  # initiatives the plan would hold with it


@dataclass(frozen=True)
class Solution:
    """The optimal plan, the next best distinct plans, and why each candidate left out is out."""

    best: Choice
    alternatives: tuple[Choice, ...]
    reasons: tuple[Reason, ...]
    solver: Literal["enumeration", "highs"]


def solve(inst: Instance, *, solver: Solver = "auto", alternatives: int = 3) -> Solution:
    """The proven optimum; raises Infeasible naming the constraint the `must` set breaks."""
    check_feasible(inst)
    plans = feasible_sets(inst, limit=_limit(solver)) if enumerable(inst, solver) else None
    if plans is not None:
        ordered = sorted(plans, key=lambda c: _order_key(inst, c))
        listed = _distinct(ordered, alternatives + 1)
        best_with = _best_with_from(ordered, inst.size)
        reasons = explain(inst, listed[0], best_with=lambda i: best_with.get(i))
        return Solution(listed[0], tuple(listed[1:]), reasons, "enumeration")
    from .milp import best_plans

    listed = best_plans(inst, alternatives + 1)
    # "The best plan with it" costs one MILP per left-out initiative: only while that is cheap.
    reasons = explain(inst, listed[0], best_with=_milp_best_with(inst))
    return Solution(listed[0], tuple(listed[1:]), reasons, "highs")


def _milp_best_with(inst: Instance) -> Callable[[int], float | None]:
    from .milp import best_plan

    def value(i: int) -> float | None:
        if inst.size > MILP_REASONS_MAX:
            return None
        plan = best_plan(inst, force=i)
        return None if plan is None else plan.value

    return value


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


def _best_with_from(ordered: Sequence[Choice], size: int) -> dict[int, float]:
    best: dict[int, float] = {}
    for plan in ordered:
        for i in plan.members:
            best.setdefault(i, plan.value)
        if len(best) == size:
            break
    return best


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
    inst: Instance, best: Choice, *, best_with: Callable[[int], float | None]
) -> tuple[Reason, ...]:
    """For each candidate outside `best`, the constraint that keeps it out (see `_reason`)."""
    return tuple(
        _reason(inst, best, i, best_with)
        for i in sorted(range(inst.size), key=lambda i: inst.ids[i])
        if i not in best.members
    )


def _reason(
    inst: Instance, best: Choice, i: int, best_with: Callable[[int], float | None]
) -> Reason:
    """Add `i` with whatever it needs to the plan and name what breaks first.

    No plan at all can hold it: does not fit (or excluded). Else, with `add` = its closure
    outside the plan: more days than remain -> `needs` when it would fit on its own but its
    prerequisites do not, otherwise `does_not_fit`; more initiatives than the limit ->
    `count_limit`; nothing breaks -> `lower_value` (it adds no value). The value of the best
    plan that holds it follows when it is known.
    """
    if i in inst.exclude:
        return Reason(i, "excluded", "excluded with --exclude")
    blocked = _never_fits(inst, i)
    if blocked is not None:
        return blocked
    value = best_with(i)
    add = inst.closure([i]) - best.members
    needed, left = inst.effort_of(add), inst.budget - best.effort
    tail = _worth(best, value)
    if needed > left + TOLERANCE:
        missing = tuple(sorted(add - {i}, key=inst.ids.__getitem__))
        if missing and inst.efforts[i] <= left + TOLERANCE:
            names = ", ".join(inst.ids[r] for r in missing)
            verb = "is" if len(missing) == 1 else "are"
            detail = f"needs {names}, which {verb} not in the plan ({needed:g} days with it, {_days(left)} remain)"
            return Reason(i, "needs", detail + tail, missing, value, needed, max(left, 0.0))
        what = " with its prerequisites" if len(add) > 1 else ""
        detail = f"does not fit: it needs {needed:g} days{what} and {_days(left)} remain"
        return Reason(i, "does_not_fit", detail + tail, (), value, needed, max(left, 0.0))
    count = len(best.members) + len(add)
    if inst.max_count is not None and count > inst.max_count:
        detail = f"the count limit binds: with it the plan holds {count} initiatives, the limit is {inst.max_count}"
        return Reason(i, "count_limit", detail + tail, best_with=value, count=count)
    if value is None:
        return Reason(i, "lower_value", "lower value: it adds no value to the plan")
    return Reason(i, "lower_value", "lower value:" + tail[1:], best_with=value)


def _worth(best: Choice, value: float | None) -> str:
    if value is None:
        return ""
    return f"; the best plan with it is worth {value:.1f} ({best.value - value:.1f} less)"


def _days(value: float) -> str:
    return f"{max(value, 0.0):g}"


def _never_fits(inst: Instance, i: int) -> Reason | None:
    """Why no plan at all can hold `i` (with its prerequisites and the fixed ones), or None."""
    own = inst.closure([i])
    blocked = sorted(inst.ids[j] for j in own & inst.exclude)
    if blocked:
        return Reason(i, "does_not_fit", f"does not fit: needs {blocked[0]}, which is excluded")
    fixed = inst.closure(inst.must) - own
    extra = " beside the decided work" if fixed else ""
    needed = inst.effort_of(own)
    left = inst.budget - inst.effort_of(fixed)
    if needed > left + TOLERANCE:
        what = " with its prerequisites" if len(own) > 1 else ""
        detail = (
            f"does not fit: it needs {needed:g} days{what} and only {_days(left)} remain{extra}"
        )
        return Reason(i, "does_not_fit", detail, days=needed, room=max(left, 0.0))
    count = len(own) + len(fixed)
    if inst.max_count is not None and count > inst.max_count:
        detail = (
            f"the count limit binds: with its prerequisites"
            f"{' and the decided work' if fixed else ''} the plan would hold {count} "
            f"initiatives, the limit is {inst.max_count}"
        )
        return Reason(i, "count_limit", detail, count=count)
    return None


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
