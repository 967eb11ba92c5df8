"""Scores, the optimal plan and its sensitivity as table, Markdown, CSV or JSON text."""

from __future__ import annotations

import textwrap
from typing import Any

from ...analysis.plan import Alternative, Departure, LapPlan, OverCapacity
from ...analysis.scoring import Ranking
from ...analysis.sensitivity import Sensitivity
from ...content import reasons
from ...content.formatter import Formatter
from ...content.words import Words, for_format, words
from ...models import Engagement
from ..data.shapes import OverCapacityJson, PlanJson
from .tables import Column, as_json, md_escape, render, titled


def score(x: float) -> str:
    return f"{x:.2f}"


def value(x: float) -> str:
    return f"{x:.1f}"


def days(x: float) -> str:
    return f"{x:.1f}"


def money(x: float) -> str:
    """An amount of money as machines and people both read it: whole units, no separators."""
    return f"{x:.0f}"


# --- malmiljo score ---------------------------------------------------------------------------

RANK = Column("rank", "right", min_width=4)
ID = Column("id")  # never shortened: the id is what people type next
TITLE = Column("title", shrink=True, min_width=10)
EFFORT = Column("effort", "right")
QUADRANT = Column("quadrant")
SCORE_COLUMNS = (RANK, ID, TITLE, Column("score", "right"), EFFORT, QUADRANT)


def scores_as(fmt: str, ranking: Ranking, *, lang: str = "en") -> str:
    """The ranking, best first; JSON adds every input the method used."""
    if fmt == "json":
        return as_json([_score_json(ranking, s.id) for s in ranking.scores])
    say = for_format(fmt, lang)
    rows = [
        (str(s.rank), s.id, s.title, score(s.score), days(s.effort), say.quadrant(s.quadrant))
        for s in ranking.scores
    ]
    table = render(fmt, titled(SCORE_COLUMNS, say), rows)
    if fmt == "csv":
        return table
    return "\n".join([table, "", *_score_notes(ranking, say, markdown=fmt == "md")])


def _score_json(ranking: Ranking, ident: str) -> dict[str, Any]:
    s = ranking.by_id[ident]
    return {
        "id": s.id,
        "rank": s.rank,
        "score": round(s.score, 6),
        "quadrant": s.quadrant,
        "title": s.title,
        "status": s.status,
        "value": round(s.value, 6),
        "effort": s.effort,
        "method": ranking.method,
        "inputs": {k: round(v, 6) for k, v in s.inputs.items()},
    }


def _score_notes(ranking: Ranking, say: Words, *, markdown: bool) -> list[str]:
    esc = md_escape if markdown else (lambda t: t)
    method = say.term(f"methods.{ranking.method}", ranking.method)
    notes = [say.phrase("score.method", method=method, weights=_weights(ranking, say))]
    quadrants = ", ".join(say.quadrant(q) for q in QUADRANTS)
    notes.append(
        say.phrase("score.quadrants", names=quadrants, median=say.days(ranking.median_effort))
    )
    votes = ranking.votes
    if votes.source != "none":
        notes.append(
            say.phrase("score.votes_dots" if votes.source == "dots" else "score.votes_borda")
        )
    if votes.condorcet:
        notes.append(say.phrase("score.condorcet", id=esc(votes.condorcet)))
    if markdown:
        return [f"- {n}" for n in notes]
    return [textwrap.fill(n, 80, subsequent_indent="  ") for n in notes]


QUADRANTS = ("quick_win", "major_project", "fill_in", "thankless")


def _weights(ranking: Ranking, say: Words) -> str:
    if not ranking.weights:
        return ""
    named = sorted((say.term(f"criteria.{c}", c), w) for c, w in ranking.weights.items())
    return " (" + ", ".join(f"{c} {say.num(w, 2)}" for c, w in named) + ")"


# --- malmiljo prioritise ----------------------------------------------------------------------


BASIS_COLUMN = Column("why in the plan", shrink=True, min_width=12)
PLAN_COLUMNS = (RANK, ID, TITLE, Column("value", "right"), EFFORT, BASIS_COLUMN)
LEFT_COLUMNS = (
    ID,
    Column("why not", shrink=True, min_width=20, wrap=True),
)
CSV_COLUMNS = (
    Column("id"),
    Column("in_plan"),
    Column("rank"),
    Column("value"),
    Column("effort"),
    Column("reason"),
)


def capacity_hint(lang: str) -> str:
    """What to add to engagement.yaml for a plan: a hint on standard error, never in the data
    (the report asks the steering group for the figure instead)."""
    say = words(lang)
    return "\n".join((say.phrase("plan.hint"), "", *say.lines("plan.capacity_hint")))


def plan_as(fmt: str, plan: LapPlan, ranking: Ranking, eng: Engagement) -> str:
    """The lap's plan, departures from decisions, runners-up and why each other one waits."""
    if fmt == "json":
        return as_json(plan_json(plan))
    if fmt == "csv":
        return render("csv", CSV_COLUMNS, _csv_rows(plan, ranking, eng))
    heading = "## " if fmt == "md" else ""
    say = for_format(fmt, eng.meta.language)
    parts = [f"{heading}{_title(plan, say)}", ""]
    parts += _wrap_lines(fmt, plan_summary(plan, say, currency=currency_of(eng), eng=eng))
    parts += [
        "",
        render(
            fmt,
            titled(PLAN_COLUMNS, say),
            [_plan_row(plan, ranking, eng, i, say) for i in plan.members],
        ),
    ]
    note = "plan.order_note" if plan.has_capacity else "plan.order_note_no_capacity"
    parts += _wrap_lines(fmt, ["", say.phrase(note)])
    if plan.departures:
        parts += ["", f"{heading}{say.phrase('plan.departures')}", ""]
        parts += _bullets(fmt, [departure_sentence(d, say) for d in plan.departures])
    if plan.has_capacity and not plan.over_capacity:
        parts += ["", f"{heading}{say.phrase('plan.runners_up')}", ""]
        parts += [_alternative(plan, a, fmt, say) for a in plan.alternatives] or [
            say.phrase("plan.no_runner_up")
        ]
    words_of = Formatter(eng, eng.meta.language)
    left = [(r.id, reasons.reason(r, plan, words_of)) for r in plan.left_out]
    if left:
        parts += ["", f"{heading}{say.label('left_out', 'Left out')}", ""]
        parts += [render(fmt, titled(LEFT_COLUMNS, say), left)]
    return "\n".join(parts)


def _title(plan: LapPlan, say: Words) -> str:
    method = say.term(f"methods.{plan.method}", plan.method)
    if not plan.has_capacity:
        return say.phrase("plan.title_no_capacity", method=method)
    return say.phrase("plan.title_freed" if plan.reconsidered else "plan.title", method=method)


def currency_of(eng: Engagement) -> str:
    """The engagement's currency (SEK in Swedish when it names none), as the report shows it."""
    given = eng.meta.currency
    return given if given is not None else ("SEK" if eng.meta.language == "sv" else "")


def plan_summary(
    plan: LapPlan, say: Words, *, currency: str = "", eng: Engagement | None = None
) -> list[str]:
    """The plan in a sentence or two: size, value, effort against capacity, what binds."""
    if not plan.has_capacity:
        return [
            say.phrase("plan.no_capacity", n=len(plan.members)),
        ]
    assert plan.budget is not None
    count = _count(plan, say)
    lines = [
        say.phrase(
            "plan.summary",
            count=count,
            value=say.num(plan.value, 1),
            effort=say.num(plan.effort, 1),
            budget=say.num(plan.budget, 1),
            committed=say.num(len(plan.committed)),
        )
    ]
    if plan.cost or plan.cost_budget is not None:
        unit = f" {currency}" if currency else ""
        limit = (
            ""
            if plan.cost_budget is None
            else say.phrase("plan.cost_of", budget=money(plan.cost_budget))
        )
        lines.append(say.phrase("plan.cost", cost=money(plan.cost), limit=limit, unit=unit))
    if plan.over_capacity is not None and eng is not None:
        lines.append(reasons.over_capacity(plan.over_capacity, Formatter(eng, eng.meta.language)))
    return lines


def _count(plan: LapPlan, say: Words) -> str:
    if plan.max_count:
        return say.phrase("plan.count_max", n=len(plan.members), max=say.num(plan.max_count))
    return say.phrase("plan.count", n=len(plan.members))


def departure_sentence(d: Departure, say: Words) -> str:
    """One departure in words (the report's sentence, with the id), with what keeping the
    decision costs."""
    key = d.kind if d.value_delta is not None else f"{d.kind}_plain"
    delta = "" if d.value_delta is None else say.num(abs(d.value_delta), 1)
    return say.phrase(f"departures.{key}", title=d.id, delta=delta)


def _plan_row(
    plan: LapPlan, ranking: Ranking, eng: Engagement, ident: str, say: Words
) -> tuple[str, ...]:
    s = ranking.by_id[ident]
    return (
        str(s.rank),
        s.id,
        s.title,
        value(s.value),
        days(s.effort),
        _basis(plan, eng, ident, say),
    )


def _basis(plan: LapPlan, eng: Engagement, ident: str, say: Words) -> str:
    """Why a member is in the plan in the report's words, with ids rather than titles."""
    if ident in plan.committed:
        return say.status(eng.initiative_by_id[ident].status)
    if ident in plan.needed_by:
        return say.phrase("basis_needed_by", names=", ".join(plan.needed_by[ident]))
    return say.phrase("basis_chosen")


def _bullets(fmt: str, lines: list[str]) -> list[str]:
    if fmt == "md":
        return [f"- {md_escape(line)}" for line in lines]
    return [textwrap.fill(line, 80, initial_indent="- ", subsequent_indent="  ") for line in lines]


def _wrap_lines(fmt: str, lines: list[str]) -> list[str]:
    if fmt == "md":
        return lines
    return [
        textwrap.fill(line, 80, subsequent_indent="  ")
        if line.strip() and not line.startswith(" ") and len(line) > 80
        else line
        for line in lines
    ]


def _alternative(plan: LapPlan, alt: Alternative, fmt: str, say: Words) -> str:
    added = [i for i in alt.members if i not in plan.members]
    dropped = [i for i in plan.members if i not in alt.members]
    esc = md_escape if fmt == "md" else (lambda t: t)
    swap = " ".join([*(f"+{esc(a)}" for a in added), *(f"-{esc(d)}" for d in dropped)])
    line = "- " + say.phrase(
        "plan.runner_up",
        value=say.num(alt.value, 1),
        delta=say.num(alt.value - plan.value, 1),
        effort=say.num(alt.effort, 1),
        swap=swap,
    )
    return line if fmt == "md" else textwrap.fill(line, 80, subsequent_indent="  ")


def _csv_rows(plan: LapPlan, ranking: Ranking, eng: Engagement) -> list[tuple[str, ...]]:
    words_of = Formatter(eng, eng.meta.language)
    why = {r.id: reasons.reason(r, plan, words_of) for r in plan.left_out}
    return [
        (
            s.id,
            "yes" if s.id in plan else "no",
            str(s.rank),
            value(s.value),
            days(s.effort),
            why.get(s.id, ""),
        )
        for s in ranking.scores
    ]


def plan_json(plan: LapPlan) -> PlanJson:
    """The documented JSON object: selected (every member, best first), totals, budget, max,
    method, alternatives, excluded; committed, departures and needed_by."""
    return {
        "method": plan.method,
        "budget": plan.budget,
        "max": plan.max_count,
        "selected": list(plan.members),
        "total_value": round(plan.value, 6),
        "total_effort": plan.effort,
        "total_cost": round(plan.cost, 2),
        "cost_budget": plan.cost_budget,
        "committed": list(plan.committed),
        "needed_by": {k: list(v) for k, v in plan.needed_by.items()},
        "done": list(plan.done),
        "over_capacity": _over_json(plan.over_capacity),
        "reconsidered": plan.reconsidered,
        "departures": [
            {
                "id": d.id,
                "kind": d.kind,
                "value_delta": None if d.value_delta is None else round(d.value_delta, 6),
            }
            for d in plan.departures
        ],
        "alternatives": [
            {
                "selected": list(a.members),
                "total_value": round(a.value, 6),
                "total_effort": a.effort,
            }
            for a in plan.alternatives
        ],
        "excluded": [
            {
                "id": r.id,
                "reason": r.code,
                "days": round(r.days, 6),
                "room": round(r.room, 6),
                "count": r.count,
                "breaks": list(r.breaks),
                "cost": round(r.cost, 2),
                "cost_room": None if r.cost_room is None else round(r.cost_room, 2),
                "needs": list(r.needs),
                "possible": r.possible,
                "best_with": None if r.best_with is None else round(r.best_with, 6),
                "displaces": None if r.displaces is None else list(r.displaces),
            }
            for r in plan.left_out
        ],
        "solver": plan.solver,
    }


def _over_json(over: OverCapacity | None) -> OverCapacityJson | None:
    if over is None:
        return None
    return {
        "effort": over.effort,
        "budget": over.budget,
        "count": over.count,
        "limit": over.limit,
        "breaks": list(over.breaks),
        "cost": round(over.cost, 2),
        "cost_budget": over.cost_budget,
    }


# --- malmiljo prioritise --sensitivity -------------------------------------------------------

SHARE_COLUMNS = (
    ID,
    Column("chosen", "right"),
    Column("in optimum"),
    Column("stability"),
)


def sensitivity_as(fmt: str, result: Sensitivity, *, method: str, lang: str = "en") -> str:
    """Per initiative, the share of runs in which it was chosen: core, swing or out."""
    if fmt == "json":
        return as_json(
            {
                "method": method,
                "runs": result.runs,
                "seed": result.seed,
                "shares": [
                    {
                        "id": s.id,
                        "share": round(s.share, 6),
                        "in_optimum": s.in_optimum,
                        "stability": s.stability,
                    }
                    for s in result.shares
                ],
            }
        )
    say = for_format(fmt, lang)
    yes = say.phrase("yes_mark") if fmt != "csv" else "yes"
    rows = [
        (s.id, f"{100 * s.share:.1f}%", yes if s.in_optimum else "", say.stability(s.stability))
        for s in result.shares
    ]
    table = render(fmt, titled(SHARE_COLUMNS, say), rows)
    if fmt == "csv":
        return table
    named = say.term(f"methods.{method}", method)
    note = say.phrase("sensitivity.note", runs=say.num(result.runs), method=named, seed=result.seed)
    return "\n".join([table, "", note if fmt == "md" else textwrap.fill(note, 80)])
