"""`malmiljo lap new` and `malmiljo lap history`: go round again, and see the trend."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.laps import carry_over, lap_point, open_scores
from ..edit import Edit, edit, origin_of
from ..history import laps
from ..validate import load_engagement
from ..write.terminal.edits import as_unified_diff
from ..write.terminal.laps import (
    carry_over_json,
    carry_over_text,
    history_json,
    history_markdown,
    history_table,
)


def lap_new(engagement: Path, *, dry_run: bool = False, fmt: str = "table") -> int:
    """Increment `lap` in engagement.yaml (kept byte for byte otherwise) and show the carry-over."""
    result = load_engagement(engagement)
    assert result.engagement is not None
    eng = result.engagement
    file, loc = origin_of(result, "engagement", "engagement")
    done = edit(engagement, [Edit(file, (*loc, "lap"), eng.meta.lap + 1)], dry_run=dry_run)
    carry = carry_over(eng, new_lap=eng.meta.lap + 1, scores=open_scores(eng))
    if fmt == "json":
        console.data(carry_over_json(carry))
    else:
        console.data(carry_over_text(carry, safe=console.printable, lang=eng.meta.language))
    change = (
        console.printable(as_unified_diff(done))
        if dry_run
        else f"{file}: lap {eng.meta.lap} -> {eng.meta.lap + 1}"
    )
    # The change is part of the report, dry run or not; only JSON keeps stdout to itself.
    (console.message if fmt == "json" else console.data)(change)
    return 0


def lap_history(engagement: Path, *, fmt: str = "table") -> int:
    """Per lap (tags `lap-N`, else the latest commit of each lap): gap, closure, status counts."""
    states, skipped = laps(engagement)
    for lap in skipped:
        console.message(
            f"lap {lap.lap} ({lap.label}): skipped, {lap.reason}; see it with: "
            f"malmiljo diff -e {engagement} --from {lap.label}"
        )
    points = [lap_point(s.engagement, lap=s.lap, revision=s.label, commit=s.commit) for s in states]
    lang = states[-1].engagement.meta.language if states else "en"
    if fmt == "json":
        console.data(history_json(points))
    elif fmt == "md":
        console.data(history_markdown(points, lang=lang))
    else:
        console.data(history_table(points, lang=lang))
    return 0
