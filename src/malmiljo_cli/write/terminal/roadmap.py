"""The roadmap: the plan in calendar weeks (table and a text Gantt), or in waves; JSON/CSV too."""

from __future__ import annotations

import math
import textwrap
from typing import Any

from ...analysis.plan import LapPlan
from ...analysis.roadmap import Roadmap, Unplaced
from ...analysis.schedule import RunningAhead, Schedule, Unscheduled
from ...analysis.scoring import Ranking
from ...content.words import Words, for_format, words
from ...models import Engagement
from ..data.shapes import ScheduleJson, WarningJson, WavesJson
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
    say = words(lang)
    bullet = "- " if fmt == "md" else ""
    lines = [table, "", *_fill(fmt, [say.phrase("roadmap.no_calendar")]), ""]
    lines += [
        bullet
        + say.phrase(
            "roadmap.wave",
            wave=say.phrase("wave_n", n=w.number),
            bar=_bar(w.effort, roadmap.capacity),
            effort=say.num(w.effort, 1),
            capacity=say.days(roadmap.capacity),
        )
        for w in roadmap.waves
    ]
    if roadmap.early:
        lines += ["", *_fill(fmt, [warning(w, say) for w in roadmap.early])]
    if roadmap.unplaced:
        lines += ["", say.phrase("roadmap.not_placed")] + [
            f"{bullet or '  '}{u.id}: {unplaced_reason(u, roadmap.capacity, say)}"
            for u in roadmap.unplaced
        ]
    return "\n".join(lines)


def unplaced_reason(u: Unplaced, capacity: float, say: Words) -> str:
    """Why no wave holds `u`, in words."""
    key = f"roadmap.unplaced.{u.reason}"
    if u.reason == "needs":
        return say.phrase(key, len(u.needs), names=", ".join(u.needs))
    if u.reason == "too_large":
        return say.phrase(key, effort=say.num(u.effort), capacity=say.days(capacity))
    return say.phrase(key, waves=say.num(u.waves or 0), capacity=say.days(capacity))


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
        "warnings": [warning_json(w) for w in roadmap.early],
    }


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
    table = render(fmt, titled(WEEK_COLUMNS, for_format(fmt, eng.meta.language)), rows)
    if fmt == "csv":
        return table
    say = words(eng.meta.language)
    headline = _headline(calendar, plan, say)
    wrapped = textwrap.fill(headline, 80, break_on_hyphens=False)
    lines = [headline if fmt == "md" else wrapped, "", table, ""]
    if fmt != "md":
        lines += [*_gantt(calendar, say), ""]
    notes = [_bound(calendar, say)]
    late = [s.id for s in calendar.items if s.late]
    if late:
        notes.append(say.phrase("roadmap.late", weeks=calendar.weeks, names=", ".join(late)))
    notes += [
        say.phrase("roadmap.not_scheduled", id=u.id, why=unscheduled_reason(u, say))
        for u in calendar.unplaced
    ]
    notes += [warning(w, say) for w in calendar.warnings]
    return "\n".join([*lines, *_fill(fmt, notes)])


def unscheduled_reason(u: Unscheduled, say: Words) -> str:
    """Why the weeks could not hold `u`, in words."""
    return say.phrase(f"roadmap.unscheduled.{u.code}", weeks=say.num(u.horizon))


def warning(w: RunningAhead, say: Words) -> str:
    """A schedule warning in words: work in progress ahead of its prerequisites."""
    return say.phrase(
        "roadmap.running_before_prerequisite", len(w.needs), id=w.id, names=", ".join(w.needs)
    )


def warning_json(w: RunningAhead) -> WarningJson:
    """A schedule warning for machines: its code, the initiative and what it waits for."""
    return {"id": w.id, "code": "running_before_prerequisite", "needs": list(w.needs)}


def _headline(calendar: Schedule, plan: LapPlan, say: Words) -> str:
    start = say.phrase("roadmap.from", date=calendar.start.isoformat()) if calendar.start else ""
    return say.phrase(
        "roadmap.headline",
        n=len(plan.members),
        start=start,
        weeks=say.num(calendar.weeks),
        per_week=say.days(calendar.per_week),
    )


def _bound(calendar: Schedule, say: Words) -> str:
    gap = calendar.finish_week - calendar.lower_bound
    exact = say.phrase("roadmap.earliest") if gap == 0 else say.phrase("roadmap.after_bound", gap)
    return say.phrase(
        "roadmap.finish", week=calendar.finish_week, exact=exact, bound=calendar.lower_bound
    )


def _fill(fmt: str, notes: list[str]) -> list[str]:
    if fmt == "md":
        return [f"- {md_escape(n)}" for n in notes]
    return [textwrap.fill(n, 80, subsequent_indent="  ") for n in notes]


def _gantt(calendar: Schedule, say: Words) -> list[str]:
    """One line per initiative: # while it runs, . for the lap's other weeks, | the lap's end."""
    span = max(calendar.weeks, calendar.finish_week)
    fold = math.ceil(span / GANTT_MAX)
    columns = math.ceil(span / fold)
    width = max((len(s.id) for s in calendar.items), default=0)
    width = min(width, 80 - columns - 3)
    week = say.phrase("week")
    scale = f"{week:<{width}}  1" + f"{span:>{columns - 1}}" if columns > 1 else week
    lines = [scale]
    for s in calendar.items:
        cells = "".join(
            "#" if s.start_week <= c * fold + fold and c * fold + 1 <= s.end_week else "."
            for c in range(columns)
        )
        ident = s.id if len(s.id) <= width else s.id[: width - 1] + "…"
        lines.append(f"{ident:<{width}}  {cells}")
    if fold > 1:
        lines.append(say.phrase("roadmap.fold", n=fold))
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
        "unplaced": [{"id": u.id, "reason": u.code} for u in calendar.unplaced],
        "finish_week": calendar.finish_week,
        "lower_bound": calendar.lower_bound,
        "warnings": [warning_json(w) for w in calendar.warnings],
    }
