"""The report's content: every analysis it shows computed once, then worded as its context.

`deck`, `report` and `build` call `analyse` once and `report_context` once per language; the
writers (write/documents, write/office) only lay the context out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..analysis.plan import LapPlan
from ..analysis.scoring import Ranking
from ..analysis.sensitivity import Sensitivity
from ..analysis.steering import SteeringOptions
from ..models import Engagement
from .context import Analyses, ReportContext
from .sections import build_context

SENSITIVITY_RUNS = 200  # at most; the runs stop once every class is known (analysis/sensitivity.py)


def analyse(eng: Engagement, *, root: Path, lang: str | None = None) -> Analyses:
    """Every analysis the report shows, each computed once: the ranking and the lap's plan
    first, then the gap after the lap, the roadmap of the plan, the map, earlier laps."""
    from ..analysis.assessments import staff_assessment
    from ..analysis.board import build_board
    from ..analysis.diff import diff_engagements
    from ..analysis.gaps import analyse_gaps, gap_closed
    from ..analysis.plan import lap_plan
    from ..analysis.review import previous_review
    from ..analysis.roadmap import in_waves
    from ..analysis.schedule import schedule
    from ..analysis.scoring import rank
    from ..history import earlier_laps

    ranking = rank(eng)
    plan = lap_plan(eng, ranking, alternatives=0)
    calendar = schedule(eng, plan, ranking)
    waves = in_waves(eng, ranking, plan) if calendar is None and plan.members else None
    earlier = earlier_laps(root, eng)
    return Analyses(
        gaps=analyse_gaps(eng, plan.members),
        ranking=ranking,
        plan=plan,
        schedule=calendar,
        roadmap=waves if waves is None or waves.waves else None,
        map_svg=_map_svg(eng, lang or eng.meta.language, plan.members),
        map_parts=_map_parts(eng, lang or eng.meta.language, plan.members),
        earlier=earlier,
        changes=(
            diff_engagements(earlier.previous, eng, before=earlier.previous_label, after="")
            if earlier
            else None
        ),
        board=build_board(eng, plan.members, weighed=plan.has_capacity),
        gap_closed={i.id: gap_closed(eng, i) for i in eng.initiatives},
        sensitivity=_sensitivity(eng, ranking, plan),
        staff=staff_assessment(eng) if eng.assessments else None,
        options=_options(eng, ranking, plan),
        review=previous_review(eng, earlier.previous, earlier.previous_label) if earlier else None,
    )


def _options(eng: Engagement, ranking: Ranking, plan: LapPlan) -> SteeringOptions | None:
    """The steering group's options, when there is a capacity to choose within."""
    if plan.instance is None:
        return None
    from ..analysis.steering import steering_options

    return steering_options(eng, ranking, method=ranking.method)


def _sensitivity(eng: Engagement, ranking: Ranking, plan: LapPlan) -> Sensitivity | None:
    """How stable the plan is under perturbed ratings and weights (fixed seed: same every run);
    None without an optimised plan."""
    from ..analysis.scoring import inputs_for, open_initiatives
    from ..analysis.sensitivity import sensitivity

    if plan.instance is None or plan.over_capacity:
        return None
    inputs = inputs_for(eng, open_initiatives(eng), ranking.votes)
    return sensitivity(
        plan.instance,
        inputs,
        method=ranking.method,
        weights=eng.meta.scoring.weights,
        runs=SENSITIVITY_RUNS,
        seed=0,
        stop_early=True,
    )


def _map_svg(eng: Engagement, lang: str, plan: tuple[str, ...]) -> str | None:
    """The initiative map as `malmiljo graph` draws it; None when no Graphviz can be found."""
    from ..analysis.initiative_map import initiative_map
    from ..write.map.dot import to_dot
    from ..write.map.drawing import draw, find_engine
    from .context import report_date

    if find_engine() is None:
        return None
    source = to_dot(eng, initiative_map(eng, plan=plan), lang=lang)
    day = report_date(eng) or dt.date(2000, 1, 1)
    return draw(source, "svg", date=day).data.decode("utf-8")


def _map_parts(
    eng: Engagement, lang: str, plan: tuple[str, ...]
) -> tuple[tuple[str, str, int], ...]:
    """The map for paper, each part whole on its page: the plan with what it needs, then each
    focus area with its neighbours; () when no Graphviz can be found."""
    from ..analysis.initiative_map import initiative_map, plan_map
    from ..write.map.dot import to_dot
    from ..write.map.drawing import draw, find_engine
    from .context import report_date

    if find_engine() is None:
        return ()
    day = report_date(eng) or dt.date(2000, 1, 1)
    maps = [("plan", plan_map(eng, plan))] if plan else []
    maps += [(a.id, initiative_map(eng, area=a.id, plan=plan)) for a in eng.areas]
    return tuple(
        (
            key,
            draw(to_dot(eng, found, lang=lang), "svg", date=day).data.decode("utf-8"),
            len(found.initiatives),
        )
        for key, found in maps
        if found.initiatives
    )


def report_context(
    eng: Engagement, analyses: Analyses, *, root: Path, lang: str | None
) -> ReportContext:
    """The context in `lang` (default: the engagement's language), with the logo read from disk."""
    logo = (root / eng.meta.logo).read_bytes() if eng.meta.logo else None
    return build_context(eng, analyses, lang=lang or eng.meta.language, logo=logo)
