"""Staff's self-assessment beside the assessed levels, as a section of `gap`'s output."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict

from ...analysis.assessments import StaffAssessment, StaffView
from ...content.words import Words, words
from .tables import Column, as_json, render, titled

COLUMNS = (
    Column("capability"),  # ids are never shortened; the notes wrap instead
    Column("now", "right"),
    Column("staff now", "right"),
    Column("tgt", "right"),
    Column("staff tgt", "right"),
    Column("spread", "right"),
    Column("answers", "right"),
    Column("to talk about", shrink=True, min_width=15, wrap=True),
)


def _level(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _flag(view: StaffView, staff: StaffAssessment, say: Words) -> str:
    flags = []
    if view.capability in staff.most_disagreement:
        flags.append(say.label("staff_disagree", "most disagreement"))
    if view.capability in staff.most_difference:
        flags.append(say.label("staff_differs", "largest difference"))
    return ", ".join(flags)


def rows(staff: StaffAssessment, say: Words) -> list[list[str]]:
    """One row per rated capability."""
    return [
        [
            v.capability,
            str(v.current),
            _level(v.staff_current),
            str(v.target),
            _level(v.staff_target),
            str(v.spread),
            str(v.responses),
            _flag(v, staff, say),
        ]
        for v in staff.views
    ]


def with_staff(text: str, staff: StaffAssessment, fmt: str, *, lang: str = "en") -> str:
    """`gap`'s output with the staff section added (CSV stays one table, so it is unchanged)."""
    if not staff.views or fmt == "csv":
        return text
    if fmt == "json":
        data = json.loads(text)
        data["staff"] = {
            "capabilities": [asdict(v) for v in staff.views],
            "most_disagreement": list(staff.most_disagreement),
            "most_difference": list(staff.most_difference),
        }
        return as_json(data)
    say = words(lang)
    table = render(fmt, titled(COLUMNS, say), rows(staff, say))
    title = say.label("staff_assessment", "Staff's own assessment")
    if fmt == "md":
        return f"{text}\n\n### {title}\n\n{table}"
    legend = [
        textwrap.fill(line, 80, subsequent_indent="  ")
        for line in say.phrase("gap.staff_legend").splitlines()
    ]
    return "\n".join([f"{text}\n\n{title}", table, *legend])
