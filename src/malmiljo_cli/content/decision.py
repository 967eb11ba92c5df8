"""The decision pages: executive summary, ready to start, risks and the next 30/60/90 days.

Every sentence here is generated from the analyses; nothing is invented when data is missing,
the sentence says that it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from ..analysis.gaps import GapAnalysis, remaining
from ..analysis.plan import RankStep, rank_steps
from ..analysis.readiness import RULES, check
from ..analysis.sensitivity import Sensitivity
from ..models import Engagement
from .context import (
    Analyses,
    CapacityChoice,
    ExecutiveSummary,
    Fact,
    KeyFinding,
    MatrixCell,
    NextStep,
    Readiness,
    ReadinessRow,
    Recommendation,
    Ref,
    RegisterRow,
    Risk,
    RiskRegister,
    RisksSection,
    RuleCell,
    StepGroup,
)
from .formatter import Formatter, ref
from .plan_facts import PlanFacts
from .reasons import decided

MAX_FINDINGS = 5
LISTED = 10  # plan members named on the summary page; the plan table has them all
CHAIN_RISK = 3  # a dependency chain this long inside the plan is a risk
# Words that mean hiring someone (not "new employees", whom an introduction programme serves).
RECRUITING = re.compile(r"\b(rekryt\w*|anställ|anställa|recruit\w*|hire|hiring)\b", re.IGNORECASE)


def executive(
    eng: Engagement,
    analyses: Analyses,
    plan: PlanFacts,
    fmt: Formatter,
    *,
    next_steps: tuple[StepGroup, ...],
) -> ExecutiveSummary:
    """The recommendation, 3-5 findings and the decisions asked of the steering group."""
    summary = ExecutiveSummary(
        recommendation=recommendation(eng, analyses, plan, fmt),
        findings=findings(eng, analyses, plan, fmt),
        decisions=decisions(eng, analyses, plan, fmt),
        next_steps=next_steps,
    )
    found = analyses.options
    if found is None:
        return summary
    from . import choices

    return replace(
        summary,
        headline=choices.headline(found, fmt),
        choices=choices.choices(eng, found, fmt),
        frontier=choices.frontier_chart(found, fmt),
        frontier_headline=choices.frontier_headline(found, fmt),
    )


def _finding(fmt: Formatter, text: str, anchor: str, section: str) -> KeyFinding:
    return KeyFinding(text, anchor, section, str(fmt.t["see_section"]).format(section=section))


def recommendation(
    eng: Engagement, analyses: Analyses, plan: PlanFacts, fmt: Formatter
) -> Recommendation:
    t, gaps = fmt.t, analyses.gaps
    if plan.budget is None:
        return _ask_for_capacity(eng, analyses, plan, fmt)
    if plan.over_capacity:
        over = t["rec_over"].format(
            n=fmt.num(len(plan.members)), effort=fmt.days(plan.effort), budget=fmt.days(plan.budget)
        )
        load = Fact(t["effort"], f"{fmt.days(plan.effort)} / {fmt.days(plan.budget)}")
        return Recommendation(over, _listed(eng, plan, fmt), (load,), _more(plan, fmt))
    text = fmt.say(
        "rec_plan",
        len(plan.members),
        effort=fmt.days(plan.effort),
        budget=fmt.days(plan.budget),
        share=fmt.pct(plan.closure),
        closed=fmt.num(plan.closed),
        total=fmt.num(gaps.total.weighted_gap),
    )
    figures = (
        Fact(t["fig_plan_members"], fmt.num(len(plan.members))),
        Fact(t["effort"], f"{fmt.days(plan.effort)} / {fmt.days(plan.budget)}"),
        Fact(t["fig_lap_closes"], fmt.pct(plan.closure)),  # one name: the summary's
    )
    return Recommendation(text, _listed(eng, plan, fmt), figures, _more(plan, fmt))


def _ask_for_capacity(
    eng: Engagement, analyses: Analyses, plan: PlanFacts, fmt: Formatter
) -> Recommendation:
    """No capacity: the steering group is asked for it, with the ranked list to choose from."""
    t = fmt.t
    choices, more = _capacity_choices(eng, analyses, fmt)
    if not plan.members:
        return Recommendation(str(t["nocap_rec"]), (), (), choices=choices, choices_more=more)
    return Recommendation(
        fmt.say("nocap_rec_decided", len(plan.members), effort=fmt.days(plan.effort)),
        _listed(eng, plan, fmt),
        (Fact(t["nocap_decided"], fmt.days(plan.effort)),),
        _more(plan, fmt),
        choices=choices,
        choices_more=more,
    )


def _capacity_choices(
    eng: Engagement, analyses: Analyses, fmt: Formatter
) -> tuple[tuple[CapacityChoice, ...], str]:
    """The first LISTED open initiatives below the plan, each with the person-days the lap needs
    to reach it in rank order (prerequisites brought along named), and "n more"."""
    ranking, plan = analyses.ranking, analyses.plan
    if ranking is None or plan is None:
        return (), ""
    steps = rank_steps(eng, ranking, plan)

    def with_needs(step: RankStep) -> str:
        titles = [eng.initiative_by_id[i].title for i in step.needs]
        return str(fmt.t["nocap_with"]).format(names=fmt.names(titles)) if titles else ""

    choices = tuple(
        CapacityChoice(
            rank=fmt.num(ranking.by_id[s.id].rank),
            ref=ref(eng, s.id),
            adds=fmt.days(s.adds),
            total=fmt.days(s.total),
            needs=with_needs(s),
        )
        for s in steps[:LISTED]
    )
    return choices, _n_more(len(steps) - LISTED, fmt)


def _listed(eng: Engagement, plan: PlanFacts, fmt: Formatter) -> tuple[Ref, ...]:
    return tuple(ref(eng, i) for i in plan.members[:LISTED])


def _more(plan: PlanFacts, fmt: Formatter) -> str:
    return _n_more(len(plan.members) - LISTED, fmt)


def _n_more(extra: int, fmt: Formatter) -> str:
    return str(fmt.t["n_more"]).format(n=fmt.num(extra)) if extra > 0 else ""


def findings(
    eng: Engagement, analyses: Analyses, plan: PlanFacts, fmt: Formatter
) -> tuple[KeyFinding, ...]:
    """Three to five findings, each pointing at the section that shows it."""
    t, gaps = fmt.t, analyses.gaps
    found: list[KeyFinding] = []
    if gaps.total.achieved_gap > 0:
        found.append(_finding(fmt, _largest(eng, gaps, fmt), "heatmap", t["heatmap"]))
    else:
        found.append(_finding(fmt, t["find_no_gap"], "heatmap", t["heatmap"]))
    uncovered = [c for c in gaps.capabilities if c.coverage == "uncovered"]
    if uncovered:
        found.append(
            _finding(
                fmt,
                fmt.say(
                    "find_uncovered", len(uncovered), names=fmt.names([c.name for c in uncovered])
                ),
                "gap-analysis",
                t["gap_analysis"],
            )
        )
    found.append(_staff_finding(eng, gaps, fmt))
    swing = _swing(analyses.sensitivity)
    if swing:
        names = [eng.initiative_by_id[i].title for i in swing]
        found.append(
            _finding(
                fmt,
                fmt.say("find_swing", len(swing), names=fmt.names(names)),
                "prioritisation",
                t["prioritisation"],
            )
        )
    elif analyses.sensitivity is not None and plan.members:
        found.append(_finding(fmt, t["find_stable"], "prioritisation", t["prioritisation"]))
    if plan.over_capacity:
        found.append(
            _finding(
                fmt,
                str(t["find_over_capacity"]).format(what=decided(plan.over_capacity, fmt)),
                "prioritisation",
                t["prioritisation"],
            )
        )
    for ident, kind in plan.departures[:1]:
        found.append(
            _finding(
                fmt,
                t[f"find_{kind}"].format(title=eng.initiative_by_id[ident].title),
                "prioritisation",
                t["prioritisation"],
            )
        )
    return tuple(found[:MAX_FINDINGS])


def _largest(eng: Engagement, gaps: GapAnalysis, fmt: Formatter) -> str:
    """The area and the capability with the largest weighted gap still open (done work counted,
    as the heat map shows it); every one tied for the largest is named."""
    t, total = fmt.t, gaps.total.achieved_gap
    top = max(a.sums.achieved_gap for a in gaps.areas)
    areas = [eng.area_by_id[a.id].name for a in gaps.areas if a.sums.achieved_gap == top]
    still = {c.id: remaining(c, c.achieved) for c in gaps.capabilities}
    peak = max(still.values())
    caps = [
        f"{c.name} ({t['level_of'].format(current=fmt.level(c.achieved), target=fmt.level(c.target))})"
        for c in gaps.capabilities
        if still[c.id] == peak
    ]
    figures = {"value": fmt.num(top), "total": fmt.num(total), "share": fmt.pct(top / total)}
    area = (
        t["find_largest_area"].format(area=areas[0], **figures)
        if len(areas) == 1
        else t["find_largest_areas"].format(areas=fmt.names(areas, limit=len(areas)), **figures)
    )
    cap = (
        t["find_largest_capability"].format(capability=caps[0])
        if len(caps) == 1
        else t["find_largest_capabilities"].format(capabilities=fmt.names(caps, limit=len(caps)))
    )
    return f"{area} {cap}"


def _staff_finding(eng: Engagement, gaps: GapAnalysis, fmt: Formatter) -> KeyFinding:
    t = fmt.t
    raised = raised_most(eng)
    if not eng.interviews:
        return _finding(fmt, t["find_no_interviews"], "staff", t["staff"])
    if not raised:
        return _finding(fmt, t["find_no_raised"], "staff", t["staff"])
    name, count, interviews = raised[0]
    return _finding(
        fmt,
        t["find_raised"].format(name=name, n=fmt.num(count), interviews=fmt.num(interviews)),
        "staff",
        t["staff"],
    )


def raised_most(eng: Engagement) -> list[tuple[str, int, int]]:
    """Capabilities by how often staff raised them (pains and wishes), with interview counts."""
    counts: dict[str, tuple[int, set[str]]] = {}
    for iv in eng.interviews:
        for f in iv.findings:
            if f.kind == "strength" or f.capability is None:
                continue
            n, ivs = counts.get(f.capability, (0, set()))
            counts[f.capability] = (n + 1, ivs | {iv.id})
    order = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(eng.capability_by_id[c].name, n, len(ivs)) for c, (n, ivs) in order]


def _swing(result: Sensitivity | None) -> list[str]:
    if result is None:
        return []
    return [s.id for s in result.shares if s.stability == "swing"]


def decisions(
    eng: Engagement, analyses: Analyses, plan: PlanFacts, fmt: Formatter
) -> tuple[str, ...]:
    """What the steering group is asked to decide, most important first."""
    t = fmt.t
    asked: list[str] = []

    def titles(ids: list[str]) -> str:
        return fmt.names([eng.initiative_by_id[i].title for i in ids])

    if plan.budget is None:
        asked.append(t["nocap_decision"])
    elif plan.over_capacity:
        asked.append(t["dec_over_capacity"])  # no plan to approve until it fits
    else:
        asked.append(fmt.say("dec_approve", len(plan.members), effort=fmt.days(plan.effort)))
    departed = [i for i, kind in plan.departures if kind == "committed_not_optimal"]
    if departed:
        asked.append(t["dec_departures"].format(names=titles(departed)))
    swing = _swing(analyses.sensitivity)
    if swing:
        asked.append(t["dec_swing"].format(names=titles(swing)))
    no_owner = [i for i in plan.members if not eng.initiative_by_id[i].owner]
    if no_owner:
        asked.append(t["dec_owners"].format(names=titles(no_owner)))
    uncovered = [c.name for c in analyses.gaps.capabilities if c.coverage == "uncovered"]
    if uncovered:
        asked.append(fmt.say("dec_uncovered", len(uncovered), names=fmt.names(uncovered)))
    return tuple(asked)


def next_steps(
    eng: Engagement,
    plan: PlanFacts,
    fmt: Formatter,
    *,
    starts: Mapping[str, tuple[int, str]] | None = None,
) -> tuple[StepGroup, ...]:
    """First steps and owners: by 30/60/90 days when the plan has a calendar, else in plan order.

    `starts` maps a plan member to the week it starts (from 1) and that start in words.
    """
    t = fmt.t
    steps = [_step(eng, i, fmt, starts) for i in plan.members]
    if not steps:
        return ()
    if starts is None:
        return (StepGroup(t["next_in_order"], tuple(steps)),)
    groups = []
    for days, weeks in ((30, range(1, 5)), (60, range(5, 9)), (90, range(9, 14))):
        inside = tuple(s for s in steps if starts.get(s.ref.id, (0, ""))[0] in weeks)
        if inside:
            groups.append(StepGroup(t["next_days"].format(n=days), inside, dated=True))
    later = tuple(s for s in steps if starts.get(s.ref.id, (0, ""))[0] > 13)
    if later:
        groups.append(StepGroup(t["next_later"], later, dated=True))
    return tuple(groups)


def _step(
    eng: Engagement, ident: str, fmt: Formatter, starts: Mapping[str, tuple[int, str]] | None
) -> NextStep:
    t, ini = fmt.t, eng.initiative_by_id[ident]
    when = starts[ident][1] if starts and ident in starts else ""
    return NextStep(
        ref=ref(eng, ident),
        when=when,
        step=ini.first_step or t["no_first_step"],
        owner=ini.owner or t["no_owner"],
        missing=not ini.first_step or not ini.owner,
    )


def readiness(eng: Engagement, plan: PlanFacts, fmt: Formatter) -> Readiness | None:
    """The four change rules on each plan member; None without a plan."""
    if not plan.members:
        return None
    t = fmt.t
    rows = []
    for ident in plan.members:
        ini = eng.initiative_by_id[ident]
        gaps = {g.rule: g for g in check(ini)}
        cells = []
        for rule in RULES:
            gap = gaps.get(rule)
            note = ""
            if gap is not None:
                key = f"rule_{rule}_{'short' if gap.present else 'missing'}"
                note = t[key].format(effort=fmt.days(ini.effort), steps=fmt.num(len(ini.steps)))
            cells.append(RuleCell(t["rules"][rule], gap is None, note))
        missing = "; ".join(c.note for c in cells if not c.ok)
        rows.append(ReadinessRow(ref(eng, ident), tuple(cells), missing))
    return Readiness(
        intro=t["readiness_intro"],
        rules=tuple(t["rules"][r] for r in RULES),
        rows=tuple(rows),
    )


def risks(
    eng: Engagement,
    gaps: GapAnalysis,
    plan: PlanFacts,
    fmt: Formatter,
    *,
    next_steps: tuple[StepGroup, ...],
    unsupported: int,
) -> RisksSection:
    """Risks the data shows, with the initiatives they concern."""
    t = fmt.t
    found: list[Risk] = []
    if plan.over_capacity:
        found.append(Risk(t["risk_over_capacity"], ()))
    chain = _longest_chain(eng, plan.members)
    if len(chain) >= CHAIN_RISK:
        found.append(
            Risk(t["risk_chain"].format(n=fmt.num(len(chain))), tuple(ref(eng, i) for i in chain))
        )
    hires = [i for i in plan.members if _recruits(eng, i)]
    if hires:
        found.append(Risk(t["risk_recruit"], tuple(ref(eng, i) for i in hires)))
    no_owner = [i for i in plan.members if not eng.initiative_by_id[i].owner]
    if no_owner:
        found.append(Risk(t["risk_no_owner"], tuple(ref(eng, i) for i in no_owner)))
    no_step = [i for i in plan.members if not eng.initiative_by_id[i].first_step]
    if no_step:
        found.append(Risk(t["risk_no_step"], tuple(ref(eng, i) for i in no_step)))
    with_gap = sum(c.gap > 0 for c in gaps.capabilities)
    if unsupported and with_gap:
        found.append(
            Risk(
                fmt.say("risk_evidence", unsupported, total=fmt.num(with_gap)),
                (),
            )
        )
    return RisksSection(risks=tuple(found), next_steps=next_steps, register=risk_register(eng, fmt))


def risk_level(score: int) -> str:
    """The matrix's band: high from 15, medium from 6, else low."""
    return "high" if score >= 15 else "medium" if score >= 6 else "low"


def risk_register(eng: Engagement, fmt: Formatter) -> RiskRegister | None:
    """risks.yaml as the register: open risks first, highest likelihood x impact first."""
    if not eng.risks:
        return None
    ordered = sorted(eng.risks, key=lambda r: (r.status != "open", -r.score, -r.impact, r.id))
    rows = tuple(
        RegisterRow(
            number=n,
            title=r.title,
            likelihood=r.likelihood,
            impact=r.impact,
            score=r.score,
            level=risk_level(r.score),
            owner=r.owner,
            mitigation=r.mitigation,
            threatens=_threatens(eng, r.initiatives, r.capabilities),
            closed=r.status == "closed",
        )
        for n, r in enumerate(ordered, 1)
    )
    matrix = tuple(
        tuple(
            MatrixCell(
                likelihood,
                impact,
                risk_level(likelihood * impact),
                ", ".join(
                    str(row.number)
                    for row in rows
                    if not row.closed and (row.likelihood, row.impact) == (likelihood, impact)
                ),
            )
            for likelihood in range(1, 6)
        )
        for impact in range(5, 0, -1)
    )
    return RiskRegister(rows, matrix)


def _threatens(eng: Engagement, initiatives: list[str], capabilities: list[str]) -> str:
    names = [eng.initiative_by_id[i].title for i in initiatives if i in eng.initiative_by_id]
    names += [eng.capability_by_id[c].name for c in capabilities if c in eng.capability_by_id]
    return ", ".join(names)


def _recruits(eng: Engagement, ident: str) -> bool:
    ini = eng.initiative_by_id[ident]
    return bool(RECRUITING.search(" ".join((ini.title, ini.description, *ini.steps))))


def _longest_chain(eng: Engagement, members: tuple[str, ...]) -> list[str]:
    """The longest chain of prerequisites among the plan's members, first prerequisite first."""
    inside = set(members)
    best: dict[str, list[str]] = {}

    def chain(ident: str) -> list[str]:
        if ident not in best:
            needs = sorted(d for d in eng.initiative_by_id[ident].depends_on if d in inside)
            longest = max((chain(d) for d in needs), key=len, default=[])
            best[ident] = [*longest, ident]
        return best[ident]

    return max((chain(i) for i in sorted(inside)), key=len, default=[])
