"""Scores: weighted criteria, WSJF, RICE and ICE; ranks, quadrants, and each method's value.

Every method splits into a *value* (the benefit, before effort) and a *score* (value against
effort). The ranking uses the score; the optimiser maximises value and lets effort enter only
through the budget, so effort is never counted twice.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from ..errors import MalmiljoError
from ..models import Engagement, Initiative
from ..models.engagement import Criterion, ScoringMethod
from .gaps import gap_closed
from .votes import VoteTally, tally

Quadrant = Literal["quick_win", "major_project", "fill_in", "thankless"]
METHODS: tuple[ScoringMethod, ...] = ("weighted", "wsjf", "rice", "ice")
OPEN_STATUSES = ("proposed", "selected", "in_progress")

# Intercom's impact scale (3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal) for effect 5..1.
RICE_IMPACT = {5: 3.0, 4: 2.0, 3: 1.0, 2: 0.5, 1: 0.25}
# ICE's ease on 1..10 from person-days: fixed bands, so adding an initiative never moves another's.
EASE_BANDS = ((1, 10), (2, 9), (5, 8), (10, 7), (20, 6), (40, 5), (60, 4), (100, 3), (200, 2))
RATING_MIN, RATING_MAX = 1, 5
RATING_MIDPOINT = (RATING_MIN + RATING_MAX) / 2
REQUIRED: dict[str, tuple[str, ...]] = {"rice": ("reach", "confidence"), "ice": ("confidence",)}
PRECISION = 9
FIGURES = (
    "effect",
    "urgency",
    "risk_reduction",
    "effort",
    "votes",
    "gap_closed",
    "reach",
    "confidence",
)
Columns = dict[str, list[float]]  # scores equal to 9 decimals are ties


@dataclass(frozen=True)
class Inputs:
    """What any method may use about one initiative; sensitivity runs perturb copies of these."""

    id: str
    effect: int
    urgency: int
    risk_reduction: int
    effort: float
    votes: float
    gap_closed: float
    reach: float | None
    confidence: float | None

    def rating(self, name: str) -> float:
        """A criterion's raw figure by name (effect, urgency, risk_reduction, votes, ...)."""
        value = getattr(self, name)
        return 0.0 if value is None else float(value)


@dataclass(frozen=True)
class Valued:
    """One initiative's value and score under a method, with the inputs the method used."""

    id: str
    value: float
    score: float
    used: Mapping[str, float]


@dataclass(frozen=True)
class Score:
    """One ranked initiative."""

    id: str
    title: str
    status: str
    rank: int
    score: float
    value: float
    effort: float
    effect: int
    quadrant: Quadrant
    inputs: Mapping[str, float]


@dataclass(frozen=True)
class Ranking:
    """Every open initiative under one method, best first."""

    method: ScoringMethod
    scores: tuple[Score, ...]
    weights: Mapping[str, float]
    median_effort: float
    votes: VoteTally
    by_id: Mapping[str, Score] = field(default_factory=dict)


class MissingInputs(MalmiljoError):
    """A method needs a field some initiatives lack; each (initiative, field) is named."""

    def __init__(self, method: str, needed: Sequence[str], missing: list[tuple[str, str]]) -> None:
        names = "; ".join(f"'{ident}' has no {name}" for ident, name in missing)
        super().__init__(f"the {method} method needs {' and '.join(needed)}: {names}")
        self.method = method
        self.needed = tuple(needed)
        self.missing = missing


def open_initiatives(eng: Engagement) -> list[Initiative]:
    """Initiatives still to decide on or to finish: not done, not dropped; sorted by id."""
    return [i for i in eng.initiatives if i.status in OPEN_STATUSES]


def inputs_for(
    eng: Engagement, initiatives: Sequence[Initiative], votes: VoteTally
) -> list[Inputs]:
    """The raw inputs of each initiative, with votes and the weighted gap it closes."""
    default_conf = eng.meta.scoring.default_confidence
    return [
        Inputs(
            id=i.id,
            effect=i.effect,
            urgency=i.urgency,
            risk_reduction=i.risk_reduction,
            effort=i.effort,
            votes=float(votes.votes(i.id)),
            gap_closed=float(gap_closed(eng, i)),
            reach=i.reach,
            confidence=i.confidence if i.confidence is not None else default_conf,
        )
        for i in initiatives
    ]


def rank(eng: Engagement, *, method: ScoringMethod | None = None) -> Ranking:
    """Score and rank every open initiative; ties share a rank and are listed by id."""
    method = method or eng.meta.scoring.method
    votes = tally(eng)
    candidates = open_initiatives(eng)
    inputs = inputs_for(eng, candidates, votes)
    weights = dict(eng.meta.scoring.weights)
    valued = evaluate(method, inputs, weights)
    median = statistics.median([i.effort for i in inputs]) if inputs else 0.0
    rows = [
        Score(
            id=ini.id,
            title=ini.title,
            status=ini.status,
            rank=0,
            score=v.score,
            value=v.value,
            effort=ini.effort,
            effect=ini.effect,
            quadrant=quadrant(ini.effect, ini.effort, median),
            inputs=v.used,
        )
        for ini, v in zip(candidates, valued, strict=True)
    ]
    ranked = tuple(assign_ranks(rows))
    return Ranking(
        method=method,
        scores=ranked,
        weights={c: w for c, w in weights.items() if method == "weighted"},
        median_effort=median,
        votes=votes,
        by_id={s.id: s for s in ranked},
    )


def assign_ranks(rows: Sequence[Score]) -> list[Score]:
    """Best first; equal scores share the better rank (1, 2, 2, 4) and are ordered by id."""
    ordered = sorted(rows, key=lambda s: (-round(s.score, PRECISION), s.id))
    ranked: list[Score] = []
    for position, row in enumerate(ordered, start=1):
        tied = ranked and round(ranked[-1].score, PRECISION) == round(row.score, PRECISION)
        ranked.append(replace(row, rank=ranked[-1].rank if tied else position))
    return ranked


def quadrant(effect: int, effort: float, median_effort: float) -> Quadrant:
    """Effect above the rating scale's midpoint is high; effort at or below the median is low."""
    high = effect > RATING_MIDPOINT
    cheap = effort <= median_effort
    if high:
        return "quick_win" if cheap else "major_project"
    return "fill_in" if cheap else "thankless"


def evaluate(
    method: ScoringMethod, inputs: Sequence[Inputs], weights: Mapping[Criterion, float]
) -> list[Valued]:
    """Value, score and the inputs used, for each initiative under `method`, in the order given."""
    _require(method, inputs)
    cols = columns(inputs)
    found = benefit(method, cols, weights)
    effort_term = _effort_term(cols, weights) if method == "weighted" else None
    return [
        Valued(
            ini.id, value, _score(method, value, ini, effort_term, i), _used(method, ini, weights)
        )
        for i, (ini, value) in enumerate(zip(inputs, found, strict=True))
    ]


def values(
    method: ScoringMethod, inputs: Sequence[Inputs], weights: Mapping[Criterion, float]
) -> list[float]:
    """Just the values, for the optimiser."""
    _require(method, inputs)
    return benefit(method, columns(inputs), weights)


def columns(inputs: Sequence[Inputs]) -> Columns:
    """The inputs column by column: one list of figures per field."""
    return {name: [ini.rating(name) for ini in inputs] for name in FIGURES}


def benefit(
    method: ScoringMethod, cols: Columns, weights: Mapping[Criterion, float]
) -> list[float]:
    """Each method's value, the benefit before effort, computed column-wise (sensitivity runs
    call this thousands of times, so it avoids per-initiative objects).

    weighted: each benefit criterion rescaled so its maximum is 100, weighted, summed;
    wsjf: effect + urgency + risk_reduction (the cost of delay); rice: reach x impact x
    confidence; ice: effect x confidence on 1..10.
    """
    if method == "weighted":
        total = [0.0] * len(cols["effort"])
        for criterion, weight in weights.items():
            if criterion != "effort":
                factor = _factor(weight, max(cols[criterion], default=0.0))
                total = [t + factor * x for t, x in zip(total, cols[criterion], strict=True)]
        return total
    effect = cols["effect"]
    if method == "wsjf":
        return [
            e + u + r
            for e, u, r in zip(effect, cols["urgency"], cols["risk_reduction"], strict=True)
        ]
    if method == "rice":
        return [
            reach * RICE_IMPACT[int(e)] * conf
            for reach, e, conf in zip(cols["reach"], effect, cols["confidence"], strict=True)
        ]
    return [e * confidence_1_10(conf) for e, conf in zip(effect, cols["confidence"], strict=True)]


def _factor(weight: float, maximum: float) -> float:
    """The multiplier that rescales a criterion to a maximum of 100 and weights it."""
    return 0.0 if maximum <= 0 else weight * 100.0 / maximum


def _effort_term(cols: Columns, weights: Mapping[Criterion, float]) -> list[float]:
    factor = _factor(weights.get("effort", 0.0), max(cols["effort"], default=0.0))
    return [factor * e for e in cols["effort"]]


def _score(
    method: ScoringMethod, value: float, ini: Inputs, effort_term: list[float] | None, i: int
) -> float:
    if effort_term is not None:
        return value + effort_term[i]
    if method == "ice":
        return value * ease_from_effort(_effort(ini))
    return value / _effort(ini)


def _used(
    method: ScoringMethod, ini: Inputs, weights: Mapping[Criterion, float]
) -> dict[str, float]:
    """The raw inputs a method used, for --format json."""
    if method == "weighted":
        return {c: ini.rating(c) for c in sorted(weights)}
    if method == "wsjf":
        names = ("effect", "urgency", "risk_reduction", "effort")
        return {n: ini.rating(n) for n in names}
    if method == "rice":
        impact = RICE_IMPACT[ini.effect]
        return {
            "reach": ini.rating("reach"),
            "impact": impact,
            "confidence": ini.rating("confidence"),
            "effort": ini.effort,
        }
    return {
        "impact": float(ini.effect),
        "confidence": confidence_1_10(ini.rating("confidence")),
        "ease": float(ease_from_effort(_effort(ini))),
        "effort": ini.effort,
    }


def confidence_1_10(fraction: float) -> float:
    """A 0..1 confidence on ICE's 1..10 scale (0.8 -> 8), never below 1."""
    return float(max(1, min(10, round(fraction * 10))))


def ease_from_effort(effort: float) -> int:
    """ICE's ease (10 = trivial) from person-days, by fixed bands: <=1 day 10 ... >200 days 1."""
    for limit, ease in EASE_BANDS:
        if effort <= limit:
            return ease
    return 1


def _effort(ini: Inputs) -> float:
    # The model already refuses effort <= 0; this guards callers that build Inputs themselves.
    if ini.effort <= 0:
        raise MalmiljoError(f"'{ini.id}' has effort {ini.effort}; effort must be above 0")
    return ini.effort


def _require(method: ScoringMethod, inputs: Sequence[Inputs]) -> None:
    needed = REQUIRED.get(method, ())
    missing = [(i.id, name) for i in inputs for name in needed if getattr(i, name) is None]
    if missing:
        raise MissingInputs(method, needed, missing)
