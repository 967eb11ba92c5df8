"""report.docx: the decision report in Word, section by section from the report's context.

The same order and the same sentences as report.md/html/pdf (the context is shared), so a
client's IT chief can edit the report in Word before it goes to the board.
"""

from __future__ import annotations

from ...content.context import AreaSection, CapabilityRow, InitiativeSection, ReportContext
from .word import Document

RISK_FILL = {"high": "#f3b0a8", "medium": "#f7dc8c", "low": "#c4e3bb"}


def render_docx(ctx: ReportContext) -> bytes:
    """The .docx bytes of the report."""
    doc = Document(lang=ctx.lang)
    t = ctx.t
    page = ctx.title
    lap = f"{t['lap']} {page.lap}" + (f" · {page.date}" if page.date else "")
    doc.title(page.name, [page.client, lap, ", ".join(page.consultants)])
    _executive(doc, ctx)
    _heatmap(doc, ctx)
    _review(doc, ctx)
    doc.heading(t["areas"], 1)
    doc.figure(ctx.summary.radar)
    for area in ctx.areas:
        _area(doc, ctx, area)
    _gaps(doc, ctx)
    _staff(doc, ctx)
    _prioritisation(doc, ctx)
    _roadmap(doc, ctx)
    if ctx.map is not None:
        doc.heading(t["map"], 1)
        doc.figure(ctx.map)
    _readiness(doc, ctx)
    _risks(doc, ctx)
    _method(doc, ctx)
    doc.heading(t["appendix"], 1)
    for ini in ctx.initiatives:
        _initiative(doc, ctx, ini)
    return doc.save(title=page.name, author=", ".join(page.consultants), day=ctx.day)


def _executive(doc: Document, ctx: ReportContext) -> None:
    t, ex = ctx.t, ctx.executive
    doc.heading(t["executive"], 1)
    doc.heading(t["recommendation"], 2)
    doc.paragraph(ex.recommendation.text)
    doc.facts(ex.recommendation.figures)
    doc.bullets([ref.title for ref in ex.recommendation.initiatives])
    _capacity_choices(doc, ctx)
    if ex.decisions:
        doc.heading(t["decisions_asked"], 2)
        doc.bullets(ex.decisions, numbered=True)
    for choice in ex.choices:
        doc.paragraph(choice.question, bold=True)
        doc.bullets([f"{o.label}: {o.consequence}" for o in choice.options])
    if ex.findings:
        doc.heading(t["key_findings"], 2)
        doc.bullets([f.text for f in ex.findings])
    _next_steps(doc, ctx, level=2)


def _capacity_choices(doc: Document, ctx: ReportContext) -> None:
    """Without capacity: the ranked list the steering group chooses the capacity from."""
    t, rec = ctx.t, ctx.executive.recommendation
    if not rec.choices:
        return
    doc.paragraph(t["nocap_choices"], bold=True)
    header = [t["rank"], t["nocap_initiative"], t["nocap_adds"], t["nocap_total"]]
    rows = [[c.rank, _with(c.ref.title, c.needs), c.adds, c.total] for c in rec.choices]
    if rec.choices_more:
        rows.append(["", f"… {rec.choices_more}", "", ""])
    doc.table(header, rows, widths=(0.8, 4.6, 1.6, 2.2))
    doc.paragraph(t["nocap_choices_note"], italic=True)


def _with(title: str, needs: str) -> str:
    return f"{title} ({needs})" if needs else title


def _next_steps(doc: Document, ctx: ReportContext, *, level: int) -> None:
    groups = [g for g in ctx.executive.next_steps if g.steps]
    if not groups:
        return
    t = ctx.t
    doc.heading(t["next_steps"], level)
    for group in groups:
        doc.paragraph(group.title, bold=True)
        rows = [[s.when, s.ref.title, s.step, s.owner] for s in group.steps]
        header = [t["when"], t["initiatives"], t["first_step"], t["owner"]]
        doc.table(header, rows, widths=(1.9, 3, 4.5, 1.8))


def _heatmap(doc: Document, ctx: ReportContext) -> None:
    heat = ctx.heatmap
    if not heat.columns:
        return
    doc.page_break()  # the heat map is one page
    doc.heading(ctx.t["heatmap"], 1)
    doc.paragraph(heat.caption)
    depth = max(len(c.cells) for c in heat.columns)
    rows, fills, inks = [], [], []
    for r in range(depth):
        cells = [c.cells[r] if r < len(c.cells) else None for c in heat.columns]
        rows.append([_heat_text(cell) if cell else "" for cell in cells])
        fills.append([cell.fill if cell else "" for cell in cells])
        inks.append([cell.ink if cell else "" for cell in cells])
    doc.table([c.name for c in heat.columns], rows, fills=fills, inks=inks)
    legend = [[s.label for s in heat.legend]]
    doc.table(
        [ctx.t["weighted_gap"]] + [""] * (len(heat.legend) - 1),
        legend,
        fills=[[s.fill for s in heat.legend]],
        inks=[[s.ink for s in heat.legend]],
    )
    doc.bullets([f"{m.label} {m.value}" for m in heat.markers])


def _heat_text(cell: object) -> str:
    from ...content.context import HeatCell

    assert isinstance(cell, HeatCell)
    marks = ("★ " if cell.in_plan else "") + ("◆" if cell.evidence else "◇")
    return f"{cell.name}\n{cell.levels} {marks}"


def _area(doc: Document, ctx: ReportContext, area: AreaSection) -> None:
    t = ctx.t
    doc.heading(area.name, 2)
    doc.paragraph(area.description)
    if area.radar is not None:
        doc.figure(area.radar)
    header = [t["capability"], t["current"], t["target"], t["after_lap"], t["weighted_gap"]]
    rows = [
        [with_indicators(c), c.current, c.target, c.after_lap, c.weighted_gap]
        for c in area.capabilities
    ]
    doc.table(header, rows, widths=(4, 1.6, 1.6, 1.6, 1.2))
    doc.facts(area.totals)
    if area.findings:
        doc.heading(t["interviews"], 3)
        rows = [[f.kind, f.text, f.source, f.capability] for f in area.findings]
        header = [t["finding_kind"], t["findings_n"], t["source"], t["capability"]]
        doc.table(header, rows, widths=(1.2, 5, 1.8, 2.2))


def with_indicators(cap: CapabilityRow) -> str:
    """The capability's name with what one would observe at each level, a line each."""
    return "\n".join([cap.name, *(f"{f.label}: {f.value}" for f in cap.indicators)])


def _review(doc: Document, ctx: ReportContext) -> None:
    """What became of the previous lap's plan, right after the decision pages."""
    rv = ctx.review
    if rv is None:
        return
    doc.heading(rv.title, 1)
    doc.paragraph(rv.compared, italic=True)
    for n, table in enumerate((rv.outcomes, rv.lift, *((rv.staff,) if rv.staff else ()))):
        if n:
            doc.heading(table.title, 2)
        doc.paragraph(table.intro, italic=True)
        if table.rows:
            doc.table(table.head, table.rows)
        else:
            doc.paragraph(table.empty)
        if n == 0:
            doc.paragraph(rv.counts)
    doc.paragraph(rv.closure)


def _gaps(doc: Document, ctx: ReportContext) -> None:
    t = ctx.t
    doc.heading(t["gap_analysis"], 1)
    rows = [
        [g.name, g.weighted_gap, g.lap_gap, g.lap_closure, g.backlog_closure]
        for g in (*ctx.gap_rows, ctx.gap_total)
    ]
    header = [t["area"], t["weighted_gap"], t["lap_gap"], t["lap_closure"], t["backlog_closure"]]
    doc.table(header, rows)


def _staff(doc: Document, ctx: ReportContext) -> None:
    t, staff = ctx.t, ctx.staff
    doc.heading(t["staff"], 1)
    doc.paragraph(staff.heard)
    if staff.warning:
        doc.paragraph(staff.warning, bold=True)
    if staff.interviews:
        rows = [[i.date, i.role, i.findings] for i in staff.interviews]
        doc.table([t["date"], t["source"], t["findings_n"]], rows, widths=(1.5, 3, 1))
    if staff.raised:
        doc.heading(t["raised_most"], 2)
        doc.facts(staff.raised)
    if staff.workshops:
        doc.heading(t["workshops"], 2)
        rows = [[w.date, w.participants, w.votes] for w in staff.workshops]
        doc.table([t["date"], t["participants"], t["votes_given"]], rows)
    if staff.tally is not None:
        doc.figure(staff.tally)


def _prioritisation(doc: Document, ctx: ReportContext) -> None:
    t, prio = ctx.t, ctx.prioritisation
    doc.heading(t["prioritisation"], 1)
    doc.figure(prio.quadrant)
    if ctx.executive.frontier is not None:
        doc.figure(ctx.executive.frontier)
    doc.paragraph(prio.intro)
    if prio.ranking:
        mark = f" ({t['in_plan']})"
        rows = [
            [r.rank, r.ref.title + (mark if r.chosen else ""), r.score, r.effort, r.quadrant]
            for r in prio.ranking
        ]
        header = [t["rank"], t["initiatives"], t["score"], t["effort"], t["quadrant"]]
        doc.table(header, rows, widths=(0.8, 5, 1, 1.6, 1.6))
    doc.paragraph(prio.stability)
    chosen = prio.chosen
    if chosen is not None:
        doc.heading(t["chosen_set"], 2)
        doc.paragraph(chosen.intro)
        doc.facts(chosen.figures)
        doc.bullets([ref.title for ref in chosen.initiatives])
        if chosen.waiting:
            doc.heading(t["waiting"], 3)
            rows = [[w.ref.title, w.reason] for w in chosen.waiting]
            doc.table([t["initiatives"], t["reason"]], rows, widths=(1, 1.4))


def _roadmap(doc: Document, ctx: ReportContext) -> None:
    roadmap, t = ctx.roadmap, ctx.t
    if roadmap is None:
        return
    doc.heading(t["roadmap"], 1)
    doc.paragraph(roadmap.intro)
    doc.figure(roadmap.timeline)
    if roadmap.warnings:
        doc.bullets(roadmap.warnings)
    if roadmap.calendar:
        header = [t["initiatives"], t["weeks"], t["from"], t["to"], t["per_week"]]
        weeks = [
            [w.ref.title, w.weeks + (" (!)" if w.late else ""), w.start, w.end, w.load]
            for w in roadmap.calendar
        ]
        doc.table(header, weeks, widths=(4, 1, 1.8, 1.8, 1))
    if roadmap.notes:
        doc.bullets(roadmap.notes)
    if roadmap.waves:
        rows = [
            [w.title, w.effort, ", ".join(r.title for r in w.initiatives)] for w in roadmap.waves
        ]
        doc.table(
            [t["wave_n"].format(n=""), t["effort"], t["initiatives"]], rows, widths=(1, 1.5, 5)
        )


def _readiness(doc: Document, ctx: ReportContext) -> None:
    ready = ctx.readiness
    if ready is None or not ready.rows:
        return
    t = ctx.t
    doc.heading(t["readiness"], 1)
    doc.paragraph(ready.intro)
    rows = [
        [
            row.ref.title,
            *("✓" if r.ok else f"✗ {r.note}" for r in row.rules),
            row.missing or t["ready"],
        ]
        for row in ready.rows
    ]
    widths = (3, *(1.4 for _ in ready.rules), 3)
    doc.table([t["initiatives"], *ready.rules, t["missing"]], rows, widths=widths)


def _risks(doc: Document, ctx: ReportContext) -> None:
    t = ctx.t
    doc.heading(t["risks"], 1)
    doc.heading(t["risks_seen"], 2)
    risks = ctx.risks.risks
    doc.bullets(
        [r.text + (f" ({', '.join(ref.title for ref in r.refs)})" if r.refs else "") for r in risks]
        or [t["no_risks"]]
    )
    register = ctx.risks.register
    if register is None:
        return
    doc.heading(t["risk_register"], 2)
    doc.paragraph(t["risk_register_lead"])
    rows = [
        [
            str(k.number),
            k.title + (f" ({t['risk_closed']})" if k.closed else ""),
            str(k.likelihood),
            str(k.impact),
            str(k.score),
            k.owner,
            k.mitigation,
        ]
        for k in register.rows
    ]
    header = ["#", t["risk_title"], t["likelihood"], t["impact"], t["risk_score"]]
    doc.table([*header, t["owner"], t["mitigation"]], rows, widths=(0.5, 3, 1, 1, 1, 1.6, 3.5))
    doc.heading(t["risk_matrix"], 2)
    doc.paragraph(t["risk_matrix_note"])
    matrix = [[str(row[0].impact), *(c.numbers for c in row)] for row in register.matrix]
    fills = [["", *(RISK_FILL[c.level] for c in row)] for row in register.matrix]
    header = [f"{t['impact']} \\ {t['likelihood']}", "1", "2", "3", "4", "5"]
    doc.table(header, matrix, fills=fills)


def _method(doc: Document, ctx: ReportContext) -> None:
    t, method = ctx.t, ctx.method
    doc.heading(t["method"], 1)
    for text in method.paragraphs:
        doc.paragraph(text)
    doc.heading(t["scale_levels"], 2)
    doc.paragraph(method.scale_note)
    if method.scale:
        doc.table([t["level"], t["meaning"]], [[f.label, f.value] for f in method.scale])
    doc.heading(t["scoring"], 2)
    doc.paragraph(method.scoring)
    if method.weights:
        doc.table([t["criterion"], t["weight"]], [[f.label, f.value] for f in method.weights])
    doc.heading(t["plan_choice"], 2)
    doc.paragraph(method.plan)


def _initiative(doc: Document, ctx: ReportContext, ini: InitiativeSection) -> None:
    t = ctx.t
    doc.heading(ini.title, 2)
    doc.paragraph(
        f"{ini.area} · {ini.status}" + (f" · {t['in_plan']}" if ini.in_plan else ""), italic=True
    )
    for text in ini.description:
        doc.paragraph(text)
    doc.facts(ini.facts)
    if ini.raises:
        doc.table([t["capability"], t["raises"]], [[r.capability, r.levels] for r in ini.raises])
    for label, value in (
        (t["motivation"], ini.motivation),
        (t["first_step"], ini.first_step),
        (t["visible_outcome"], ini.visible_outcome),
    ):
        if value:
            doc.paragraph(f"{label}: {value}")
    if ini.steps:
        doc.bullets(ini.steps, numbered=True)
    if ini.needs:
        doc.paragraph(f"{t['needs']}: {', '.join(r.title for r in ini.needs)}")
