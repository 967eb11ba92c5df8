"""This lap's plan: the decided work kept, the optimiser filling what capacity remains.

One object, computed once per command and read by every output. Decided work (status
`selected` or `in_progress`) and what it needs are in the plan; the exact optimiser
(analysis/selection.py) adds the best value that still fits. Every open initiative left out
carries the constraint that keeps it out. Departures say where the optimiser, freed from the
`selected` decisions, would choose otherwise, and what keeping each decision costs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..errors import UsageError
from ..messages import runnable
from ..models import Engagement
from .scoring import MissingInputs, Ranking, rank
from .selection import (
    Choice,
    Constraint,
    Infeasible,
    Instance,
    Reason,
    ReasonCode,
    Solution,
    breaks_of,
    choice,
    costs_for,
    enumerable,
    explain,
    instance_for,
    solve,
)

COMMITTED = ("selected", "in_progress")
DepartureKind = Literal["committed_not_optimal", "optimal_not_committed"]


@dataclass(frozen=True)
class LeftOut:
    """An open initiative outside the plan P, with the figures that keep it out.

    `days`: the person-days it would add to P (its own effort and that of its prerequisites
    neither done nor in P); `room`: max(0, budget - effort of P); `count`: len(P) plus the
    initiatives it would add; `breaks`: every constraint that breaks; `needs`: the
    prerequisites it would bring along (ids); `possible`: whether any plan keeping the
    decisions can hold it; `best_with`: the value of the best such plan and `displaces`: the
    members of P it gives up, in plan order (both None when no plan can hold it, or when there
    are more than selection.MILP_REASONS_MAX candidates, beyond which they are not solved).
    `code` sums it up (selection.ReasonCode).
    """

    id: str
    code: ReasonCode
    days: float
    room: float
    count: int
    breaks: tuple[Constraint, ...] = ()
    needs: tuple[str, ...] = ()
    possible: bool = True
    best_with: float | None = None
    displaces: tuple[str, ...] | None = None
    cost: float = 0.0  # money it would add (where a cost budget exists)
    cost_room: float | None = None  # money that remains; None: no cost budget


@dataclass(frozen=True)
class OverCapacity:
    """The decided work, with what it needs, breaks the capacity on its own: its `effort`
    against the `budget`, its `count` against the `limit`, and which of them it `breaks`."""

    effort: float
    budget: float
    count: int
    limit: int | None
    breaks: tuple[Constraint, ...]
    cost: float = 0.0  # money, where the engagement gives a cost budget
    cost_budget: float | None = None


@dataclass(frozen=True)
class Departure:
    """Where the plan, freed from the `selected` decisions, would differ; value_delta is the
    best plan's value with only this change made, minus the plan's value (None: no such plan)."""

    id: str
    kind: DepartureKind
    value_delta: float | None


@dataclass(frozen=True)
class Alternative:
    """A runner-up plan."""

    members: tuple[str, ...]
    value: float
    effort: float


@dataclass(frozen=True)
class LapPlan:
    """What this lap does: members best rank first, why each other open initiative waits."""

    members: tuple[str, ...]
    committed: tuple[str, ...]
    needed_by: Mapping[str, tuple[str, ...]]
    done: tuple[str, ...]
    value: float
    effort: float
    budget: float | None
    max_count: int | None
    method: str
    left_out: tuple[LeftOut, ...] = ()
    departures: tuple[Departure, ...] = ()
    over_capacity: OverCapacity | None = None
    reconsidered: bool = False
    alternatives: tuple[Alternative, ...] = ()
    solver: str = "none"
    cost: float = 0.0  # money: the members' cost plus the day rate times their effort
    cost_budget: float | None = None
    instance: Instance | None = field(default=None, compare=False, repr=False)

    def __contains__(self, ident: object) -> bool:
        return ident in self.members

    @property
    def has_capacity(self) -> bool:
        """False when the engagement gives no budget: the plan is only the decided work."""
        return self.budget is not None

    def reason(self, ident: str) -> LeftOut | None:
        return next((r for r in self.left_out if r.id == ident), None)


def lap_plan(
    eng: Engagement,
    ranking: Ranking,
    *,
    budget: float | None = None,
    max_count: int | None = None,
    must: Sequence[str] = (),
    exclude: Sequence[str] = (),
    reconsider: bool = False,
    alternatives: int = 3,
    departures: bool = True,
    cost_budget: float | None = None,
) -> LapPlan:
    """The lap's plan under the engagement's capacity (or the given one); `departures=False`
    skips the extra solves that only `prioritise` and the report show."""
    capacity = eng.meta.capacity
    budget = budget if budget is not None else capacity.lap_budget
    max_count = max_count if max_count is not None else capacity.max_initiatives
    cost_budget = cost_budget if cost_budget is not None else capacity.cost_budget
    _refuse_excluding_running_work(eng, exclude)
    committed = tuple(
        i for i in sorted(ranking.by_id) if _status(eng, i) in COMMITTED and i not in exclude
    )
    running = tuple(i for i in committed if _status(eng, i) == "in_progress")
    fixed = running if reconsider else committed
    base = _Base(eng, ranking, committed, fixed, reconsider)
    if budget is None:
        return base.without_capacity(must, max_count)
    inst = instance_for(
        eng,
        ranking,
        budget=budget,
        max_count=max_count,
        must=(*must, *fixed),
        exclude=exclude,
        cost_budget=cost_budget,
    )
    over = _over_capacity(inst, _indices(inst, fixed))
    if over:
        return base.over(inst, over)
    solution = _solve(inst, must, alternatives)
    decided = replace(inst, must=_indices(inst, (*must, *committed)))
    # With every decision kept the plan may not even fit; then there is nothing to compare.
    kept = solution.best if decided == inst else _best(decided)
    found: tuple[Departure, ...] = ()
    if kept is not None and departures:
        found = _departures(decided, kept, solution.best, committed, running, must)
    return base.plan(inst, solution, found)


@dataclass(frozen=True)
class _Base:
    """What every plan shares, whatever the capacity."""

    eng: Engagement
    ranking: Ranking
    committed: tuple[str, ...]
    fixed: tuple[str, ...]
    reconsidered: bool

    def make(self, members: set[str], budget: float | None, max_count: int | None) -> LapPlan:
        ordered = tuple(sorted(members, key=lambda i: (self.ranking.by_id[i].rank, i)))
        by = self.ranking.by_id
        ids = sorted(members)
        return LapPlan(
            members=ordered,
            committed=self.committed,
            needed_by=_needed_by(self.eng, members, set(self.fixed)),
            done=tuple(sorted(i.id for i in self.eng.initiatives if i.status == "done")),
            value=round(sum(by[i].value for i in members), 9),
            effort=sum(by[i].effort for i in members),
            cost=round(sum(costs_for(self.eng, ids, [by[i].effort for i in ids])), 6),
            cost_budget=self.eng.meta.capacity.cost_budget,
            budget=budget,
            max_count=max_count,
            method=self.ranking.method,
            reconsidered=self.reconsidered,
        )

    def without_capacity(self, must: Sequence[str], max_count: int | None) -> LapPlan:
        members = _closure(self.eng, {*self.fixed, *must}, set(self.ranking.by_id))
        return self.make(members, None, max_count)

    def over(self, inst: Instance, over: OverCapacity) -> LapPlan:
        """Only the decided work: each other one with what it would add (no plan can hold it)."""
        need = inst.closure(_indices(inst, self.fixed))
        base = self.make({inst.ids[i] for i in need}, inst.budget, inst.max_count)
        reasons = explain(inst, need)  # no plan can hold any: no best plans to find
        left = tuple(_left_out(inst, r, base.members) for r in reasons)
        return replace(
            base, left_out=left, over_capacity=over, instance=inst, cost_budget=inst.cost_budget
        )

    def plan(
        self, inst: Instance, solution: Solution, departures: tuple[Departure, ...]
    ) -> LapPlan:
        base = self.make({inst.ids[i] for i in solution.best.members}, inst.budget, inst.max_count)
        return replace(
            base,
            left_out=tuple(_left_out(inst, r, base.members) for r in solution.reasons),
            departures=departures,
            alternatives=tuple(_alternative(self.ranking, inst, c) for c in solution.alternatives),
            solver=solution.solver,
            instance=inst,
            cost_budget=inst.cost_budget,
        )


def _left_out(inst: Instance, r: Reason, members: tuple[str, ...]) -> LeftOut:
    """A reason in ids; what it displaces in plan order."""
    gone = None if r.displaces is None else {inst.ids[i] for i in r.displaces}
    return LeftOut(
        id=inst.ids[r.index],
        code=r.code,
        days=r.days,
        room=r.room,
        count=r.count,
        breaks=r.breaks,
        cost=r.cost,
        cost_room=r.cost_room,
        needs=tuple(inst.ids[n] for n in r.needs),
        possible=r.possible,
        best_with=r.best_with,
        displaces=None if gone is None else tuple(m for m in members if m in gone),
    )


def own_plan(eng: Engagement) -> LapPlan | None:
    """The lap's plan under the engagement's own capacity and method, as every command that shows
    it beside something else (gap, board, diff, lap history) makes it; None when the method lacks
    inputs, which `prioritise` reports with every place."""
    try:
        ranking = rank(eng)
    except MissingInputs:
        return None
    return lap_plan(eng, ranking, alternatives=0, departures=False)


def lap_members(eng: Engagement) -> tuple[str, ...]:
    """The members of the engagement's own plan; the decided work when no plan can be made.
    `gap`, `diff` and `lap history` count the lap's closure by these."""
    plan = own_plan(eng)
    if plan is not None:
        return plan.members
    return tuple(i.id for i in eng.initiatives if i.status in COMMITTED)


@dataclass(frozen=True)
class RankStep:
    """One open initiative outside the plan, in rank order: the person-days it adds (its own and
    its open prerequisites' not counted before) and the lap's total down to it."""

    id: str
    adds: float
    total: float
    needs: tuple[str, ...] = ()  # open prerequisites it brings along, best rank first


def rank_steps(eng: Engagement, ranking: Ranking, plan: LapPlan) -> tuple[RankStep, ...]:
    """Down the ranking from the plan (the decided work without capacity): what a capacity of
    `total` person-days reaches when taken in rank order, prerequisites first."""
    counted = set(plan.members)
    total = plan.effort
    steps = []
    for score in sorted(ranking.scores, key=lambda s: (s.rank, s.id)):
        if score.id in counted:
            continue
        adds = _closure(eng, {score.id}, set(ranking.by_id)) - counted
        added = sum(ranking.by_id[i].effort for i in adds)
        counted |= adds
        total += added
        needs = sorted(adds - {score.id}, key=lambda i: (ranking.by_id[i].rank, i))
        steps.append(RankStep(score.id, added, total, tuple(needs)))
    return tuple(steps)


def _solve(inst: Instance, must: Sequence[str], alternatives: int) -> Solution:
    try:
        return solve(inst, alternatives=alternatives)
    except Infeasible as exc:
        # Decided work fits on its own (checked before); the --must ones break it.
        raise Infeasible(f"{exc} (with the decided work)" if must else str(exc)) from None


def _departures(
    inst: Instance,
    kept: Choice,
    shown: Choice,
    committed: tuple[str, ...],
    running: tuple[str, ...],
    must: Sequence[str],
) -> tuple[Departure, ...]:
    """Decisions the freer plan drops, and what it adds, each with its value_delta vs `kept`,
    the best plan of `inst` (the problem with every decision kept)."""
    selected = [i for i in committed if i not in running]
    if not selected:
        return ()
    free = replace(inst, must=_indices(inst, (*must, *running)))
    freer = shown if shown != kept else _best(free, start=kept)
    assert freer is not None  # the plan with every decision is a feasible plan of `free`
    # (id, kind, the problem with that one change, a plan known to fit it)
    asks: list[tuple[str, DepartureKind, Instance, Choice | None]] = []
    for ident in selected:
        if inst.ids.index(ident) not in freer.members:
            others = _indices(inst, (*must, *running, *(s for s in selected if s != ident)))
            asks.append((ident, "committed_not_optimal", replace(inst, must=others), kept))
    for i in sorted(freer.members - kept.members, key=inst.ids.__getitem__):
        forced = replace(inst, must=inst.must | {i})
        start = _repair(forced, kept.members | inst.closure([i]))
        asks.append((inst.ids[i], "optimal_not_committed", forced, start))
    plans = _solve_all([(problem, start) for _, _, problem, start in asks])
    return tuple(
        Departure(ident, kind, None if plan is None else round(plan.value - kept.value, 9))
        for (ident, kind, _, _), plan in zip(asks, plans, strict=True)
    )


def _solve_all(problems: list[tuple[Instance, Choice | None]]) -> list[Choice | None]:
    """Each problem's optimum; large ones on two threads (HiGHS lets go of the interpreter while
    it solves, and each solve is deterministic on its own, so the results do not depend on it)."""
    if len(problems) < 2 or all(enumerable(p) for p, _ in problems):
        return [_best(p, start=s) for p, s in problems]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda job: _best(job[0], start=job[1]), problems))


def _best(inst: Instance, *, start: Choice | None = None) -> Choice | None:
    """The optimum alone (no runners-up, no reasons), or None when no plan fits; `start` is a
    plan known to fit, which the MILP solver uses to prune."""
    if enumerable(inst):
        try:
            return solve(inst, alternatives=0, reasons=False).best
        except Infeasible:
            return None
    from .milp import best_plan

    return best_plan(inst, start=start)


def _repair(inst: Instance, members: frozenset[int]) -> Choice | None:
    """A feasible plan near `members`: drop the least value per day among what nothing else in
    it needs (never a fixed one) until it fits; None when that cannot work. It only gives the
    MILP solver a first plan to prune with; the optimum does not depend on it."""
    fixed = inst.closure(inst.must)
    plan = set(members)
    while not inst.fits(frozenset(plan)):
        needed = {r for m in plan for r in inst.requires[m]}
        free = [m for m in plan if m not in fixed and m not in needed]
        if not free:
            return None
        plan.discard(min(free, key=lambda m: (inst.values[m] / inst.efforts[m], inst.ids[m])))
    return choice(inst, plan)


def _over_capacity(inst: Instance, fixed: frozenset[int]) -> OverCapacity | None:
    """The decided work's figures when it alone, with what it needs, breaks the capacity."""
    need = inst.closure(fixed)
    effort = inst.effort_of(need)
    cost = inst.cost_of(need)
    breaks = breaks_of(
        inst, days=effort, room=inst.budget, count=len(need), cost=cost, cost_room=inst.cost_budget
    )
    if not breaks:
        return None
    return OverCapacity(
        effort,
        inst.budget,
        len(need),
        inst.max_count,
        breaks,
        cost=cost,
        cost_budget=inst.cost_budget,
    )


def _alternative(ranking: Ranking, inst: Instance, plan: Choice) -> Alternative:
    ids = sorted((inst.ids[i] for i in plan.members), key=lambda i: (ranking.by_id[i].rank, i))
    return Alternative(tuple(ids), plan.value, plan.effort)


def _indices(inst: Instance, ids: Sequence[str]) -> frozenset[int]:
    index = {ident: i for i, ident in enumerate(inst.ids)}
    return frozenset(index[i] for i in ids)


def _status(eng: Engagement, ident: str) -> str:
    return eng.initiative_by_id[ident].status


def _closure(eng: Engagement, start: set[str], open_ids: set[str]) -> set[str]:
    """`start` and every open prerequisite they need, transitively (done ones are met)."""
    seen: set[str] = set()
    stack = [i for i in start if i in open_ids]
    while stack:
        ident = stack.pop()
        if ident not in seen:
            seen.add(ident)
            stack += [d for d in eng.initiative_by_id[ident].depends_on if d in open_ids]
    return seen


def _needed_by(eng: Engagement, members: set[str], fixed: set[str]) -> dict[str, tuple[str, ...]]:
    """Members that are in only because fixed work needs them -> the fixed work that does."""
    found: dict[str, set[str]] = {}
    for ident in sorted(fixed & members):
        for need in _closure(eng, {ident}, members) - {ident}:
            if need not in fixed:
                found.setdefault(need, set()).add(ident)
    return {k: tuple(sorted(v)) for k, v in sorted(found.items())}


def _refuse_excluding_running_work(eng: Engagement, exclude: Sequence[str]) -> None:
    running = [i for i in eng.initiatives if i.status == "in_progress"]
    for ident in exclude:
        ini = eng.initiative_by_id.get(ident)
        if ini is not None and ini.status == "in_progress":
            raise UsageError(
                f"--exclude: '{ident}' is in progress and stays in the plan; to stop it, set its "
                f"status first: {runnable('status', ident, 'dropped', '--reason', 'WHY')}"
            )
        users = sorted(
            r.id for r in running if ident in _closure(eng, {r.id}, set(eng.initiative_by_id))
        )
        if users and ini is not None and ini.status != "done":
            raise UsageError(
                f"--exclude: '{ident}' is needed by '{users[0]}', which is in progress"
            )
