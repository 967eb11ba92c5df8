"""`malmiljo deck`: the steering group's deck, slide by slide, from the report's context.

Every number and sentence comes from `ReportContext` (the same as the report's), so the deck
and the report cannot disagree; this module only chooses slides and lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import slide_charts
from .context import AreaSection, Chart, ReportContext
from .slides import Box, Cell, Deck, add_picture, add_table, add_text

MAP_PPI = 220  # print resolution for the one picture in the deck


def render_deck(ctx: ReportContext, *, template: Path | None = None) -> bytes:
    """The .pptx bytes of the deck."""
    deck = Deck(template)
    t = ctx.t
    _title(deck, ctx)
    _recommendation(deck, ctx)
    if ctx.summary.radar.plot:
        _radar(deck, ctx.summary.radar, t["areas"], (), _facts_note(ctx.summary.figures))
    for area in ctx.areas:
        _area(deck, ctx, area)
    _quadrant(deck, ctx)
    _plan(deck, ctx)
    _roadmap(deck, ctx)
    _map(deck, ctx)
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
    t, summary, chosen = ctx.t, ctx.summary, ctx.prioritisation.chosen
    if chosen is None:
        bullets = [f"{f.label}: {f.value}" for f in summary.figures]
        deck.text_slide(t["deck_recommendation"], bullets, _facts_note(summary.by_status))
        return
    bullets = [t["deck_plan_is"].format(n=len(chosen.initiatives))]
    bullets += [f"{f.label}: {f.value}" for f in chosen.figures]
    bullets += [f"{f.label}: {f.value}" for f in summary.figures if f.label == t["fig_set_closes"]]
    bullets += [ref.title for ref in chosen.initiatives]
    notes = [t["chosen_intro"], *(f"{w.ref.title}: {w.reason}" for w in chosen.waiting)]
    slide = deck.text_slide(t["deck_recommendation"], bullets, "\n".join(notes))
    _indent(slide, first=len(bullets) - len(chosen.initiatives))


def _indent(slide: Any, *, first: int) -> None:
    """Second-level bullets from paragraph `first` on (the plan's initiatives)."""
    body = [ph for ph in slide.placeholders if ph.placeholder_format.idx != 0][0]
    for paragraph in body.text_frame.paragraphs[first:]:
        paragraph.level = 1


def _radar(
    deck: Deck,
    chart: Chart,
    title: str,
    rows: Sequence[Sequence[Cell]],
    notes: str,
    first_column: str = "",
) -> None:
    assert chart.plot is not None
    slide, box = deck.figure_slide(title, notes)
    if not rows:
        slide_charts.radar(slide, box, chart.plot)
        return
    half = box.width * 58 // 100
    slide_charts.radar(slide, Box(box.left, box.top, half, box.height), chart.plot)
    t_box = Box(box.left + half + 100000, box.top, box.width - half - 100000, box.height)
    header = [first_column, *(s.name for s in chart.plot.series)]
    table = add_table(slide, t_box, header, rows, size=10)
    widths = (2.6, 1, 1, 1)
    for column, share in zip(table.columns, widths, strict=True):
        column.width = int(t_box.width * share / sum(widths))


def _area(deck: Deck, ctx: ReportContext, area: AreaSection) -> None:
    t = ctx.t
    rows = [
        [Cell(c.name), Cell(c.current), Cell(c.target), Cell(c.projected)]
        for c in area.capabilities
    ]
    notes = [area.description, _facts_note(area.totals)]
    notes += [f"{f.kind} ({f.source}): {f.text}" for f in area.findings]
    title = t["chart_radar_area"].format(area=area.name)
    if area.radar is None or area.radar.plot is None:
        slide, box = deck.figure_slide(title, "\n".join(notes))
        header = [t["capability"], t["current"], t["target"], t["projected"]]
        add_table(slide, box, header, rows, size=12)
        return
    _radar(deck, area.radar, title, rows, "\n".join(notes), t["capability"])


def _quadrant(deck: Deck, ctx: ReportContext) -> None:
    chart = ctx.prioritisation.quadrant
    if chart.plot is None or not chart.plot.series:
        return
    notes = [f"{r.rank}. {r.ref.title}: {r.score} ({r.quadrant})" for r in ctx.prioritisation.ranking]
    slide, box = deck.figure_slide(chart.title, "\n".join([ctx.prioritisation.intro, *notes]))
    slide_charts.scatter(slide, box, chart.plot)


def _plan(deck: Deck, ctx: ReportContext) -> None:
    t, prio = ctx.t, ctx.prioritisation
    chosen = [r for r in prio.ranking if r.chosen]
    if not chosen:
        return
    slide, box = deck.figure_slide(t["chosen_set"], t["chosen_intro"])
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
    if roadmap is None or not roadmap.waves:
        return
    spans = [
        slide_charts.Span(ref.title, n, n, ref.colour)
        for n, wave in enumerate(roadmap.waves)
        for ref in wave.initiatives
    ]
    notes = [roadmap.intro, *(f"{w.title}: {w.effort}" for w in roadmap.waves)]
    slide, box = deck.figure_slide(roadmap.timeline.title, "\n".join(notes))
    slide_charts.gantt(slide, box, [w.title for w in roadmap.waves], spans)


def _map(deck: Deck, ctx: ReportContext) -> None:
    from .raster import svg_to_png

    chart = ctx.map
    if chart is None:
        return
    slide = deck.blank_slide(ctx.t["deck_map_notes"])
    margin = 300000
    add_text(slide, Box(margin, 150000, deck.width - 2 * margin, 500000), chart.title, size=28)
    box = Box(margin, 700000, deck.width - 2 * margin, deck.height - 850000)
    aspect = _aspect(chart.svg)
    width_cm = box.width / 360000
    png = svg_to_png(chart.svg, width_cm=width_cm, height_cm=width_cm / aspect, ppi=MAP_PPI)
    add_picture(slide, box, png, alt=chart.title, aspect=aspect)


def _aspect(svg: str) -> float:
    """Width / height of an SVG from its viewBox (Graphviz writes one)."""
    import re

    found = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    if not found or float(found.group(2)) == 0:
        return 4 / 3
    return float(found.group(1)) / float(found.group(2))
