"""`malmiljo gap` and `malmiljo trace`: the gap per capability and area, and who closes it."""

from __future__ import annotations

from pathlib import Path

from .. import console
from ..analysis.gaps import analyse_gaps
from ..analysis.trace import trace as build_trace
from ..errors import UsageError
from ..messages import did_you_mean
from ..models import Engagement
from ..validate import read_engagement
from ..write.terminal.gap import gap_report, trace_report
from ._common import plan_members


def gap(engagement: Path, *, area: str | None = None, fmt: str = "table") -> int:
    """Print the gap analysis, optionally for one area."""
    from ..analysis.assessments import staff_assessment
    from ..write.terminal.assessment import with_staff

    eng = read_engagement(engagement)
    lap = plan_members(eng)
    scoped = only_area(eng, area)
    report = gap_report(analyse_gaps(scoped, lap), fmt, lang=eng.meta.language)
    console.data(with_staff(report, staff_assessment(scoped), fmt, lang=eng.meta.language))
    return 0


def trace(engagement: Path, *, fmt: str = "table") -> int:
    """Print the capabilities x initiatives matrix."""
    eng = read_engagement(engagement)
    console.data(trace_report(build_trace(eng), fmt, lang=eng.meta.language))
    return 0


def only_area(eng: Engagement, area: str | None) -> Engagement:
    """The engagement seen through one area (all of it when `area` is None)."""
    if area is None:
        return eng
    if area not in eng.area_by_id:
        raise UsageError(
            f"there is no area '{area}'{did_you_mean(area, eng.area_by_id, list_all=True)}"
        )
    # A new model, not model_copy: the copy would carry the cached id lookups of the original.
    return Engagement(
        meta=eng.meta,
        areas=tuple(a for a in eng.areas if a.id == area),
        capabilities=tuple(c for c in eng.capabilities if c.area == area),
        initiatives=eng.initiatives,
        interviews=eng.interviews,
        workshops=eng.workshops,
        assessments=eng.assessments,
    )
