"""`malmiljo options`: the steering group's choices beside the lap's plan, each an exact plan."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.steering import steering_options, with_capacity
from ..errors import UsageError
from ..write.terminal.options import options_as
from ._common import ranked


def options(
    engagement: Path,
    *,
    method: str | None = None,
    budget: float | None = None,
    max_count: int | None = None,
    fmt: str = "table",
) -> int:
    """The frontier over the budget, one initiative fewer and more, idle capacity, how the
    decided work can fit, and each named scenario."""
    if budget is not None and not 0 < budget < 1e9:  # also refuses nan and inf
        raise UsageError(f"--budget must be a number of person-days above 0 (got {budget:g})")
    _, eng, ranking = ranked(engagement, method)
    eng = with_capacity(eng, budget=budget, max_count=max_count)
    found = steering_options(eng, ranking, method=ranking.method)
    console.data(options_as(fmt, found, eng))
    return 0
