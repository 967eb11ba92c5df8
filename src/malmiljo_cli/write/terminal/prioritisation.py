"""Scores, the optimal plan and its sensitivity as table, Markdown, CSV or JSON text."""

from __future__ import annotations

import textwrap
from typing import Any

from ...analysis.plan import Alternative, Departure, LapPlan, OverCapacity
from ...analysis.scoring import Ranking
from ...analysis.sensitivity import Sensitivity
from ...content import reasons
from ...content.formatter import Formatter
from ...content.words import Words, for_format
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
    return "\n".join([table, "", *_score_notes(ranking, markdown=fmt == "md")])


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


def _score_notes(ranking: Ranking, *, markdown: bool) -> list[str]:
    esc = md_escape if markdown else (lambda t: t)
    notes = [f"method: {ranking.method}{_weights(ranking)}"]
    notes.append(
        "quadrants: quick_win (quick win), major_project (major project), fill_in (fill-in), "
        f"thankless (thankless task); high effect is above 3; low effort is at or below the median "
        f"({ranking.median_effort:g} days)"
    )
    votes = ranking.votes
    if votes.source != "none":
        notes.append(
            f"votes: {'dots' if votes.source == 'dots' else 'Borda points of the ballots'}"
        )
    if votes.condorcet:
        notes.append(f"Condorcet winner of the ballots: {esc(votes.condorcet)}")
    if markdown:
        return [f"- {n}" for n in notes]
    return [textwrap.fill(n, 80, subsequent_indent="  ") for n in notes]


def _weights(ranking: Ranking) -> str:
    if not ranking.weights:
        return ""
    return " (" + ", ".join(f"{c} {w:.2f}" for c, w in sorted(ranking.weights.items())) + ")"


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
CAPACITY_HINT = (
    "capacity:",
    "  budget: 100          # person-days the lap's plan may take",
    "  max_initiatives: 5   # optional: the most initiatives at once",
)


def capacity_hint() -> str:
    """What to add to engagement.yaml for a plan: a hint on standard error, never in the data
    (the report asks the steering group for the figure instead)."""
    return "\n".join(("hint: add to engagement.yaml:", "", *CAPACITY_HINT))


def basis(plan: LapPlan, eng: Engagement, ident: str) -> str:
    """Why a member is in the plan: in progress, decided, needed by decided work, or chosen."""
    if ident in plan.committed:
        return "in progress" if eng.initiative_by_id[ident].status == "in_progress" else "decided"
    if ident in plan.needed_by:
        return f"needed by {', '.join(plan.needed_by[ident])}"
    return "optimiser"


def plan_as(fmt: str, plan: LapPlan, ranking: Ranking, eng: Engagement) -> str:
    """The lap's plan, departures from decisions, runners-up and why each other one waits."""
    if fmt == "json":
        return as_json(plan_json(plan))
    if fmt == "csv":
        return render("csv", CSV_COLUMNS, _csv_rows(plan, ranking, eng))
    heading = "## " if fmt == "md" else ""
    say = for_format(fmt, eng.meta.language)
    parts = [f"{heading}This lap's plan ({plan.method}{_how(plan)})", ""]
    parts += _wrap_lines(fmt, plan_summary(plan, eng, currency=currency_of(eng)))
    parts += [
        "",
        render(
            fmt,
            titled(PLAN_COLUMNS, say),
            [_plan_row(plan, ranking, eng, i, say) for i in plan.members],
        ),
    ]
    parts += _wrap_lines(fmt, ["", ORDER_NOTE])
    if plan.departures:
        parts += ["", f"{heading}Departures from decisions", ""]
        parts += _bullets(fmt, [departure_sentence(d) for d in plan.departures])
    if plan.has_capacity and not plan.over_capacity:
        parts += ["", f"{heading}Runners-up", ""]
        parts += [_alternative(plan, a, fmt) for a in plan.alternatives] or [
            "none: no other plan fits"
        ]
    words_of = Formatter(eng, eng.meta.language)
    left = [(r.id, reasons.reason(r, plan, words_of)) for r in plan.left_out]
    if left:
        parts += ["", f"{heading}Left out", "", render(fmt, titled(LEFT_COLUMNS, say), left)]
    return "\n".join(parts)


ORDER_NOTE = (
    "rows are in rank order (the score: value against effort); decided work and work in "
    "progress are kept with what they need, and the optimiser fills the capacity left with "
    "the most value (the sum of the value column)"
)


def _how(plan: LapPlan) -> str:
    if not plan.has_capacity:
        return ", no capacity"
    return ", every decision freed" if plan.reconsidered else ""


def currency_of(eng: Engagement) -> str:
    """The engagement's currency (SEK in Swedish when it names none), as the report shows it."""
    given = eng.meta.currency
    return given if given is not None else ("SEK" if eng.meta.language == "sv" else "")


def plan_summary(plan: LapPlan, eng: Engagement, *, currency: str = "") -> list[str]:
    """The plan in a sentence or two: size, value, effort against capacity, what binds."""
    if not plan.has_capacity:
        return [
            "Without capacity.budget there is no capacity to plan within: the plan holds only "
            f"the decided work ({len(plan.members)})."
        ]
    assert plan.budget is not None
    count = f"{len(plan.members)}" + (f" of at most {plan.max_count}" if plan.max_count else "")
    lines = [
        f"{count} initiatives, value {value(plan.value)}, "
        f"effort {days(plan.effort)} of {days(plan.budget)} person-days"
        f" ({len(plan.committed)} decided)"
    ]
    if plan.cost or plan.cost_budget is not None:
        unit = f" {currency}" if currency else ""
        limit = "" if plan.cost_budget is None else f" of {money(plan.cost_budget)}"
        lines.append(f"Cost {money(plan.cost)}{limit}{unit}.")
    if plan.over_capacity is not None:
        lines.append(reasons.over_capacity(plan.over_capacity, Formatter(eng, eng.meta.language)))
    return lines


def departure_sentence(d: Departure) -> str:
    """One departure in words, with what keeping the decision costs."""
    if d.kind == "committed_not_optimal":
        gain = "nothing" if d.value_delta is None else value(d.value_delta)
        return f"{d.id} is decided; freeing it would let the plan gain {gain}"
    if d.value_delta is None:
        return (
            f"{d.id} is not decided; freed from the decisions, the optimiser would take it "
            "(beside the decisions it does not fit)"
        )
    return (
        f"{d.id} is not decided; freed from the decisions, the optimiser would take it "
        f"(with every decision kept, the best plan with it is worth {value(-d.value_delta)} less)"
    )


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
    """`basis` in the engagement's words (the report's), with ids rather than titles."""
    if ident in plan.committed:
        return say.status(eng.initiative_by_id[ident].status)
    if ident in plan.needed_by:
        template = say.label("basis_needed_by", "needed by {names}")
        return template.format(names=", ".join(plan.needed_by[ident]))
    return say("optimiser")


def _bullets(fmt: str, lines: list[str]) -> list[str]:
    if fmt == "md":
        return [f"- {md_escape(line)}" for line in lines]
    return [textwrap.fill(line, 80, initial_indent="- ", subsequent_indent="  ") for line in lines]


def _wrap_lines(fmt: str, lines: list[str]) -> list[str]:
    if fmt == "md":
        return lines
    return [
        textwrap.fill(line, 80, subsequent_indent="  ")
        if line.strip() and not line.startswith(" ") and not line.endswith(":")
        else line
        for line in lines
    ]


def _alternative(plan: LapPlan, alt: Alternative, fmt: str) -> str:
    added = [i for i in alt.members if i not in plan.members]
    dropped = [i for i in plan.members if i not in alt.members]
    esc = md_escape if fmt == "md" else (lambda t: t)
    swap = " ".join([*(f"+{esc(a)}" for a in added), *(f"-{esc(d)}" for d in dropped)])
    line = (
        f"- value {value(alt.value)} ({value(alt.value - plan.value)}), "
        f"effort {days(alt.effort)}: {swap}"
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
    rows = [
        (s.id, f"{100 * s.share:.1f}%", "yes" if s.in_optimum else "", s.stability)
        for s in result.shares
    ]
    table = render(fmt, titled(SHARE_COLUMNS, for_format(fmt, lang)), rows)
    if fmt == "csv":
        return table
    note = (
        f"{result.runs} runs ({method}, seed {result.seed}): core = chosen in at least 90% of "
        "runs, out = at most 10%, swing = in between: the ones to discuss"
    )
    return "\n".join([table, "", note if fmt == "md" else textwrap.fill(note, 80)])
