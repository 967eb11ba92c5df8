"""`malmiljo options`: the steering group's options as JSON, or as tables in the engagement's
language (table, Markdown)."""

from __future__ import annotations

import textwrap
from typing import Any

from ...analysis.options import Point
from ...analysis.scenarios import Outcome
from ...analysis.scoring import Ranking
from ...analysis.selection import Choice, Instance
from ...analysis.steering import FitPlan, SteeringOptions
from ...content.choices import fit_label
from ...content.formatter import Formatter
from ...models import Engagement
from .tables import Column, as_json, md_escape, render


def members(inst: Instance, ranking: Ranking, plan: Choice) -> list[str]:
    """A plan's ids, best rank first (as `prioritise` lists them)."""
    ids = [inst.ids[i] for i in plan.members]
    return sorted(ids, key=lambda i: (ranking.by_id[i].rank, i))


def cost_of(inst: Instance, plan: Choice) -> float:
    return round(inst.cost_of(plan.members), 2)


# --- JSON ------------------------------------------------------------------------------------


def options_json(found: SteeringOptions, eng: Engagement, currency: str) -> dict[str, Any]:
    """The documented object: plan, frontier, by_count, idle, fit, scenarios."""
    inst, ranking = found.instance, found.plan.ranking
    return {
        "method": ranking.method,
        "budget": inst.budget,
        "max": inst.max_count,
        "cost_budget": inst.cost_budget,
        "currency": currency,
        "plan": _outcome_json(found.plan),
        "frontier": [_point_json(inst, ranking, p) for p in found.frontier.points],
        "frontier_complete": found.frontier.complete,
        "by_count": [
            {
                "max": c.max_count,
                "selected": None if c.plan is None else members(inst, ranking, c.plan),
                "total_value": None if c.plan is None else round(c.plan.value, 6),
                "total_effort": None if c.plan is None else c.plan.effort,
                "total_cost": None if c.plan is None else cost_of(inst, c.plan),
            }
            for c in found.by_count
        ],
        "idle": None
        if found.idle is None
        else {"days": found.idle.days, "count_binds": found.idle.count_binds},
        "fit": [_fit_json(f) for f in found.fit],
        "scenarios": [{"id": s.id, "name": s.name, **_outcome_json(o)} for s, o in found.scenarios],
    }


def _point_json(inst: Instance, ranking: Ranking, point: Point) -> dict[str, Any]:
    return {
        "budget": point.budget,
        "selected": members(inst, ranking, point.plan),
        "total_value": round(point.plan.value, 6),
        "total_effort": point.plan.effort,
        "total_cost": cost_of(inst, point.plan),
        "marginal_value": None if point.marginal is None else round(point.marginal, 6),
    }


def _outcome_json(found: Outcome) -> dict[str, Any]:
    plan = found.plan
    return {
        "selected": list(plan.members),
        "total_value": round(plan.value, 6),
        "total_effort": plan.effort,
        "total_cost": round(plan.cost, 2),
        "lap_closure": round(found.closure, 4),
        "finish_week": found.finish_week,
        "over_capacity": plan.over_capacity is not None,
    }


def _fit_json(fit: FitPlan) -> dict[str, Any]:
    option = fit.option
    head: dict[str, Any]
    if option.kind == "capacity":
        head = {"kind": "capacity", "days": option.days, "count": option.count}
        head["money"] = option.money
    else:
        head = {
            "kind": "release",
            "stop": list(fit.change.stop),
            "defer": list(fit.change.defer),
            "frees": option.frees,
        }
    return {**head, "plan": _outcome_json(fit.outcome)}


# --- table and Markdown ----------------------------------------------------------------------


def options_as(fmt: str, found: SteeringOptions, eng: Engagement) -> str:
    """The options in `fmt`: json, or table/md in the engagement's language."""
    lang = eng.meta.language
    fmt_ = Formatter(eng, lang)
    if fmt == "json":
        return as_json(options_json(found, eng, fmt_.currency))
    say = _Say(fmt_, fmt)
    parts = say.section("title", level=1)
    parts += [say.line(outcome_line(fmt_, found.plan, found.instance.budget))]
    if found.plan.plan.over_capacity:
        parts += ["", say.line(over_line(fmt_, found))]
    if found.fit:
        parts += [*say.section("fit"), say.line(say.t["fit_lead"]), ""]
        parts += [say.bullet(fit_line(fmt_, eng, f)) for f in found.fit]
    parts += [*say.section("frontier"), say.line(say.t["frontier_lead"])]
    if not found.frontier.complete:
        parts += [say.line(say.t["frontier_sampled"])]
    parts += ["", _frontier_table(fmt, fmt_, found)]
    if found.by_count:
        parts += [*say.section("by_count"), _count_table(fmt, fmt_, found)]
    if found.idle is not None:
        parts += ["", say.line(idle_line(fmt_, found))]
    parts += say.section("scenarios")
    if found.scenarios:
        parts += [_scenario_table(fmt, fmt_, found)]
    else:
        parts += [say.line(say.t["no_scenarios"])]
    return "\n".join(parts).lstrip("\n")


class _Say:
    """Headings, lines and bullets of one format in the engagement's words."""

    def __init__(self, fmt_: Formatter, fmt: str) -> None:
        self.t: dict[str, str] = fmt_.t["options"]
        self.md = fmt == "md"

    def section(self, key: str, *, level: int = 2) -> list[str]:
        text = self.t[key]
        if self.md:
            return ["", f"{'#' * level} {text}", ""]
        return ["", text, "-" * len(text)] if level > 1 else [text, "=" * len(text)]

    def line(self, text: str) -> str:
        if self.md:
            return md_escape(text)
        return textwrap.fill(text, 80)

    def bullet(self, text: str) -> str:
        if self.md:
            return f"- {md_escape(text)}"
        return textwrap.fill(text, 80, initial_indent="- ", subsequent_indent="  ")


def outcome_line(fmt_: Formatter, found: Outcome, budget: float) -> str:
    """One plan in a sentence: size, value, days of the budget, cost, closure, finish week."""
    t = fmt_.t["options"]
    plan = found.plan
    week = "" if found.finish_week is None else t["finish"].format(week=found.finish_week)
    return str(t["plan_line"]).format(
        n=fmt_.num(len(plan.members)),
        value=fmt_.num(plan.value, 1),
        effort=fmt_.days(plan.effort),
        budget=fmt_.days(budget),
        cost=fmt_.money(plan.cost),
        closure=fmt_.pct(found.closure),
        week=week,
    )


def over_line(fmt_: Formatter, found: SteeringOptions) -> str:
    inst = found.instance
    effort = inst.effort_of(inst.closure(inst.must))
    return str(fmt_.t["options"]["over"]).format(
        effort=fmt_.days(effort), budget=fmt_.days(inst.budget)
    )


def fit_line(fmt_: Formatter, eng: Engagement, fit: FitPlan) -> str:
    budget = fit.outcome.plan.budget or 0.0
    return f"{fit_label(fmt_, eng, fit)}: {outcome_line(fmt_, fit.outcome, budget)}"


def idle_line(fmt_: Formatter, found: SteeringOptions) -> str:
    assert found.idle is not None
    t = fmt_.t["options"]
    text = t["idle"].format(days=fmt_.days(found.idle.days))
    limit = found.instance.max_count
    if limit is not None:
        key = "count_binds" if found.idle.count_binds else "count_free"
        text += " " + t[key].format(max=fmt_.num(limit))
    return str(text)


def _cols(fmt_: Formatter, *keys: str, left: int = 1) -> list[Column]:
    t = fmt_.t["options"]
    return [
        Column(t[f"col_{k}"], "left" if n < left else "right", shrink=n == left - 1)
        for n, k in enumerate(keys)
    ]


def _frontier_table(fmt: str, fmt_: Formatter, found: SteeringOptions) -> str:
    inst, ranking = found.instance, found.plan.ranking
    rows = [
        (
            fmt_.days(p.budget),
            fmt_.num(p.plan.value, 1),
            "–" if p.marginal is None else fmt_.num(p.marginal, 2),
            fmt_.money(cost_of(inst, p.plan)),
            ", ".join(members(inst, ranking, p.plan)),
        )
        for p in found.frontier.points
    ]
    columns = [
        *_cols(fmt_, "budget", "value", "marginal", "cost", left=0),
        Column(fmt_.t["options"]["col_plan"], shrink=True, wrap=True, min_width=20),
    ]
    return render(fmt, columns, rows)


def _count_table(fmt: str, fmt_: Formatter, found: SteeringOptions) -> str:
    inst, ranking = found.instance, found.plan.ranking
    none = fmt_.t["options"]["none"]
    rows = [
        (
            fmt_.num(c.max_count),
            "–" if c.plan is None else fmt_.num(c.plan.value, 1),
            "–" if c.plan is None else fmt_.days(c.plan.effort),
            none if c.plan is None else ", ".join(members(inst, ranking, c.plan)),
        )
        for c in found.by_count
    ]
    columns = [
        *_cols(fmt_, "max", "value", "effort", left=0),
        Column(fmt_.t["options"]["col_plan"], shrink=True, wrap=True, min_width=20),
    ]
    return render(fmt, columns, rows)


def _scenario_table(fmt: str, fmt_: Formatter, found: SteeringOptions) -> str:
    rows = [
        (
            s.name,
            fmt_.num(o.plan.value, 1),
            fmt_.days(o.plan.effort),
            fmt_.money(o.plan.cost),
            fmt_.pct(o.closure),
            "–" if o.finish_week is None else fmt_.num(o.finish_week),
            ", ".join(o.plan.members),
        )
        for s, o in found.scenarios
    ]
    t = fmt_.t["options"]
    columns = [
        Column(t["col_scenario"], shrink=True, wrap=True, min_width=12),
        *_cols(fmt_, "value", "effort", "cost", "closure", "week", left=0),
        Column(t["col_plan"], shrink=True, wrap=True, min_width=20),
    ]
    return render(fmt, columns, rows)
