"""The method section: what the scale's levels mean, how initiatives are scored, how the plan was chosen."""

from __future__ import annotations

from ..analysis.scoring import Ranking
from ..models import Engagement
from .context import Fact, MethodSection
from .formatter import Formatter
from .plan_facts import PlanFacts


def method(
    eng: Engagement, ranking: Ranking | None, plan: PlanFacts, fmt: Formatter
) -> MethodSection:
    t, scale = fmt.t, eng.meta.scale
    levels = range(scale.min, scale.max + 1)
    labelled = bool(scale.labels)
    scoring = eng.meta.scoring
    weights: tuple[Fact, ...] = ()
    if scoring.method == "weighted":
        used = ranking.weights if ranking else scoring.weights
        weights = tuple(
            Fact(t["criteria"][name], fmt.num(value, 2)) for name, value in used.items()
        )
    return MethodSection(
        paragraphs=tuple(t["method_text"]),
        scale=tuple(Fact(str(n), scale.labels.get(n, t["no_label"])) for n in levels)
        if labelled
        else (),
        scale_note=t["scale_note" if labelled else "scale_note_plain"].format(
            min=scale.min, max=scale.max
        ),
        scoring=str(t["scoring_text"][scoring.method])
        + (
            " " + str(t["default_weights"])
            if scoring.method == "weighted" and "weights" not in scoring.model_fields_set
            else ""
        ),
        weights=weights,
        plan=_plan_text(plan, fmt),
    )


def _plan_text(plan: PlanFacts, fmt: Formatter) -> str:
    t = fmt.t
    if plan.budget is None:
        return str(t["plan_text_none"])
    text = t["plan_text"].format(budget=fmt.days(plan.budget))
    if plan.max_count is not None:
        text += " " + t["plan_text_max"].format(n=fmt.num(plan.max_count))
    return str(text)
