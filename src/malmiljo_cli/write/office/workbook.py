"""The read-only sheets `export --to FILE.xlsx` adds after the round-trip sheet.

For the controller who wants the numbers: capabilities with their gap, the ranking with the
method's inputs, the lap's plan and the roadmap, with the engagement's own words (area names,
status words) and real numbers. `import` reads only the first sheet, so these never flow back;
they are protected (sorting and filtering still work) to say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...analysis.gaps import GapAnalysis
from ...analysis.plan import LapPlan
from ...analysis.review import Review
from ...analysis.roadmap import Roadmap
from ...analysis.schedule import Schedule
from ...analysis.scoring import Ranking
from ...models import Engagement
from ...sheet import CellValue
from .ooxml import office_text

if TYPE_CHECKING:
    from ...content.formatter import Formatter

SheetValue = CellValue | dt.date
INTEGER, DECIMAL, DATE = "0", "0.00", "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    """A column of a read-only sheet: its heading, width in characters, number format."""

    title: str
    width: int = 14
    number: str = ""


@dataclass(frozen=True)
class ReadOnlySheet:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[SheetValue, ...], ...]


def analysis_sheets(
    eng: Engagement,
    *,
    gaps: GapAnalysis,
    ranking: Ranking,
    plan: LapPlan,
    calendar: Schedule | None,
    waves: Roadmap | None,
    review: Review | None = None,
) -> tuple[ReadOnlySheet, ...]:
    """Capabilities, ranking, the lap's plan, its roadmap (dated, else in waves), and what became
    of the previous lap's plan when there was one."""
    from ...content.formatter import Formatter

    fmt = Formatter(eng, eng.meta.language)
    sheets = [_capabilities(eng, gaps, fmt.t), _ranking(eng, ranking, plan, fmt.t)]
    sheets.append(_plan(eng, plan, ranking, fmt))
    if calendar is not None and calendar.items:
        sheets.append(_calendar(eng, calendar, fmt.t))
    elif waves is not None and waves.waves:
        sheets.append(_waves(eng, waves, fmt.t))
    if review is not None:
        sheets += _review(review, fmt.lang)
    return tuple(sheets)


def _review(rv: Review, lang: str) -> list[ReadOnlySheet]:
    """The previous lap's plan with each outcome, and planned against realised lift."""
    from ...content.review import LIFT_HEADS, review_words

    say = review_words(lang)
    work = ReadOnlySheet(
        _sheet_name(say("sheet")),
        (
            Column("id", 22),
            Column(say("initiative"), 40),
            Column(say("outcome"), 20),
            Column(say("reason"), 50),
            Column(say("finish"), 14, INTEGER),
        ),
        tuple(
            (
                w.id,
                _text(w.title),
                say.outcome(w),
                _text(w.dropped_reason or ""),
                w.planned_finish_week,
            )
            for w in rv.plan
        ),
    )
    lift = ReadOnlySheet(
        _sheet_name(say("lift")),
        (
            Column("id", 22),
            Column(say("capability"), 40),
            *(Column(say(k), 12, INTEGER) for k in LIFT_HEADS[:-1]),
            Column(say("realised"), 12),
        ),
        tuple(
            (c.id, _text(c.name), c.before, c.now, c.target, c.planned, say.realised(c))
            for c in rv.capabilities
        ),
    )
    return [work, lift]


def _sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]."""
    cleaned = "".join(" " if ch in ":\\/?*[]" else ch for ch in title).strip()
    return cleaned[:31].rstrip()


def _text(value: str) -> str:
    return office_text(value)


def _capabilities(eng: Engagement, gaps: GapAnalysis, t: dict[str, object]) -> ReadOnlySheet:
    coverage = t["coverage_values"]
    assert isinstance(coverage, dict)
    columns = (
        Column(str(t["area"]), 24),
        Column(str(t["capability"]), 40),
        Column("id", 22),
        Column(str(t["current"]), 10, INTEGER),
        Column(str(t["target"]), 10, INTEGER),
        Column(str(t["gap"]), 8, INTEGER),
        Column(str(t["importance"]), 8, INTEGER),
        Column(str(t["weighted_gap"]), 12, INTEGER),
        Column(str(t["after_lap"]), 12, INTEGER),
        Column(str(t["coverage"]), 14),
        Column(str(t["indicators"]), 60),
    )
    rows = tuple(
        (
            _text(eng.area_by_id[c.area].name),
            _text(c.name),
            c.id,
            c.current,
            c.target,
            c.gap,
            c.importance,
            c.weighted_gap,
            c.lap,
            str(coverage[c.coverage]),
            _indicators(eng, c.id),
        )
        for c in gaps.capabilities
    )
    return ReadOnlySheet(str(t["sheet_capabilities"]), columns, rows)


def _indicators(eng: Engagement, ident: str) -> str:
    """`level: what one would observe`, one a line, for every level the capability describes."""
    found = sorted(eng.capability_by_id[ident].indicators.items())
    return _text("\n".join(f"{level}: {text}" for level, text in found))


def _ranking(
    eng: Engagement, ranking: Ranking, plan: LapPlan, t: dict[str, object]
) -> ReadOnlySheet:
    statuses = t["status_values"]
    assert isinstance(statuses, dict)
    inputs = sorted({key for s in ranking.scores for key in s.inputs})
    columns = (
        Column(str(t["rank"]), 7, INTEGER),
        Column("id", 22),
        Column(str(t["initiatives"]), 44),
        Column(str(t["area"]), 24),
        Column(str(t["status"]), 14),
        *(Column(_input_title(key, t), 12, DECIMAL) for key in inputs),
        Column(f"{t['effort']} ({t['person_days']})", 12, DECIMAL),
        Column(str(t["score"]), 10, DECIMAL),
        Column(str(t["in_plan"]), 12),
    )
    rows: tuple[tuple[SheetValue, ...], ...] = tuple(
        (
            s.rank,
            s.id,
            _text(s.title),
            _text(eng.area_by_id[eng.initiative_by_id[s.id].area].name),
            str(statuses[s.status]),
            *(float(s.inputs.get(key, 0.0)) for key in inputs),
            float(s.effort),
            float(s.score),
            "✓" if s.id in plan else "",
        )
        for s in ranking.scores
    )
    return ReadOnlySheet(str(t["ranking"]), columns, rows)


def _input_title(key: str, t: dict[str, object]) -> str:
    criteria = t.get("criteria", {})
    if isinstance(criteria, dict) and key in criteria:
        return str(criteria[key])
    return key


def _plan(eng: Engagement, plan: LapPlan, ranking: Ranking, fmt: Formatter) -> ReadOnlySheet:
    """The plan's members (best rank first) and why each is in, then why each other one waits."""
    from ...content.sections import plan_basis, plan_reason

    t = fmt.t
    days = f"{t['effort']} ({t['person_days']})"
    columns = (
        Column("id", 22),
        Column(str(t["initiatives"]), 44),
        Column(str(t["in_plan"]), 12),
        Column(days, 12, DECIMAL),
        Column(str(t["score"]), 10, DECIMAL),
        Column(str(t["reason"]), 70),
    )

    def row(ident: str, inside: bool, why: str) -> tuple[SheetValue, ...]:
        score = ranking.by_id.get(ident)
        return (
            ident,
            _text(eng.initiative_by_id[ident].title),
            "✓" if inside else "",
            float(eng.initiative_by_id[ident].effort),
            float(score.score) if score else None,
            _text(why),
        )

    rows = [row(i, True, plan_basis(plan, eng, i, fmt)) for i in plan.members]
    rows += [row(r.id, False, plan_reason(r, plan, eng, fmt)) for r in plan.left_out]
    return ReadOnlySheet(str(t["sheet_plan"]), columns, tuple(rows))


def _calendar(eng: Engagement, calendar: Schedule, t: dict[str, Any]) -> ReadOnlySheet:
    """The plan on the calendar: weeks and dates of each member, its load per week."""
    columns = (
        Column("id", 22),
        Column(str(t["initiatives"]), 44),
        Column(str(t["sheet_first_week"]), 10, INTEGER),
        Column(str(t["sheet_last_week"]), 10, INTEGER),
        Column(str(t["sheet_start"]), 12, DATE),
        Column(str(t["sheet_end"]), 12, DATE),
        Column(str(t["sheet_load"]), 14, DECIMAL),
        Column(str(t["sheet_late"]), 10),
    )
    rows = tuple(
        (
            s.id,
            _text(eng.initiative_by_id[s.id].title),
            s.start_week,
            s.end_week,
            s.start,
            s.end,
            float(s.load_per_week),
            "✓" if s.late else "",
        )
        for s in calendar.items
    )
    return ReadOnlySheet(str(t["roadmap"]), columns, rows)


def _waves(eng: Engagement, roadmap: Roadmap, t: dict[str, Any]) -> ReadOnlySheet:
    columns = (
        Column(str(t["wave_n"]).format(n="").strip(), 10),
        Column("id", 22),
        Column(str(t["initiatives"]), 44),
        Column(f"{t['effort']} ({t['person_days']})", 12, DECIMAL),
    )
    rows = tuple(
        (
            str(t["wave_n"]).format(n=wave.number),
            ident,
            _text(eng.initiative_by_id[ident].title),
            float(eng.initiative_by_id[ident].effort),
        )
        for wave in roadmap.waves
        for ident in wave.initiatives
    )
    return ReadOnlySheet(str(t["roadmap"]), columns, rows)


def add_sheets(book: object, sheets: Sequence[ReadOnlySheet]) -> None:
    """Write each sheet after the first: bold frozen header, filter, formats, widths, protected."""
    from openpyxl.styles import Font

    from ...sheet import column_letter
    from .cells import set_cell

    bold = Font(bold=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.name[:31])  # type: ignore[attr-defined]
        for c, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=1, column=c)
            set_cell(cell, column.title)
            cell.font = bold
            sheet.column_dimensions[column_letter(c - 1)].width = column.width
        for r, row in enumerate(spec.rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                set_cell(cell, value)
                if spec.columns[c - 1].number and isinstance(value, int | float | dt.date):
                    cell.number_format = spec.columns[c - 1].number
        sheet.freeze_panes = "A2"
        last = column_letter(len(spec.columns) - 1)
        sheet.auto_filter.ref = f"A1:{last}{len(spec.rows) + 1}"
        sheet.protection.sheet = True
        sheet.protection.autoFilter = False  # filtering and sorting stay allowed
        sheet.protection.sort = False
        sheet.protection.formatColumns = False
