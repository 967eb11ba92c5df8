"""`malmiljo lap new` and `malmiljo lap history`: go round again, and see the trend."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.laps import carry_over, lap_point, open_scores
from ..analysis.review import Review
from ..content.words import words
from ..edit import Edit, edit, origin_of
from ..errors import MalmiljoError
from ..history import laps
from ..models import Engagement
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
    review = _this_laps_review(engagement, eng)
    if fmt == "json":
        console.data(carry_over_json(carry, review))
    else:
        lang = eng.meta.language
        console.data(carry_over_text(carry, safe=console.printable, lang=lang, review=review))
    change = (
        console.printable(as_unified_diff(done))
        if dry_run
        else f"{file}: "
        + words(eng.meta.language).phrase(
            "history.laps", before=eng.meta.lap, after=eng.meta.lap + 1
        )
    )
    # The change is part of the report, dry run or not; only JSON keeps stdout to itself.
    (console.message if fmt == "json" else console.data)(change)
    return 0


def _this_laps_review(engagement: Path, eng: Engagement) -> Review | None:
    """What became of this lap's plan (made at its tag, `lap-N`); None outside git or without
    the tag, where `lap new` still works as before."""
    from ..analysis.review import previous_review
    from ..history import previous_lap_tag, snapshot

    try:
        since = previous_lap_tag(engagement, eng.meta.lap + 1)
        before = snapshot(engagement, since)
    except MalmiljoError:
        return None
    return previous_review(eng, before.engagement, since)


def lap_history(engagement: Path, *, fmt: str = "table") -> int:
    """Per lap (tags `lap-N`, else the latest commit of each lap): gap, closure, status counts."""
    states, skipped = laps(engagement)
    lang = states[-1].engagement.meta.language if states else "en"
    say = words(lang)
    for lap in skipped:
        why = say.phrase("history.errors", lap.errors) if not lap.reason else lap.reason
        command = f"malmiljo diff -e {engagement} --from {lap.label}"
        console.message(
            say.phrase("history.skipped", lap=lap.lap, label=lap.label, why=why, command=command)
        )
    points = [lap_point(s.engagement, lap=s.lap, revision=s.label, commit=s.commit) for s in states]
    if fmt == "json":
        console.data(history_json(points))
    elif fmt == "md":
        console.data(history_markdown(points, lang=lang))
    else:
        console.data(history_table(points, lang=lang))
    return 0
