"""`malmiljo lap new` and `malmiljo lap history`: go round again, and see the trend."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.laps import carry_over, default_scores, lap_point
from ..edit import Edit, edit, origin_of
from ..errors import InvalidEngagement, MalmiljoError
from ..history import engagement_at, lap_commits, lap_tags, locate, resolve
from ..render.edits import as_unified_diff
from ..render.laps import carry_over_text, history_json, history_markdown, history_table
from ..validate import load_engagement


def lap_new(engagement: Path, *, dry_run: bool = False) -> int:
    """Increment `lap` in engagement.yaml (kept byte for byte otherwise) and show the carry-over."""
    result = load_engagement(engagement)
    assert result.engagement is not None
    eng = result.engagement
    file, loc = origin_of(result, "engagement", "engagement")
    done = edit(engagement, [Edit(file, (*loc, "lap"), eng.meta.lap + 1)], dry_run=dry_run)
    carry = carry_over(eng, new_lap=eng.meta.lap + 1, scores=default_scores(eng))
    console.data(carry_over_text(carry, safe=console.printable))
    if dry_run:
        console.message(console.printable(as_unified_diff(done)))
    else:
        console.message(f"{file}: lap {eng.meta.lap} -> {eng.meta.lap + 1}")
    return 0


def lap_history(engagement: Path, *, fmt: str = "table") -> int:
    """Per lap (tags `lap-N`, else the latest commit of each lap): gap, closure, status counts."""
    repo = locate(engagement)
    laps = lap_tags(repo) or lap_commits(repo)
    if not laps:
        raise MalmiljoError(
            f"no lap tags (lap-N) and no commits of the engagement in {repo.top}; "
            "commit the engagement or tag a lap with: git tag lap-1"
        )
    points = []
    for lap, rev in laps:
        commit = resolve(repo, rev)
        label = rev if rev.startswith("lap-") else rev[:12]
        try:
            eng = engagement_at(repo, commit, label=label)
        except InvalidEngagement as exc:
            # An old lap may not pass today's stricter checks; the trend goes on without it.
            errors = sum(p.is_error for p in exc.problems)
            console.message(
                f"lap {lap} ({label}): skipped, the engagement there has {errors} error(s); "
                f"see them with: malmiljo diff --from {label}"
            )
            continue
        points.append(lap_point(eng, lap=lap, revision=label, commit=commit))
    if fmt == "json":
        console.data(history_json(points))
    elif fmt == "md":
        console.data(history_markdown(points))
    else:
        console.data(history_table(points))
    return 0
