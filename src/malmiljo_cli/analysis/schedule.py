"""The calendar roadmap: exactly the lap's plan, week by week, within the weekly capacity.

An initiative runs for at least max(duration_weeks, ceil(effort / per_week)) consecutive weeks
and spends its effort evenly over them; it may be stretched over more weeks (a lower, still
even, load) to fit. No week uses more than `per_week`; a prerequisite ends before its dependant
starts; work in progress starts in week 1. The rest is placed by a priority rule (longest chain
of weeks still ahead first, then rank), each initiative where it finishes earliest, so the
schedule also reports the lower bound its finish week is measured against.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import Engagement, Initiative
from .plan import LapPlan
from .scoring import Ranking

EPSILON = 1e-9
HORIZON_FACTOR = 4  # look this many lap lengths ahead before calling a member unplaceable


@dataclass(frozen=True)
class Scheduled:
    id: str
    start_week: int
    end_week: int  # inclusive; weeks are numbered from 1
    start: dt.date | None
    end: dt.date | None
    load_per_week: float
    late: bool  # ends after the lap's last week


@dataclass(frozen=True)
class Unscheduled:
    """A member the weeks could not hold: `prerequisite_unscheduled` or `no_room` (within
    `horizon` weeks)."""

    id: str
    code: str
    horizon: int


@dataclass(frozen=True)
class RunningAhead:
    """Work in progress whose prerequisites are not all done: it started before them (allowed,
    and said wherever the roadmap is shown)."""

    id: str
    needs: tuple[str, ...]  # its prerequisites that are not done, sorted by id


@dataclass(frozen=True)
class Schedule:
    start: dt.date | None
    weeks: int
    per_week: float
    items: tuple[Scheduled, ...]  # by start week, then rank
    unplaced: tuple[Unscheduled, ...]
    finish_week: int
    lower_bound: int
    warnings: tuple[RunningAhead, ...] = ()

    def by_id(self, ident: str) -> Scheduled | None:
        return next((s for s in self.items if s.id == ident), None)

    def load(self, week: int) -> float:
        """Person-days the plan uses in `week`."""
        return sum(s.load_per_week for s in self.items if s.start_week <= week <= s.end_week)


def min_weeks(ini: Initiative, per_week: float) -> int:
    """The fewest weeks it can take: its duration, or the weeks its effort needs at full pace."""
    by_effort = math.ceil(ini.effort / per_week - EPSILON)
    return max(ini.duration_weeks or 1, by_effort, 1)


def schedule(eng: Engagement, plan: LapPlan, ranking: Ranking) -> Schedule | None:
    """The plan in calendar weeks; None when the engagement gives no per_week and weeks."""
    capacity = eng.meta.capacity
    if capacity.per_week is None or capacity.weeks is None:
        return None
    per_week, weeks = capacity.per_week, capacity.weeks
    start = capacity.start or eng.meta.date
    members = [eng.initiative_by_id[i] for i in plan.members]
    shortest = {i.id: min_weeks(i, per_week) for i in members}
    board = _Board(per_week, horizon=HORIZON_FACTOR * weeks + sum(shortest.values()))
    placed: dict[str, tuple[int, int, float]] = {}
    running = [i for i in members if i.status == "in_progress"]
    for ini, (length, load) in _running_loads(running, shortest, per_week).items():
        board.use(1, length, load)
        placed[ini] = (1, length, load)
    unplaced = _place_rest(eng, members, shortest, ranking, board, placed)
    items = tuple(
        sorted(
            (_item(ident, s, e, load, start, weeks) for ident, (s, e, load) in placed.items()),
            key=lambda s: (s.start_week, ranking.by_id[s.id].rank, s.id),
        )
    )
    return Schedule(
        start=start,
        weeks=weeks,
        per_week=per_week,
        items=items,
        unplaced=unplaced,
        finish_week=max((s.end_week for s in items), default=0),
        lower_bound=lower_bound(eng, members, shortest, per_week),
        warnings=running_ahead(eng, running),
    )


class _Board:
    """Person-days used per week."""

    def __init__(self, per_week: float, *, horizon: int) -> None:
        self.per_week = per_week
        self.horizon = horizon
        self.used = [0.0] * (horizon + 2)

    def free(self, week: int) -> float:
        return self.per_week - self.used[week]

    def use(self, first: int, last: int, load: float) -> None:
        for week in range(first, min(last, self.horizon) + 1):
            self.used[week] += load

    def earliest(self, effort: float, shortest: int, ready: int) -> tuple[int, int, float] | None:
        """The placement that ends first: (start, end, load), start at `ready` or later."""
        best: tuple[int, int, float] | None = None
        for first in range(ready, self.horizon + 1):
            if best is not None and first + shortest - 1 >= best[1]:
                break
            room = math.inf
            for last in range(first, self.horizon + 1):
                if best is not None and last >= best[1]:
                    break
                room = min(room, self.free(last))
                if room <= EPSILON:
                    break
                length = last - first + 1
                if length >= shortest and effort / length <= room + EPSILON:
                    best = (first, last, effort / length)
                    break
        return best


def _running_loads(
    running: list[Initiative], shortest: Mapping[str, int], per_week: float
) -> dict[str, tuple[int, float]]:
    """Work in progress starts in week 1; when it alone asks more than a week holds, every
    piece is stretched by the same factor."""
    wanted = {i.id: i.effort / shortest[i.id] for i in running}
    total = sum(wanted.values())
    factor = min(1.0, per_week / total) if total else 1.0
    loads = {}
    for ini in running:
        length = max(shortest[ini.id], math.ceil(ini.effort / (wanted[ini.id] * factor) - EPSILON))
        loads[ini.id] = (length, ini.effort / length)
    return loads


def _place_rest(
    eng: Engagement,
    members: list[Initiative],
    shortest: Mapping[str, int],
    ranking: Ranking,
    board: _Board,
    placed: dict[str, tuple[int, int, float]],
) -> tuple[Unscheduled, ...]:
    in_plan = {i.id for i in members}
    tail = _tails(eng, members, shortest)
    waiting = [i for i in members if i.id not in placed]
    unplaced: dict[str, str] = {}
    while waiting:
        blocked = [i for i in waiting if any(d in unplaced for d in _prereqs(i, in_plan))]
        for ini in blocked:  # what needs an unplaceable member cannot be placed either
            unplaced[ini.id] = "prerequisite_unscheduled"
            waiting.remove(ini)
        ready = [i for i in waiting if all(d in placed for d in _prereqs(i, in_plan))]
        if not ready:
            break
        ini = min(ready, key=lambda i: (-tail[i.id], ranking.by_id[i.id].rank, i.id))
        waiting.remove(ini)
        after = max((placed[d][1] for d in _prereqs(ini, in_plan)), default=0) + 1
        spot = board.earliest(ini.effort, shortest[ini.id], after)
        if spot is None:
            unplaced[ini.id] = "no_room"
            continue
        board.use(*spot)
        placed[ini.id] = spot
    return tuple(Unscheduled(i, code, board.horizon) for i, code in sorted(unplaced.items()))


def _prereqs(ini: Initiative, in_plan: set[str]) -> list[str]:
    return [d for d in ini.depends_on if d in in_plan]


def _tails(
    eng: Engagement, members: list[Initiative], shortest: Mapping[str, int]
) -> dict[str, int]:
    """Weeks from an initiative's start to the end of the longest chain of dependants."""
    in_plan = {i.id for i in members}
    dependants: dict[str, list[str]] = {i.id: [] for i in members}
    for ini in members:
        for d in _prereqs(ini, in_plan):
            dependants[d].append(ini.id)
    tails: dict[str, int] = {}

    def tail(ident: str) -> int:
        if ident not in tails:
            tails[ident] = shortest[ident] + max((tail(d) for d in dependants[ident]), default=0)
        return tails[ident]

    for ini in sorted(members, key=lambda i: i.id):
        tail(ini.id)
    return tails


def lower_bound(
    eng: Engagement, members: list[Initiative], shortest: Mapping[str, int], per_week: float
) -> int:
    """No schedule finishes earlier: the longest chain of weeks, or the total effort at full pace."""
    in_plan = {i.id for i in members if i.status != "in_progress"}
    chain: dict[str, int] = {}

    def length(ini: Initiative) -> int:
        if ini.id not in chain:
            # Work in progress starts in week 1 whatever it needs: its chain is its own.
            needs = () if ini.status == "in_progress" else ini.depends_on
            before = [eng.initiative_by_id[d] for d in needs if d in in_plan]
            own = shortest[ini.id]
            chain[ini.id] = own + max((length(b) for b in before), default=0)
        return chain[ini.id]

    longest = max((length(i) for i in members), default=0)
    total = sum(i.effort for i in members)
    return max(longest, math.ceil(total / per_week - EPSILON))


def _item(
    ident: str, first: int, last: int, load: float, start: dt.date | None, weeks: int
) -> Scheduled:
    return Scheduled(
        id=ident,
        start_week=first,
        end_week=last,
        start=None if start is None else start + dt.timedelta(weeks=first - 1),
        end=None if start is None else start + dt.timedelta(days=7 * last - 1),
        load_per_week=load,
        late=last > weeks,
    )


def running_ahead(eng: Engagement, running: Sequence[Initiative]) -> tuple[RunningAhead, ...]:
    """Work in progress with prerequisites that are not done, by id."""
    found = []
    for ini in sorted(running, key=lambda i: i.id):
        open_needs = sorted(d for d in ini.depends_on if eng.initiative_by_id[d].status != "done")
        if open_needs:
            found.append(RunningAhead(ini.id, tuple(open_needs)))
    return tuple(found)
