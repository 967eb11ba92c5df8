"""The decision pages: executive summary, ready to start, risks and the next 30/60/90 days.

Every sentence here is generated from the analyses; nothing is invented when data is missing,
the sentence says that it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..analysis.gaps import GapAnalysis
from ..analysis.readiness import RULES, check
from ..analysis.sensitivity import Sensitivity
from ..models import Engagement
from .context import (
    Analyses,
    ExecutiveSummary,
    Fact,
    KeyFinding,
    NextStep,
    Readiness,
    ReadinessRow,
    Recommendation,
    Ref,
    Risk,
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
    return ExecutiveSummary(
        recommendation=recommendation(eng, analyses.gaps, plan, fmt),
        findings=findings(eng, analyses, plan, fmt),
        decisions=decisions(eng, analyses, plan, fmt),
        next_steps=next_steps,
    )


def _finding(fmt: Formatter, text: str, anchor: str, section: str) -> KeyFinding:
    return KeyFinding(text, anchor, section, str(fmt.t["see_section"]).format(section=section))


def recommendation(
    eng: Engagement, gaps: GapAnalysis, plan: PlanFacts, fmt: Formatter
) -> Recommendation:
    t = fmt.t
    if plan.budget is None:
        open_count = sum(i.status not in ("done", "dropped") for i in eng.initiatives)
        text = t["rec_no_plan"].format(n=fmt.num(open_count))
        if plan.members:
            text = fmt.say(
                "rec_decided", len(plan.members), effort=fmt.days(plan.effort), open=open_count
            )
        return Recommendation(text, _listed(eng, plan, fmt), (), _more(plan, fmt))
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
        Fact(t["fig_plan_share"], fmt.pct(plan.closure)),
    )
    return Recommendation(text, _listed(eng, plan, fmt), figures, _more(plan, fmt))


def _listed(eng: Engagement, plan: PlanFacts, fmt: Formatter) -> tuple[Ref, ...]:
    return tuple(ref(eng, i) for i in plan.members[:LISTED])


def _more(plan: PlanFacts, fmt: Formatter) -> str:
    extra = len(plan.members) - LISTED
    return str(fmt.t["n_more"]).format(n=fmt.num(extra)) if extra > 0 else ""


def findings(
    eng: Engagement, analyses: Analyses, plan: PlanFacts, fmt: Formatter
) -> tuple[KeyFinding, ...]:
    """Three to five findings, each pointing at the section that shows it."""
    t, gaps = fmt.t, analyses.gaps
    found: list[KeyFinding] = []
    largest = _largest_area(eng, gaps)
    if largest is not None:
        name, value = largest
        top = max(gaps.capabilities, key=lambda c: (c.weighted_gap, -c.current))
        found.append(
            _finding(
                fmt,
                t["find_largest"].format(
                    area=name,
                    value=fmt.num(value),
                    total=fmt.num(gaps.total.weighted_gap),
                    share=fmt.pct(value / gaps.total.weighted_gap),
                    capability=top.name,
                    levels=t["level_of"].format(
                        current=fmt.level(top.current), target=fmt.level(top.target)
                    ),
                ),
                "heatmap",
                t["heatmap"],
            )
        )
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


def _largest_area(eng: Engagement, gaps: GapAnalysis) -> tuple[str, int] | None:
    if gaps.total.weighted_gap == 0:
        return None
    area = max(gaps.areas, key=lambda a: a.sums.weighted_gap)
    return eng.area_by_id[area.id].name, area.sums.weighted_gap


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
        asked.append(t["dec_capacity"])
    else:
        asked.append(fmt.say("dec_approve", len(plan.members), effort=fmt.days(plan.effort)))
    if plan.over_capacity:
        asked.append(t["dec_over_capacity"])
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
    return RisksSection(risks=tuple(found), next_steps=next_steps)


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
