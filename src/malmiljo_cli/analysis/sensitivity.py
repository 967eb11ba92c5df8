"""How stable the optimal set is: re-solve under perturbed weights and ratings, count the choices.

Each run moves every 1-5 rating (effect, urgency, risk reduction) one step down, not at all, or
one step up (uniformly, kept on the scale) and, for the weighted method, draws the benefit
weights from a Dirichlet distribution centred on the configured ones. Efforts, votes and the
gap closed are facts, not judgements, and stay as they are; so do budget, maximum, must and
exclude. Runs use Python's `random` with a fixed seed, so the same seed gives the same report.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..models.engagement import Criterion, ScoringMethod
from .scoring import RATING_MAX, RATING_MIN, Columns, Inputs, benefit, columns, values
from .selection import Instance, enumerable, feasible_sets, solve

Stability = Literal["core", "swing", "out"]
CONCENTRATION = 50.0  # Dirichlet alpha = 50 x weight share: each weight moves about +-15% of itself
CORE, OUT = 0.9, 0.1  # chosen in at least 90% of runs: core; at most 10%: out; between: swing
CHUNK = 256  # runs per matrix product, to bound memory
RATINGS = ("effect", "urgency", "risk_reduction")
STEPS = (-1.0, 0.0, 1.0)


@dataclass(frozen=True)
class Share:
    """How often one initiative was chosen."""

    id: str
    share: float
    in_optimum: bool
    stability: Stability


@dataclass(frozen=True)
class Sensitivity:
    runs: int
    seed: int
    shares: tuple[Share, ...]


def sensitivity(
    inst: Instance,
    inputs: Sequence[Inputs],
    *,
    method: ScoringMethod,
    weights: Mapping[Criterion, float],
    runs: int,
    seed: int = 0,
) -> Sensitivity:
    """The share of `runs` perturbed runs in which each candidate is in the optimal set."""
    rng = random.Random(seed)
    values(method, inputs, weights)  # raises for missing inputs before any run
    base = columns(inputs)
    value_rows = [
        benefit(
            method,
            _perturb(base, rng),
            draw_weights(weights, rng) if method == "weighted" else weights,
        )
        for _ in range(runs)
    ]
    counts = _count_choices(inst, value_rows)
    optimum = solve(inst, alternatives=0, reasons=False).best.members
    shares = [
        Share(ident, counts[i] / runs if runs else 0.0, i in optimum, _stability(counts[i], runs))
        for i, ident in enumerate(inst.ids)
    ]
    shares.sort(key=lambda s: (-s.share, s.id))
    return Sensitivity(runs=runs, seed=seed, shares=tuple(shares))


def _stability(count: int, runs: int) -> Stability:
    share = count / runs if runs else 0.0
    if share >= CORE:
        return "core"
    return "out" if share <= OUT else "swing"


def _perturb(base: Columns, rng: random.Random) -> Columns:
    """Every rating one step down, unchanged or up, kept on the 1-5 scale."""
    moved = dict(base)
    for name in RATINGS:
        steps = rng.choices(STEPS, k=len(base[name]))
        moved[name] = [
            min(RATING_MAX, max(RATING_MIN, r + d)) for r, d in zip(base[name], steps, strict=True)
        ]
    return moved


def draw_weights(weights: Mapping[Criterion, float], rng: random.Random) -> dict[Criterion, float]:
    """Dirichlet around the positive benefit weights, keeping their sum; effort and others as set."""
    benefit = {c: w for c, w in weights.items() if c != "effort" and w > 0}
    total = sum(benefit.values())
    if not benefit:
        return dict(weights)
    draws = {
        c: rng.gammavariate(CONCENTRATION * w / total, 1.0) for c, w in sorted(benefit.items())
    }
    scale = total / sum(draws.values())
    return {**weights, **{c: d * scale for c, d in draws.items()}}


def _count_choices(inst: Instance, value_rows: Sequence[Sequence[float]]) -> list[int]:
    """How often each candidate is in the optimum, over every row of values."""
    counts = [0] * inst.size
    plans = feasible_sets(inst) if enumerable(inst) else None
    if plans is None:
        # Too many feasible sets to score them all at once: solve each run on its own.
        for row in value_rows:
            for i in solve(inst.with_values(row), alternatives=0, reasons=False).best.members:
                counts[i] += 1
        return counts
    import numpy as np

    # argmax takes the first of equal totals: order as the optimiser breaks ties (effort, ids).
    plans.sort(key=lambda p: (round(p.effort, 9), sorted(inst.ids[i] for i in p.members)))
    membership = np.zeros((len(plans), inst.size))
    for p, plan in enumerate(plans):
        membership[p, sorted(plan.members)] = 1.0
    for start in range(0, len(value_rows), CHUNK):
        block = np.array(value_rows[start : start + CHUNK], dtype=float).T
        totals = np.round(membership @ block, 9)
        for winner in np.argmax(totals, axis=0):
            for i in plans[int(winner)].members:
                counts[i] += 1
    return counts
