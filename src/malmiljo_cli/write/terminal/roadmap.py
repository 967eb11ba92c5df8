"""The roadmap: the plan in calendar weeks (table and a text Gantt), or in waves; JSON/CSV too."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from ...analysis.plan import LapPlan
from ...analysis.roadmap import Roadmap
from ...analysis.schedule import RunningAhead, Schedule
from ...analysis.scoring import Ranking
from ...content.words import for_format
from ...models import Engagement
from ..data.shapes import ScheduleJson, WavesJson
from .prioritisation import EFFORT, ID, TITLE
from .tables import Column, as_json, md_escape, render, titled

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
    lines = [table, "", *_fill(fmt, [NO_CALENDAR]), ""]
    lines += [
        f"{bullet}wave {w.number}  {_bar(w.effort, roadmap.capacity)}  "
        f"{w.effort:.1f} of {roadmap.capacity:.1f} days"
        for w in roadmap.waves
    ]
    if roadmap.early:
        lines += ["", *_fill(fmt, [running_ahead_sentence(w) for w in roadmap.early])]
    if roadmap.unplaced:
        lines += ["", "not placed:"] + [
            f"{bullet or '  '}{u.id}: {u.reason}" for u in roadmap.unplaced
        ]
    return "\n".join(lines)


def _bar(effort: float, capacity: float) -> str:
    filled = round(BAR * effort / capacity) if capacity > 0 else 0
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


def roadmap_json(roadmap: Roadmap) -> WavesJson:
    return {
        "calendar": False,
        "wave_capacity": roadmap.capacity,
        "waves": [
            {"wave": w.number, "initiatives": list(w.initiatives), "effort": w.effort}
            for w in roadmap.waves
        ],
        "unplaced": [{"id": u.id, "reason": u.reason} for u in roadmap.unplaced],
        "warnings": [running_ahead_sentence(w) for w in roadmap.early],
    }


NO_CALENDAR = (
    "waves, because the engagement has no calendar: set capacity.start, capacity.weeks and "
    "capacity.per_week in engagement.yaml for a roadmap in weeks"
)
WEEK_COLUMNS = (
    ID,
    TITLE,
    Column("weeks", "right"),
    Column("from"),
    Column("to"),
    Column("per week", "right"),
)
GANTT_MAX = 52  # text Gantt columns; a longer lap folds two or more weeks into one column


def schedule_as(fmt: str, calendar: Schedule, plan: LapPlan, eng: Engagement) -> str:
    """The plan in weeks: one row per initiative, a text Gantt, how far from the lower bound."""
    if fmt == "json":
        return as_json(schedule_json(calendar))
    rows = [
        (
            s.id,
            eng.initiative_by_id[s.id].title,
            f"{s.start_week}-{s.end_week}" + (" !" if s.late else ""),
            _date(s.start),
            _date(s.end),
            f"{s.load_per_week:.1f}",
        )
        for s in calendar.items
    ]
    say = for_format(fmt, eng.meta.language)
    table = render(fmt, titled(WEEK_COLUMNS, say), rows)
    if fmt == "csv":
        return table
    headline = _headline(calendar, plan)
    wrapped = textwrap.fill(headline, 80, break_on_hyphens=False)
    lines = [headline if fmt == "md" else wrapped, "", table, ""]
    if fmt != "md":
        lines += [*_gantt(calendar), ""]
    notes = [_bound(calendar)]
    late = [s.id for s in calendar.items if s.late]
    if late:
        notes.append(f"! ends after week {calendar.weeks}, the lap's last: {', '.join(late)}")
    notes += [f"{u}: not scheduled: {why}" for u, why in calendar.unplaced]
    notes += [running_ahead_sentence(w) for w in calendar.warnings]
    return "\n".join([*lines, *_fill(fmt, notes)])


def running_ahead_sentence(warning: RunningAhead) -> str:
    """Work in progress that started before its prerequisites, in one line."""
    return (
        f"{warning.id} is in progress but its prerequisite {', '.join(warning.needs)} is not done"
    )


def _headline(calendar: Schedule, plan: LapPlan) -> str:
    start = f" from {calendar.start.isoformat()}" if calendar.start else ""
    return (
        f"This lap's plan, {len(plan.members)} initiatives, in weeks{start}: "
        f"{calendar.weeks} weeks at {calendar.per_week:g} person-days a week"
    )


def _bound(calendar: Schedule) -> str:
    gap = calendar.finish_week - calendar.lower_bound
    exact = "the earliest possible" if gap == 0 else f"{gap} week(s) after the lower bound"
    return (
        f"finishes in week {calendar.finish_week}, {exact} (week {calendar.lower_bound}: the "
        "longest chain of prerequisites, or all effort at full weekly capacity)"
    )


def _fill(fmt: str, notes: list[str]) -> list[str]:
    if fmt == "md":
        return [f"- {md_escape(n)}" for n in notes]
    return [textwrap.fill(n, 80, subsequent_indent="  ") for n in notes]


def _gantt(calendar: Schedule) -> list[str]:
    """One line per initiative: # while it runs, . for the lap's other weeks, | the lap's end."""
    span = max(calendar.weeks, calendar.finish_week)
    fold = math.ceil(span / GANTT_MAX)
    columns = math.ceil(span / fold)
    width = max((len(s.id) for s in calendar.items), default=0)
    width = min(width, 80 - columns - 3)
    scale = f"{'week':<{width}}  1" + f"{span:>{columns - 1}}" if columns > 1 else "week"
    lines = [scale]
    for s in calendar.items:
        cells = "".join(
            "#" if s.start_week <= c * fold + fold and c * fold + 1 <= s.end_week else "."
            for c in range(columns)
        )
        ident = s.id if len(s.id) <= width else s.id[: width - 1] + "…"
        lines.append(f"{ident:<{width}}  {cells}")
    if fold > 1:
        lines.append(f"(one column is {fold} weeks)")
    return lines


def _date(day: Any) -> str:
    return day.isoformat() if day is not None else ""


def schedule_json(calendar: Schedule) -> ScheduleJson:
    """start, weeks, per_week, items (id, start_week, end_week, start, end, load_per_week), unplaced."""
    return {
        "calendar": True,
        "start": _date(calendar.start) or None,
        "weeks": calendar.weeks,
        "per_week": calendar.per_week,
        "items": [
            {
                "id": s.id,
                "start_week": s.start_week,
                "end_week": s.end_week,
                "start": _date(s.start) or None,
                "end": _date(s.end) or None,
                "load_per_week": round(s.load_per_week, 6),
                "late": s.late,
            }
            for s in calendar.items
        ],
        "unplaced": [{"id": u, "reason": why} for u, why in calendar.unplaced],
        "finish_week": calendar.finish_week,
        "lower_bound": calendar.lower_bound,
        "warnings": [running_ahead_sentence(w) for w in calendar.warnings],
    }
