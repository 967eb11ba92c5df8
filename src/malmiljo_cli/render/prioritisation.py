"""Scores, the optimal plan and its sensitivity as table, Markdown, CSV or JSON text."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from ..analysis.scoring import Ranking
from ..analysis.selection import Choice, Instance, Solution
from ..analysis.sensitivity import Sensitivity
from .tables import Column, as_json, md_escape, render


def score(x: float) -> str:
    return f"{x:.2f}"


def value(x: float) -> str:
    return f"{x:.1f}"


def days(x: float) -> str:
    return f"{x:.1f}"


# --- malmiljo score ---------------------------------------------------------------------------

RANK = Column("rank", "right", min_width=4)
ID = Column("id", shrink=True, min_width=12)
TITLE = Column("title", shrink=True, min_width=10)
EFFORT = Column("effort", "right")
QUADRANT = Column("quadrant")
SCORE_COLUMNS = (RANK, ID, TITLE, Column("score", "right"), EFFORT, QUADRANT)


def scores_as(fmt: str, ranking: Ranking) -> str:
    """The ranking, best first; JSON adds every input the method used."""
    if fmt == "json":
        return as_json([_score_json(ranking, s.id) for s in ranking.scores])
    rows = [
        (str(s.rank), s.id, s.title, score(s.score), days(s.effort), s.quadrant)
        for s in ranking.scores
    ]
    table = render(fmt, SCORE_COLUMNS, rows)
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


@dataclass(frozen=True)
class PlanView:
    """What the plan renderers need: the problem, its solution, the ranking and the settings."""

    inst: Instance
    solution: Solution
    ranking: Ranking

    def ids(self, plan: Choice) -> list[str]:
        """A plan's ids, best score first."""
        return sorted((self.inst.ids[i] for i in plan.members), key=self._order)

    def _order(self, ident: str) -> tuple[int, str]:
        return self.ranking.by_id[ident].rank, ident


CHOSEN_COLUMNS = (RANK, ID, TITLE, Column("value", "right"), EFFORT, QUADRANT)
LEFT_COLUMNS = (
    ID,
    Column("why not", shrink=True, min_width=20, wrap=True),
)
CSV_COLUMNS = (
    Column("id"),
    Column("chosen"),
    Column("rank"),
    Column("value"),
    Column("effort"),
    Column("reason"),
)


def plan_as(fmt: str, view: PlanView) -> str:
    """The optimal plan, the runners-up and why each left-out initiative is out."""
    if fmt == "json":
        return as_json(plan_json(view))
    if fmt == "csv":
        return render("csv", CSV_COLUMNS, _csv_rows(view))
    best = view.solution.best
    chosen = [_chosen_row(view, ident) for ident in view.ids(best)]
    left = [(view.inst.ids[r.index], r.detail) for r in view.solution.reasons]
    heading = "## " if fmt == "md" else ""
    parts = [
        f"{heading}Optimal plan ({view.ranking.method})",
        "",
        _summary(view.inst, best),
        "",
        render(fmt, CHOSEN_COLUMNS, chosen),
        "",
        f"{heading}Runners-up",
        "",
        *(_alternative(view, plan, fmt) for plan in view.solution.alternatives),
    ]
    if not view.solution.alternatives:
        parts.append("none: no other plan fits")
    if left:
        parts += ["", f"{heading}Left out", "", render(fmt, LEFT_COLUMNS, left)]
    return "\n".join(parts)


def _summary(inst: Instance, plan: Choice) -> str:
    count = f"{len(plan.members)}" + (f" of at most {inst.max_count}" if inst.max_count else "")
    return (
        f"{count} initiatives, value {value(plan.value)}, "
        f"effort {days(plan.effort)} of {days(inst.budget)} days"
    )


def _chosen_row(view: PlanView, ident: str) -> tuple[str, ...]:
    s = view.ranking.by_id[ident]
    return (str(s.rank), s.id, s.title, value(s.value), days(s.effort), s.quadrant)


def _alternative(view: PlanView, plan: Choice, fmt: str) -> str:
    best = view.solution.best
    added = [view.inst.ids[i] for i in sorted(plan.members - best.members)]
    dropped = [view.inst.ids[i] for i in sorted(best.members - plan.members)]
    esc = md_escape if fmt == "md" else (lambda t: t)
    swap = " ".join([*(f"+{esc(a)}" for a in added), *(f"-{esc(d)}" for d in dropped)])
    line = (
        f"- value {value(plan.value)} ({value(plan.value - best.value)}), "
        f"effort {days(plan.effort)}: {swap}"
    )
    return line if fmt == "md" else textwrap.fill(line, 80, subsequent_indent="  ")


def _csv_rows(view: PlanView) -> list[tuple[str, ...]]:
    reasons = {view.inst.ids[r.index]: r.detail for r in view.solution.reasons}
    rows: list[tuple[str, ...]] = []
    for s in view.ranking.scores:
        chosen = s.id not in reasons
        rows.append(
            (
                s.id,
                "yes" if chosen else "no",
                str(s.rank),
                value(s.value),
                days(s.effort),
                reasons.get(s.id, ""),
            )
        )
    return rows


def plan_json(view: PlanView) -> dict[str, Any]:
    """The documented JSON object: selected, totals, budget, max, method, alternatives, excluded."""
    inst, solution = view.inst, view.solution
    return {
        "method": view.ranking.method,
        "budget": inst.budget,
        "max": inst.max_count,
        "selected": view.ids(solution.best),
        "total_value": round(solution.best.value, 6),
        "total_effort": solution.best.effort,
        "alternatives": [
            {"selected": view.ids(p), "total_value": round(p.value, 6), "total_effort": p.effort}
            for p in solution.alternatives
        ],
        "excluded": [
            {
                "id": inst.ids[r.index],
                "reason": r.code,
                "detail": r.detail,
                "needs": [inst.ids[i] for i in r.needs],
                "best_with": None if r.best_with is None else round(r.best_with, 6),
            }
            for r in solution.reasons
        ],
        "solver": solution.solver,
    }


# --- malmiljo prioritise --sensitivity -------------------------------------------------------

SHARE_COLUMNS = (
    ID,
    Column("chosen", "right"),
    Column("in optimum"),
    Column("stability"),
)


def sensitivity_as(fmt: str, result: Sensitivity, *, method: str) -> str:
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
    table = render(fmt, SHARE_COLUMNS, rows)
    if fmt == "csv":
        return table
    note = (
        f"{result.runs} runs ({method}, seed {result.seed}): core = chosen in at least 90% of "
        "runs, out = at most 10%, swing = in between: the ones to discuss"
    )
    return "\n".join([table, "", note if fmt == "md" else textwrap.fill(note, 80)])
