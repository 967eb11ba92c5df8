"""`malmiljo diff`: what changed between two revisions (or a revision and the working tree)."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.diff import diff_engagements
from ..history import snapshot
from ..write.terminal.diff import as_json, as_markdown, as_table


def diff(engagement: Path, *, rev_from: str, rev_to: str | None = None, fmt: str = "table") -> int:
    """Compare the engagement at `rev_from` with `rev_to` (default: the working tree)."""
    old = snapshot(engagement, rev_from)
    new = snapshot(engagement, rev_to)
    result = diff_engagements(old.engagement, new.engagement, before=old.label, after=new.label)
    if fmt == "json":
        console.data(as_json(result))
    elif fmt == "md":
        console.data(as_markdown(result, lang=new.engagement.meta.language))
    else:
        console.data(
            as_table(
                result,
                safe=console.printable,
                highlight=_bold,
                lang=new.engagement.meta.language,
            )
        )
    return 0


def _bold(text: str) -> str:
    return console.style(text, "bold", stream=console.stdout())
