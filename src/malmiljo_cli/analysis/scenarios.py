"""A named scenario (or any what-if of the same shape) applied to the engagement, and its plan.

A scenario's plan is `prioritise`'s plan on the engagement with the scenario applied: its
capacity keys override engagement.yaml's, `must` and `exclude` act as the options of those
names, deferred initiatives count as proposed and stopped ones as dropped. Pure: the engagement
is copied, never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import UsageError
from ..models import Capacity, Engagement, Initiative, Scenario
from ..models.engagement import ScoringMethod
from .gaps import analyse_gaps
from .plan import LapPlan, lap_plan
from .scoring import Ranking, rank

STOPPED_REASON = "stopped in a scenario"


@dataclass(frozen=True)
class WhatIf:
    """The changes a scenario makes (also the shape of each `fit` option as a plan)."""

    capacity: Capacity = field(default_factory=Capacity)
    must: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    defer: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()

    @classmethod
    def of(cls, scenario: Scenario) -> WhatIf:
        return cls(
            scenario.capacity,
            tuple(scenario.must),
            tuple(scenario.exclude),
            tuple(scenario.defer),
            tuple(scenario.stop),
        )


@dataclass(frozen=True)
class Outcome:
    """A what-if's exact plan and what it brings: the lap's closure and the finish week."""

    plan: LapPlan
    ranking: Ranking
    closure: float  # share of the weighted gap closed once the plan and done work are done
    finish_week: int | None  # the week the last member ends (None: no calendar)


def applied(eng: Engagement, change: WhatIf) -> Engagement:
    """The engagement with the what-if's capacity keys and status changes."""
    given = change.capacity.model_dump(exclude_unset=True)
    capacity = eng.meta.capacity.model_copy(update=given)
    meta = eng.meta.model_copy(update={"capacity": capacity})
    initiatives = tuple(_status_changed(i, change) for i in eng.initiatives)
    return Engagement(
        meta=meta,
        areas=eng.areas,
        capabilities=eng.capabilities,
        initiatives=initiatives,
        interviews=eng.interviews,
        workshops=eng.workshops,
        assessments=eng.assessments,
        scenarios=eng.scenarios,
        risks=eng.risks,
    )


def _status_changed(ini: Initiative, change: WhatIf) -> Initiative:
    if ini.id in change.defer and ini.status == "selected":
        return ini.model_copy(update={"status": "proposed"})
    if ini.id in change.stop and ini.status == "in_progress":
        return ini.model_copy(update={"status": "dropped", "dropped_reason": STOPPED_REASON})
    return ini


def outcome(
    eng: Engagement,
    change: WhatIf,
    *,
    method: ScoringMethod | None = None,
    calendar: bool = True,
) -> Outcome:
    """The plan `prioritise` gives with the what-if applied, and its closure and finish week."""
    changed = applied(eng, change)
    ranking = rank(changed, method=method)
    plan = lap_plan(
        changed,
        ranking,
        must=change.must,
        exclude=(*change.exclude, *_cut_off(changed, change.stop)),
        alternatives=0,
        departures=False,
    )
    finish = _finish(changed, plan, ranking) if calendar else None
    return Outcome(plan, ranking, closure_of(changed, plan.members), finish)


def _cut_off(eng: Engagement, stopped: Sequence[str]) -> list[str]:
    """Open initiatives that need a stopped one (transitively): they cannot start this lap.

    Work in progress among them must be stopped too; the scenario says so, or it is refused."""
    if not stopped:
        return []
    needs = {i.id: set(i.depends_on) for i in eng.initiatives}
    gone = set(stopped)
    grew = True
    while grew:
        more = {i for i, deps in needs.items() if i not in gone and deps & gone}
        more = {i for i in more if eng.initiative_by_id[i].status not in ("done", "dropped")}
        grew = bool(more)
        gone |= more
    running = sorted(
        i for i in gone - set(stopped) if eng.initiative_by_id[i].status == "in_progress"
    )
    if running:
        raise UsageError(
            f"stopping {', '.join(sorted(stopped))} leaves '{running[0]}' (in progress) without "
            "what it needs: stop it too"
        )
    return sorted(gone - set(stopped))


def closure_of(eng: Engagement, members: Sequence[str]) -> float:
    """The share of the weighted gap closed once `members` and the work already done are done."""
    return analyse_gaps(eng, members).total.lap_closure


def _finish(eng: Engagement, plan: LapPlan, ranking: Ranking) -> int | None:
    from .schedule import schedule

    found = schedule(eng, plan, ranking)
    return None if found is None else found.finish_week
