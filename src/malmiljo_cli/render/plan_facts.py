"""This lap's plan as the report's sections need it: members in plan order and its figures."""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.gaps import GapAnalysis, level_after, remaining
from ..models import Engagement
from .context import Analyses


@dataclass(frozen=True)
class PlanFacts:
    """The plan's members (best rank first) and figures; `budget` None means no plan was chosen."""

    members: tuple[str, ...]
    effort: float
    budget: float | None
    max_count: int | None
    closure: float  # share of the weighted gap closed once the plan and done work are done
    closed: int  # weighted gap closed by the plan and done work
    over_capacity: str | None
    departures: tuple[tuple[str, str], ...]  # (id, kind): decided but not optimal, or the reverse

    def __contains__(self, ident: object) -> bool:
        return ident in self.members


def plan_facts(eng: Engagement, analyses: Analyses) -> PlanFacts:
    """The plan from the analyses (empty when the engagement gives no capacity)."""
    gaps, ranking = analyses.gaps, analyses.ranking
    budget = eng.meta.capacity.budget
    members: tuple[str, ...] = ()
    if analyses.plan is not None:
        inst, solution = analyses.plan
        ids = {inst.ids[i] for i in solution.best.members}
        order = [s.id for s in ranking.scores] if ranking else sorted(ids)
        members = tuple(i for i in order if i in ids)
    closed = _closed(eng, gaps, members)
    total = gaps.total.weighted_gap
    return PlanFacts(
        members=members,
        effort=sum(eng.initiative_by_id[i].effort for i in members),
        budget=budget if analyses.plan is not None else None,
        max_count=eng.meta.capacity.max_initiatives,
        closure=1.0 if total == 0 else closed / total,
        closed=closed,
        over_capacity=None,
        departures=(),
    )


def _closed(eng: Engagement, gaps: GapAnalysis, ids: tuple[str, ...]) -> int:
    work = [i for i in eng.initiatives if i.id in ids or i.status == "done"]
    left = sum(
        remaining(c, level_after(eng.capability_by_id[c.id], work)) for c in gaps.capabilities
    )
    return gaps.total.weighted_gap - left
