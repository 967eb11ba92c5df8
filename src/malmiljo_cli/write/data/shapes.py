"""The JSON shapes of the analyses, as `--format json` prints them and engagement.json holds them.

The builders (write/terminal/gap.py, prioritisation.py, roadmap.py) return these types, so mypy holds them
to the shape, and engagement.json's JSON Schema (`malmiljo schema`) is generated from them.
Pydantic reads TypedDicts only from typing_extensions on Python 3.11.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from ...analysis.gaps import Coverage
from ...analysis.plan import DepartureKind
from ...analysis.selection import Constraint, ReasonCode


class SumsJson(TypedDict):
    """Sums and averages over capabilities (an area, or all of them)."""

    gap: int
    weighted_gap: int
    projected_gap: int
    achieved_gap: int
    closure: float
    current_avg: float
    target_avg: float
    projected_avg: float
    lap_gap: int
    lap_closure: float
    lap_avg: float


class AreaGapJson(SumsJson):
    """One focus area's sums."""

    id: str
    name: str


class CapabilityGapJson(TypedDict):
    """One capability: its levels, its gap, and what the plan does to it."""

    id: str
    area: str
    name: str
    current: int
    target: int
    gap: int
    importance: int
    weighted_gap: int
    projected: int
    achieved: int
    lap: int
    coverage: Coverage
    raised_by: list[str]
    lap_gap: int
    lap_closure: float


class GapJson(TypedDict):
    """`malmiljo gap --format json`."""

    capabilities: list[CapabilityGapJson]
    areas: list[AreaGapJson]
    total: SumsJson


class DepartureJson(TypedDict):
    id: str
    kind: DepartureKind
    value_delta: float | None


class AlternativeJson(TypedDict):
    selected: list[str]
    total_value: float
    total_effort: float


class ExcludedJson(TypedDict):
    """An open initiative outside the plan P and its figures (analysis/plan.py `LeftOut`)."""

    id: str
    reason: ReasonCode
    days: float
    room: float
    count: int
    breaks: list[Constraint]
    cost: float
    cost_room: float | None
    needs: list[str]
    possible: bool
    best_with: float | None
    displaces: list[str] | None


class OverCapacityJson(TypedDict):
    """The decided work alone breaks the capacity: its effort and count, and which break."""

    effort: float
    budget: float
    count: int
    limit: int | None
    breaks: list[Constraint]
    cost: float
    cost_budget: float | None


class PlanJson(TypedDict):
    """`malmiljo prioritise --format json`: the lap's plan."""

    method: str
    budget: float | None
    max: int | None
    selected: list[str]
    total_value: float
    total_effort: float
    total_cost: float
    cost_budget: float | None
    committed: list[str]
    needed_by: dict[str, list[str]]
    done: list[str]
    over_capacity: OverCapacityJson | None
    reconsidered: bool
    departures: list[DepartureJson]
    alternatives: list[AlternativeJson]
    excluded: list[ExcludedJson]
    solver: str


class WarningJson(TypedDict):
    id: str
    code: str
    needs: list[str]


class UnplacedJson(TypedDict):
    id: str
    reason: str


class WaveJson(TypedDict):
    wave: int
    initiatives: list[str]
    effort: float


class WavesJson(TypedDict):
    """`malmiljo roadmap --format json` without a calendar: waves."""

    calendar: Literal[False]
    wave_capacity: float
    waves: list[WaveJson]
    unplaced: list[UnplacedJson]
    warnings: list[WarningJson]  # work in progress begun before its prerequisites (in wave 1)


class ScheduledJson(TypedDict):
    id: str
    start_week: int
    end_week: int
    start: str | None
    end: str | None
    load_per_week: float
    late: bool


class ScheduleJson(TypedDict):
    """`malmiljo roadmap --format json` with a calendar: weeks."""

    calendar: Literal[True]
    start: str | None
    weeks: int
    per_week: float
    items: list[ScheduledJson]
    unplaced: list[UnplacedJson]
    finish_week: int
    lower_bound: int
    warnings: list[WarningJson]
