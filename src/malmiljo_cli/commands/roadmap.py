"""`malmiljo roadmap`: the chosen initiatives in waves, prerequisites first, each wave within capacity."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.roadmap import plan_waves, scope
from ..errors import UsageError
from ..render.roadmap import roadmap_as
from ._common import ranked

DEFAULT_WAVES = 3


def roadmap(
    engagement: Path,
    *,
    wave_capacity: float | None = None,
    waves: int | None = None,
    everything: bool = False,
    method: str | None = None,
    fmt: str = "table",
) -> int:
    """Assign the selected and in-progress initiatives (or all open ones) to waves."""
    _, eng, ranking = ranked(engagement, method)
    items = scope(eng, ranking, everything=everything)
    if wave_capacity is not None and not 0 < wave_capacity < 1e9:  # also refuses nan and inf
        raise UsageError(f"--wave-capacity must be person-days above 0 (got {wave_capacity:g})")
    count = waves if waves is not None else (None if wave_capacity is not None else DEFAULT_WAVES)
    capacity = (
        wave_capacity
        if wave_capacity is not None
        else _default_capacity(eng.meta.capacity.budget, count)
    )
    chosen = "all" if everything or all(i.status == "proposed" for i in items) else "chosen"
    result = plan_waves(eng, ranking, items, capacity=capacity, waves=count, scope_name=chosen)
    console.data(roadmap_as(fmt, result, ranking, lang=eng.meta.language))
    return 0


def _default_capacity(budget: float | None, waves: int | None) -> float:
    """The lap's budget shared evenly over the waves."""
    if budget is None:
        raise UsageError("no wave capacity: pass --wave-capacity DAYS or set capacity.budget")
    return budget / (waves or DEFAULT_WAVES)
