"""Every option the steering group has this lap, computed once: the plan, the frontier over the
budget, the plan at one initiative fewer and more, idle capacity, the ways to make over-committed
decided work fit, and each named scenario. Each is an exact plan; see analysis/options.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MalmiljoError, UsageError
from ..models import Capacity, Engagement, Scenario
from ..models.engagement import ScoringMethod
from .options import (
    AtCount,
    FitOption,
    Frontier,
    Idle,
    by_count,
    fit,
    frontier,
)
from .options import idle as idle_of
from .scenarios import Outcome, WhatIf, outcome
from .scoring import Ranking
from .selection import Choice, Instance


@dataclass(frozen=True)
class FitPlan:
    """One way to make the decided work fit, and the plan that follows from it."""

    option: FitOption
    change: WhatIf
    outcome: Outcome


@dataclass(frozen=True)
class SteeringOptions:
    """The lap's plan and every option beside it."""

    plan: Outcome
    instance: Instance
    frontier: Frontier
    by_count: tuple[AtCount, ...]
    idle: Idle | None  # None when the decided work does not fit (nothing is idle then)
    fit: tuple[FitPlan, ...]
    scenarios: tuple[tuple[Scenario, Outcome], ...]


def steering_options(
    eng: Engagement, ranking: Ranking, *, method: ScoringMethod | None = None
) -> SteeringOptions:
    """Every option, each an exact plan under the engagement's capacity and decisions."""
    current = outcome(eng, WhatIf(), method=method)
    plan = current.plan
    inst = plan.instance
    if inst is None:
        raise UsageError(
            "options needs a capacity: set capacity.budget in engagement.yaml (or pass --budget)"
        )
    low = inst.effort_of(inst.closure(inst.must))
    line = frontier(inst, low=low, high=2 * inst.budget)
    chosen = _members(inst, plan.members)
    counts = by_count(inst, None if plan.over_capacity else chosen)
    spare = None if plan.over_capacity else idle_of(inst, chosen, counts)
    index = {ident: i for i, ident in enumerate(inst.ids)}
    committed = frozenset(index[i] for i in plan.committed if i in index)
    running = frozenset(
        index[i]
        for i in plan.committed
        if i in index and eng.initiative_by_id[i].status == "in_progress"
    )
    fits = tuple(_fit_plan(eng, inst, option, method) for option in fit(inst, committed, running))
    scenarios = tuple((s, _scenario(eng, s, method)) for s in eng.scenarios)
    return SteeringOptions(current, inst, line, counts, spare, fits, scenarios)


def _scenario(eng: Engagement, scenario: Scenario, method: ScoringMethod | None) -> Outcome:
    try:
        return outcome(eng, WhatIf.of(scenario), method=method)
    except MalmiljoError as exc:
        raise UsageError(f"scenarios/{scenario.id}.yaml: {exc}") from None


def _members(inst: Instance, ids: tuple[str, ...]) -> Choice:
    from .selection import choice

    index = {ident: i for i, ident in enumerate(inst.ids)}
    return choice(inst, (index[i] for i in ids if i in index))


def _fit_plan(
    eng: Engagement, inst: Instance, option: FitOption, method: ScoringMethod | None
) -> FitPlan:
    if option.kind == "capacity":
        given: dict[str, float | int] = {"budget": inst.budget + option.days}
        if option.count and inst.max_count is not None:
            given["max_initiatives"] = inst.max_count + option.count
        if option.money and inst.cost_budget is not None:
            given["cost_budget"] = inst.cost_budget + option.money
        change = WhatIf(capacity=Capacity.model_validate(given))
    else:
        change = WhatIf(
            defer=tuple(inst.ids[i] for i in option.defer),
            stop=tuple(inst.ids[i] for i in option.stop),
        )
    return FitPlan(option, change, outcome(eng, change, method=method))


def with_capacity(eng: Engagement, *, budget: float | None, max_count: int | None) -> Engagement:
    """The engagement with `--budget` and `--max` as its capacity (what every option starts from)."""
    given: dict[str, float | int] = {}
    if budget is not None:
        given["budget"] = budget
    if max_count is not None:
        given["max_initiatives"] = max_count
    if not given:
        return eng
    from .scenarios import applied

    return applied(eng, WhatIf(capacity=Capacity.model_validate(given)))
