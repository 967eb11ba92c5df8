"""Going round again: what carries over into a new lap, and the trend over laps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..models import STATUSES, Engagement, Initiative
from .diff import InitiativeRef, lap_gaps, ref

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
    lap_gap: int  # left after that lap's own plan and the work done by then
    projected_gap: int  # left after the whole backlog (every initiative not dropped)
    achieved_gap: int
    lap_closure: float  # the share that lap's plan closes, as `gap` gave it at that revision
    backlog_closure: float  # the share the whole backlog closes
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
    """The gap totals and status counts of the engagement as it stood in one lap; "after the lap"
    by the plan that lap's files give."""
    total = lap_gaps(eng).total
    counts = status_counts(eng)
    return LapPoint(
        lap=lap,
        revision=revision,
        commit=commit,
        weighted_gap=total.weighted_gap,
        lap_gap=total.lap_gap,
        projected_gap=total.projected_gap,
        achieved_gap=total.achieved_gap,
        lap_closure=total.lap_closure,
        backlog_closure=total.closure,
        counts=counts,
    )


def status_counts(eng: Engagement) -> tuple[tuple[str, int], ...]:
    """(status, count) for every initiative in the files, dropped ones too, in the method's
    order: the one count of initiatives that key figures, status rows and the history share."""
    return tuple((s, sum(i.status == s for i in eng.initiatives)) for s in STATUSES)


def open_scores(eng: Engagement) -> dict[str, float]:
    """Scores of the open initiatives by the engagement's method (weighted if it lacks inputs)."""
    from .scoring import MissingInputs, rank

    try:
        ranking = rank(eng)
    except MissingInputs:  # rice/ice need reach and confidence; a lap must not fail on that
        ranking = rank(eng, method="weighted")
    return {s.id: s.score for s in ranking.scores}
