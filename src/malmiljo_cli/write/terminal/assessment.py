"""Staff's self-assessment beside the assessed levels, as a section of `gap`'s output."""

from __future__ import annotations

import json
from dataclasses import asdict

from ...analysis.assessments import StaffAssessment, StaffView
from .tables import Column, as_json, render

COLUMNS = (
    Column("capability", shrink=True, min_width=12),
    Column("now", "right"),
    Column("staff now", "right"),
    Column("tgt", "right"),
    Column("staff tgt", "right"),
    Column("spread", "right"),
    Column("n", "right"),
    Column("flag"),
)
LEGEND = (
    "staff now, staff tgt = the median of staff's ratings; spread = highest minus lowest rating\n"
    "disagree = where staff disagree most; differs = where staff differ most from the assessment"
)


def _level(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _flag(view: StaffView, staff: StaffAssessment) -> str:
    flags = []
    if view.capability in staff.most_disagreement:
        flags.append("disagree")
    if view.capability in staff.most_difference:
        flags.append("differs")
    return ", ".join(flags)


def rows(staff: StaffAssessment) -> list[list[str]]:
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
            _flag(v, staff),
        ]
        for v in staff.views
    ]


def with_staff(text: str, staff: StaffAssessment, fmt: str) -> str:
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
    table = render(fmt, COLUMNS, rows(staff))
    if fmt == "md":
        return f"{text}\n\n### Staff's own assessment\n\n{table}"
    return f"{text}\n\nStaff's own assessment\n{table}\n{LEGEND}"
