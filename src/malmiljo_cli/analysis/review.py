"""The last lap's plan against what became of it: outcomes, planned against realised lift.

The plan is the lap plan the tool computed for the engagement as it stood at the earlier
revision (the same `LapPlan` every command computes); today's engagement says what became of
each member and where each capability stands now.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Literal

from ..models import Engagement, Initiative
from .gaps import analyse_gaps
from .plan import LapPlan
from .schedule import Schedule

Outcome = Literal["done", "in_progress", "not_started", "dropped"]
OUTCOMES: tuple[Outcome, ...] = ("done", "in_progress", "not_started", "dropped")
_OUTCOME_OF: dict[str, Outcome] = {
    "done": "done",
    "in_progress": "in_progress",
    "dropped": "dropped",
}


@dataclass(frozen=True)
class PlannedWork:
    """One member of the earlier plan and its outcome today."""

    id: str
    title: str
    outcome: Outcome
    dropped_reason: str | None = None
    planned_finish_week: int | None = None  # where the earlier lap had a calendar
    removed: bool = False  # no longer in the engagement's files (counted as dropped)


@dataclass(frozen=True)
class Lift:
    """A capability the earlier plan raised: before, now, the target and the planned level."""

    id: str
    name: str
    before: int
    now: int
    target: int
    planned: int
    raised_by: tuple[str, ...]

    @property
    def realised(self) -> bool:
        return self.now >= self.planned


@dataclass(frozen=True)
class StaffChange:
    """Staff's median rating of today's level at the earlier lap and since, and the assessed
    level now; only for capabilities rated in both laps."""

    id: str
    name: str
    staff_before: float
    staff_now: float
    assessed: int


@dataclass(frozen=True)
class Review:
    """What the lap at `since` planned and what became of it."""

    since: str
    lap_before: int
    lap_now: int
    plan: tuple[PlannedWork, ...]
    capabilities: tuple[Lift, ...]
    planned_closure: float  # share of the earlier weighted gap the plan was to close
    realised_closure: float  # share of that gap closed by the levels now
    weighted_gap: int  # the earlier weighted gap both shares are of
    staff: tuple[StaffChange, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(w.outcome == outcome for w in self.plan)

    @property
    def not_done(self) -> tuple[PlannedWork, ...]:
        """Members still open today: what the steering group keeps, defers or drops."""
        return tuple(w for w in self.plan if w.outcome in ("in_progress", "not_started"))


def lap_plan_at(before: Engagement) -> tuple[LapPlan, Schedule | None]:
    """The lap plan (and its calendar) as every command computes it for `before`; raises
    `MissingInputs` when the scoring method lacks inputs there."""
    from .plan import lap_plan
    from .schedule import schedule
    from .scoring import rank

    ranking = rank(before)
    plan = lap_plan(before, ranking, alternatives=0, departures=False)
    return plan, schedule(before, plan, ranking)


def previous_review(now: Engagement, before: Engagement, since: str) -> Review | None:
    """What became of the plan made for `before`, as `malmiljo review` computes it; None when
    `before`'s scoring method lacks inputs there (then no plan was made)."""
    from .scoring import MissingInputs

    try:
        plan, calendar = lap_plan_at(before)
    except MissingInputs:
        return None
    return review(before, plan, now, since=since, calendar=calendar)


def review(
    before: Engagement,
    plan: LapPlan,
    now: Engagement,
    *,
    since: str,
    calendar: Schedule | None = None,
) -> Review:
    """Compare `plan` (computed for `before`, with its `calendar` if any) with `now`."""
    members = [before.initiative_by_id[i] for i in plan.members]
    work = tuple(_outcome(ini, now, calendar) for ini in members)
    lifts = _lifts(before, members, now)
    gaps = analyse_gaps(before, plan.members)
    weighted = gaps.total.weighted_gap
    left = 0
    for cap in before.capabilities:
        today = now.capability_by_id.get(cap.id)
        level = today.current if today is not None else cap.current
        left += cap.importance * max(0, cap.target - level)
    return Review(
        since=since,
        lap_before=before.meta.lap,
        lap_now=now.meta.lap,
        plan=work,
        capabilities=lifts,
        planned_closure=gaps.total.lap_closure,
        realised_closure=1.0 if weighted == 0 else (weighted - left) / weighted,
        weighted_gap=weighted,
        staff=_staff(before, now),
    )


def _staff(before: Engagement, now: Engagement) -> tuple[StaffChange, ...]:
    """Ratings of the earlier lap's assessments against those added since (new ids)."""
    earlier = _ratings(before, {a.id for a in before.assessments})
    later = _ratings(now, {a.id for a in now.assessments} - {a.id for a in before.assessments})
    return tuple(
        StaffChange(
            cap.id,
            cap.name,
            float(statistics.median(earlier[cap.id])),
            float(statistics.median(later[cap.id])),
            cap.current,
        )
        for cap in now.capabilities
        if earlier.get(cap.id) and later.get(cap.id)
    )


def _ratings(eng: Engagement, ids: set[str]) -> dict[str, list[int]]:
    """Capability id -> every rating of today's level in the assessments `ids`."""
    pooled: dict[str, list[int]] = {}
    for assessment in eng.assessments:
        if assessment.id in ids:
            for ident, ratings in assessment.ratings.items():
                pooled.setdefault(ident, []).extend(ratings.current)
    return pooled


def _outcome(ini: Initiative, now: Engagement, calendar: Schedule | None) -> PlannedWork:
    placed = calendar.by_id(ini.id) if calendar is not None else None
    week = placed.end_week if placed is not None else None
    today = now.initiative_by_id.get(ini.id)
    if today is None:
        return PlannedWork(ini.id, ini.title, "dropped", None, week, removed=True)
    outcome = _OUTCOME_OF.get(today.status, "not_started")
    reason = today.dropped_reason if outcome == "dropped" else None
    return PlannedWork(today.id, today.title, outcome, reason, week)


def _lifts(before: Engagement, members: list[Initiative], now: Engagement) -> tuple[Lift, ...]:
    """Each capability a member raises, in the file's order; planned is the highest `to`."""
    planned: dict[str, int] = {}
    raised_by: dict[str, set[str]] = {}
    for ini in members:
        for r in ini.raises:
            planned[r.capability] = max(planned.get(r.capability, r.to), r.to)
            raised_by.setdefault(r.capability, set()).add(ini.id)
    lifts = []
    for cap in before.capabilities:
        if cap.id not in planned:
            continue
        today = now.capability_by_id.get(cap.id)
        lifts.append(
            Lift(
                id=cap.id,
                name=today.name if today is not None else cap.name,
                before=cap.current,
                now=today.current if today is not None else cap.current,
                target=today.target if today is not None else cap.target,
                planned=planned[cap.id],
                raised_by=tuple(sorted(raised_by[cap.id])),
            )
        )
    return tuple(lifts)
