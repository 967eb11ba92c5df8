"""`malmiljo review`: what became of the last lap's plan, and the lift it planned."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.review import Review, lap_plan_at, review
from ..analysis.scoring import MissingInputs
from ..errors import MalmiljoError
from ..history import previous_lap_tag, snapshot
from ..models import Engagement
from ..validate import read_engagement
from ..write.terminal.review import as_json, as_md, as_table


def review_command(engagement: Path, *, since: str | None = None, fmt: str = "table") -> int:
    """Compare the lap plan computed at `since` (default: the previous lap's tag) with today."""
    now = read_engagement(engagement)
    result = review_since(engagement, now, since=since)
    lang = now.meta.language
    if fmt == "json":
        console.data(as_json(result))
    elif fmt == "md":
        console.data(as_md(result, lang=lang))
    else:
        console.data(as_table(result, lang=lang, safe=console.printable))
    return 0


def review_since(engagement: Path, now: Engagement, *, since: str | None) -> Review:
    """The review of the plan made at `since` (default: the latest earlier lap tag)."""
    rev = since if since is not None else previous_lap_tag(engagement, now.meta.lap)
    before = snapshot(engagement, rev)
    try:
        plan, calendar = lap_plan_at(before.engagement)
    except MissingInputs as exc:
        raise MalmiljoError(f"the lap plan at {rev} cannot be computed: {exc}") from None
    return review(before.engagement, plan, now, since=rev, calendar=calendar)
