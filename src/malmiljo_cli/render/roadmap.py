"""The roadmap as a table per wave with a bar of how full each wave is, or as JSON/CSV."""

from __future__ import annotations

from typing import Any

from ..analysis.roadmap import Roadmap
from ..analysis.scoring import Ranking
from .prioritisation import EFFORT, ID, TITLE
from .tables import Column, as_json, render
from .words import for_format, titled

COLUMNS = (Column("wave", "right", min_width=4), ID, TITLE, EFFORT, Column("score", "right"))
BAR = 20


def roadmap_as(fmt: str, roadmap: Roadmap, ranking: Ranking, *, lang: str = "en") -> str:
    """Waves in order; text and Markdown add a fill bar per wave and what could not be placed."""
    if fmt == "json":
        return as_json(roadmap_json(roadmap))
    rows = [
        (
            str(w.number),
            ident,
            ranking.by_id[ident].title,
            f"{ranking.by_id[ident].effort:.1f}",
            f"{ranking.by_id[ident].score:.2f}",
        )
        for w in roadmap.waves
        for ident in w.initiatives
    ]
    table = render(fmt, titled(COLUMNS, for_format(fmt, lang)), rows)
    if fmt == "csv":
        return table
    bullet = "- " if fmt == "md" else ""
    lines = [table, ""]
    lines += [
        f"{bullet}wave {w.number}  {_bar(w.effort, roadmap.capacity)}  "
        f"{w.effort:.1f} of {roadmap.capacity:.1f} days"
        for w in roadmap.waves
    ]
    if roadmap.unplaced:
        lines += ["", "not placed:"] + [
            f"{bullet or '  '}{u.id}: {u.reason}" for u in roadmap.unplaced
        ]
    return "\n".join(lines)


def _bar(effort: float, capacity: float) -> str:
    filled = round(BAR * effort / capacity) if capacity > 0 else 0
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


def roadmap_json(roadmap: Roadmap) -> dict[str, Any]:
    return {
        "scope": roadmap.scope,
        "wave_capacity": roadmap.capacity,
        "waves": [
            {"wave": w.number, "initiatives": list(w.initiatives), "effort": w.effort}
            for w in roadmap.waves
        ],
        "unplaced": [{"id": u.id, "reason": u.reason} for u in roadmap.unplaced],
    }
