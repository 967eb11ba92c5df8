"""How stable the optimal set is: re-solve under perturbed weights and ratings, count the choices.

Each run moves every 1-5 rating (effect, urgency, risk reduction) one step down, not at all, or
one step up (uniformly, kept on the scale) and, for the weighted method, draws the benefit
weights from a Dirichlet distribution centred on the configured ones. Efforts, votes and the
gap closed are facts, not judgements, and stay as they are; so do budget, maximum, must and
exclude. Runs use Python's `random` with a fixed seed, so the same seed gives the same report.

Each run only asks who is chosen: the optimiser's model is built once and re-solved with the
run's values (analysis/milp.py `Resolver`); no reasons, no runners-up.

Early stop (the report's runs): the runs are drawn in the same order as without it, so the
first k runs are the first k of the full computation of `runs`. From run FIRST_CHECK on, every
CHECK_EVERY runs, each initiative is settled when either
- its class at the full count is already known: the full share would be c/k plus what the
  remaining runs add, whose spread (with the share itself estimated from k runs, Laplace
  smoothed) is sqrt(p(1-p)(N-k)/(Nk)); settled when every line (10 %, 90 %) lies more than
  Z_KNOWN (3.09, one-sided 99.9 %) of those from the share, or
- it is on a line: its share lies within Z_LINE (2) standard errors of a full count of a line;
  then even the full count's class is a toss-up, and it keeps the class of its share.
When every initiative is settled, the runs stop. Against the full count the classes agree for
every initiative whose full share is off the lines (tests/test_sensitivity.py); the report says
how many runs were made and how many initiatives lie on a line.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..models.engagement import Criterion, ScoringMethod
from .scoring import RATING_MAX, RATING_MIN, Columns, Inputs, benefit, columns, values
from .selection import Choice, Instance, enumerable, feasible_sets, solve

Stability = Literal["core", "swing", "out"]
CONCENTRATION = 50.0  # Dirichlet alpha = 50 x weight share: each weight moves about +-15% of itself
CORE, OUT = 0.9, 0.1  # chosen in at least 90% of runs: core; at most 10%: out; between: swing
CHECK_EVERY = 10  # runs between two looks at the intervals (and per matrix product)
FIRST_CHECK = 50  # no stop before this many runs
Z_KNOWN = 3.09  # one-sided 99.9 % normal quantile: the full count's class is known
Z_LINE = 2.0  # within this many of the full count's standard errors of a line: a toss-up
CONFIDENCE = 0.999
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
    """`runs` made of at most `planned`; `confidence` when they stopped early because every
    initiative's class was that sure (see the module's note), else None."""

    runs: int
    seed: int
    shares: tuple[Share, ...]
    planned: int = 0
    confidence: float | None = None
    on_line: int = 0  # initiatives whose share is within the full count's margin of a line


def sensitivity(
    inst: Instance,
    inputs: Sequence[Inputs],
    *,
    method: ScoringMethod,
    weights: Mapping[Criterion, float],
    runs: int,
    seed: int = 0,
    stop_early: bool = False,
) -> Sensitivity:
    """The share of perturbed runs in which each candidate is in the optimal set: `runs` of
    them, or with `stop_early` as few as tell every candidate's class (see the module's note)."""
    optimum = solve(inst, alternatives=0, reasons=False).best.members  # raises when nothing fits
    rows = value_rows(inputs, method=method, weights=weights, seed=seed)
    counter = _Counter(inst)
    done = 0
    while done < runs:
        batch = [next(rows) for _ in range(min(CHECK_EVERY, runs - done))]
        counter.add(batch)
        done += len(batch)
        early = stop_early and counter.solves  # scoring every feasible plan is cheap: no need
        if early and FIRST_CHECK <= done < runs and _settled(counter.counts, done, runs):
            break
    stopped = done < runs
    shares = [
        Share(
            ident,
            counter.counts[i] / done if done else 0.0,
            i in optimum,
            _stability(counter.counts[i], done),
        )
        for i, ident in enumerate(inst.ids)
    ]
    shares.sort(key=lambda s: (-s.share, s.id))
    return Sensitivity(
        runs=done,
        seed=seed,
        shares=tuple(shares),
        planned=runs,
        confidence=CONFIDENCE if stopped else None,
        on_line=sum(on_line(c / done, runs) for c in counter.counts) if done else 0,
    )


def value_rows(
    inputs: Sequence[Inputs],
    *,
    method: ScoringMethod,
    weights: Mapping[Criterion, float],
    seed: int,
) -> Iterator[list[float]]:
    """Every run's values, in order: the same seed gives the same runs, however many are used."""
    rng = random.Random(seed)
    values(method, inputs, weights)  # raises for missing inputs before any run
    base = columns(inputs)
    while True:
        moved = _perturb(base, rng)  # ratings first, then weights: the order runs always drew
        yield benefit(
            method, moved, draw_weights(weights, rng) if method == "weighted" else weights
        )


def _settled(counts: Sequence[int], done: int, planned: int) -> bool:
    """Whether every initiative's class is known (see the module's note)."""
    return all(_known(c, done, planned) or on_line(c / done, planned) for c in counts)


def _known(count: int, done: int, planned: int) -> bool:
    """Whether the full count of `planned` runs will put it in the class of its share now."""
    share, p = count / done, (count + 1) / (done + 2)
    spread = math.sqrt(p * (1 - p) * (planned - done) / (planned * done))
    return all(abs(share - line) > Z_KNOWN * spread for line in (OUT, CORE))


def on_line(share: float, runs: int) -> bool:
    """Whether `share` lies within Z_LINE standard errors of a count of `runs` of a line."""
    return any(
        abs(share - line) < Z_LINE * math.sqrt(line * (1 - line) / runs) for line in (OUT, CORE)
    )


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


class _Counter:
    """How often each candidate is in the optimum, run after run: small instances score every
    feasible plan at once, larger ones re-solve one model (no reasons, no runners-up)."""

    def __init__(self, inst: Instance) -> None:
        self.counts = [0] * inst.size
        self._inst = inst
        self._plans = feasible_sets(inst) if enumerable(inst) else None
        self._membership: object = None
        self._resolver: object = None
        if self._plans is not None:
            self._membership = _membership(inst, self._plans)
        else:
            from .milp import Resolver

            self._resolver = Resolver(inst)

    @property
    def solves(self) -> bool:
        """Whether each run is a solve of its own (not one product over every feasible plan)."""
        return self._plans is None

    def add(self, rows: Sequence[Sequence[float]]) -> None:
        if self._plans is None:
            from .milp import Resolver

            assert isinstance(self._resolver, Resolver)
            for row in rows:
                for i in self._resolver.best(row):
                    self.counts[i] += 1
            return
        import numpy as np

        totals = np.round(self._membership @ np.array(rows, dtype=float).T, 9)
        for winner in np.argmax(totals, axis=0):
            for i in self._plans[int(winner)].members:
                self.counts[i] += 1


def _membership(inst: Instance, plans: list[Choice]) -> object:
    """One row per feasible plan, 1 for its members; argmax takes the first of equal totals, so
    the plans are ordered as the optimiser breaks ties (effort, ids)."""
    import numpy as np

    plans.sort(key=lambda p: (round(p.effort, 9), sorted(inst.ids[i] for i in p.members)))
    membership = np.zeros((len(plans), inst.size))
    for p, plan in enumerate(plans):
        membership[p, sorted(plan.members)] = 1.0
    return membership
