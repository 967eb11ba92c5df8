"""The report's section on staff's own assessment, formatted for the report's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..analysis.assessments import StaffAssessment, StaffView
from ..models import Engagement
from . import i18n
from .context import StaffRow, StaffSection


def staff_section(
    eng: Engagement, staff: StaffAssessment, t: Mapping[str, Any], lang: str
) -> StaffSection | None:
    """One row per rated capability; None when nothing was rated."""
    if not staff.views:
        return None
    names = {v.capability: v.name for v in staff.views}
    note = " ".join(
        t[key].format(name=_joined([names[i] for i in idents], t))
        for key, idents in (
            ("staff_most_disagreement", staff.most_disagreement),
            ("staff_most_difference", staff.most_difference),
        )
        if idents
    )
    rows = tuple(_row(eng, v, staff, t, lang) for v in staff.views)
    return StaffSection(rows=rows, note=note)


def _row(
    eng: Engagement, view: StaffView, staff: StaffAssessment, t: Mapping[str, Any], lang: str
) -> StaffRow:
    flags = [
        t[key]
        for key, idents in (
            ("staff_disagree", staff.most_disagreement),
            ("staff_differs", staff.most_difference),
        )
        if view.capability in idents
    ]
    return StaffRow(
        name=view.name,
        colour=eng.area_by_id[view.area].colour if view.area in eng.area_by_id else "#777777",
        current=str(view.current),
        staff_current=_median(view.staff_current, t, lang),
        target=str(view.target),
        staff_target=_median(view.staff_target, t, lang),
        spread=str(view.spread),
        responses=str(view.responses),
        flag=", ".join(flags),
    )


def _joined(names: list[str], t: Mapping[str, Any]) -> str:
    """`a`, `a and b`, `a, b and c`: every capability tied for the most is named."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {t['and']} {names[-1]}"


def _median(value: float | None, t: Mapping[str, Any], lang: str) -> str:
    if value is None:
        return str(t["none"])
    return i18n.number(value, 0 if float(value).is_integer() else 1, lang=lang)
