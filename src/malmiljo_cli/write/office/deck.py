"""`malmiljo deck`: the steering group's deck, slide by slide, from the report's context.

Every number and sentence comes from `ReportContext` (the same as the report's), so the deck
and the report cannot disagree; this module only chooses slides and lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...content.context import AreaSection, CapabilityRow, HeatCell, ReportContext
from . import slide_charts
from .slides import Box, Cell, Deck, add_picture, add_table, add_text

MAP_PPI = 220  # print resolution for the one picture in the deck
RULE_OK, RULE_MISSING = "#e3f1e6", "#fbe3d6"


def render_deck(ctx: ReportContext, *, template: Path | None = None) -> bytes:
    """The .pptx bytes of the deck."""
    deck = Deck(template)
    _title(deck, ctx)
    _recommendation(deck, ctx)
    _decisions(deck, ctx)
    _choices(deck, ctx)
    _frontier(deck, ctx)
    _findings(deck, ctx)
    _heatmap(deck, ctx)
    _review(deck, ctx)
    for area in ctx.areas:
        _area(deck, ctx, area)
    _staff(deck, ctx)
    _quadrant(deck, ctx)
    _plan(deck, ctx)
    _roadmap(deck, ctx)
    _map(deck, ctx)
    _readiness(deck, ctx)
    _risk_register(deck, ctx)
    _next_steps(deck, ctx)
    return deck.save(
        title=ctx.title.name,
        author=", ".join(ctx.title.consultants),
        day=ctx.day,
        lang=ctx.lang,
    )


def _facts_note(facts: Sequence[Any]) -> str:
    return "\n".join(f"{f.label}: {f.value}" for f in facts)


def _title(deck: Deck, ctx: ReportContext) -> None:
    page = ctx.title
    t = ctx.t
    lines = [page.client, f"{t['lap']} {page.lap}" + (f" · {page.date}" if page.date else "")]
    if page.consultants:
        lines.append(", ".join(page.consultants))
    deck.title_slide(page.name, lines, "\n\n".join(ctx.summary.vision))


def _recommendation(deck: Deck, ctx: ReportContext) -> None:
    rec = ctx.executive.recommendation
    bullets = [rec.text, *(f"{f.label}: {f.value}" for f in rec.figures)]
    bullets += [ref.title for ref in rec.initiatives]
    chosen = ctx.prioritisation.chosen
    notes = [chosen.intro if chosen is not None else ctx.t["chosen_intro"]]
    if chosen is not None:
        notes += [f"{w.ref.title}: {w.reason}" for w in chosen.waiting]
    if ctx.prioritisation.stability:
        notes.append(ctx.prioritisation.stability)
    levels = [0] * (len(bullets) - len(rec.initiatives)) + [1] * len(rec.initiatives)
    title = ctx.executive.headline or ctx.t["recommendation"]
    deck.text_slide(title, bullets, "\n".join(notes), levels)
    if rec.choices:
        _capacity_choices(deck, ctx)


def _capacity_choices(deck: Deck, ctx: ReportContext) -> None:
    """Without capacity: the ranked list to choose the capacity from, one line a rank."""
    t, rec = ctx.t, ctx.executive.recommendation
    lines = [
        f"{c.rank}. {c.ref.title}{f' ({c.needs})' if c.needs else ''}: {c.total} (+{c.adds})"
        for c in rec.choices
    ]
    if rec.choices_more:
        lines.append(f"… {rec.choices_more}")
    deck.text_slide(t["nocap_choices"], lines, str(t["nocap_choices_note"]))


def _findings(deck: Deck, ctx: ReportContext) -> None:
    findings = ctx.executive.findings
    if not findings:
        return
    see = ctx.t["see_section"]
    notes = [f"{f.text} ({see.format(section=f.section)})" for f in findings]
    deck.text_slide(ctx.t["key_findings"], [f.text for f in findings], "\n".join(notes))


def _heatmap(deck: Deck, ctx: ReportContext) -> None:
    heat = ctx.heatmap
    if not heat.columns:
        return
    notes = [heat.caption, *(f"{m.label} {m.value}" for m in heat.markers), heat.alt]
    slide, box = deck.figure_slide(ctx.t["heatmap"], "\n".join(notes))
    depth = max(len(c.cells) for c in heat.columns)
    rows = []
    for r in range(depth):
        row = []
        for column in heat.columns:
            cell = column.cells[r] if r < len(column.cells) else None
            row.append(_heat_cell(cell))
        rows.append(row)
    legend_height = 420000
    size = 12 if depth <= 6 else 11 if depth <= 9 else 8
    table_box = Box(box.left, box.top, box.width, box.height - legend_height)
    table = add_table(slide, table_box, [c.name for c in heat.columns], rows, size=size)
    for row in list(table.rows)[1:]:
        row.height = (table_box.height - 400000) // depth
    steps = [(s.label, s.fill) for s in heat.legend]
    legend_box = Box(box.left, box.top + box.height - legend_height + 80000, box.width, 300000)
    slide_charts.legend(
        slide, legend_box, steps, " · ".join(f"{m.label} {m.value}" for m in heat.markers)
    )


def _heat_cell(cell: HeatCell | None) -> Cell:
    if cell is None:
        return Cell("", fill="#ffffff")
    marks = ("★ " if cell.in_plan else "") + ("◆" if cell.evidence else "◇")
    return Cell(f"{cell.name}\n{cell.levels}  {marks}", fill=cell.fill)


def _review(deck: Deck, ctx: ReportContext) -> None:
    """What became of the previous lap's plan: outcomes on the left, the lift on the right."""
    rv = ctx.review
    if rv is None:
        return
    notes = [rv.compared, rv.counts, rv.closure]
    if rv.staff is not None:
        notes += [rv.staff.title, *(" · ".join(row) for row in rv.staff.rows)]
    slide, box = deck.figure_slide(rv.title, "\n".join(notes))
    rows = len(rv.outcomes.rows) + len(rv.lift.rows)
    size = 12 if rows <= 8 else 10 if rows <= 14 else 8
    left = box.width * 58 // 100
    outcomes = Box(box.left, box.top, left - 100000, box.height)
    if rv.outcomes.rows:
        rows_of = [[Cell(c) for c in r[:3]] for r in rv.outcomes.rows]
        table = add_table(slide, outcomes, rv.outcomes.head[:3], rows_of, size=size)
        _widths(table, outcomes, (2.4, 1.6, 3))
    else:
        add_text(slide, outcomes, rv.outcomes.empty, size=size)
    lift = Box(box.left + left, box.top, box.width - left, box.height)
    if rv.lift.rows:
        # capability, before, now, planned, reached: the target is in the heat map beside it
        pick = (0, 1, 2, 4, 5)
        lift_head = [rv.lift.head[i] for i in pick]
        lift_rows = [[Cell(r[i]) for i in pick] for r in rv.lift.rows]
        table = add_table(slide, lift, lift_head, lift_rows, size=size)
        _widths(table, lift, (2.6, 1, 1, 1.2, 1.2))
    else:
        add_text(slide, lift, rv.lift.empty, size=size)
    foot = Box(box.left, box.top + box.height - 700000, box.width, 650000)
    add_text(slide, foot, f"{rv.counts} {rv.closure}", size=size)


def _widths(table: Any, box: Box, shares: Sequence[float]) -> None:
    for column, share in zip(table.columns, shares, strict=True):
        column.width = int(box.width * share / sum(shares))


def _area(deck: Deck, ctx: ReportContext, area: AreaSection) -> None:
    """The area's radar and, beside it, its capabilities as a table."""
    t = ctx.t
    header = [t["capability"], t["current"], t["target"], t["after_lap"]]
    rows = [
        [Cell(_name_and_goal(c)), Cell(c.current), Cell(c.target), Cell(c.after_lap)]
        for c in area.capabilities
    ]
    notes = [area.description, _facts_note(area.totals)]
    notes += [f"{c.name}, {f.label}: {f.value}" for c in area.capabilities for f in c.indicators]
    notes += [f"{f.kind} ({f.source}): {f.text}" for f in area.findings]
    title = t["chart_radar_area"].format(area=area.name)
    slide, box = deck.figure_slide(title, "\n".join(notes))
    if area.radar is None or area.radar.plot is None:  # fewer than three capabilities
        add_table(slide, box, header, rows, size=12)
        return
    half = box.width * 58 // 100
    slide_charts.radar(slide, Box(box.left, box.top, half, box.height), area.radar.plot)
    t_box = Box(box.left + half + 100000, box.top, box.width - half - 100000, box.height)
    table = add_table(slide, t_box, header, rows, size=10)
    widths = (2.6, 1, 1, 1)
    for column, share in zip(table.columns, widths, strict=True):
        column.width = int(t_box.width * share / sum(widths))


def _name_and_goal(cap: CapabilityRow) -> str:
    """The name, and below it what one would observe at the target level, when it is given."""
    goal = next((f.value for f in cap.indicators if f.label == cap.target), "")
    return f"{cap.name}\n{goal}" if goal else cap.name


def _staff(deck: Deck, ctx: ReportContext) -> None:
    staff = ctx.staff
    notes = [staff.heard, *(f"{i.date} {i.role}: {i.findings}" for i in staff.interviews)]
    notes += [f"{f.label}: {f.value}" for f in staff.raised]
    notes += [f"{w.date}: {w.participants}, {w.votes}" for w in staff.workshops]
    if staff.warning:
        notes.append(staff.warning)
    tally = staff.tally
    if tally is None or tally.plot is None:
        bullets = [staff.heard, *(f"{f.label}: {f.value}" for f in staff.raised)]
        deck.text_slide(ctx.t["staff"], [*bullets, staff.warning], "\n".join(notes))
        return
    slide, box = deck.figure_slide(ctx.t["staff"], "\n".join(notes))
    text = "\n".join([staff.heard, *(f"{f.label}: {f.value}" for f in staff.raised[:5])])
    side = box.width * 36 // 100
    add_text(slide, Box(box.left, box.top, side - 100000, box.height), text, size=13)
    chart_box = Box(box.left + side, box.top, box.width - side, box.height)
    slide_charts.bars(slide, chart_box, tally.plot, title=tally.title)


def _quadrant(deck: Deck, ctx: ReportContext) -> None:
    chart = ctx.prioritisation.quadrant
    if chart.plot is None or not chart.plot.series:
        return
    notes = [
        f"{r.rank}. {r.ref.title}: {r.score} ({r.quadrant})" for r in ctx.prioritisation.ranking
    ]
    slide, box = deck.figure_slide(chart.title, "\n".join([ctx.prioritisation.intro, *notes]))
    key = [f"{r.rank}  {r.ref.title}" for r in ctx.prioritisation.ranking]
    slide_charts.scatter(slide, box, chart.plot, key)


def _plan(deck: Deck, ctx: ReportContext) -> None:
    t, prio = ctx.t, ctx.prioritisation
    chosen = [r for r in prio.ranking if r.chosen]
    if not chosen:
        return
    intro = prio.chosen.intro if prio.chosen is not None else t["chosen_intro"]
    slide, box = deck.figure_slide(t["chosen_set"], intro)
    header = [t["rank"], t["initiatives"], t["score"], t["effort"], t["quadrant"]]
    rows = [
        [Cell(r.rank), Cell(r.ref.title), Cell(r.score), Cell(r.effort), Cell(r.quadrant)]
        for r in chosen
    ]
    table = add_table(slide, box, header, rows, size=14)
    widths = (1, 6, 1.4, 2, 2.4)
    for column, share in zip(table.columns, widths, strict=True):
        column.width = int(box.width * share / sum(widths))


def _roadmap(deck: Deck, ctx: ReportContext) -> None:
    roadmap = ctx.roadmap
    if roadmap is None or roadmap.timeline.plot is None or not roadmap.timeline.plot.series:
        return
    notes = [roadmap.intro, *roadmap.warnings, *(f"{w.title}: {w.effort}" for w in roadmap.waves)]
    notes += [f"{w.ref.title}: {w.reason}" for w in roadmap.unplaced]
    slide, box = deck.figure_slide(roadmap.timeline.title, "\n".join(notes))
    slide_charts.gantt(slide, box, roadmap.timeline.plot)


def _readiness(deck: Deck, ctx: ReportContext) -> None:
    ready = ctx.readiness
    if ready is None or not ready.rows:
        return
    slide, box = deck.figure_slide(ctx.t["readiness"], ready.intro)
    header = [ctx.t["initiatives"], *ready.rules]
    rows = [[Cell(row.ref.title), *(_rule_cell(rule) for rule in row.rules)] for row in ready.rows]
    size = 12 if len(rows) <= 6 else 9
    add_table(slide, box, header, rows, size=size)


RISK_FILL = {"high": "#f3b0a8", "medium": "#f7dc8c", "low": "#c4e3bb"}
RISKS_ON_A_SLIDE = 7


def _risk_register(deck: Deck, ctx: ReportContext) -> None:
    """The open risks of risks.yaml, highest likelihood x impact first."""
    register = ctx.risks.register
    if register is None:
        return
    t = ctx.t
    open_rows = [k for k in register.rows if not k.closed]
    if not open_rows:
        return
    shown = open_rows[:RISKS_ON_A_SLIDE]
    notes = [
        t["risk_register_lead"],
        *(f"{k.number}. {k.title}: {k.mitigation}" for k in open_rows),
    ]
    slide, box = deck.figure_slide(t["risk_register"], "\n".join(notes))
    header = ["#", t["risk_title"], t["risk_score"], t["owner"], t["mitigation"]]
    rows = [
        [
            Cell(str(k.number)),
            Cell(k.title),
            Cell(f"{k.likelihood} × {k.impact} = {k.score}", fill=RISK_FILL[k.level]),
            Cell(k.owner),
            Cell(k.mitigation),
        ]
        for k in shown
    ]
    add_table(slide, box, header, rows, size=12 if len(rows) <= 4 else 10)


def _rule_cell(rule: Any) -> Cell:
    if rule.ok:
        return Cell("✓", fill=RULE_OK)
    return Cell(f"✗ {rule.note}", fill=RULE_MISSING)


def _decisions(deck: Deck, ctx: ReportContext) -> None:
    decisions = ctx.executive.decisions
    if decisions:
        notes = "\n".join(f.text for f in ctx.executive.findings)
        deck.text_slide(ctx.t["decisions_asked"], decisions, notes)


def _choices(deck: Deck, ctx: ReportContext) -> None:
    """Each decision's real options and what each brings, right after the decisions asked."""
    asked = ctx.executive.choices
    if not asked:
        return
    bullets: list[str] = []
    levels: list[int] = []
    for choice in asked:
        if len(asked) > 1:
            bullets.append(choice.question)
            levels.append(0)
        for option in choice.options:
            bullets.append(f"{option.label}: {option.consequence}")
            levels.append(1 if len(asked) > 1 else 0)
    title = ctx.t["decisions_slide"].format(first=asked[0].question)
    notes = "\n".join(c.question for c in asked)
    deck.text_slide(title, bullets, notes, levels)


def _frontier(deck: Deck, ctx: ReportContext) -> None:
    """What more capacity buys: the frontier as a native chart under a conclusion title."""
    chart = ctx.executive.frontier
    if chart is None or chart.plot is None:
        return
    title = ctx.executive.frontier_headline or chart.title
    slide, box = deck.figure_slide(title, chart.description)
    slide_charts.steps(slide, box, chart.plot, title=chart.title)


def _next_steps(deck: Deck, ctx: ReportContext) -> None:
    groups = [g for g in ctx.executive.next_steps if g.steps]
    if not groups:
        return
    bullets: list[str] = []
    levels: list[int] = []
    for group in groups:
        bullets.append(group.title)
        levels.append(0)
        for step in group.steps:
            when = f"{step.when}: " if step.when else ""
            bullets.append(f"{when}{step.ref.title}: {step.step} ({step.owner})")
            levels.append(1)
    notes = [risk.text for risk in ctx.risks.risks]
    deck.text_slide(ctx.t["next_steps"], bullets, "\n".join(notes), levels)


def _map(deck: Deck, ctx: ReportContext) -> None:
    from .raster import svg_to_png

    # The plan with what it needs reads at 16:9; the whole map is the report's.
    plan_part = next((c for c in ctx.map_parts if c.name == "map-plan"), None)
    chart = plan_part or ctx.map
    if chart is None or ctx.map is None:
        return
    slide = deck.blank_slide(f"{ctx.t['deck_map_notes']}\n{chart.description}")
    margin = 300000
    add_text(slide, Box(margin, 150000, deck.width - 2 * margin, 500000), ctx.map.title, size=28)
    box = Box(margin, 700000, deck.width - 2 * margin, deck.height - 850000)
    aspect = _aspect(chart.svg)
    width_cm = box.width / 360000
    png = svg_to_png(chart.svg, width_cm=width_cm, height_cm=width_cm / aspect, ppi=MAP_PPI)
    add_picture(slide, box, png, alt=chart.description, aspect=aspect)


def _aspect(svg: str) -> float:
    """Width / height of an SVG from its viewBox (Graphviz writes one)."""
    import re

    found = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    if not found or float(found.group(2)) == 0:
        return 4 / 3
    return float(found.group(1)) / float(found.group(2))
