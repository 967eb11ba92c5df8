"""The steering group's choices in words: each decision with its real options and what each
buys or costs (days, money, the lap's closure, the finish week), the recommendation as a
conclusion, and the frontier chart. Every option is an exact plan (analysis/steering.py)."""

from __future__ import annotations

from collections.abc import Iterable

from ..analysis.options import FitOption
from ..analysis.scenarios import Outcome, closure_of
from ..analysis.steering import FitPlan, SteeringOptions
from ..models import Engagement
from ..write.charts import svg as charts
from .context import Chart, Choice, OptionLine, Plot, PlotSeries
from .formatter import Formatter


def consequence(fmt: Formatter, found: Outcome) -> str:
    """What an option's plan brings: size, days, money, the lap's closure, the finish week."""
    return plan_consequence(
        fmt,
        count=len(found.plan.members),
        effort=found.plan.effort,
        cost=found.plan.cost,
        closure=found.closure,
        week=found.finish_week,
    )


def plan_consequence(
    fmt: Formatter, *, count: int, effort: float, cost: float, closure: float, week: int | None
) -> str:
    t = fmt.t
    finish = "" if week is None else t["options"]["finish"].format(week=fmt.num(week))
    return str(t["consequence"]).format(
        n=fmt.num(count),
        effort=fmt.days(effort),
        cost=fmt.money(cost),
        closure=fmt.pct(closure),
        week=finish,
    )


def fit_words(
    fmt: Formatter, eng: Engagement, option: FitOption, stop: Iterable[str], defer: Iterable[str]
) -> str:
    """A way to make the decided work fit, plainly: "10 persondagar till", "stoppa Två team..."."""
    t = fmt.t["options"]
    words = []
    if option.kind == "capacity":
        if option.days:
            words.append(t["capacity_days"].format(days=fmt.days(option.days)))
        if option.count:
            key = "capacity_count_one" if option.count == 1 else "capacity_count"
            words.append(t[key].format(n=fmt.num(option.count)))
        if option.money:
            words.append(t["capacity_money"].format(money=fmt.money(option.money)))
        return ", ".join(words)
    titles = eng.initiative_by_id
    if stop:
        words.append(t["stop"].format(names=fmt.names([titles[i].title for i in stop], limit=9)))
    if defer:
        words.append(t["defer"].format(names=fmt.names([titles[i].title for i in defer], limit=9)))
    words.append(t["frees"].format(days=fmt.days(option.frees)))
    return ", ".join(words)


def fit_label(fmt: Formatter, eng: Engagement, fit: FitPlan) -> str:
    text = fit_words(fmt, eng, fit.option, fit.change.stop, fit.change.defer)
    return text[:1].upper() + text[1:]


def choices(eng: Engagement, found: SteeringOptions, fmt: Formatter) -> tuple[Choice, ...]:
    """Each decision with its real options: how over-committed work can fit, whether to raise a
    binding count limit, which named scenario to take."""
    t = fmt.t
    asked: list[Choice] = []
    if found.fit:
        asked.append(
            Choice(
                t["choice_fit"],
                tuple(
                    OptionLine(fit_label(fmt, eng, f), consequence(fmt, f.outcome))
                    for f in found.fit
                ),
            )
        )
    raise_count = _raise_count(eng, found, fmt)
    if raise_count is not None:
        asked.append(raise_count)
    if found.scenarios:
        lines = [OptionLine(t["choice_as_planned"], consequence(fmt, found.plan))]
        lines += [OptionLine(s.name, consequence(fmt, o)) for s, o in found.scenarios]
        asked.append(Choice(t["choice_scenarios"], tuple(lines)))
    return tuple(asked)


def _raise_count(eng: Engagement, found: SteeringOptions, fmt: Formatter) -> Choice | None:
    """When the count limit binds with days to spare: keep it, or allow one more."""
    limit = found.instance.max_count
    if found.idle is None or not found.idle.count_binds or limit is None:
        return None
    more = next((c.plan for c in found.by_count if c.max_count == limit + 1), None)
    if more is None:
        return None
    inst = found.instance
    ids = [inst.ids[i] for i in more.members]
    t = fmt.t
    raised = plan_consequence(
        fmt,
        count=len(ids),
        effort=more.effort,
        cost=inst.cost_of(more.members),
        closure=closure_of(eng, ids),
        week=None,
    )
    gain = fmt.num(more.value - found.plan.plan.value, 1)
    return Choice(
        t["choice_count"].format(max=fmt.num(limit), days=fmt.days(found.idle.days)),
        (
            OptionLine(
                t["choice_keep_count"].format(max=fmt.num(limit)), consequence(fmt, found.plan)
            ),
            OptionLine(t["choice_raise_count"].format(more=fmt.num(limit + 1), gain=gain), raised),
        ),
    )


def headline(found: SteeringOptions, fmt: Formatter) -> str:
    """The recommendation as a conclusion, for the deck's slide title."""
    plan = found.plan.plan
    if plan.over_capacity:
        inst = found.instance
        over = inst.effort_of(inst.closure(inst.must)) - inst.budget
        if over > 0:
            return str(fmt.t["headline_over"]).format(days=fmt.days(over))
        return str(fmt.t["headline_over_count"]).format(max=fmt.num(inst.max_count or 0))
    return fmt.say(
        "headline_plan",
        len(plan.members),
        share=fmt.pct(found.plan.closure),
        effort=fmt.days(plan.effort),
    )


def frontier_headline(found: SteeringOptions, fmt: Formatter) -> str:
    """What more capacity buys, as a conclusion: the next step of the frontier past the plan."""
    points = found.frontier.points
    value = found.plan.plan.value
    effort = found.plan.plan.effort
    better = [p for p in points if p.plan.value > value + 1e-9 and p.budget > effort]
    if not better:
        return str(fmt.t["frontier_flat"])
    nxt = better[0]
    # Over capacity the plan already takes more than the budget: count from what it takes.
    base = effort if nxt.budget <= found.instance.budget else max(effort, found.instance.budget)
    return str(fmt.t["frontier_more"]).format(
        days=fmt.days(nxt.budget - base), gain=fmt.num(nxt.plan.value - value, 1)
    )


def frontier_chart(found: SteeringOptions, fmt: Formatter) -> Chart | None:
    """Value against person-days, the plan marked; None with fewer than two points."""
    points = found.frontier.points
    if len(points) < 2:
        return None
    t = fmt.t
    steps = [(p.budget, round(p.plan.value, 6)) for p in points]
    plan = found.plan.plan
    title = str(t["frontier_title"])
    alt = str(t["frontier_alt"]).format(
        n=fmt.num(len(points)),
        low=fmt.days(found.frontier.low),
        high=fmt.days(found.frontier.high),
        effort=fmt.days(plan.effort),
        value=fmt.num(plan.value, 1),
    )
    labels = charts.FrontierLabels(
        x_title=str(t["frontier_x"]),
        y_title=str(t["frontier_y"]),
        plan=str(t["frontier_plan"]),
        budget=str(t["frontier_budget"]),
    )
    svg = charts.frontier(
        title=title,
        steps=steps,
        end=found.frontier.high,
        plan=(plan.effort, plan.value),
        budget=found.instance.budget,
        labels=labels,
    )
    plot = Plot(
        series=(
            PlotSeries(
                str(t["frontier_y"]),
                "#0072b2",
                tuple(v for _, v in steps),
                xs=tuple(x for x, _ in steps),
            ),
        ),
        low=found.frontier.low,
        high=found.frontier.high,
        x_title=labels.x_title,
        y_title=labels.y_title,
    )
    return Chart("frontier", title, svg, alt=alt, plot=plot)
