"""`malmiljo roadmap`: this lap's plan in calendar weeks, or in waves without a calendar."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.plan import lap_plan
from ..analysis.roadmap import in_waves
from ..analysis.schedule import schedule
from ..errors import UsageError
from ..write.terminal.roadmap import roadmap_as, schedule_as
from ._common import ranked


def roadmap(
    engagement: Path,
    *,
    wave_capacity: float | None = None,
    waves: int | None = None,
    method: str | None = None,
    fmt: str = "table",
) -> int:
    """Schedule exactly the lap's plan: weeks when the engagement has a calendar, else waves."""
    if wave_capacity is not None and not 0 < wave_capacity < 1e9:  # also refuses nan and inf
        raise UsageError(f"--wave-capacity must be person-days above 0 (got {wave_capacity:g})")
    _, eng, ranking = ranked(engagement, method)
    plan = lap_plan(eng, ranking, alternatives=0, departures=False)
    calendar = schedule(eng, plan, ranking)
    if calendar is not None:
        if wave_capacity is not None or waves is not None:
            raise UsageError(
                "--waves and --wave-capacity apply only without a calendar; this engagement "
                "has capacity.per_week and capacity.weeks"
            )
        console.data(schedule_as(fmt, calendar, plan, eng))
        return 0
    waved = in_waves(eng, ranking, plan, wave_capacity, waves)
    console.data(roadmap_as(fmt, waved, ranking, lang=eng.meta.language))
    return 0
