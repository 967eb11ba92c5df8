"""This lap's plan as the report's sections need it: members in plan order and its figures."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.plan import OverCapacity
from ..models import Engagement
from .context import Analyses


@dataclass(frozen=True)
class PlanFacts:
    """The plan's members (best rank first) and figures; `budget` None: no capacity is given,
    so the plan is only the decided work."""

    members: tuple[str, ...]
    effort: float
    budget: float | None
    max_count: int | None
    closure: float  # share of the weighted gap closed once the plan and done work are done
    closed: int  # weighted gap closed by the plan and done work
    over_capacity: OverCapacity | None  # the decided work alone breaks the capacity
    departures: tuple[tuple[str, str], ...]  # (id, kind): decided but not optimal, or the reverse

    def __contains__(self, ident: object) -> bool:
        return ident in self.members


def plan_facts(eng: Engagement, analyses: Analyses) -> PlanFacts:
    """The lap plan's figures (an empty plan when the analyses hold none)."""
    total = analyses.gaps.total
    plan = analyses.plan
    if plan is None:
        return PlanFacts((), 0.0, None, None, total.lap_closure, 0, None, ())
    return PlanFacts(
        members=plan.members,
        effort=plan.effort,
        budget=plan.budget,
        max_count=plan.max_count,
        closure=total.lap_closure,
        closed=total.weighted_gap - total.lap_gap,
        over_capacity=plan.over_capacity,
        departures=tuple((d.id, d.kind) for d in plan.departures),
    )
