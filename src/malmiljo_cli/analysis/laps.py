"""Going round again: what carries over into a new lap, and the trend over laps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..models import STATUSES, Engagement, Initiative
from .diff import InitiativeRef, ref
from .gaps import analyse_gaps, gap_closed

DropReason = Literal["low_score", "at_target"]


@dataclass(frozen=True)
class DropCandidate:
    id: str
    title: str
    status: str
    score: float
    reasons: tuple[DropReason, ...]


@dataclass(frozen=True)
class CarryOver:
    lap: int  # the new lap
    done: tuple[InitiativeRef, ...]
    remaining: tuple[InitiativeRef, ...]
    drop_candidates: tuple[DropCandidate, ...]


@dataclass(frozen=True)
class LapPoint:
    """One lap in the history: where the gap stood and how the initiatives were spread."""

    lap: int
    revision: str
    commit: str
    weighted_gap: int
    projected_gap: int
    achieved_gap: int
    closure: float
    counts: tuple[tuple[str, int], ...]  # (status, count) in the method's order


def carry_over(eng: Engagement, *, new_lap: int, scores: Mapping[str, float]) -> CarryOver:
    """Done and remaining initiatives, and which of the remaining ones could be dropped."""
    live = [i for i in eng.initiatives if i.status != "dropped"]
    # Ranked among the open ones, as scoring ranks them: done work competes with nothing.
    low = bottom_third({i.id: scores.get(i.id, 0.0) for i in live if i.status != "done"})
    candidates = []
    for ini in live:
        reasons = _drop_reasons(eng, ini, new_lap=new_lap, low=low)
        if reasons:
            score = scores.get(ini.id, 0.0)
            candidates.append(DropCandidate(ini.id, ini.title, ini.status, score, reasons))
    return CarryOver(
        lap=new_lap,
        done=tuple(ref(i) for i in live if i.status == "done"),
        remaining=tuple(ref(i) for i in live if i.status != "done"),
        drop_candidates=tuple(candidates),
    )


def _drop_reasons(
    eng: Engagement, ini: Initiative, *, new_lap: int, low: set[str]
) -> tuple[DropReason, ...]:
    reasons: list[DropReason] = []
    # An initiative without added_in_lap has been there since the first lap.
    if ini.status == "proposed" and (ini.added_in_lap or 1) < new_lap and ini.id in low:
        reasons.append("low_score")
    if ini.status in ("proposed", "selected") and _only_at_target(eng, ini):
        reasons.append("at_target")
    return tuple(reasons)


def _only_at_target(eng: Engagement, ini: Initiative) -> bool:
    caps = [eng.capability_by_id.get(r.capability) for r in ini.raises]
    return bool(caps) and all(c is not None and c.current >= c.target for c in caps)


def bottom_third(scores: Mapping[str, float]) -> set[str]:
    """The ids that score below at least two thirds of the others (equal scores: none)."""
    values = list(scores.values())
    others = len(values) - 1
    return {i for i, s in scores.items() if 3 * sum(v > s for v in values) >= 2 * others > 0}


def lap_point(eng: Engagement, *, lap: int, revision: str, commit: str) -> LapPoint:
    """The gap totals and status counts of the engagement as it stood in one lap."""
    total = analyse_gaps(eng).total
    counts = tuple((s, sum(i.status == s for i in eng.initiatives)) for s in STATUSES)
    return LapPoint(
        lap=lap,
        revision=revision,
        commit=commit,
        weighted_gap=total.weighted_gap,
        projected_gap=total.projected_gap,
        achieved_gap=total.achieved_gap,
        closure=total.closure,
        counts=counts,
    )


# --- TODO(scoring): replace with analysis.scoring once the `scoring` branch is on main. ---------
def default_scores(eng: Engagement) -> dict[str, float]:
    """Stand-in weighted score: each criterion scaled to 0..1, times the engagement's weights."""
    inis = eng.initiatives
    votes = {i.id: 0 for i in inis}
    for workshop in eng.workshops:
        for ident, dots in workshop.votes.items():
            votes[ident] = votes.get(ident, 0) + dots
    closed = {i.id: gap_closed(eng, i) for i in inis}
    most = {
        "votes": max(votes.values(), default=0) or 1,
        "effort": max((i.effort for i in inis), default=1.0),
        "gap_closed": max(closed.values(), default=0) or 1,
    }
    weights = eng.meta.scoring.weights
    scores = {}
    for ini in inis:
        values = {
            "effect": ini.effect / 5,
            "urgency": ini.urgency / 5,
            "risk_reduction": ini.risk_reduction / 5,
            "votes": votes[ini.id] / most["votes"],
            "effort": ini.effort / most["effort"],
            "gap_closed": closed[ini.id] / most["gap_closed"],
        }
        scores[ini.id] = sum(w * values[c] for c, w in weights.items())
    return scores
