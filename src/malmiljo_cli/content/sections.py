"""Build the report context section by section from the engagement and its analyses."""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Mapping, Sequence

from ..analysis.board import Board
from ..analysis.diff import EngagementDiff
from ..analysis.gaps import CapabilityGap, GapAnalysis, GapSums
from ..analysis.laps import status_counts
from ..analysis.plan import LapPlan, LeftOut
from ..analysis.roadmap import Roadmap
from ..analysis.schedule import RunningAhead, Schedule
from ..analysis.scoring import Ranking, Score
from ..analysis.sensitivity import Sensitivity
from ..history import EarlierLaps
from ..models import Area, Engagement, Initiative
from ..write.charts import svg as charts
from . import decision, evidence, i18n, method, reasons
from .context import (
    Analyses,
    AreaSection,
    BoardCard,
    BoardColumn,
    CapabilityRow,
    Change,
    ChangesSection,
    Chart,
    ChosenSet,
    Fact,
    FindingRow,
    GapRow,
    InitiativeSection,
    Logo,
    PlanMember,
    Plot,
    PlotSeries,
    Prioritisation,
    RaiseRow,
    RankRow,
    Ref,
    ReportContext,
    RoadmapSection,
    Summary,
    TitlePage,
    Waiting,
    WaveRow,
    WeekRow,
    anchor,
    paragraphs,
    report_date,
)
from .formatter import Formatter, ref
from .plan_facts import PlanFacts, plan_facts
from .review import review_section
from .staff import staff_section

PROJECTED_COLOUR = "#222222"
TARGET_COLOUR = "#555555"
TOC_INITIATIVES = 40
_MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def build_context(
    eng: Engagement, analyses: Analyses, *, lang: str, logo: bytes | None = None
) -> ReportContext:
    """Turn the engagement and its analyses into the context every report format shares."""
    fmt = Formatter(eng, lang)
    gaps, earlier, ranking = analyses.gaps, analyses.earlier, analyses.ranking
    plan = plan_facts(eng, analyses)
    steps = decision.next_steps(eng, plan, fmt, starts=_starts(analyses, fmt))
    return ReportContext(
        lang=lang,
        day=report_date(eng),
        # Every initiative in the contents only while that stays a page or two.
        toc_depth=2 if len(eng.initiatives) <= TOC_INITIATIVES else 1,
        t=fmt.t,
        title=_title(eng, fmt, logo),
        executive=decision.executive(eng, analyses, plan, fmt, next_steps=steps),
        heatmap=evidence.heatmap(
            eng, gaps, plan.members, fmt, earlier=earlier.previous if earlier else None
        ),
        summary=_summary(eng, analyses, fmt),
        areas=tuple(_area(eng, a, gaps, fmt) for a in eng.areas),
        gap_rows=tuple(
            _gap_row(a.name, a.colour, _sums(gaps, a.id), fmt, empty=_empty(gaps, a.id))
            for a in eng.areas
        ),
        gap_total=_gap_row(fmt.t["fig_weighted_gap"], "#222222", gaps.total, fmt),
        staff=evidence.staff_voice(eng, gaps, fmt),
        initiatives=tuple(
            _initiative(eng, eng.initiative_by_id[i], fmt, ranking, analyses.gap_closed, plan)
            for i in _appendix_order(eng, plan, ranking)
        ),
        prioritisation=_prioritisation(eng, analyses, fmt),
        roadmap=_roadmap_section(eng, analyses, fmt),
        map=_map(eng, analyses.map_svg, fmt) if analyses.map_svg else None,
        readiness=decision.readiness(eng, plan, fmt),
        risks=decision.risks(
            eng, gaps, plan, fmt, next_steps=steps, unsupported=len(evidence.unsupported(eng))
        ),
        board=_board(eng, analyses.board, fmt) if analyses.board else (),
        changes=(
            _changes(eng, gaps, earlier, analyses.changes, fmt)
            if earlier and analyses.changes
            else None
        ),
        method=method.method(eng, ranking, plan, fmt),
        staff_assessment=(
            staff_section(eng, analyses.staff, fmt.t, lang) if analyses.staff else None
        ),
        map_parts=tuple(_map_part(eng, key, svg, n, fmt) for key, svg, n in analyses.map_parts),
        review=review_section(analyses.review, lang) if analyses.review else None,
    )


def _title(eng: Engagement, fmt: Formatter, logo: bytes | None) -> TitlePage:
    day = report_date(eng)
    return TitlePage(
        name=eng.meta.name,
        client=eng.meta.client,
        consultants=tuple(eng.meta.consultants),
        lap=str(eng.meta.lap),
        date=i18n.date(day, lang=fmt.lang) if day else "",
        logo=_logo(eng.meta.logo, logo),
    )


def _logo(path: str | None, content: bytes | None) -> Logo | None:
    if path is None or content is None:
        return None
    suffix = os.path.splitext(path)[1].lower()
    mime = _MIME.get(suffix, "application/octet-stream")
    data = base64.b64encode(content).decode("ascii")
    return Logo(path=path, filename=f"logo{suffix}", data_uri=f"data:{mime};base64,{data}")


def _summary(eng: Engagement, analyses: Analyses, fmt: Formatter) -> Summary:
    t, gaps = fmt.t, analyses.gaps
    chosen = analyses.plan.members if analyses.plan else ()
    # One count: the figure is the sum of the status rows shown beside it (dropped ones too).
    counts = [(s, n) for s, n in status_counts(eng) if n]
    figures = [
        Fact(t["fig_capabilities"], fmt.num(len(eng.capabilities))),
        Fact(t["fig_initiatives"], fmt.num(sum(n for _, n in counts))),
        Fact(t["fig_weighted_gap"], fmt.num(gaps.total.weighted_gap)),
        Fact(t["fig_lap_closes"], fmt.pct(gaps.total.lap_closure)),
        Fact(t["fig_backlog_closes"], fmt.pct(gaps.total.closure)),
    ]
    by_status = tuple(Fact(t["status_values"][s], fmt.num(n)) for s, n in counts)
    return Summary(
        vision=paragraphs(eng.meta.vision),
        figures=tuple(figures),
        by_status=by_status,
        radar=_overview_radar(eng, gaps, fmt),
        chosen=tuple(ref(eng, i) for i in chosen),
    )


def _series(
    fmt: Formatter,
    colour: str,
    current: tuple[float, ...],
    target: tuple[float, ...],
    projected: tuple[float, ...],
) -> list[charts.Series]:
    t = fmt.t
    return [
        charts.Series(t["current"], colour, current, filled=True),
        charts.Series(t["after_lap"], PROJECTED_COLOUR, projected),
        # Last, dashed and with square markers: visible where it equals "after the plan".
        charts.Series(t["target"], TARGET_COLOUR, target, dashed=True),
    ]


def _radar_alt(fmt: Formatter, title: str, axes: list[str], cur: list[str], tgt: list[str]) -> str:
    pairs = "; ".join(
        f"{a} {fmt.t['level_of'].format(current=c, target=g)}"
        for a, c, g in zip(axes, cur, tgt, strict=True)
    )
    return str(fmt.t["radar_alt"]).format(title=title, pairs=pairs)


def _overview_radar(eng: Engagement, gaps: GapAnalysis, fmt: Formatter) -> Chart:
    title = fmt.t["chart_radar_overview"]
    sums = [_sums(gaps, a.id) for a in eng.areas]
    axes = [a.name for a in eng.areas]
    series = _series(
        fmt,
        "#0072b2",
        tuple(s.current_avg for s in sums),
        tuple(s.target_avg for s in sums),
        tuple(s.lap_avg for s in sums),
    )
    svg = charts.radar(
        title=title,
        axes=axes,
        axis_colours=[a.colour for a in eng.areas],
        series=series,
        low=fmt.scale.min,
        high=fmt.scale.max,
    )
    alt = _radar_alt(
        fmt,
        title,
        [a.name for a in eng.areas],
        [fmt.num(s.current_avg, 1) for s in sums],
        [fmt.num(s.target_avg, 1) for s in sums],
    )
    return Chart("radar-overview", title, svg, alt=alt, plot=_radar_plot(axes, series, fmt))


def _radar_plot(axes: list[str], series: list[charts.Series], fmt: Formatter) -> Plot:
    return Plot(
        categories=tuple(axes),
        series=tuple(PlotSeries(s.name, s.colour, s.values, dashed=s.dashed) for s in series),
        low=fmt.scale.min,
        high=fmt.scale.max,
    )


def _sums(gaps: GapAnalysis, area_id: str) -> GapSums:
    return next(a.sums for a in gaps.areas if a.id == area_id)


def _area(eng: Engagement, area: Area, gaps: GapAnalysis, fmt: Formatter) -> AreaSection:
    caps = [c for c in gaps.capabilities if c.area == area.id]
    sums = _sums(gaps, area.id)
    t = fmt.t
    return AreaSection(
        id=area.id,
        anchor=f"area-{area.id}",
        name=area.name,
        colour=area.colour,
        description=" ".join(area.description.split()),
        capabilities=tuple(_capability(eng, c, fmt) for c in caps),
        findings=_findings(eng, area.id, fmt),
        radar=_area_radar(area, caps, fmt) if len(caps) >= 3 else None,
        totals=(
            Fact(t["weighted_gap"], fmt.num(sums.weighted_gap)),
            Fact(t["lap_gap"], fmt.num(sums.lap_gap)),
            Fact(t["lap_closure"], fmt.pct(sums.lap_closure) if caps else t["no_capabilities"]),
            Fact(t["backlog_closure"], fmt.pct(sums.closure) if caps else t["no_capabilities"]),
        ),
    )


def _area_radar(area: Area, caps: list[CapabilityGap], fmt: Formatter) -> Chart:
    title = fmt.t["chart_radar_area"].format(area=area.name)
    axes = [c.name for c in caps]
    series = _series(
        fmt,
        area.colour,
        tuple(float(c.current) for c in caps),
        tuple(float(c.target) for c in caps),
        tuple(float(c.lap) for c in caps),
    )
    svg = charts.radar(title=title, axes=axes, series=series, low=fmt.scale.min, high=fmt.scale.max)
    alt = _radar_alt(
        fmt,
        title,
        [c.name for c in caps],
        [str(c.current) for c in caps],
        [str(c.target) for c in caps],
    )
    return Chart(f"radar-{area.id}", title, svg, alt=alt, plot=_radar_plot(axes, series, fmt))


def _capability(eng: Engagement, cap: CapabilityGap, fmt: Formatter) -> CapabilityRow:
    model = eng.capability_by_id[cap.id]
    return CapabilityRow(
        id=cap.id,
        name=cap.name,
        description=" ".join(model.description.split()),
        current=fmt.level(cap.current),
        target=fmt.level(cap.target),
        after_lap=fmt.level(cap.lap),
        gap=fmt.num(cap.gap),
        # A weight left out counts as 1 in the gap; say that it is the default, not a judgement.
        importance=fmt.num(cap.importance)
        + ("" if "importance" in model.model_fields_set else f" {fmt.t['default_mark']}"),
        weighted_gap=fmt.num(cap.weighted_gap),
        coverage=fmt.t["coverage_values"][cap.coverage],
        raised_by=tuple(ref(eng, i) for i in cap.raised_by),
        indicators=tuple(
            Fact(fmt.level(level), text) for level, text in sorted(model.indicators.items())
        ),
    )


def _findings(eng: Engagement, area_id: str, fmt: Formatter) -> tuple[FindingRow, ...]:
    rows = []
    for interview in eng.interviews:
        for f in interview.findings:
            if f.area != area_id:
                continue
            cap = eng.capability_by_id.get(f.capability or "")
            rows.append(
                FindingRow(
                    kind=fmt.t["finding_kinds"][f.kind],
                    text=" ".join(f.text.split()),
                    source=interview.role or interview.id,
                    capability=cap.name if cap else "",
                )
            )
    return tuple(rows)


def _empty(gaps: GapAnalysis, area_id: str) -> bool:
    """An area without capabilities: there is nothing to close, so no share is shown."""
    return not any(c.area == area_id for c in gaps.capabilities)


def _gap_row(
    name: str, colour: str, sums: GapSums, fmt: Formatter, *, empty: bool = False
) -> GapRow:
    none = str(fmt.t["no_capabilities"])
    return GapRow(
        name=name,
        colour=colour,
        weighted_gap=fmt.num(sums.weighted_gap),
        lap_gap=fmt.num(sums.lap_gap),
        lap_closure=none if empty else fmt.pct(sums.lap_closure),
        backlog_gap=fmt.num(sums.projected_gap),
        backlog_closure=none if empty else fmt.pct(sums.closure),
    )


def _votes(eng: Engagement, initiative_id: str) -> int:
    return sum(w.votes.get(initiative_id, 0) for w in eng.workshops)


def _appendix_order(eng: Engagement, plan: PlanFacts, ranking: Ranking | None) -> list[str]:
    """Plan members in plan order, then the rest by rank, then unranked (done, dropped) by id."""
    ranked = [s.id for s in ranking.scores] if ranking else []
    order = [*plan.members, *(i for i in ranked if i not in plan)]
    seen = set(order)
    return order + sorted(i.id for i in eng.initiatives if i.id not in seen)


def _initiative(
    eng: Engagement,
    ini: Initiative,
    fmt: Formatter,
    ranking: Ranking | None,
    gap_closed: Mapping[str, int],
    plan: PlanFacts,
) -> InitiativeSection:
    area = eng.area_by_id[ini.area]
    needed_by = sorted(i.id for i in eng.initiatives if ini.id in i.depends_on)
    return InitiativeSection(
        id=ini.id,
        anchor=anchor(ini.id),
        title=ini.title,
        area=area.name,
        colour=area.colour,
        related_areas=tuple(eng.area_by_id[a].name for a in ini.related_areas),
        status=fmt.t["status_values"][ini.status],
        description=paragraphs(ini.description),
        raises=tuple(_raise(eng, ini, r.capability, r.to, fmt) for r in ini.raises),
        needs=tuple(ref(eng, d) for d in sorted(ini.depends_on)),
        needed_by=tuple(ref(eng, d) for d in needed_by),
        facts=_facts(eng, ini, fmt, gap_closed) + _score_facts(ini.id, fmt, ranking),
        first_step=ini.first_step or "",
        visible_outcome=ini.visible_outcome or "",
        motivation=" ".join((ini.motivation or "").split()),
        steps=tuple(ini.steps),
        in_plan=ini.id in plan,
    )


def _raise(eng: Engagement, ini: Initiative, cap_id: str, to: int, fmt: Formatter) -> RaiseRow:
    cap = eng.capability_by_id[cap_id]
    levels = fmt.t["level_of"].format(current=fmt.level(cap.current), target=fmt.level(to))
    return RaiseRow(capability=cap.name, levels=levels)


def _facts(
    eng: Engagement, ini: Initiative, fmt: Formatter, gap_closed: Mapping[str, int]
) -> tuple[Fact, ...]:
    t = fmt.t
    given = ini.model_fields_set
    facts = [
        Fact(t["status"], t["status_values"][ini.status]),
        Fact(t["effect"], f"{ini.effect}/5"),
        # A rating left out is shown as such, never as the default the scoring falls back to.
        Fact(t["urgency"], f"{ini.urgency}/5" if "urgency" in given else t["not_assessed"]),
        Fact(
            t["risk_reduction"],
            f"{ini.risk_reduction}/5" if "risk_reduction" in given else t["not_assessed"],
        ),
        Fact(t["effort"], fmt.days(ini.effort)),
        Fact(t["gap_closed"], fmt.num(gap_closed.get(ini.id, 0))),
    ]
    if any(w.votes for w in eng.workshops):
        facts.append(Fact(t["votes"], fmt.num(_votes(eng, ini.id))))
    if ini.cost is not None:
        facts.append(Fact(t["cost"], fmt.money(ini.cost)))
    if ini.owner:
        facts.append(Fact(t["owner"], ini.owner))
    return tuple(facts)


def _quadrant(
    eng: Engagement, fmt: Formatter, ranking: Ranking | None, plan: Sequence[str] = ()
) -> Chart:
    """Open initiatives only, each a marker numbered by its rank (the ranking table is the key);
    beyond QUADRANT_MAX, the plan and the best ranked, with a line saying how many are left out."""
    t = fmt.t
    title = t["chart_quadrant"]
    every = ranking.scores if ranking else ()
    scores = _legible(every, set(plan))
    note = ""
    if len(scores) < len(every):
        note = str(t["quadrant_left_out"]).format(
            shown=fmt.num(len(scores)), left=fmt.num(len(every) - len(scores))
        )
    median = ranking.median_effort if ranking else None
    names = t["quadrants"]
    areas = [a for a in eng.areas if any(eng.initiative_by_id[s.id].area == a.id for s in scores)]
    svg = charts.quadrant(
        title=title,
        points=[
            charts.Point(str(s.rank), s.effort, s.effect, ref(eng, s.id).colour) for s in scores
        ],
        labels=charts.QuadrantLabels(
            x_title=f"{t['effort']} ({t['person_days']})",
            y_title=t["effect"],
            top_left=_capital(names["quick_win"]),
            top_right=_capital(names["major_project"]),
            bottom_left=_capital(names["fill_in"]),
            bottom_right=_capital(names["thankless"]),
        ),
        x_split=median,
        # Ratings are whole numbers; a split between 3 and 4 puts no dot on the line.
        y_split=3.5,
        legend=[(a.name, a.colour) for a in areas],
        note=note,
    )
    counts = [
        f"{names[q]} {fmt.num(sum(s.quadrant == q for s in every))}"
        for q in ("quick_win", "major_project", "fill_in", "thankless")
    ]
    alt = str(t["quadrant_alt"]).format(n=fmt.num(len(every)), counts=", ".join(counts))
    alt = f"{alt} {note}" if note else alt
    plot = _quadrant_plot(eng, scores, (f"{t['effort']} ({t['person_days']})", t["effect"]))
    return Chart("quadrant", title, svg, alt=alt, plot=plot)


QUADRANT_MAX = 60  # markers the chart holds legibly; beyond, the plan and the best ranked


def _legible(scores: Sequence[Score], plan: set[str]) -> tuple[Score, ...]:
    """Every score when few; else the plan's and then the best ranked, up to QUADRANT_MAX (or
    the whole plan, when it alone is more), in rank order."""
    if len(scores) <= QUADRANT_MAX:
        return tuple(scores)
    room = max(QUADRANT_MAX - len(plan), 0)
    others = [s.id for s in scores if s.id not in plan][:room]
    keep = plan | set(others)
    return tuple(s for s in scores if s.id in keep)


def _quadrant_plot(eng: Engagement, scores: Sequence[Score], titles: tuple[str, str]) -> Plot:
    """One series per area (its colour), each dot labelled with its rank, as in the SVG."""
    series = []
    for area in eng.areas:
        dots = [s for s in scores if eng.initiative_by_id[s.id].area == area.id]
        if dots:
            series.append(
                PlotSeries(
                    area.name,
                    area.colour,
                    tuple(float(s.effect) for s in dots),
                    xs=tuple(float(s.effort) for s in dots),
                    labels=tuple(str(s.rank) for s in dots),
                )
            )
    return Plot(series=tuple(series), x_title=titles[0], y_title=titles[1])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _map(eng: Engagement, svg: str, fmt: Formatter) -> Chart:
    shown = [i for i in eng.initiatives if i.status != "dropped"]
    edges = sum(len(i.depends_on) for i in shown)
    alt = str(fmt.t["map_alt"]).format(
        n=fmt.num(len(shown)), areas=fmt.num(len(eng.areas)), edges=fmt.num(edges)
    )
    return Chart("map", fmt.t["map"], svg, "map.svg", alt=alt)


def _map_part(eng: Engagement, key: str, svg: str, count: int, fmt: Formatter) -> Chart:
    """One part of the map for paper, with its own title and alt text."""
    t = fmt.t
    title = t["map_plan"] if key == "plan" else eng.area_by_id[key].name
    alt = str(t["map_part_alt"]).format(title=title, n=fmt.num(count))
    return Chart(f"map-{key}", title, svg, f"charts/map-{key}.svg", alt=alt)


def _board(eng: Engagement, board: Board, fmt: Formatter) -> tuple[BoardColumn, ...]:
    return tuple(
        BoardColumn(
            status=fmt.t["board_columns"][column.key],
            cards=tuple(
                BoardCard(
                    title=c.title,
                    anchor=anchor(c.id),
                    area=eng.area_by_id[c.area].name,
                    colour=c.colour,
                    owner=c.owner or "",
                )
                for c in column.cards
            ),
        )
        for column in board.columns
    )


def _changes(
    eng: Engagement,
    gaps: GapAnalysis,
    earlier: EarlierLaps,
    diff: EngagementDiff,
    fmt: Formatter,
) -> ChangesSection:
    t = fmt.t
    old, new = diff.gaps
    statuses = tuple(
        Change(c.title, t["status_values"][c.status[0]], t["status_values"][c.status[1]])
        for c in diff.changed
        if c.status
    )
    levels = tuple(
        Change(m.name, fmt.level(m.current[0]), fmt.level(m.current[1]))
        for m in diff.levels
        if m.current[0] != m.current[1]
    )
    return ChangesSection(
        previous=earlier.previous_label,
        compared=t["compared_with"].format(previous=earlier.previous_label),
        figures=(
            # Each side's lap closure by that side's own plan; the backlog's under its own name.
            Change(t["weighted_gap"], fmt.num(old.weighted_gap), fmt.num(new.weighted_gap)),
            Change(t["lap_gap"], fmt.num(old.lap_gap), fmt.num(new.lap_gap)),
            Change(t["lap_closure"], fmt.pct(old.lap_closure), fmt.pct(new.lap_closure)),
            Change(t["backlog_gap"], fmt.num(old.projected_gap), fmt.num(new.projected_gap)),
            Change(t["backlog_closure"], fmt.pct(old.closure), fmt.pct(new.closure)),
        ),
        added=tuple(ref(eng, r.id) for r in diff.added),
        removed=tuple(r.title for r in diff.removed),
        statuses=statuses,
        levels=levels,
        trend=_trend(eng, gaps, earlier, fmt),
    )


def _trend(eng: Engagement, gaps: GapAnalysis, earlier: EarlierLaps, fmt: Formatter) -> Chart:
    t = fmt.t
    title = t["chart_trend"]
    # The same two figures as `malmiljo lap history`: the whole gap, and what done work leaves.
    points = [(p.lap, p.weighted_gap, p.achieved_gap) for p in earlier.points]
    points.append((eng.meta.lap, gaps.total.weighted_gap, gaps.total.achieved_gap))
    svg = charts.trend(
        title=title,
        laps=[t["lap_n"].format(n=lap) for lap, _, _ in points],
        series=[
            charts.Series(t["weighted_gap"], "#0072b2", tuple(float(p[1]) for p in points)),
            charts.Series(
                t["left_after_done"], "#555555", tuple(float(p[2]) for p in points), dashed=True
            ),
        ],
        y_title=t["weighted_gap"],
    )
    return Chart("trend", title, svg)


def _score_facts(ident: str, fmt: Formatter, ranking: Ranking | None) -> tuple[Fact, ...]:
    score = ranking.by_id.get(ident) if ranking else None
    if score is None:
        return ()
    t = fmt.t
    return (
        Fact(t["rank"], fmt.num(score.rank)),
        Fact(t["score"], fmt.num(score.score, 2)),
        Fact(t["quadrant"], t["quadrants"][score.quadrant]),
    )


def _prioritisation(eng: Engagement, analyses: Analyses, fmt: Formatter) -> Prioritisation:
    ranking, plan = analyses.ranking, analyses.plan
    if ranking is None:
        return Prioritisation(quadrant=_quadrant(eng, fmt, None))
    stability, swing = _stability(eng, analyses.sensitivity, fmt)
    rows = tuple(
        RankRow(
            rank=fmt.num(s.rank),
            ref=ref(eng, s.id),
            score=fmt.num(s.score, 2),
            effort=fmt.days(s.effort),
            quadrant=fmt.t["quadrants"][s.quadrant],
            chosen=plan is not None and s.id in plan,
        )
        for s in ranking.scores
    )
    return Prioritisation(
        quadrant=_quadrant(eng, fmt, ranking, plan.members if plan else ()),
        intro=fmt.t["ranking_intro"].format(method=fmt.t["methods"][ranking.method]),
        ranking=rows,
        chosen=_chosen(eng, plan, ranking, fmt) if plan else None,
        stability=stability,
        swing=swing,
    )


def _stability(
    eng: Engagement, result: Sensitivity | None, fmt: Formatter
) -> tuple[str, tuple[Ref, ...]]:
    """The sensitivity result in words: the stable core and the swing items."""
    if result is None:
        return "", ()
    t = fmt.t
    core = [s.id for s in result.shares if s.stability == "core"]
    swing = [s.id for s in result.shares if s.stability == "swing"]
    parts = []
    if core:
        parts.append(
            str(t["stability_core"]).format(
                names=fmt.names([eng.initiative_by_id[i].title for i in core], limit=8)
            )
        )
    if swing:
        shares = {s.id: s.share for s in result.shares}
        names = [f"{eng.initiative_by_id[i].title} ({fmt.pct(shares[i])})" for i in swing]
        parts.append(
            str(t["stability_swing"]).format(
                runs=fmt.num(result.runs), names=fmt.names(names, limit=8)
            )
        )
    if result.confidence is not None:
        parts.append(
            str(t["stability_stopped"]).format(
                runs=fmt.num(result.runs),
                planned=fmt.num(result.planned),
                sure=_sure(result.confidence, fmt.lang),
                on_line=fmt.num(result.on_line),
            )
        )
    return " ".join(parts), tuple(ref(eng, i) for i in swing)


def _sure(confidence: float, lang: str) -> str:
    """99.9 % with its decimal (a whole percentage would say 100)."""
    from .i18n import number

    value = number(confidence * 100, 1, lang=lang)
    return f"{value}\u00a0%" if lang == "sv" else f"{value}%"


def _chosen(eng: Engagement, plan: LapPlan, ranking: Ranking, fmt: Formatter) -> ChosenSet:
    t = fmt.t
    figures = []
    if plan.budget is not None:
        figures.append(Fact(t["effort"], f"{fmt.days(plan.effort)} / {fmt.days(plan.budget)}"))
    if plan.max_count is not None:
        figures.append(Fact(t["fig_plan_members"], f"{len(plan.members)} / {plan.max_count}"))
    return ChosenSet(
        initiatives=tuple(ref(eng, i) for i in plan.members),
        figures=tuple(figures),
        waiting=tuple(
            Waiting(ref(eng, r.id), plan_reason(r, plan, eng, fmt)) for r in plan.left_out
        ),
        members=tuple(
            PlanMember(
                ref(eng, i), plan_basis(plan, eng, i, fmt), fmt.days(ranking.by_id[i].effort)
            )
            for i in plan.members
        ),
        notes=_plan_notes(plan, eng, fmt),
        intro=str(t["chosen_intro"] if plan.has_capacity else t["chosen_intro_none"]),
    )


def plan_basis(plan: LapPlan, eng: Engagement, ident: str, fmt: Formatter) -> str:
    """Why a member is in the plan, in words: decided, needed by others, or chosen."""
    t = fmt.t
    if ident in plan.committed:
        return str(t["status_values"][eng.initiative_by_id[ident].status])
    if ident in plan.needed_by:
        names = ", ".join(eng.initiative_by_id[i].title for i in plan.needed_by[ident])
        return str(t["basis_needed_by"]).format(names=names)
    return str(t["basis_chosen"])


def _plan_notes(plan: LapPlan, eng: Engagement, fmt: Formatter) -> tuple[str, ...]:
    t = fmt.t
    notes = []
    if not plan.has_capacity:
        notes.append(str(t["plan_no_capacity"]))
    if plan.over_capacity is not None:
        notes.append(reasons.over_capacity(plan.over_capacity, fmt))
    for d in plan.departures:
        title = eng.initiative_by_id[d.id].title
        delta = fmt.num(abs(d.value_delta), 1) if d.value_delta is not None else ""
        key = d.kind if d.value_delta is not None else f"{d.kind}_plain"
        notes.append(str(t["departures"][key]).format(title=title, delta=delta))
    return tuple(notes)


def plan_reason(r: LeftOut, plan: LapPlan, eng: Engagement, fmt: Formatter) -> str:
    """Why an initiative waits, in words, with its figures; initiatives named by title."""
    return reasons.reason(r, plan, fmt, name=lambda i: eng.initiative_by_id[i].title)


def _roadmap_section(eng: Engagement, analyses: Analyses, fmt: Formatter) -> RoadmapSection | None:
    if analyses.schedule is not None and analyses.schedule.items:
        return _calendar(eng, analyses.schedule, fmt)
    if analyses.roadmap is not None:
        return _waves(eng, analyses.roadmap, fmt)
    return None


def _calendar(eng: Engagement, calendar: Schedule, fmt: Formatter) -> RoadmapSection:
    t = fmt.t
    rows = tuple(
        WeekRow(
            ref=ref(eng, s.id),
            weeks=f"{s.start_week}–{s.end_week}",
            start=i18n.date(s.start, lang=fmt.lang) if s.start else "",
            end=i18n.date(s.end, lang=fmt.lang) if s.end else "",
            load=fmt.num(s.load_per_week, 1),
            late=s.late,
        )
        for s in calendar.items
    )
    title = t["chart_gantt"]
    bars = [
        charts.GanttRow(
            eng.initiative_by_id[s.id].title,
            s.start_week,
            s.end_week,
            eng.area_by_id[eng.initiative_by_id[s.id].area].colour,
            late=s.late,
            now=s.start_week == 1 and bool(eng.initiative_by_id[s.id].first_step),
        )
        for s in calendar.items
    ]
    labels = _gantt_labels(eng, calendar, fmt)
    svg = charts.gantt(title=title, rows=bars, weeks=calendar.weeks, labels=labels)
    plot = gantt_plot(
        [(b.label, b.first, b.last, b.colour) for b in bars], labels.ticks, span=calendar.weeks
    )
    notes = [str(t["roadmap_finish"]).format(week=calendar.finish_week, bound=calendar.lower_bound)]
    late = [eng.initiative_by_id[s.id].title for s in calendar.items if s.late]
    if late:
        notes.append(str(t["roadmap_late"]).format(weeks=calendar.weeks, names=", ".join(late)))
    intro = str(t["roadmap_calendar_intro"]).format(
        weeks=calendar.weeks,
        per_week=fmt.days(calendar.per_week),
        start=i18n.date(calendar.start, lang=fmt.lang) if calendar.start else "",
    )
    rule = t["roadmap_rule_running"] if calendar.warnings else t["roadmap_rule"]
    return RoadmapSection(
        intro=f"{intro} {rule}",
        waves=(),
        unplaced=tuple(Waiting(ref(eng, u.id), str(t["not_placed"])) for u in calendar.unplaced),
        timeline=Chart(
            "roadmap",
            title,
            svg,
            alt=str(t["gantt_alt"]).format(
                n=fmt.num(len(rows)),
                weeks=fmt.num(calendar.weeks),
                finish=fmt.num(calendar.finish_week),
            ),
            plot=plot,
        ),
        calendar=rows,
        notes=tuple(notes),
        warnings=running_ahead(eng, calendar.warnings, fmt),
    )


def _gantt_labels(eng: Engagement, calendar: Schedule, fmt: Formatter) -> charts.GanttLabels:
    """Month starts on the axis when there is a start date, else every fourth week."""
    t = fmt.t
    span = max([calendar.weeks, *(s.end_week for s in calendar.items)])
    ticks: list[tuple[float, str]] = []
    start = calendar.start
    if start is not None:
        month = dt.date(start.year, start.month, 1)
        while (month - start).days / 7 + 1 <= span + 1:
            at = (month - start).days / 7 + 1
            if at >= 1:
                ticks.append((at, f"{t['months_short'][month.month - 1]} {month.year}"))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    else:
        ticks = [(float(w), str(t["week_n"]).format(n=w)) for w in range(1, span + 1, 4)]
    day = eng.meta.date
    today_at = None if start is None or day is None else (day - start).days / 7 + 1
    return charts.GanttLabels(
        ticks=tuple(ticks),
        lap_end=str(t["lap_end"]),
        today=str(t["today"]).format(date=i18n.date(day, lang=fmt.lang)) if day else "",
        today_at=today_at,
        now=str(t["gantt_now"]),
        late=str(t["gantt_late"]),
    )


def _waves(eng: Engagement, roadmap: Roadmap, fmt: Formatter) -> RoadmapSection:
    t = fmt.t
    waves = tuple(
        WaveRow(
            title=t["wave_n"].format(n=w.number),
            effort=fmt.days(w.effort),
            initiatives=tuple(ref(eng, i) for i in w.initiatives),
        )
        for w in roadmap.waves
    )
    title = t["chart_timeline"]
    rows = [
        charts.Bar(
            eng.initiative_by_id[i].title,
            w.number,
            eng.area_by_id[eng.initiative_by_id[i].area].colour,
        )
        for w in roadmap.waves
        for i in w.initiatives
    ]
    columns = [t["wave_n"].format(n=w.number) for w in roadmap.waves]
    svg = charts.timeline(title=title, columns=columns, bars=rows)
    ticks = tuple((float(w.number), c) for w, c in zip(roadmap.waves, columns, strict=True))
    plot = gantt_plot([(b.label, b.column, b.column, b.colour) for b in rows], ticks)
    intro = [str(t["roadmap_intro"]).format(capacity=fmt.days(roadmap.capacity))]
    if roadmap.early:
        intro.append(str(t["roadmap_waves_running"]))
    first = roadmap.waves[0].effort if roadmap.waves else 0.0
    if first > roadmap.capacity:
        intro.append(
            str(t["roadmap_waves_over"]).format(
                effort=fmt.days(first), capacity=fmt.days(roadmap.capacity)
            )
        )
    return RoadmapSection(
        intro=" ".join(intro),
        waves=waves,
        unplaced=tuple(Waiting(ref(eng, u.id), t["not_placed"]) for u in roadmap.unplaced),
        timeline=Chart(
            "roadmap",
            title,
            svg,
            alt=str(t["timeline_alt"]).format(
                waves="; ".join(
                    f"{w.title}: {fmt.names([r.title for r in w.initiatives], limit=6)}"
                    for w in waves
                )
            ),
            plot=plot,
        ),
        notes=(str(t["roadmap_no_calendar"]),),
        warnings=running_ahead(eng, roadmap.early, fmt),
    )


def running_ahead(
    eng: Engagement, early: Sequence[RunningAhead], fmt: Formatter
) -> tuple[str, ...]:
    """Work in progress begun before its prerequisites, one sentence each (the schedule's and
    the waves' warnings, said under the chart)."""
    return tuple(
        fmt.say(
            "roadmap_running_ahead",
            len(w.needs),
            title=eng.initiative_by_id[w.id].title,
            needs=fmt.names([eng.initiative_by_id[n].title for n in w.needs]),
        )
        for w in early
    )


def gantt_plot(
    bars: Sequence[tuple[str, int, int, str]],
    ticks: tuple[tuple[float, str], ...],
    *,
    span: int = 1,
) -> Plot:
    """A Gantt's numbers: per bar its label, first and last column (week or wave), colour."""
    last = max([span] + [int(p) for p, _ in ticks] + [b[2] for b in bars])
    return Plot(
        categories=tuple(b[0] for b in bars),
        series=tuple(PlotSeries(b[0], b[3], (float(b[1]), float(b[2]))) for b in bars),
        low=1,
        high=last,
        ticks=ticks,
    )


def _starts(analyses: Analyses, fmt: Formatter) -> dict[str, tuple[int, str]] | None:
    """The week each plan member starts and that start in words, when the plan has a calendar."""
    if analyses.schedule is None or not analyses.schedule.items:
        return None
    return {
        s.id: (
            s.start_week,
            i18n.date(s.start, lang=fmt.lang)
            if s.start
            else str(fmt.t["week_n"]).format(n=s.start_week),
        )
        for s in analyses.schedule.items
    }
