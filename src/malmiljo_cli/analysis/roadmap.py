"""Waves, the roadmap without a calendar: the lap's plan in order, prerequisites in an earlier
wave, each wave within capacity. Work in progress is the exception: it is in wave 1, and so is
every prerequisite of it that is not done, so no prerequisite ever comes after its dependant
(`Roadmap.early` names the work in progress that started before its prerequisites). With
`capacity.per_week` and `weeks`, analysis/schedule.py places the plan in calendar weeks instead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Engagement, Initiative
from .plan import LapPlan
from .schedule import RunningAhead, running_ahead
from .scoring import Ranking

DEFAULT_WAVES = 3


@dataclass(frozen=True)
class Wave:
    number: int
    initiatives: tuple[str, ...]  # in the order they were placed: in progress, then best score
    effort: float


@dataclass(frozen=True)
class Unplaced:
    """A member no wave holds: `too_large` (effort above a wave's capacity), `needs` (the
    prerequisites in `needs` are in no wave) or `no_room` (in `waves` waves)."""

    id: str
    reason: str
    effort: float = 0.0
    needs: tuple[str, ...] = ()
    waves: int | None = None


@dataclass(frozen=True)
class Roadmap:
    waves: tuple[Wave, ...]
    capacity: float
    unplaced: tuple[Unplaced, ...]
    early: tuple[RunningAhead, ...] = ()  # work in progress begun before its prerequisites


def plan_waves(
    eng: Engagement,
    ranking: Ranking,
    items: Sequence[Initiative],
    *,
    capacity: float,
    waves: int | None,
) -> Roadmap:
    """Fill wave after wave: work in progress in wave 1 whatever its capacity, with its
    prerequisites that are not done beside it (never after it); then by score, a prerequisite
    that is not done in an earlier wave. Stops after `waves` waves, or when nothing more can
    move."""
    order = sorted(
        items, key=lambda i: (i.status != "in_progress", -ranking.by_id[i.id].score, i.id)
    )
    running = [i for i in order if i.status == "in_progress"]
    first = _open_closure(eng, [i.id for i in running], {i.id for i in items})
    started = [i.id for i in order if i.id in first]
    wave_of: dict[str, int] = {}
    built: list[Wave] = []
    while waves is None or len(built) < waves:
        number = len(built) + 1
        placed = list(started) if number == 1 else []
        used = sum(eng.initiative_by_id[i].effort for i in placed)
        for ini in order:
            if ini.id in placed:
                continue
            if ini.id in wave_of or ini.effort > capacity or used + ini.effort > capacity:
                continue
            if all(_met(eng, dep, wave_of, number) for dep in ini.depends_on):
                placed.append(ini.id)
                used += ini.effort
        if not placed:
            break
        wave_of.update(dict.fromkeys(placed, number))
        built.append(Wave(number, tuple(placed), used))
    unplaced = tuple(_why(eng, i, capacity, wave_of, waves) for i in order if i.id not in wave_of)
    return Roadmap(
        tuple(built),
        capacity,
        tuple(sorted(unplaced, key=lambda u: u.id)),
        running_ahead(eng, running),
    )


def _open_closure(eng: Engagement, start: list[str], among: set[str]) -> set[str]:
    """`start` and, transitively, their prerequisites among `among` that are not done."""
    seen: set[str] = set()
    stack = list(start)
    while stack:
        ident = stack.pop()
        if ident not in seen:
            seen.add(ident)
            stack += [
                d
                for d in eng.initiative_by_id[ident].depends_on
                if d in among and eng.initiative_by_id[d].status != "done"
            ]
    return seen


def _met(eng: Engagement, dep: str, wave_of: dict[str, int], number: int) -> bool:
    target = eng.initiative_by_id.get(dep)
    return (target is not None and target.status == "done") or wave_of.get(dep, number) < number


def _why(
    eng: Engagement, ini: Initiative, capacity: float, wave_of: dict[str, int], waves: int | None
) -> Unplaced:
    if ini.effort > capacity:
        return Unplaced(ini.id, "too_large", ini.effort)
    missing = [
        d for d in ini.depends_on if d not in wave_of and eng.initiative_by_id[d].status != "done"
    ]
    if missing:
        return Unplaced(ini.id, "needs", ini.effort, tuple(sorted(missing)))
    return Unplaced(ini.id, "no_room", ini.effort, waves=waves)


def in_waves(
    eng: Engagement,
    ranking: Ranking,
    plan: LapPlan,
    wave_capacity: float | None = None,
    waves: int | None = None,
) -> Roadmap:
    """The fallback without a calendar: the plan in waves sharing its budget evenly (each wave
    holds at least the largest member)."""
    count = waves if waves is not None else (None if wave_capacity is not None else DEFAULT_WAVES)
    items = [eng.initiative_by_id[i] for i in plan.members]
    if wave_capacity is None:
        # The budget shared evenly, but never less than the largest member: a member of the plan
        # is never refused as "larger than a wave" only because the waves are an even share.
        total = plan.budget if plan.budget is not None else sum(i.effort for i in items)
        largest = max((i.effort for i in items), default=0.0)
        wave_capacity = max(total / (count or DEFAULT_WAVES), largest, 1e-9)
    return plan_waves(eng, ranking, items, capacity=wave_capacity, waves=count)
